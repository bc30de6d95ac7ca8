// SPDX-License-Identifier: MIT
#include "breakeven/math/correlation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace breakeven {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

void require_square(const MatrixXd& m, const char* where) {
  if (m.rows() != m.cols()) throw std::invalid_argument(std::string(where) + ": not square");
  if (!m.allFinite()) throw std::invalid_argument(std::string(where) + ": not finite");
}

MatrixXd symmetrised(const MatrixXd& m) {
  return 0.5 * (m + m.transpose());
}

/// Projection onto the PSD cone in the Frobenius norm: negative eigenvalues set to 0.
MatrixXd psd_projection(const MatrixXd& symmetric) {
  Eigen::SelfAdjointEigenSolver<MatrixXd> eig(symmetric);
  const VectorXd clipped = eig.eigenvalues().cwiseMax(0.0);
  MatrixXd x = eig.eigenvectors() * clipped.asDiagonal() * eig.eigenvectors().transpose();
  return symmetrised(x);
}

/// Rescales a PSD matrix with positive diagonal to unit diagonal (D^-1/2 X D^-1/2 keeps PSD).
MatrixXd unit_diagonal(const MatrixXd& x) {
  const VectorXd scale = x.diagonal().cwiseMax(1e-300).cwiseSqrt().cwiseInverse();
  MatrixXd y = scale.asDiagonal() * x * scale.asDiagonal();
  y.diagonal().setOnes();
  return y;
}

bool has_unit_diagonal(const MatrixXd& m) {
  return (m.diagonal().array() - 1.0).abs().maxCoeff() <= 1e-12;
}

double max_abs_difference(const MatrixXd& a, const MatrixXd& b) {
  return a.size() == 0 ? 0.0 : (a - b).cwiseAbs().maxCoeff();
}

/// Cholesky without pivoting that tolerates a singular PSD matrix (a zero pivot gives a zero
/// column). Lower-triangular on purpose: the first variable's normal is the first independent
/// one, and so on, so adding a correlation to later parameters leaves the earlier parameters'
/// draws as they were, which keeps sweeps' common random numbers aligned.
MatrixXd semidefinite_cholesky(const MatrixXd& c) {
  const Index n = c.rows();
  MatrixXd l = MatrixXd::Zero(n, n);
  for (Index j = 0; j < n; ++j) {
    const double d = c(j, j) - l.row(j).head(j).squaredNorm();
    if (d <= 0) continue;  // (numerically) dependent on earlier variables: zero column
    const double pivot = std::sqrt(d);
    l(j, j) = pivot;
    for (Index i = j + 1; i < n; ++i)
      l(i, j) = (c(i, j) - l.row(i).head(j).dot(l.row(j).head(j))) / pivot;
  }
  return l;
}

}  // namespace

bool is_positive_semidefinite(const MatrixXd& symmetric, double tolerance) {
  require_square(symmetric, "is_positive_semidefinite");
  if (symmetric.size() == 0) return true;
  Eigen::SelfAdjointEigenSolver<MatrixXd> eig(symmetrised(symmetric), Eigen::EigenvaluesOnly);
  return eig.eigenvalues().minCoeff() >= -tolerance;
}

CorrelationRepair nearest_correlation_matrix(const MatrixXd& symmetric) {
  require_square(symmetric, "nearest_correlation_matrix");
  CorrelationRepair result;
  const MatrixXd a = symmetrised(symmetric);
  if (has_unit_diagonal(a) && is_positive_semidefinite(a)) {
    result.matrix = symmetric;
    return result;
  }
  // Higham (2002), algorithm 3.3: alternate the projections onto the PSD cone and onto the unit
  // diagonal matrices; Dykstra's correction ds makes the limit the nearest point of the
  // intersection rather than just some point of it. Linear convergence: a few dozen iterations
  // for typical inputs, so the cap is only a guard.
  constexpr int kMaxIterations = 500;
  constexpr double kTolerance = 1e-10;
  MatrixXd y = a;
  MatrixXd ds = MatrixXd::Zero(a.rows(), a.cols());
  for (int it = 0; it < kMaxIterations; ++it) {
    const MatrixXd r = y - ds;
    const MatrixXd x = psd_projection(r);
    ds = x - r;
    const MatrixXd y_prev = y;
    y = x;
    y.diagonal().setOnes();
    const double scale = std::max(y.norm(), 1.0);
    if ((y - x).norm() / scale < kTolerance && (y - y_prev).norm() / scale < kTolerance) break;
  }
  // The last iterate has an exact unit diagonal but may be non-PSD by ~1e-10; clip and rescale
  // so the copula's factorisation sees a genuinely PSD matrix.
  result.matrix = unit_diagonal(psd_projection(y));
  result.repaired = true;
  for (Index j = 1; j < a.cols(); ++j)
    for (Index i = 0; i < j; ++i)
      if (std::abs(result.matrix(i, j) - symmetric(i, j)) > 1e-9)
        result.changed_pairs.emplace_back(static_cast<int>(i), static_cast<int>(j));
  return result;
}

MatrixXd copula_factor(const MatrixXd& correlation) {
  require_square(correlation, "copula_factor");
  constexpr double kReproduction = 1e-10;
  const MatrixXd c = symmetrised(correlation);
  if (!is_positive_semidefinite(c, 1e-9))
    throw std::invalid_argument("copula_factor: matrix is not positive semidefinite");
  MatrixXd f = semidefinite_cholesky(c);
  if (max_abs_difference(f * f.transpose(), c) <= kReproduction) return f;
  // Near-singular matrices can defeat the unpivoted factorisation (a pivot rounded to 0 drops a
  // tiny but nonzero column); V sqrt(Lambda) reproduces any PSD matrix to rounding.
  Eigen::SelfAdjointEigenSolver<MatrixXd> eig(c);
  f = eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
  return f;
}

}  // namespace breakeven
