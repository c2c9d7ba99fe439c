/// @file
/// Python binding of haidian/footprint.hpp: footprints R = S L Y + F_Y, one overload per kind of
/// system. haidian.IOTable.footprint wraps it and carries the public documentation.
#include "binding_helpers.hpp"

#include <haidian/footprint.hpp>
#include <haidian/leontief.hpp>
#include <haidian/sparse_leontief.hpp>

#include <string>
#include <vector>

namespace haidian::python {

namespace {

/// Binds footprint() for one kind of system (an overload of the same Python name).
template <class System>
void add_footprint(py::module_& m) {
  m.def(
      "footprint",
      [](const System& system, const Eigen::Ref<const Eigen::MatrixXd>& intensities,
         const Eigen::Ref<const Eigen::MatrixXd>& final_demand, const Eigen::Ref<const Eigen::MatrixXd>& direct_final_use,
         const std::vector<std::string>& stressors) {
        py::gil_scoped_release release;
        return footprint(system, intensities, final_demand, direct_final_use, stressors);
      },
      "system"_a, "intensities"_a, "final_demand"_a, "direct_final_use"_a, "stressors"_a = std::vector<std::string>{},
      "Kernel of haidian.IOTable.footprint; see its docstring.");
}

}  // namespace

void register_footprint(py::module_& m) {
  add_footprint<Leontief>(m);
  add_footprint<SparseLeontief>(m);
}

}  // namespace haidian::python
