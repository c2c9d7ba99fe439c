/// @file
/// Python bindings of haidian/growth_rates.hpp: the thresholds above which a rate looks like a
/// percentage or an index, and the check that finds the first such rate (used by the pure-Python
/// layer to warn about rates given in the wrong scale).
#include "bindings.hpp"

#include <haidian/errors.hpp>
#include <haidian/growth_rates.hpp>

#include <cstddef>
#include <string>

namespace haidian::python {

void register_growth_rates(py::module_& m) {
  m.attr("percent_like_rate") = percent_like_rate;
  m.attr("index_like_rate") = index_like_rate;

  m.def(
      "implausible_rate",
      [](const Eigen::Ref<const Eigen::ArrayXd>& rates, const std::string& function, const std::string& argument,
         double years) -> py::object {
        for (Eigen::Index i = 0; i < rates.size(); ++i) {
          const std::string label =
              rates.size() == 1 ? argument : detail::argument_label(argument, static_cast<std::size_t>(i));
          std::string note = implausible_rate_note(function, label, rates[i], years);
          if (!note.empty()) return py::make_tuple(i, note);
        }
        return py::none();
      },
      "rates"_a, "function"_a, "argument"_a, "years"_a = 1.0,
      R"doc(The first rate that looks like a percentage or an index, and why.

Parameters
----------
rates : numpy.ndarray
    Growth rates as fractions (NaN is ignored).
function, argument : str
    Names for the message.
years : float, default 1
    The rates are cumulative changes over this many years (judged by their annual equivalent).

Returns
-------
tuple of (int, str) or None
    Position and message of the first rate above ``percent_like_rate`` (or at or above
    ``index_like_rate``), or None if all look like fractions.
)doc");
}

}  // namespace haidian::python
