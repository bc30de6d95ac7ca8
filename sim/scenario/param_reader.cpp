// SPDX-License-Identifier: MIT
#include "param_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "breakeven/scenario/values.hpp"

namespace breakeven::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The values a distribution can draw. `atoms` marks discrete mass at the ends: a continuous
// distribution may touch an open bound (it draws that exact value with probability zero), a
// constant or a discrete value may not.
struct Support {
  double lo = -kInf;
  double hi = kInf;
  bool atoms = false;
};

struct Parsed {
  Distribution dist;
  Support support;
};

std::string interval_text(double lo, double hi) {
  std::string text = "[";
  return text.append(format_number(lo)).append(", ").append(format_number(hi)).append("]");
}

Parsed read_normal(const TableReader& table, ValueKind kind) {
  table.allow({"dist", "mean", "sd", "p05", "p95", "truncate"}, "for a normal distribution");
  const bool moments = table.has("mean") || table.has("sd");
  const bool interval = table.has("p05") || table.has("p95");
  if (moments && interval) {
    table.fail(table.has("p05") ? "p05" : "p95",
               "give either mean and sd or p05 and p95, not both");
  }
  if (interval) {
    const double p05 = table.need("p05", table.number("p05", kind, Range::any()));
    const double p95 = table.need("p95", table.number("p95", kind, Range::any()));
    if (!(p05 < p95)) {
      table.fail("p95", "must be greater than p05 (" + format_number(p05) + "), got " +
                            format_number(p95));
    }
    return {Distribution::make_normal_interval(p05, p95), {}};
  }
  const double mean = table.need("mean", table.number("mean", kind, Range::any()),
                                 "or give the 90 % interval as p05 and p95");
  const double sd = table.need("sd", table.number("sd", kind, Range::at_least(0)));
  Support support;
  if (sd == 0) support = {mean, mean, true};
  return {Distribution::make_normal(mean, sd), support};
}

Parsed read_lognormal(const TableReader& table, ValueKind kind) {
  table.allow({"dist", "median", "sigma", "p05", "p95", "truncate"},
              "for a lognormal distribution");
  const bool moments = table.has("median") || table.has("sigma");
  const bool interval = table.has("p05") || table.has("p95");
  if (moments && interval) {
    table.fail(table.has("p05") ? "p05" : "p95",
               "give either median and sigma or p05 and p95, not both");
  }
  if (interval) {
    const double p05 = table.need("p05", table.number("p05", kind, Range::greater_than(0)));
    const double p95 = table.need("p95", table.number("p95", kind, Range::greater_than(0)));
    if (!(p05 < p95)) {
      table.fail("p95", "must be greater than p05 (" + format_number(p05) + "), got " +
                            format_number(p95));
    }
    return {Distribution::make_lognormal_interval(p05, p95), {0, kInf, false}};
  }
  const double median = table.need("median", table.number("median", kind, Range::greater_than(0)),
                                   "or give the 90 % interval as p05 and p95");
  // sigma is the sd of the log, a pure number whatever the parameter's unit.
  const double sigma =
      table.need("sigma", table.number("sigma", ValueKind::rate, Range::at_least(0)));
  Support support{0, kInf, false};
  if (sigma == 0) support = {median, median, true};
  return {Distribution::make_lognormal(median, sigma), support};
}

Parsed read_uniform(const TableReader& table, ValueKind kind) {
  table.allow({"dist", "min", "max", "truncate"}, "for a uniform distribution");
  const double min = table.need("min", table.number("min", kind, Range::any()));
  const double max = table.need("max", table.number("max", kind, Range::any()));
  if (!(min < max)) {
    table.fail("max",
               "must be greater than min (" + format_number(min) + "), got " + format_number(max));
  }
  return {Distribution::make_uniform(min, max), {min, max, false}};
}

Parsed read_three_point(const TableReader& table, ValueKind kind, bool pert) {
  table.allow({"dist", "min", "mode", "max", "truncate"},
              pert ? "for a pert distribution" : "for a triangular distribution");
  const double min = table.need("min", table.number("min", kind, Range::any()));
  const double mode = table.need("mode", table.number("mode", kind, Range::any()));
  const double max = table.need("max", table.number("max", kind, Range::any()));
  if (!(min < max)) {
    table.fail("max",
               "must be greater than min (" + format_number(min) + "), got " + format_number(max));
  }
  if (mode < min || mode > max) {
    table.fail("mode", "must lie between min and max " + interval_text(min, max) + ", got " +
                           format_number(mode));
  }
  return {pert ? Distribution::make_pert(min, mode, max)
               : Distribution::make_triangular(min, mode, max),
          {min, max, false}};
}

Parsed read_beta(const TableReader& table, ValueKind kind) {
  table.allow({"dist", "alpha", "beta", "min", "max", "truncate"}, "for a beta distribution");
  const double alpha =
      table.need("alpha", table.number("alpha", ValueKind::plain, Range::greater_than(0)));
  const double beta =
      table.need("beta", table.number("beta", ValueKind::plain, Range::greater_than(0)));
  const double min = table.number("min", kind, Range::any()).value_or(0);
  const double max = table.number("max", kind, Range::any()).value_or(1);
  if (!(min < max)) {
    table.fail(table.has("max") ? "max" : "min",
               "the scale needs min < max, got " + interval_text(min, max));
  }
  return {Distribution::make_beta(alpha, beta, min, max), {min, max, false}};
}

// The values a discrete distribution can draw: those with positive weight inside [lo, hi].
std::optional<Support> discrete_support(const std::vector<double>& values,
                                        const std::vector<double>& weights, double lo, double hi) {
  std::optional<Support> support;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (weights[i] <= 0 || values[i] < lo || values[i] > hi) continue;
    if (!support) support = Support{values[i], values[i], true};
    support->lo = std::min(support->lo, values[i]);
    support->hi = std::max(support->hi, values[i]);
  }
  return support;
}

Parsed read_discrete(const TableReader& table, ValueKind kind) {
  table.allow({"dist", "values", "weights", "truncate"}, "for a discrete distribution");
  const toml::array* values_node = table.array("values");
  if (!values_node) table.fail_missing("values");
  if (values_node->empty()) table.fail("values", "needs at least one value");
  std::vector<double> values;
  for (std::size_t i = 0; i < values_node->size(); ++i) {
    values.push_back(read_number(*values_node->get(i),
                                 table.dotted("values") + "." + std::to_string(i), kind,
                                 Range::any(), table.context()));
  }
  // Equal weights when none are given: the plain "one of these" case.
  std::vector<double> weights(values.size(), 1.0);
  if (const toml::array* weights_node = table.array("weights")) {
    if (weights_node->size() != values.size()) {
      table.fail("weights", "needs one weight per value (" + std::to_string(values.size()) +
                                "), got " + std::to_string(weights_node->size()));
    }
    double total = 0;
    for (std::size_t i = 0; i < weights_node->size(); ++i) {
      weights[i] =
          read_number(*weights_node->get(i), table.dotted("weights") + "." + std::to_string(i),
                      ValueKind::rate, Range::at_least(0), table.context());
      total += weights[i];
    }
    if (!(total > 0)) table.fail("weights", "must not all be zero");
  }
  const Support support = *discrete_support(values, weights, -kInf, kInf);
  return {Distribution::make_discrete(values, weights), support};
}

// Applies `truncate = [lo, hi]`, refusing bounds that leave nothing to draw.
void apply_truncate(const TableReader& table, ValueKind kind, const std::string& name,
                    Parsed& parsed) {
  const toml::array* bounds = table.array("truncate");
  if (!bounds) return;
  if (bounds->size() != 2) {
    table.fail("truncate",
               "expected two bounds [lo, hi], got " + std::to_string(bounds->size()) + " values");
  }
  const std::string key = table.dotted("truncate");
  const double lo = read_number(*bounds->get(0), key + ".0", kind, Range::any(), table.context());
  const double hi = read_number(*bounds->get(1), key + ".1", kind, Range::any(), table.context());
  if (!(lo < hi)) table.fail("truncate", "needs lo < hi, got " + interval_text(lo, hi));
  Support& support = parsed.support;
  if (name == "discrete") {
    const auto kept = discrete_support(parsed.dist.values, parsed.dist.weights, lo, hi);
    if (!kept) {
      table.fail("truncate", interval_text(lo, hi) + " leaves none of the values");
    }
    support = *kept;
  } else if (support.atoms) {
    // A zero-spread normal or lognormal is one value: truncating it either keeps it unchanged
    // or leaves nothing.
    if (support.lo < lo || support.lo > hi) {
      table.fail("truncate",
                 interval_text(lo, hi) + " excludes the only value " + format_number(support.lo));
    }
    return;
  } else {
    const double new_lo = std::max(lo, support.lo);
    const double new_hi = std::min(hi, support.hi);
    if (!(new_lo < new_hi)) {
      table.fail("truncate", interval_text(lo, hi) +
                                 " leaves nothing of the distribution's range " +
                                 interval_text(support.lo, support.hi));
    }
    support = {new_lo, new_hi, false};
  }
  parsed.dist = parsed.dist.truncated(lo, hi);
}

// Probability mass of `dist` (after its own truncation) that lies outside `range`, below and
// above. P(X < lo) for a closed bound, P(X <= lo) for an open one: a constant or a discrete value
// exactly on an open bound is outside, a continuous distribution touching it is not.
struct MassBeyond {
  double below = 0;
  double above = 0;
  double total() const { return below + above; }
};

MassBeyond mass_beyond(const Distribution& dist, const Range& range) {
  auto before = [](double x) { return std::nextafter(x, -kInf); };
  const double t_lo = dist.truncate_lo.value_or(-kInf);
  const double t_hi = dist.truncate_hi.value_or(kInf);
  const double lo_edge = std::isfinite(t_lo) ? dist.cdf(before(t_lo)) : 0.0;
  const double hi_edge = std::isfinite(t_hi) ? dist.cdf(t_hi) : 1.0;
  const double kept = hi_edge - lo_edge;
  MassBeyond mass;
  if (!(kept > 0)) return mass;
  if (std::isfinite(range.lo) && range.lo > t_lo) {
    const double x = range.lo_open ? range.lo : before(range.lo);
    mass.below = std::clamp(dist.cdf(std::min(x, t_hi)) - lo_edge, 0.0, kept) / kept;
  }
  if (std::isfinite(range.hi) && range.hi <= t_hi) {
    const double x = range.hi_open ? before(range.hi) : range.hi;
    mass.above = std::clamp(hi_edge - std::max(dist.cdf(x), lo_edge), 0.0, kept) / kept;
  }
  return mass;
}

// "5 %", "0.012 %", "3.2e-05 %": enough digits to compare with the 1e-6 rule.
std::string mass_text(double mass) {
  return fmt::format("{:.2g} %", mass * 100);
}

// Three significant digits, for a suggested bound a reader can type.
double round3(double x) {
  return std::stod(fmt::format("{:.3g}", x));
}

// A draw beyond a key's bound must never reach the model. A distribution whose tail crosses the
// bound with less than kNegligibleMass is cut there (and the scenario's notes say so); with more,
// the analyst has to choose the bounds, so the message states the mass and suggests some.
constexpr double kNegligibleMass = 1e-6;

void enforce_bounds(const TableReader& table, const std::string& name, Parsed& parsed,
                    const Range& range) {
  Distribution& dist = parsed.dist;
  const MassBeyond mass = mass_beyond(dist, range);
  if (mass.total() == 0) return;
  if (mass.total() < kNegligibleMass) {
    // An open bound is kept by the next double inside it, so ln(1 + g) stays finite.
    const double lo =
        mass.below > 0 ? (range.lo_open ? std::nextafter(range.lo, kInf) : range.lo) : -kInf;
    const double hi =
        mass.above > 0 ? (range.hi_open ? std::nextafter(range.hi, -kInf) : range.hi) : kInf;
    dist = dist.truncated(lo, hi);
    if (auto* notes = table.context().notes) {
      const double bound = mass.below > 0 ? range.lo : range.hi;
      notes->push_back(
          {table.prefix(), fmt::format("{} distribution cut at {} ({} of its mass "
                                       "lay beyond, less than 1e-6)",
                                       name, format_number(bound), mass_text(mass.total()))});
    }
    return;
  }
  const bool below = mass.below >= mass.above;
  const double bound = below ? range.lo : range.hi;
  // The crossed side at the bound; the other where the distribution ends, or far in its tail.
  const Support& support = parsed.support;
  const double suggested_lo = mass.below > 0              ? range.lo
                              : std::isfinite(support.lo) ? support.lo
                                                          : round3(dist.quantile(kNegligibleMass));
  const double suggested_hi = mass.above > 0 ? range.hi
                              : std::isfinite(support.hi)
                                  ? support.hi
                                  : round3(dist.quantile(1 - kNegligibleMass));
  const std::string where = below ? "below " : "above ";
  throw ScenarioError(
      table.table_where(), table.prefix(),
      fmt::format("must be {}, but {} of this {} distribution lies {}{} (at most 1e-6 may, and "
                  "is then cut off); bound it, e.g. truncate = [{}, {}]",
                  range.describe_for(bound), mass_text(below ? mass.below : mass.above), name,
                  where, format_number(bound), format_number(suggested_lo),
                  format_number(suggested_hi)));
}

}  // namespace

const std::vector<std::string>& distribution_names() {
  static const std::vector<std::string> names{"normal", "lognormal", "uniform", "triangular",
                                              "pert",   "beta",      "discrete"};
  return names;
}

Distribution read_param(const toml::node& node, const std::string& dotted, ValueKind kind,
                        const Range& range, ReadContext& context) {
  const auto* table = node.as_table();
  if (!table) {
    if (node.is_array()) {
      throw ScenarioError(location_of(node), dotted,
                          "expected a number or a distribution such as { dist = \"normal\", "
                          "mean = 0.5, sd = 0.1 }, got an array");
    }
    return Distribution::constant_value(read_number(node, dotted, kind, range, context));
  }
  const TableReader reader(table, dotted, location_of(*table), context);
  const std::string name = reader.need(
      "dist", reader.string("dist"),
      "a distribution is written { dist = \"normal\", mean = ..., sd = ... } or similar");
  const auto& names = distribution_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    fail_choice(reader.where("dist"), reader.dotted("dist"), "distribution", name, names);
  }
  Parsed parsed;
  if (name == "normal") {
    parsed = read_normal(reader, kind);
  } else if (name == "lognormal") {
    parsed = read_lognormal(reader, kind);
  } else if (name == "uniform") {
    parsed = read_uniform(reader, kind);
  } else if (name == "triangular" || name == "pert") {
    parsed = read_three_point(reader, kind, name == "pert");
  } else if (name == "beta") {
    parsed = read_beta(reader, kind);
  } else {
    parsed = read_discrete(reader, kind);
  }
  apply_truncate(reader, kind, name, parsed);
  enforce_bounds(reader, name, parsed, range);
  return parsed.dist;
}

std::optional<Distribution> read_param(const TableReader& table, std::string_view key,
                                       ValueKind kind, const Range& range) {
  const toml::node* node = table.node(key);
  if (!node) return std::nullopt;
  return read_param(*node, table.dotted(key), kind, range, table.context());
}

}  // namespace breakeven::detail
