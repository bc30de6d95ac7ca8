// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {

/// `text` with the five XML special characters replaced by entities, safe inside HTML/SVG text
/// and attribute values.
std::string xml_escape(std::string_view text);

/// An axis range rounded out to "nice" steps (1, 2 or 5 times a power of ten), so tick labels
/// read as round numbers and several charts given the same data range get the same axis.
struct NiceScale {
  double lo = 0, hi = 1, step = 1;
  /// lo, lo + step, ..., hi.
  std::vector<double> ticks() const;
  /// Decimals that show every tick exactly (0 for a step of 5, 1 for 0.5, ...).
  int decimals() const;
};

/// The nice scale covering [lo, hi] with at most about `max_ticks` intervals. An empty or
/// reversed range gets a unit-wide scale, never a zero step.
NiceScale nice_scale(double lo, double hi, int max_ticks = 5);

/// Where the plot sits inside the SVG viewBox, in viewBox units (the SVG scales with its box).
struct PlotLayout {
  double width = 320, height = 216;
  double left = 46, right = 12, top = 12, bottom = 38;
};

/// One chart: data-to-viewBox mapping plus the SVG elements drawn so far. The x axis is either
/// `count` equal category slots (periods, years) or a linear range; y is a NiceScale, with an
/// optional second scale on the right (e.g. a cumulative share next to per-period bars).
/// Every element carries a CSS class; colours and fonts live in the page's stylesheet.
class SvgPlot {
 public:
  SvgPlot(PlotLayout layout, NiceScale y);

  void set_categories(std::size_t count);
  void set_x_range(double lo, double hi);
  void set_right_scale(NiceScale y2);

  double x(double value) const;  ///< linear x
  double slot_left(std::size_t slot) const;
  double slot_width() const;
  double slot_centre(std::size_t slot) const;
  double y(double value) const;   ///< clamped to the plot area
  double y2(double value) const;  ///< right scale, clamped
  double plot_left() const { return layout_.left; }
  double plot_right() const { return layout_.width - layout_.right; }
  double plot_top() const { return layout_.top; }
  double plot_bottom() const { return layout_.height - layout_.bottom; }

  /// Grid lines and labelled ticks of the left scale, and `label` (the unit) written
  /// vertically beside them. `suffix` follows every tick label (" %").
  void left_axis(std::string_view label, double factor = 1, std::string_view suffix = "");
  /// The same for the right scale.
  void right_axis(std::string_view label, double factor = 1, std::string_view suffix = "");
  /// Category labels under the slots, thinned to every n-th when they would collide; a label
  /// may carry a second, smaller line (`sublabels`, e.g. "(6 mo)"), empty for none. Empty
  /// labels are left out, and the others drawn only where they clear the last one drawn.
  void category_axis(const std::vector<std::string>& labels,
                     const std::vector<std::string>& sublabels, std::string_view title);
  /// Labelled ticks of a linear x scale and its title.
  void linear_axis(const NiceScale& scale, std::string_view title, double factor = 1,
                   std::string_view suffix = "");

  /// A bar from y(0) to y(value) between x0 and x1, with a hover tooltip.
  void bar(double x0, double x1, double value, std::string_view css_class,
           std::string_view tooltip);
  /// A full-height rectangle between x0 and x1 (viewBox units), e.g. an invisible hover area.
  void region(double x0, double x1, std::string_view css_class, std::string_view tooltip);
  /// A polyline through (x, y) points already in viewBox units; dots at the points if asked.
  void line(const std::vector<double>& xs, const std::vector<double>& ys,
            std::string_view css_class, bool dots = false);
  /// A closed area between two curves over the same xs (viewBox units).
  void band(const std::vector<double>& xs, const std::vector<double>& lower,
            const std::vector<double>& upper, std::string_view css_class, std::string_view tooltip);
  /// A vertical marker over the whole plot height with a short label at its top; `row` moves
  /// the label down by whole lines so that neighbouring markers' labels do not overlap.
  void marker(double x_view, std::string_view label, std::string_view css_class, int row = 0);
  /// A horizontal line at data value `value` of the left scale.
  void rule(double value, std::string_view css_class);
  /// Free text at viewBox coordinates; `anchor` is "start", "middle" or "end".
  void text(double x_view, double y_view, std::string_view content, std::string_view css_class,
            std::string_view anchor = "start");

  /// The finished `<svg>` element: scales with its container (viewBox, no fixed size), with
  /// `id`, `css_class`, an accessible `title` and the left axis range as data-y-min/data-y-max.
  std::string svg(std::string_view id, std::string_view css_class, std::string_view title) const;

 private:
  PlotLayout layout_;
  NiceScale y_;
  NiceScale y2_;
  bool has_y2_ = false;
  std::size_t categories_ = 0;
  double x_lo_ = 0, x_hi_ = 1;
  std::string body_;
};

/// A number as SVG wants it: at most two decimals, no trailing zeros, never "-0".
std::string svg_number(double value);

/// A tick label: `value * factor` with the scale's decimals (adjusted for `factor`), then
/// `suffix`; thousands are not separated (axes are short).
std::string tick_label(double value, const NiceScale& scale, double factor,
                       std::string_view suffix);

}  // namespace breakeven
