// SPDX-License-Identifier: MIT
#include "command_outputs.hpp"

#include <iostream>

namespace breakeven {

CommandOutputs::CommandOutputs(std::optional<std::string> json, std::optional<std::string> out)
    : json_(std::move(json)), out_(std::move(out)) {
  const bool json_file = json_ && !json_to_stdout();
  if (json_file || out_)
    commit_.emplace(json_file ? json_ : std::nullopt,
                    out_ ? std::optional<std::filesystem::path>(*out_) : std::nullopt);
}

void CommandOutputs::write(const std::string& json_text, const std::vector<OutputFile>& out_files) {
  if (json_to_stdout()) std::cout << json_text << std::flush;
  if (commit_) commit_->commit(json_text, out_files);
}

}  // namespace breakeven
