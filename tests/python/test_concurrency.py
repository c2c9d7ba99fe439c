"""Concurrent calls from several Python threads give the same results as one thread.

The C++ kernels release the GIL, so calls really overlap; each call owns its scratch memory and
nothing in the core is shared mutable state. Every result is compared bit for bit with the result of
the same call made alone.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

import haidian

THREADS = 6
ROUNDS = 4


def _jobs():
    rng = np.random.default_rng(20221)
    periods, sectors = 6, 3000
    activity = rng.uniform(1, 2, periods)
    structure = rng.uniform(0.0, 1.0, (periods, sectors))
    structure[rng.uniform(size=structure.shape) < 0.1] = 0.0  # entering and leaving sectors
    intensity = rng.uniform(0.5, 3.0, (periods, sectors))
    factors = {"activity": activity, "structure": structure, "intensity": intensity}
    z = rng.uniform(0, 1, (40, 40))
    x = z.sum(axis=1) * 2.5 + rng.uniform(1, 2, 40)
    table0 = haidian.IOTable(z, rng.uniform(1, 2, (40, 1)) + x[:, None] - z.sum(axis=1, keepdims=True) - 1.0,
                             x, F=rng.uniform(0, 1, (1, 40)))
    table1 = haidian.IOTable(z * 1.05, rng.uniform(1, 2, (40, 1)) + 1.05 * x[:, None]
                             - 1.05 * z.sum(axis=1, keepdims=True) - 1.0, 1.05 * x, F=rng.uniform(0, 1, (1, 40)))
    growth = pd.Series(rng.uniform(-0.05, 0.1, 200))
    jobs = {}
    for method in ("lmdi1", "lmdi2", "shapley"):
        for mode in ("additive", "multiplicative"):
            jobs[f"decompose-{method}-{mode}"] = (
                lambda m=method, o=mode: haidian.decompose(factors, method=m, mode=o, chained=False).effects)
    jobs["by_sector"] = lambda: haidian.decompose(factors).by_sector()
    jobs["sda"] = lambda: haidian.sda(table0, table1).effects
    jobs["tapio"] = lambda: haidian.tapio(growth, growth * 0.5 + 0.01).elasticity
    jobs["series"] = lambda: haidian.Series.from_growth(growth.to_numpy(), base_value=100.0, base_period=2000,
                                                        start=2001, freq="Y").to_pandas()
    return jobs


def _as_array(result) -> np.ndarray:
    return np.asarray(result.to_numpy() if hasattr(result, "to_numpy") else result, dtype=float)


def test_concurrent_calls_are_bit_identical_to_sequential_ones() -> None:
    jobs = _jobs()
    alone = {name: _as_array(job()) for name, job in jobs.items()}
    tasks = [name for _ in range(ROUNDS) for name in jobs]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda name: (name, _as_array(jobs[name]())), tasks))
    assert len(results) == ROUNDS * len(jobs)
    for name, value in results:
        assert np.array_equal(value, alone[name], equal_nan=True), f"{name} differs when run concurrently"
