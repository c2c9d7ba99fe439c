"""haidian: reduction-based development (减量发展) analysis.

Indicator time series with units and price bases, index decomposition (LMDI-I/II, Shapley/Sun),
decoupling (Tapio, OECD) and target arithmetic, on a C++17 core with pandas in and out.

Examples
--------
GDP up 3.5% and energy use up 0.395%: intensity fell by 1 - 1.00395 / 1.035 = 3%.

>>> import haidian
>>> round(haidian.intensity_change(resource_growth=0.00395, output_growth=0.035), 6)
-0.03
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
from ._core import set_simd, simd_limit, simd_name  # instruction set of the LMDI kernels

# -- series --
from . import series
from .series import PriceBasis, RateWarning, Series, Unit, align, average_growth

# -- decomposition --
from . import decomposition
from .decomposition import (Decomposition, GapWarning, RegionEffects, decompose, decompose_intensity, kaya,
                            log_mean)

# -- decoupling and targets --
from . import decoupling, targets
from .decoupling import (TAPIO_STATES, DecouplingEffort, TapioResult, decoupling_effort, decoupling_factor,
                         decoupling_ratio, energy_elasticity, tapio)
from .targets import (ConsistencyCheck, TargetProgress, annual_rate, chain_rates, check_consistency,
                      cumulative_change, implied_output_growth, implied_resource_growth,
                      intensity_change, resource_cap, rounded_intensity_change, target_progress)

# -- input-output --
from . import input_output
from .input_output import IOTable, SdaResult, sda

# -- notebook: plotting and tidy helpers --
from . import plotting, tidy
from .tidy import to_panel, to_panels, to_tidy

from . import datasets

__version__: str = _core.__version__

__all__ = [
    "UnitError",
    "RateWarning",
    "datasets",
    # -- series exports --
    "series",
    "Series",
    "Unit",
    "PriceBasis",
    "align",
    "average_growth",
    # -- decomposition exports --
    "decomposition",
    "Decomposition",
    "RegionEffects",
    "GapWarning",
    "decompose",
    "decompose_intensity",
    "kaya",
    "log_mean",
    # -- decoupling exports --
    "decoupling",
    "targets",
    "TAPIO_STATES",
    "TapioResult",
    "tapio",
    "decoupling_ratio",
    "decoupling_factor",
    "energy_elasticity",
    "DecouplingEffort",
    "decoupling_effort",
    "intensity_change",
    "implied_resource_growth",
    "implied_output_growth",
    "annual_rate",
    "cumulative_change",
    "chain_rates",
    "target_progress",
    "TargetProgress",
    "resource_cap",
    "rounded_intensity_change",
    "check_consistency",
    "ConsistencyCheck",
    # -- input-output exports --
    "input_output",
    "IOTable",
    "SdaResult",
    "sda",
    # -- notebook exports --
    "plotting",
    "tidy",
    "to_panel",
    "to_panels",
    "to_tidy",
    "set_simd", "simd_limit", "simd_name",
]
