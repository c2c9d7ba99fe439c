"""A well-vectorised numpy LMDI (the reference the benchmark compares haidian with).

LMDI-I additive (Ang 2005, Energy Policy 33:867-871) for chained steps over a periods × sectors
panel: ΔV_k = Σ_i L(V_i^t, V_i^{t-1}) ln(x_{k,i}^t / x_{k,i}^{t-1}), with one log per factor ratio,
ln(V^t/V^{t-1}) as the sum of the factor logs, and one log per step for aggregate (1-D) factors —
the same operation count as haidian, in whole-array numpy operations. Positive data only (no zero
handling); checked against haidian by ``bench_lmdi.py`` and
``tests/python/test_decomposition_numpy_reference.py``.
"""

from __future__ import annotations

from typing import List, Tuple

import numpy as np


def lmdi1_additive(factors: List[np.ndarray]) -> Tuple[np.ndarray, np.ndarray]:
    """Chained LMDI-I additive effects (steps × factors) and ΔV per step, for positive factors.

    Parameters
    ----------
    factors : list of numpy.ndarray
        Periods × sectors arrays, or 1-D (periods) aggregate factors.

    Returns
    -------
    effects : numpy.ndarray
        Steps × factors.
    total : numpy.ndarray
        V_t - V_{t-1} per step.
    """
    n_sectors = max([f.shape[1] for f in factors if f.ndim == 2] + [1])
    n_periods = factors[0].shape[0]
    value = np.ones((n_periods, n_sectors))
    for f in factors:
        value *= f if f.ndim == 2 else f[:, None]
    logs = [np.log(f[1:] / f[:-1]) for f in factors]
    log_total = np.zeros((n_periods - 1, n_sectors))
    for lg in logs:
        log_total += lg if lg.ndim == 2 else lg[:, None]
    change = value[1:] - value[:-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        weight = np.where(change == 0.0, value[1:], change / log_total)
    effects = np.empty((n_periods - 1, len(factors)))
    weight_sum = weight.sum(axis=1)
    for k, lg in enumerate(logs):
        effects[:, k] = (weight * lg).sum(axis=1) if lg.ndim == 2 else weight_sum * lg
    total = value[1:].sum(axis=1) - value[:-1].sum(axis=1)
    return effects, total
