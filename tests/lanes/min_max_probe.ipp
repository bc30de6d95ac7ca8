// SPDX-License-Identifier: MIT
// Built once per width by test_lane_min_max.cpp through the kernel's per_width.ipp: the kernel's
// own vmin, vmax and vclamp, applied to arrays kLanes at a time.
#include "sim/engine/path/lane_math.ipp"

/// out_min[i] = vmin(a[i], b[i]), out_max[i] = vmax(a[i], b[i]) and
/// out_clamp[i] = vclamp(a[i], lo, hi), for i < n (a multiple of kLanes).
void min_max_clamp(const double* a, const double* b, std::size_t n, double lo, double hi,
                   double* out_min, double* out_max, double* out_clamp) {
  for (std::size_t i = 0; i < n; i += kLanes) {
    const VD x = load_lanes(a + i), y = load_lanes(b + i);
    const VD low = vmin(x, y), high = vmax(x, y), clamped = vclamp(x, splat(lo), splat(hi));
    __builtin_memcpy(out_min + i, &low, sizeof low);
    __builtin_memcpy(out_max + i, &high, sizeof high);
    __builtin_memcpy(out_clamp + i, &clamped, sizeof clamped);
  }
}
