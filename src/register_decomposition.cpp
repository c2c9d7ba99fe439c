/// @file
/// Python binding of haidian/decomposition.hpp: the decomposition kernel behind haidian.decompose, which
/// carries the public documentation. Inputs are read in place through PanelView (haidian/panel.hpp).
#include "bindings.hpp"

#include <algorithm>  // copy
#include <cstdint>    // uintptr_t: input addresses, for the no-copy test
#include <memory>     // unique_ptr: results handed to numpy without a copy
#include <string>
#include <utility>    // move
#include <vector>

#include <haidian/decomposition.hpp>

namespace haidian::python {

namespace {

using InputArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// Results up to this many doubles are copied into a fresh numpy array: cheaper than a capsule
/// owning the Eigen array, which only pays off for large by-sector results.
constexpr Eigen::Index copy_limit = 4096;

/// Moves an Eigen array into a numpy array that owns it (no copy of large by-sector results).
template <class A>
py::array to_numpy(A&& value) {
  using Plain = std::decay_t<A>;
  if (value.size() <= copy_limit) {
    std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(value.rows())};
    if constexpr (Plain::ColsAtCompileTime != 1) {
      static_assert(Plain::IsRowMajor, "2-D results are row-major");
      shape.push_back(static_cast<py::ssize_t>(value.cols()));
    }
    py::array_t<double> out(shape);
    std::copy(value.data(), value.data() + value.size(), out.mutable_data());
    return out;
  }
  auto owner = std::make_unique<Plain>(std::forward<A>(value));
  Plain* data = owner.get();
  py::capsule capsule(owner.release(), [](void* p) { delete static_cast<Plain*>(p); });
  const auto item = static_cast<py::ssize_t>(sizeof(double));
  if constexpr (Plain::ColsAtCompileTime == 1) {
    return py::array(py::dtype::of<double>(), {static_cast<py::ssize_t>(data->rows())}, {item},
                     data->data(), capsule);
  } else {
    static_assert(Plain::IsRowMajor, "2-D results are row-major");
    return py::array(py::dtype::of<double>(),
                     {static_cast<py::ssize_t>(data->rows()), static_cast<py::ssize_t>(data->cols())},
                     {item * static_cast<py::ssize_t>(data->cols()), item}, data->data(), capsule);
  }
}

/// Period positions as a numpy intp array (what the Python result class stores).
py::array_t<py::ssize_t> to_positions(const std::vector<std::ptrdiff_t>& positions) {
  py::array_t<py::ssize_t> out(static_cast<py::ssize_t>(positions.size()));
  std::copy(positions.begin(), positions.end(), out.mutable_data());
  return out;
}

/// The result as the dict haidian.decompose reads: start and end (period positions per step), effects
/// (steps x factors), total, start_value, end_value, closure, by_sector ((steps*factors) x sectors or
/// None) and input_addresses (the data addresses the kernel read, for the no-copy tests).
py::dict decompose_binding(const std::vector<InputArray>& factors, const std::string& method,
                           const std::string& mode, bool chained, py::ssize_t base, const std::string& zeros,
                           double small_value, bool by_sector, int threads,
                           const std::vector<std::string>& names) {
  DecompositionOptions options;
  options.method = parse_method(method);
  options.mode = parse_mode(mode);
  options.chained = chained;
  options.base = base;
  options.zeros = parse_zeros(zeros);
  options.small_value = small_value;
  options.by_sector = by_sector;
  options.threads = threads;
  options.factor_names = names;
  std::vector<PanelView> views;
  views.reserve(factors.size());
  py::list addresses;
  for (std::size_t k = 0; k < factors.size(); ++k) {
    const InputArray& array = factors[k];
    if (array.ndim() != 1 && array.ndim() != 2) {
      fail("decompose", detail::factor_label(names, k) + " has " + std::to_string(array.ndim()) +
                            " dimensions, but must have 1 (periods) or 2 (periods x sectors)");
    }
    const Eigen::Index rows = array.shape(0);
    const Eigen::Index cols = array.ndim() == 2 ? array.shape(1) : 1;
    // A C-contiguous float64 array arrives here unchanged; the view reads it in place.
    views.emplace_back(Eigen::Map<const Panel>(array.data(), rows, cols));
    addresses.append(reinterpret_cast<std::uintptr_t>(views.back().data()));
  }
  Decomposition result;
  {
    py::gil_scoped_release release;  // the inputs are kept alive by `factors`
    result = haidian::decompose(views, options);
  }
  py::dict out;
  out["start"] = to_positions(result.start);
  out["end"] = to_positions(result.end);
  out["effects"] = to_numpy(std::move(result.effects));
  out["total"] = to_numpy(std::move(result.total));
  out["start_value"] = to_numpy(std::move(result.start_value));
  out["end_value"] = to_numpy(std::move(result.end_value));
  out["closure"] = to_numpy(std::move(result.closure));
  out["by_sector"] = by_sector ? py::object(to_numpy(std::move(result.by_sector))) : py::object(py::none());
  out["input_addresses"] = addresses;
  return out;
}

}  // namespace

void register_decomposition(py::module_& m) {
  m.def("decompose", &decompose_binding, "factors"_a, "method"_a = "lmdi1", "mode"_a = "additive",
        "chained"_a = true, "base"_a = 0, "zeros"_a = "limit", "small_value"_a = 1e-20,
        "by_sector"_a = false, "threads"_a = 1, "names"_a = std::vector<std::string>{},
        "Kernel of haidian.decompose; see its docstring.");
}

}  // namespace haidian::python
