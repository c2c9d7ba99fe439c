"""haidian: reduction-based development (减量发展) analysis.

Indicator time series with units and price bases, index decomposition (LMDI-I/II, Shapley/Sun),
decoupling (Tapio, OECD) and target arithmetic, on a C++17 core with pandas in and out.
"""

from __future__ import annotations

try:
    from . import _core
except ImportError as error:  # pragma: no cover - only when the compiled module is missing
    raise ImportError(
        "haidian's compiled module haidian._core could not be imported. Install the package with "
        "`pip install .` from the source tree (it builds the C++ core), rather than importing "
        f"python/haidian directly. Original error: {error}"
    ) from error

from ._core import UnitError

# -- series --

# -- decomposition --

# -- decoupling and targets --

# -- input-output --

from . import datasets

__version__: str = _core.__version__

__all__ = [
    "UnitError",
    "datasets",
    # -- series exports --
    # -- decomposition exports --
    # -- decoupling exports --
    # -- input-output exports --
]
