// SPDX-License-Identifier: MIT
#pragma once

#include <utility>
#include <vector>

#include <Eigen/Dense>

namespace breakeven {

/// Result of making a user's correlation matrix usable for a Gaussian copula.
struct CorrelationRepair {
  Eigen::MatrixXd matrix;  ///< the nearest correlation matrix (unit diagonal, PSD)
  bool repaired = false;   ///< false when the input was already PSD (then matrix == input)
  /// Off-diagonal (i, j), i < j, whose value changed by more than 1e-9.
  std::vector<std::pair<int, int>> changed_pairs;
};

/// True when the symmetric matrix has no eigenvalue below -tolerance.
bool is_positive_semidefinite(const Eigen::MatrixXd& symmetric, double tolerance = 1e-10);

/// Higham's (2002) alternating projections to the nearest correlation matrix in the Frobenius
/// norm. Returns the input unchanged when it is already PSD.
CorrelationRepair nearest_correlation_matrix(const Eigen::MatrixXd& symmetric);

/// A factor F with F * F^T == correlation, valid also for singular (PSD) matrices, so that
/// z = F * e turns independent normals e into correlated ones.
Eigen::MatrixXd copula_factor(const Eigen::MatrixXd& correlation);

}  // namespace breakeven
