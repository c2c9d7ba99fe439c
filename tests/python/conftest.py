"""Test-wide settings: hypothesis runs with a fixed seed and bounded examples by default.

``HAIDIAN_HYPOTHESIS=long`` runs every property test with many more examples and a random seed
(e.g. before a release: ``HAIDIAN_HYPOTHESIS=long .venv/bin/python -m pytest tests/python``).
"""

import os

from hypothesis import HealthCheck, settings

# Fixed seed: a property test in the test command cannot fail at random.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
# On demand: fresh random examples, 20x as many (tests that set max_examples scale through
# `scaled_examples`).
settings.register_profile(
    "long", derandomize=False, deadline=None, max_examples=2000,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("HAIDIAN_HYPOTHESIS", "ci")
settings.load_profile(PROFILE)


def scaled_examples(n: int) -> int:
    """`n` examples in the test command, 20 n in a long run."""
    return n * 20 if PROFILE == "long" else n
