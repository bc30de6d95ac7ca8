// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "breakeven/report/csv_report.hpp"
#include "breakeven/report/precision_report.hpp"
#include "breakeven/report/sweep_report.hpp"

namespace breakeven {
namespace {

/// The row under construction: fields joined by commas.
class CsvRow {
 public:
  CsvRow& field(std::string_view text) {
    if (!text_.empty() || started_) text_ += ',';
    text_ += csv_field(text);
    started_ = true;
    return *this;
  }
  CsvRow& number(double value) { return field(csv_number(value)); }
  std::string str() const { return text_ + '\n'; }

 private:
  std::string text_;
  bool started_ = false;
};

std::string swept_value_text(const std::string& toml_text) {
  const auto json = swept_value_json(toml_text);
  return json.is_string() ? json.get<std::string>() : csv_number(json.get<double>());
}

void figure_fields(CsvRow& row, const SweepFigures& f) {
  row.number(f.by_target ? f.by_target->p : NAN).number(f.by_target ? f.by_target->se : NAN);
  row.number(f.cash_out_first.p).number(f.cash_out_first.se).field(f.median_breakeven);
  row.number(f.funding_need_p50).number(f.funding_need_p90);
  row.field(fmt::format("{}", f.runway_p50));
}

void difference_fields(CsvRow& row, const PairedDifference* d) {
  if (d == nullptr) {
    for (int i = 0; i < 5; ++i) row.field("");
    return;
  }
  row.number(d->diff).number(d->lo).number(d->hi).number(d->unpaired_lo).number(d->unpaired_hi);
}

/// With --precision: the paths a row used, the half-width reached, why it stopped and, for a
/// point, the paths its differences are paired on.
void precision_fields(CsvRow& row, const SweepFigures& f, const SweepPoint* point) {
  if (!f.precision) {
    for (int i = 0; i < 4; ++i) row.field("");
    return;
  }
  row.field(fmt::format("{}", f.paths)).number(f.precision->half_width);
  row.field(precision_stop_reason(*f.precision));
  row.field(point ? fmt::format("{}", point->paired_paths) : std::string());
}

}  // namespace

std::string sweep_csv(const std::vector<SweepResult>& sweeps) {
  std::vector<std::string> keys;
  for (const auto& sweep : sweeps)
    for (const auto& key : sweep.keys)
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  CsvRow header;
  header.field("scenario").field("file").field("point");
  for (const auto& key : keys) header.field("value:" + key);
  for (const char* name :
       {"p_by_target", "p_by_target_se", "cash_out_first", "cash_out_first_se", "median_breakeven",
        "funding_need_p50", "funding_need_p90", "runway_p50", "diff_p_by_target",
        "diff_p_by_target_lo", "diff_p_by_target_hi", "unpaired_lo", "unpaired_hi",
        "diff_cash_out_first", "diff_cash_out_first_lo", "diff_cash_out_first_hi",
        "diff_cash_out_first_unpaired_lo", "diff_cash_out_first_unpaired_hi"})
    header.field(name);
  // Only with --precision, so a fixed sweep's table stays as it was.
  const bool precision = std::any_of(sweeps.begin(), sweeps.end(),
                                     [](const SweepResult& s) { return s.precision.has_value(); });
  if (precision)
    for (const char* name : {"paths", "half_width", "stopped", "paired_paths"}) header.field(name);
  std::string text = header.str();
  for (const auto& sweep : sweeps) {
    auto value_of = [&](const SweepPoint* point, const std::string& key) {
      const auto it = std::find(sweep.keys.begin(), sweep.keys.end(), key);
      if (point == nullptr || it == sweep.keys.end()) return std::string();
      return swept_value_text(point->values[static_cast<std::size_t>(it - sweep.keys.begin())]);
    };
    CsvRow base;
    base.field(sweep.name).field(sweep.file).field("base");
    for (const auto& key : keys) base.field(value_of(nullptr, key));
    figure_fields(base, sweep.base);
    difference_fields(base, nullptr);
    difference_fields(base, nullptr);
    if (precision) precision_fields(base, sweep.base, nullptr);
    text += base.str();
    for (std::size_t i = 0; i < sweep.points.size(); ++i) {
      const SweepPoint& point = sweep.points[i];
      CsvRow row;
      row.field(sweep.name).field(sweep.file).field(fmt::format("{}", i + 1));
      for (const auto& key : keys) row.field(value_of(&point, key));
      figure_fields(row, point.figures);
      difference_fields(row, point.by_target ? &*point.by_target : nullptr);
      difference_fields(row, &point.cash_out_first);
      if (precision) precision_fields(row, point.figures, &point);
      text += row.str();
    }
  }
  return text;
}

}  // namespace breakeven
