// SPDX-License-Identifier: MIT
#pragma once

// Internal to path_kernel.cpp: EventStage, one path's events (the lane kernel keeps one per lane).
// Reads the model's events and each event's own stream; writes the current level factors and
// shifts of each target, the temporary effects and event streams in the workspace, delays of
// pending milestones, and each event's occurrence count at the end of the path.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/math/random_stream.hpp"
#include "path_basics.hpp"

namespace breakeven {
// Internal linkage: path_kernel.cpp is the only includer, so the compiler can inline the stage
// into every width's month loop.
namespace {

/// Months until the next arrival of a process that fires with probability 1 - exp(-rate/12) in
/// each month: a geometric number of misses. One uniform per arrival instead of one per month.
int months_to_next(double monthly_log_miss, RandomStream& stream) {
  if (monthly_log_miss == 0) return kNever;  // rate 0
  const double misses = std::floor(std::log(stream.uniform()) / monthly_log_miss);
  return misses >= kNever / 2 ? kNever / 2 : static_cast<int>(misses);
}

/// Runtime state of every event of a path (set by EventStage::start).
struct EventClock {
  int next_month;
  int occurrences;
};

/// The active multiplicative factor (revenue, rnd, sga) or additive shift (growth, margin) of
/// one event target.
struct TargetEffect {
  double permanent;
  double current;
};

bool is_level_target(EventTarget target) {
  return target == EventTarget::revenue || target == EventTarget::rnd || target == EventTarget::sga;
}

/// Apply events: arrivals, their effects, and the expiry of temporary ones. Effects change only
/// when an event arrives or a temporary one expires; in every other month the previous month's
/// factors stand, which keeps quiet months cheap.
class EventStage {
 public:
  void start(const Model& model, PathWorkspace& ws, std::uint64_t seed, std::uint64_t path);
  /// Month m's arrivals and expiries, for m == next_change() (other months change nothing).
  void apply(const Model& model, PathWorkspace& ws, int m) {
    if (m == next_arrival_) arrive(model, ws, m);
    recompute(ws, m);
  }
  /// The next month with an arrival or an expiry: effects stand until then.
  int next_change() const { return std::min(next_arrival_, next_expiry_); }
  double current(EventTarget target) const {
    return effects_[at(static_cast<int>(target))].current;
  }
  /// How often each event occurred within the horizon, for per-path analyses.
  void record_occurrences(PathWorkspace& ws) const {
    const EventClock* clocks = clock_array();
    for (std::size_t e = 0; e < count_; ++e) ws.event_occurrences[e] = clocks[e].occurrences;
  }

 private:
  void arrive(const Model& model, PathWorkspace& ws, int m);
  void recompute(PathWorkspace& ws, int m);

  EventClock* clock_array() {
    return count_ <= clocks_small_.size() ? clocks_small_.data() : clocks_large_.data();
  }
  const EventClock* clock_array() const {
    return count_ <= clocks_small_.size() ? clocks_small_.data() : clocks_large_.data();
  }

  // Left uninitialised: start() sets the clocks of the model's events, and a group's eight
  // stages would otherwise clear 4 KB per group that nobody reads.
  std::array<EventClock, 64> clocks_small_;
  std::vector<EventClock> clocks_large_;
  std::size_t count_ = 0;
  std::array<TargetEffect, 5> effects_{};
  std::array<int, 5> expiry_of_{};  // per target, the first month one of its temporaries ends
  unsigned changed_ = 0;            // bit t: an arrival this month acted on target t
  int next_arrival_ = kNever, next_expiry_ = kNever;
};

void EventStage::start(const Model& model, PathWorkspace& ws, std::uint64_t seed,
                       std::uint64_t path) {
  count_ = model.events.size();
  if (count_ > clocks_small_.size()) clocks_large_.resize(count_);
  EventClock* clocks = clock_array();
  next_arrival_ = next_expiry_ = kNever;
  // Every event draws from its own stream, so adding an event or changing one's rate leaves the
  // others' arrivals and effects where they were.
  ws.event_streams.clear();
  for (const CompiledEvent& event : model.events)
    ws.event_streams.emplace_back(seed, path, Substream::events,
                                  event.stream_key ^ model.company_key);
  for (std::size_t e = 0; e < count_; ++e) {
    const CompiledEvent& event = model.events[e];
    RandomStream& event_stream = ws.event_streams[e];
    EventClock& clock = clocks[e];
    clock.occurrences = 0;
    if (event.scheduled) {
      const bool happens = event_stream.uniform() < event.probability;
      clock.next_month = happens ? event.first_month : kNever;
    } else {
      const int wait = months_to_next(event.log_miss, event_stream);
      clock.next_month = wait >= kNever / 2 ? kNever : event.first_month + wait;
      if (clock.next_month > event.last_month) clock.next_month = kNever;
    }
  }
  for (int t = 0; t < 5; ++t) {
    const double neutral = is_level_target(static_cast<EventTarget>(t)) ? 1.0 : 0.0;
    effects_[at(t)] = {neutral, neutral};
    expiry_of_[at(t)] = kNever;
    ws.temporary[t].clear();
  }
  changed_ = 0;
  for (std::size_t e = 0; e < count_; ++e)
    next_arrival_ = std::min(next_arrival_, clocks[e].next_month);
}

// Events that arrive this month act from this month on.
void EventStage::arrive(const Model& model, PathWorkspace& ws, int m) {
  next_arrival_ = kNever;
  EventClock* clocks = clock_array();
  for (std::size_t e = 0; e < count_; ++e) {
    EventClock& clock = clocks[e];
    if (clock.next_month == m) {
      const CompiledEvent& event = model.events[e];
      RandomStream& event_stream = ws.event_streams[e];
      const bool delays_milestones = event.target == EventTarget::milestones;
      const double effect = delays_milestones ? 0.0 : event.effect.sample(event_stream);
      const int t = static_cast<int>(event.target);
      if (delays_milestones) {  // a delay of every pending milestone, no effect of its own
        if (!model.milestones.empty()) ws.milestones.delay_pending(m, event.duration_months);
      } else {
        changed_ |= 1u << t;  // for recompute()
        if (event.duration_months == 0) {
          if (is_level_target(event.target))
            effects_[at(t)].permanent *= 1.0 + effect;
          else
            effects_[at(t)].permanent += effect;
        } else {
          ws.temporary[t].push_back({m + event.duration_months, effect});
        }
      }
      ++clock.occurrences;
      if (event.scheduled || clock.occurrences >= event.max_occurrences) {
        clock.next_month = kNever;
      } else {
        const int wait = months_to_next(event.log_miss, event_stream);
        clock.next_month = wait >= kNever / 2 ? kNever : m + 1 + wait;
      }
      if (clock.next_month > event.last_month) clock.next_month = kNever;
    }
    next_arrival_ = std::min(next_arrival_, clock.next_month);
  }
}

// Only the targets an arrival acted on, or one of whose temporary effects ends this month: the
// others' effects stand (recomputing them would give the same values).
void EventStage::recompute(PathWorkspace& ws, int m) {
  next_expiry_ = kNever;
  for (int t = 0; t < 5; ++t) {
    int& expiry = expiry_of_[at(t)];
    if ((changed_ >> t & 1u) != 0 || expiry <= m) {
      auto& temporary = ws.temporary[t];
      TargetEffect& effect = effects_[at(t)];
      effect.current = effect.permanent;
      std::erase_if(temporary,
                    [m](const PathWorkspace::ActiveEffect& a) { return a.until_month <= m; });
      const bool level = is_level_target(static_cast<EventTarget>(t));
      expiry = kNever;
      for (const auto& active : temporary) {
        effect.current =
            level ? effect.current * (1.0 + active.effect) : effect.current + active.effect;
        expiry = std::min(expiry, active.until_month);
      }
    }
    next_expiry_ = std::min(next_expiry_, expiry);
  }
  changed_ = 0;
}

}  // namespace
}  // namespace breakeven
