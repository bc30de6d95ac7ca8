// SPDX-License-Identifier: MIT
#pragma once

// Internal to the HTML report: its stylesheet, kept apart from the code that writes the page.

#include <string_view>

namespace breakeven::html {

/// The report's whole stylesheet, inlined into one <style> element so the page needs no
/// fetched resource. Its class names are the ones the page and the charts write.
std::string_view report_stylesheet();

}  // namespace breakeven::html
