// SPDX-License-Identifier: MIT
#include "company_groups.hpp"

#include <filesystem>
#include <string_view>

namespace breakeven {
namespace {

// "scenarios/metax_bear.toml" -> ("scenarios/metax", "bear"); no role for other names.
std::pair<std::string, std::string> base_and_role(const std::string& file) {
  const std::filesystem::path path(file);
  const std::string stem = path.stem().string();
  const std::string dir = path.parent_path().string();
  for (std::string_view role : {"bear", "bull"}) {
    const std::string suffix = "_" + std::string(role);
    if (stem.size() > suffix.size() &&
        stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0)
      return {dir + "/" + stem.substr(0, stem.size() - suffix.size()), std::string(role)};
  }
  return {dir + "/" + stem, ""};
}

}  // namespace

std::vector<CompanyGroup> company_groups(const std::vector<ScenarioResult>& results) {
  std::vector<CompanyGroup> groups;
  std::vector<std::string> group_keys;
  // Base cases first, so a variant listed before its base still finds it.
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto [key, role] = base_and_role(results[i].file);
    if (role.empty() || results[i].file.empty()) {
      groups.push_back({i, std::nullopt, std::nullopt});
      group_keys.push_back(results[i].file.empty() ? std::string() : key);
    }
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto [key, role] = base_and_role(results[i].file);
    if (role.empty() || results[i].file.empty()) continue;
    CompanyGroup* home = nullptr;
    for (std::size_t g = 0; g < groups.size(); ++g)
      if (!group_keys[g].empty() && group_keys[g] == key) home = &groups[g];
    if (home) {
      std::optional<std::size_t>& slot = role == "bear" ? home->bear : home->bull;
      if (!slot) {
        slot = i;
        continue;
      }
    }
    // No base case in the batch (or a second bear): a company of its own, after the others.
    groups.push_back({i, std::nullopt, std::nullopt});
    group_keys.emplace_back();
  }
  return groups;
}

std::vector<Variant> variants_of(const CompanyGroup& group,
                                 const std::vector<ScenarioResult>& results) {
  std::vector<Variant> out;
  if (group.bear) out.push_back({&results[*group.bear], "bear"});
  if (group.bull) out.push_back({&results[*group.bull], "bull"});
  return out;
}

}  // namespace breakeven
