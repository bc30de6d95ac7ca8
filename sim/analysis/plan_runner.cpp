// SPDX-License-Identifier: MIT
#include "breakeven/analysis/plan_runner.hpp"

namespace breakeven {
namespace {

class LocalRunner final : public PlanRunner {
 public:
  RunTallies evaluate(const RunPlan& plan, const EngineOptions& options,
                      const std::vector<PathColumn>& /*columns*/) override {
    return simulate(plan, options);
  }
};

}  // namespace

PlanRunner& local_runner() {
  static LocalRunner runner;  // stateless, so one is shared
  return runner;
}

}  // namespace breakeven
