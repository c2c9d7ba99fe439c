/// @file
/// Python bindings of haidian/simd.hpp: the instruction set of the LMDI kernels. simd_name, set_simd
/// and simd_limit are re-exported as haidian.simd_name etc., so their docstrings here are public.
#include "bindings.hpp"

#include <string>

#include <haidian/simd.hpp>

namespace haidian::python {

void register_simd(py::module_& m) {
  m.def(
      "simd_name",
      [](const std::string& requested) {
        return std::string(haidian::simd_name(haidian::parse_simd(requested, "simd_name", "requested")));
      },
      "requested"_a = "best",
      R"doc(Instruction set the LMDI kernels run with on this machine.

Parameters
----------
requested : {"best", "generic", "avx2", "avx512"}, default "best"
    The set asked for; a set the CPU lacks gives the best one below it.

Returns
-------
str
    "avx512", "avx2" or "generic": the lowest of `requested`, the process-wide limit (set_simd, or
    else the environment variable HAIDIAN_SIMD) and the best the CPU has.

Raises
------
ValueError
    When `requested` is not one of the names, or HAIDIAN_SIMD decides the limit and has an unknown
    value.

See Also
--------
set_simd, simd_limit

Examples
--------
>>> import haidian
>>> haidian.simd_name("generic")
'generic'
>>> haidian.simd_name() in ("generic", "avx2", "avx512")
True
)doc");

  m.def(
      "set_simd",
      [](const std::string& limit) { haidian::set_simd(haidian::parse_simd(limit, "set_simd", "limit")); },
      "limit"_a,
      R"doc(Limits the instruction set of the LMDI kernels for the whole process.

Overrides the environment variable HAIDIAN_SIMD; applies to every later decomposition, in every
thread (calls already running keep their kernel). "generic" gives results that are bit-identical
on every x86-64 CPU (see the reproducibility notes in the decomposition docs).

Parameters
----------
limit : {"best", "generic", "avx2", "avx512"}
    The highest set the kernels may use; "best" lifts the limit.

Returns
-------
None

Raises
------
ValueError
    When `limit` is not one of the names.

See Also
--------
simd_name, simd_limit

Examples
--------
>>> import haidian
>>> haidian.set_simd("generic")
>>> haidian.simd_name()
'generic'
>>> haidian.set_simd("best")
)doc");

  m.def(
      "simd_limit", [] { return std::string(haidian::simd_label(haidian::simd_limit())); },
      R"doc(The process-wide limit on the instruction set of the LMDI kernels.

Parameters
----------
None

Returns
-------
str
    "best" (no limit), "generic", "avx2" or "avx512": the last set_simd, or else the environment
    variable HAIDIAN_SIMD, read at its first use (a later change of the variable has no effect).

Raises
------
ValueError
    When HAIDIAN_SIMD decides the limit and has an unknown value.

See Also
--------
set_simd, simd_name

Examples
--------
>>> import haidian
>>> haidian.set_simd("avx2")
>>> haidian.simd_limit()
'avx2'
>>> haidian.set_simd("best")
>>> haidian.simd_limit()
'best'
)doc");
}

}  // namespace haidian::python
