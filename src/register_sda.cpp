/// @file
/// Python bindings of haidian/sda.hpp: structural decomposition of a footprint between two tables.
/// haidian.sda runs the two-step form (sda_final_demands, then sda_from_outputs, so only one
/// factorisation need exist at a time) and carries the public documentation; structural_decomposition
/// is the one-call form of the same result.
#include "binding_helpers.hpp"

#include <haidian/leontief.hpp>
#include <haidian/sda.hpp>

#include <string>
#include <vector>

namespace haidian::python {

namespace {

std::vector<SdaFactor> parse_factors(const std::vector<std::string>& names) {
  std::vector<SdaFactor> factors;
  factors.reserve(names.size());
  for (const auto& name : names) factors.push_back(parse_sda_factor(name));
  return factors;
}

py::dict sda_dict(const SdaResult& result) {
  py::dict out;
  out["value0"] = result.value0;
  out["value1"] = result.value1;
  out["exact"] = result.exact;
  out["two_polar"] = result.two_polar;
  out["exact_by_sector"] = result.exact_by_sector;
  out["two_polar_by_sector"] = result.two_polar_by_sector;
  out["subset_values"] = result.subset_values;
  return out;
}

}  // namespace

void register_sda(py::module_& m) {
  m.def(
      "structural_decomposition",
      [](const Leontief& leontief0, const Eigen::MatrixXd& intensities0, const Eigen::MatrixXd& final_demand0,
         double population0, const Leontief& leontief1, const Eigen::MatrixXd& intensities1,
         const Eigen::MatrixXd& final_demand1, double population1, const std::vector<std::string>& factors) {
        const auto parsed = parse_factors(factors);
        SdaResult result;
        {
          py::gil_scoped_release release;
          const SdaYear year0(leontief0, intensities0, final_demand0, population0);
          const SdaYear year1(leontief1, intensities1, final_demand1, population1);
          result = structural_decomposition(year0, year1, parsed);
        }
        return sda_dict(result);
      },
      "leontief0"_a, "intensities0"_a, "final_demand0"_a, "population0"_a, "leontief1"_a, "intensities1"_a,
      "final_demand1"_a, "population1"_a, "factors"_a,
      R"doc(Additive structural decomposition of R = f' L y, exact (all orderings) and two-polar.

Parameters
----------
leontief0, leontief1 : Leontief
    Factorised systems of the base and end year.
intensities0, intensities1 : numpy.ndarray
    Direct intensities, stressors x n.
final_demand0, final_demand1 : numpy.ndarray
    Final demand, n x categories.
population0, population1 : float
    Population (used by the population and per_capita factors; NaN otherwise).
factors : list of str
    Ordered factors among intensity, leontief, final_demand, level, population, per_capita, mix,
    destination.

Returns
-------
dict
    value0, value1 (k), exact and two_polar (K x k), exact_by_sector and two_polar_by_sector
    ((K*k) x n), subset_values (2^K x k).
)doc");
  m.def(
      "sda_final_demands",
      [](const Eigen::MatrixXd& intensities0, const Eigen::MatrixXd& final_demand0, double population0,
         const Eigen::MatrixXd& intensities1, const Eigen::MatrixXd& final_demand1, double population1,
         const std::vector<std::string>& factors) {
        const auto parsed = parse_factors(factors);
        py::gil_scoped_release release;
        const SdaYear year0(intensities0, final_demand0, population0);
        const SdaYear year1(intensities1, final_demand1, population1);
        return sda_final_demands(year0, year1, parsed);
      },
      "intensities0"_a, "final_demand0"_a, "population0"_a, "intensities1"_a, "final_demand1"_a,
      "population1"_a, "factors"_a,
      "Kernel of haidian.sda (first step: the final demand of every mix of years); see its docstring.");
  m.def(
      "sda_from_outputs",
      [](const Eigen::MatrixXd& intensities0, const Eigen::MatrixXd& final_demand0,
         const Eigen::Ref<const Eigen::MatrixXd>& outputs0, const Eigen::MatrixXd& intensities1,
         const Eigen::MatrixXd& final_demand1, const Eigen::Ref<const Eigen::MatrixXd>& outputs1,
         const std::vector<std::string>& factors) {
        const auto parsed = parse_factors(factors);
        SdaResult result;
        {
          py::gil_scoped_release release;
          const SdaYear year0(intensities0, final_demand0);
          const SdaYear year1(intensities1, final_demand1);
          result = sda_from_outputs(year0, year1, parsed, outputs0, outputs1);
        }
        return sda_dict(result);
      },
      "intensities0"_a, "final_demand0"_a, "outputs0"_a, "intensities1"_a, "final_demand1"_a, "outputs1"_a,
      "factors"_a,
      "Kernel of haidian.sda (second step: effects from each year's outputs); see its docstring.");
  m.def(
      "lmdi_structural_decomposition",
      [](const Leontief& leontief0, const Eigen::MatrixXd& intensities0, const Eigen::MatrixXd& final_demand0,
         double population0, const Leontief& leontief1, const Eigen::MatrixXd& intensities1,
         const Eigen::MatrixXd& final_demand1, double population1, const std::vector<std::string>& factors,
         const std::vector<std::string>& sectors, const std::vector<std::string>& stressors) {
        const auto parsed = parse_factors(factors);
        SdaLmdiResult result;
        {
          py::gil_scoped_release release;
          const SdaYear year0(leontief0, intensities0, final_demand0, population0);
          const SdaYear year1(leontief1, intensities1, final_demand1, population1);
          result = lmdi_structural_decomposition(year0, year1, parsed, sectors, stressors);
        }
        py::dict out;
        out["effects"] = result.effects;
        out["by_sector"] = result.by_sector;
        return out;
      },
      "leontief0"_a, "intensities0"_a, "final_demand0"_a, "population0"_a, "leontief1"_a, "intensities1"_a,
      "final_demand1"_a, "population1"_a, "factors"_a, "sectors"_a = std::vector<std::string>{},
      "stressors"_a = std::vector<std::string>{},
      "Kernel of haidian.sda with method=\"lmdi\"; see its docstring.");
  m.def(
      "multiplicative_effects",
      [](const Eigen::Ref<const Eigen::MatrixXd>& subset_values, const std::vector<std::string>& factors,
         bool exact, const std::vector<std::string>& stressors) {
        return multiplicative_effects(subset_values, parse_factors(factors), exact, stressors);
      },
      "subset_values"_a, "factors"_a, "exact"_a, "stressors"_a = std::vector<std::string>{},
      "Kernel of haidian.sda with mode=\"multiplicative\"; see its docstring.");
}

}  // namespace haidian::python
