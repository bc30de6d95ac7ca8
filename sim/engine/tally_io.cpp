// SPDX-License-Identifier: MIT
#include "breakeven/engine/tally_io.hpp"

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

using Json = nlohmann::ordered_json;
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

std::string int128_text(Int128 value) {
  const bool negative = value < 0;
  UInt128 magnitude = negative ? -static_cast<UInt128>(value) : static_cast<UInt128>(value);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  return negative ? "-" + digits : digits;
}

Int128 int128_of(const std::string& text) {
  std::size_t i = text.starts_with('-') ? 1 : 0;
  if (i == text.size()) throw UsageError("tallies: an exact sum is not an integer: " + text);
  UInt128 magnitude = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9')
      throw UsageError("tallies: an exact sum is not an integer: " + text);
    magnitude = magnitude * 10 + static_cast<UInt128>(text[i] - '0');
  }
  return text.starts_with('-') ? -static_cast<Int128>(magnitude) : static_cast<Int128>(magnitude);
}

/// Only the non-zero bins: a histogram has 51,201 of them, and a run fills a few hundred.
Json histogram_json(const LogHistogram& histogram) {
  Json bins = Json::array();
  const std::vector<std::uint64_t>& counts = histogram.bins();
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] != 0) bins.push_back(Json::array({i, counts[i]}));
  return bins;
}

LogHistogram histogram_of(const Json& bins) {
  LogHistogram histogram;
  for (const Json& bin : bins)
    histogram.set_bin(bin.at(0).get<std::size_t>(), bin.at(1).get<std::uint64_t>());
  return histogram;
}

Json histograms_json(const std::vector<LogHistogram>& histograms) {
  Json list = Json::array();
  for (const LogHistogram& histogram : histograms) list.push_back(histogram_json(histogram));
  return list;
}

void read_histograms(const Json& list, std::vector<LogHistogram>& into) {
  if (list.size() != into.size()) throw UsageError("tallies: a fan has the wrong number of years");
  for (std::size_t i = 0; i < into.size(); ++i) into[i] = histogram_of(list[i]);
}

/// A count vector, checked against the length the model gives it.
void read_counts(const Json& list, std::vector<std::uint64_t>& into, const char* name) {
  auto counts = list.get<std::vector<std::uint64_t>>();
  if (counts.size() != into.size())
    throw UsageError(fmt::format("tallies: {} has {} entries, the scenario {}", name, counts.size(),
                                 into.size()));
  into = std::move(counts);
}

Json tally_json(const Tally& tally, const Model& model) {
  Json out;
  out["name"] = model.spec.company.name;
  out["periods"] = model.periods.size();
  out["fiscal_years"] = model.fiscal_years.size();
  out["months"] = model.months;
  out["paths"] = tally.paths;
  out["breakeven_by_period"] = tally.breakeven_by_period;
  out["cash_out_first"] = tally.cash_out_first;
  out["not_within_horizon"] = tally.not_within_horizon;
  out["cashout_by_year"] = tally.cashout_by_year;
  out["cashout_first_by_year"] = tally.cashout_first_by_year;
  out["runway_months"] = tally.runway_months;
  out["funding_need"] = histogram_json(tally.funding_need);
  out["funding_need_sum"] = int128_text(tally.funding_need_sum.raw());
  out["funding_need_zero"] = tally.funding_need_zero;
  out["revenue"] = histograms_json(tally.revenue);
  out["net_income"] = histograms_json(tally.net_income);
  out["cash"] = histograms_json(tally.cash);
  out["alive"] = tally.alive;
  // Only with milestones, so the tallies of a scenario without them are written as before.
  if (!tally.milestone_success_by_month.empty())
    out["milestone_success_by_month"] = tally.milestone_success_by_month;
  return out;
}

Tally tally_of(const Json& in, const Model& model) {
  if (in.at("name").get<std::string>() != model.spec.company.name ||
      in.at("periods").get<std::size_t>() != model.periods.size() ||
      in.at("fiscal_years").get<std::size_t>() != model.fiscal_years.size() ||
      in.at("months").get<int>() != model.months)
    throw UsageError(fmt::format("tallies: written for another scenario than {} ({})",
                                 model.spec.company.name, model.spec.file));
  Tally tally(model);
  tally.paths = in.at("paths").get<std::uint64_t>();
  read_counts(in.at("breakeven_by_period"), tally.breakeven_by_period, "breakeven_by_period");
  tally.cash_out_first = in.at("cash_out_first").get<std::uint64_t>();
  tally.not_within_horizon = in.at("not_within_horizon").get<std::uint64_t>();
  read_counts(in.at("cashout_by_year"), tally.cashout_by_year, "cashout_by_year");
  read_counts(in.at("cashout_first_by_year"), tally.cashout_first_by_year, "cashout_first_by_year");
  read_counts(in.at("runway_months"), tally.runway_months, "runway_months");
  tally.funding_need = histogram_of(in.at("funding_need"));
  tally.funding_need_sum = ExactSum::from_raw(int128_of(in.at("funding_need_sum")));
  tally.funding_need_zero = in.at("funding_need_zero").get<std::uint64_t>();
  read_histograms(in.at("revenue"), tally.revenue);
  read_histograms(in.at("net_income"), tally.net_income);
  read_histograms(in.at("cash"), tally.cash);
  read_counts(in.at("alive"), tally.alive, "alive");
  if (!model.milestones.empty()) {
    const Json& milestones = in.at("milestone_success_by_month");
    if (!milestones.is_array() || milestones.size() != model.milestones.size())
      throw UsageError(
          fmt::format("tallies: milestone_success_by_month does not match the "
                      "scenario's {} milestones",
                      model.milestones.size()));
    for (std::size_t i = 0; i < model.milestones.size(); ++i)
      read_counts(milestones[i], tally.milestone_success_by_month[i], "milestone_success_by_month");
  }
  return tally;
}

Json joint_json(const JointTally& joint) {
  Json out;
  out["scenarios"] = joint.scenarios;
  out["first_year"] = joint.first_year;
  out["last_year"] = joint.last_year;
  out["paths"] = joint.paths;
  out["breakeven_count"] = joint.breakeven_count;
  out["cash_out_count"] = joint.cash_out_count;
  out["all_by_target"] = joint.all_by_target;
  out["none_by_target"] = joint.none_by_target;
  Json pairs = Json::array();
  for (const JointTally::PairCounts& pair : joint.pairs)
    pairs.push_back(Json::array({pair.a_first, pair.b_first, pair.same_month, pair.neither}));
  out["pairs"] = std::move(pairs);
  return out;
}

JointTally joint_of(const Json& in, const std::vector<const Model*>& models) {
  JointTally joint(models);
  if (in.at("scenarios").get<int>() != joint.scenarios ||
      in.at("first_year").get<int>() != joint.first_year ||
      in.at("last_year").get<int>() != joint.last_year)
    throw UsageError("tallies: joint counts written for another batch");
  joint.paths = in.at("paths").get<std::uint64_t>();
  const auto rows = [&](const char* key) {
    auto counts = in.at(key).get<std::vector<std::vector<std::uint64_t>>>();
    if (counts.size() != joint.breakeven_count.size())
      throw UsageError(fmt::format("tallies: {} has the wrong number of years", key));
    for (const auto& row : counts)
      if (row.size() != models.size() + 1)
        throw UsageError(fmt::format("tallies: a row of {} has the wrong length", key));
    return counts;
  };
  joint.breakeven_count = rows("breakeven_count");
  joint.cash_out_count = rows("cash_out_count");
  joint.all_by_target = in.at("all_by_target").get<std::uint64_t>();
  joint.none_by_target = in.at("none_by_target").get<std::uint64_t>();
  const Json& pairs = in.at("pairs");
  if (pairs.size() != joint.pairs.size()) throw UsageError("tallies: wrong number of pairs");
  for (std::size_t p = 0; p < joint.pairs.size(); ++p) {
    const auto counts = pairs[p].get<std::array<std::uint64_t, 4>>();
    joint.pairs[p] = {counts[0], counts[1], counts[2], counts[3]};
  }
  return joint;
}

}  // namespace

std::string tallies_to_json(const RunTallies& tallies, const std::vector<const Model*>& models) {
  Json out;
  out["format"] = "breakeven-tallies";
  out["version"] = kTallyFormatVersion;
  out["seed"] = tallies.seed;
  out["paths"] = tallies.paths;
  out["begin"] = tallies.begin;
  out["end"] = tallies.end;
  Json scenarios = Json::array();
  for (std::size_t i = 0; i < tallies.scenarios.size(); ++i)
    scenarios.push_back(tally_json(tallies.scenarios[i], *models.at(i)));
  out["scenarios"] = std::move(scenarios);
  if (tallies.joint) out["joint"] = joint_json(*tallies.joint);
  return out.dump() + "\n";
}

RunTallies tallies_from_json(std::string_view text, const std::vector<const Model*>& models) {
  const Json in = Json::parse(text, nullptr, false);
  if (in.is_discarded() || !in.is_object() || in.value("format", "") != "breakeven-tallies")
    throw UsageError("tallies: not a breakeven tally file");
  if (in.value("version", 0) != kTallyFormatVersion)
    throw UsageError(fmt::format("tallies: format version {}, this build reads {}",
                                 in.value("version", 0), kTallyFormatVersion));
  try {
    RunTallies tallies;
    tallies.seed = in.at("seed").get<std::uint64_t>();
    tallies.paths = in.at("paths").get<std::int64_t>();
    tallies.begin = in.at("begin").get<std::int64_t>();
    tallies.end = in.at("end").get<std::int64_t>();
    const Json& scenarios = in.at("scenarios");
    if (scenarios.size() != models.size())
      throw UsageError(
          fmt::format("tallies: {} scenarios, the run has {}", scenarios.size(), models.size()));
    for (std::size_t i = 0; i < models.size(); ++i)
      tallies.scenarios.push_back(tally_of(scenarios[i], *models[i]));
    if (in.contains("joint")) tallies.joint = joint_of(in.at("joint"), models);
    return tallies;
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(std::string("tallies: malformed: ") + e.what());
  } catch (const std::out_of_range& e) {
    throw UsageError(std::string("tallies: a histogram bin is out of range: ") + e.what());
  }
}

}  // namespace breakeven
