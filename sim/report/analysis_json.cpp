// SPDX-License-Identifier: MIT
#include "analysis_json.hpp"

namespace breakeven::json {

std::string analysis_document(nlohmann::ordered_json scenarios) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["version"] = BREAKEVEN_VERSION;
  out["scenarios"] = std::move(scenarios);
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace breakeven::json
