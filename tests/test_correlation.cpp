// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include <Eigen/Dense>
#include <catch2/catch.hpp>

#include "breakeven/math/correlation.hpp"
#include "breakeven/math/random_stream.hpp"

namespace {

using breakeven::copula_factor;
using breakeven::is_positive_semidefinite;
using breakeven::nearest_correlation_matrix;
using breakeven::RandomStream;
using breakeven::Substream;
using Eigen::MatrixXd;

MatrixXd correlation3(double r12, double r13, double r23) {
  MatrixXd c(3, 3);
  c << 1, r12, r13, r12, 1, r23, r13, r23, 1;
  return c;
}

/// A random full-rank correlation matrix: G G^T rescaled to unit diagonal.
MatrixXd random_correlation(int n, std::uint64_t seed) {
  RandomStream s(seed, 0, Substream::parameters);
  MatrixXd g(n, n + 2);
  for (int i = 0; i < g.rows(); ++i)
    for (int j = 0; j < g.cols(); ++j) g(i, j) = s.normal();
  const MatrixXd cov = g * g.transpose();
  const Eigen::VectorXd inv_sd = cov.diagonal().cwiseSqrt().cwiseInverse();
  return inv_sd.asDiagonal() * cov * inv_sd.asDiagonal();
}

/// The usual quick fix the Higham projection should beat: clip negative eigenvalues, rescale.
MatrixXd clip_and_rescale(const MatrixXd& a) {
  Eigen::SelfAdjointEigenSolver<MatrixXd> eig(a);
  const MatrixXd x = eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).asDiagonal() *
                     eig.eigenvectors().transpose();
  const Eigen::VectorXd inv_sd = x.diagonal().cwiseSqrt().cwiseInverse();
  return inv_sd.asDiagonal() * x * inv_sd.asDiagonal();
}

void check_is_correlation(const MatrixXd& m) {
  CHECK(is_positive_semidefinite(m, 1e-12));
  CHECK((m.diagonal().array() - 1).abs().maxCoeff() < 1e-12);
  CHECK((m - m.transpose()).cwiseAbs().maxCoeff() == 0);
}

}  // namespace

TEST_CASE("PSD check", "[correlation]") {
  CHECK(is_positive_semidefinite(MatrixXd::Identity(4, 4)));
  CHECK(is_positive_semidefinite(correlation3(1, 1, 1)));  // singular is fine
  CHECK_FALSE(is_positive_semidefinite(correlation3(0.9, 0.9, -0.9)));
  CHECK(is_positive_semidefinite(MatrixXd(0, 0)));
}

TEST_CASE("a valid correlation matrix is returned unchanged", "[correlation]") {
  const MatrixXd c = random_correlation(5, 1);
  const auto r = nearest_correlation_matrix(c);
  CHECK_FALSE(r.repaired);
  CHECK(r.changed_pairs.empty());
  CHECK(r.matrix == c);
}

TEST_CASE("Higham's example is repaired to the published nearest matrix", "[correlation]") {
  // Higham (2002), section 4: the nearest correlation matrix to [[1 1 0] [1 1 1] [0 1 1]].
  const auto r = nearest_correlation_matrix(correlation3(1, 0, 1));
  REQUIRE(r.repaired);
  check_is_correlation(r.matrix);
  CHECK(r.matrix(0, 1) == Approx(0.7607).margin(1e-4));
  CHECK(r.matrix(0, 2) == Approx(0.1573).margin(1e-4));
  CHECK(r.matrix(1, 2) == Approx(0.7607).margin(1e-4));
  CHECK(r.changed_pairs == std::vector<std::pair<int, int>>{{0, 1}, {0, 2}, {1, 2}});
}

TEST_CASE("an inconsistent 3x3 is repaired to the nearest correlation matrix", "[correlation]") {
  // rho(1,2) = rho(1,3) = 0.9 forces rho(2,3) near +0.62 at least, not -0.9.
  const MatrixXd a = correlation3(0.9, 0.9, -0.9);
  const auto r = nearest_correlation_matrix(a);
  REQUIRE(r.repaired);
  check_is_correlation(r.matrix);
  CHECK(r.changed_pairs.size() == 3);
  const double distance = (r.matrix - a).norm();
  CHECK(distance < (clip_and_rescale(a) - a).norm());
  // Optimality: no nearby correlation matrix is closer (the problem is convex, so local
  // optimality is global). Random perturbations of the off-diagonal entries, kept only if PSD.
  RandomStream s(5, 0, Substream::parameters);
  int tried = 0, closer = 0;
  for (int k = 0; k < 20000; ++k) {
    const double scale = k % 2 ? 1e-3 : 1e-2;
    MatrixXd m = r.matrix;
    const double d01 = scale * s.normal(), d02 = scale * s.normal(), d12 = scale * s.normal();
    m(0, 1) += d01;
    m(1, 0) += d01;
    m(0, 2) += d02;
    m(2, 0) += d02;
    m(1, 2) += d12;
    m(2, 1) += d12;
    if (!is_positive_semidefinite(m, 0)) continue;
    ++tried;
    if ((m - a).norm() < distance - 1e-9) ++closer;
  }
  CHECK(tried > 1000);
  CHECK(closer == 0);
}

TEST_CASE("copula factor reproduces the matrix, singular ones included", "[correlation]") {
  SECTION("full rank: lower triangular") {
    const MatrixXd c = random_correlation(6, 2);
    const MatrixXd f = copula_factor(c);
    CHECK((f * f.transpose() - c).cwiseAbs().maxCoeff() < 1e-12);
    CHECK(f.isLowerTriangular());
  }
  SECTION("identity gives identity: uncorrelated parameters keep their own normal") {
    CHECK(copula_factor(MatrixXd::Identity(4, 4)) == MatrixXd::Identity(4, 4));
  }
  SECTION("rho = 1 and rank one") {
    const MatrixXd one = correlation3(1, -1, -1);
    const MatrixXd f = copula_factor(one);
    CHECK((f * f.transpose() - one).cwiseAbs().maxCoeff() < 1e-12);
    MatrixXd two(2, 2);
    two << 1, 1, 1, 1;
    const MatrixXd g = copula_factor(two);
    CHECK((g * g.transpose() - two).cwiseAbs().maxCoeff() < 1e-12);
  }
  SECTION("the output of a repair, which sits on the PSD boundary") {
    for (const MatrixXd& a : {correlation3(0.9, 0.9, -0.9), correlation3(1, 0, 1)}) {
      const MatrixXd c = nearest_correlation_matrix(a).matrix;
      const MatrixXd f = copula_factor(c);
      CHECK((f * f.transpose() - c).cwiseAbs().maxCoeff() < 1e-9);
    }
  }
  SECTION("a larger singular matrix: 8 variables driven by 3 factors") {
    RandomStream s(3, 0, Substream::parameters);
    MatrixXd g(8, 3);
    for (int i = 0; i < 8; ++i)
      for (int j = 0; j < 3; ++j) g(i, j) = s.normal();
    const Eigen::VectorXd inv = g.rowwise().norm().cwiseInverse();
    const MatrixXd c = inv.asDiagonal() * g * g.transpose() * inv.asDiagonal();
    const MatrixXd f = copula_factor(c);
    CHECK((f * f.transpose() - c).cwiseAbs().maxCoeff() < 1e-9);
  }
  SECTION("a matrix that is not PSD is refused") {
    CHECK_THROWS_AS(copula_factor(correlation3(0.9, 0.9, -0.9)), std::invalid_argument);
  }
}

TEST_CASE("correlated normals from the factor have the asked correlations", "[correlation]") {
  const MatrixXd c = correlation3(0.6, -0.3, 0.2);
  const MatrixXd f = copula_factor(c);
  RandomStream s(11, 0, Substream::parameters);
  constexpr int kN = 100'000;
  MatrixXd sum = MatrixXd::Zero(3, 3);
  Eigen::Vector3d e;
  for (int k = 0; k < kN; ++k) {
    e << s.normal(), s.normal(), s.normal();
    const Eigen::Vector3d z = f * e;
    sum += z * z.transpose();
  }
  const MatrixXd sample = sum / kN;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      // Var of a product of two standard normals with correlation rho is 1 + rho^2.
      const double se = std::sqrt((1 + c(i, j) * c(i, j)) / kN);
      CAPTURE(i, j);
      CHECK(std::abs(sample(i, j) - c(i, j)) < 4 * se);
    }
  }
}
