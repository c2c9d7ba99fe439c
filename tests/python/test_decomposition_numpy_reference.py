"""The benchmark's numpy reference (benchmarks/numpy_lmdi.py) gives haidian's numbers, so the
benchmark compares like with like."""

from __future__ import annotations

import pathlib
import sys

import numpy as np

import haidian

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "benchmarks"))
import numpy_lmdi  # noqa: E402


def test_numpy_reference_matches_haidian() -> None:
    rng = np.random.default_rng(12)
    factors = [np.cumprod(rng.uniform(1.0, 1.1, 9)), rng.uniform(0.01, 1, (9, 700)), rng.uniform(0.1, 3, (9, 700))]
    effects, total = numpy_lmdi.lmdi1_additive(factors)
    r = haidian.decompose({f"f{k}": f for k, f in enumerate(factors)})
    scale = (r.values["start_value"].abs() + r.values["end_value"].abs()).to_numpy()
    assert np.max(np.abs(r.effects.to_numpy() - effects) / scale[:, None]) < 1e-12
    assert np.allclose(r.total.to_numpy(), total, rtol=1e-12)
