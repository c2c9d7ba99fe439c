"""The instruction-set choice of the LMDI kernels from Python: haidian.set_simd / simd_limit /
simd_name, the environment variable HAIDIAN_SIMD, and the reproducibility of the generic kernel."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from typing import Iterator

import numpy as np
import pytest

import haidian
from haidian import _core


@pytest.fixture
def restore_limit() -> Iterator[None]:
    before = haidian.simd_limit()
    try:
        yield
    finally:
        haidian.set_simd(before)


def _panel(seed: int = 3, periods: int = 5, sectors: int = 1003) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    aggregate = rng.uniform(0.5, 2.0, (periods, 1))
    sectoral = [10.0 ** rng.uniform(-3, 3, (periods, sectors)) for _ in range(3)]
    return [aggregate, *sectoral]


def _run(script: str, **env_changes: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("HAIDIAN_SIMD", "GLIBC_TUNABLES")}
    env.update({k: v for k, v in env_changes.items() if v is not None})
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)


def test_set_simd_limits_later_decompositions(restore_limit: None) -> None:
    factors = _panel()
    generic = _core.decompose(factors, by_sector=True)  # whatever the default kernel is
    haidian.set_simd("generic")
    assert haidian.simd_limit() == "generic"
    assert haidian.simd_name() == "generic"
    assert _core.simd_name("avx512") == "generic"
    limited = _core.decompose(factors, by_sector=True)
    haidian.set_simd("best")
    assert haidian.simd_limit() == "best"
    assert haidian.simd_name() in {"generic", "avx2", "avx512"}
    # Under the limit the kernel is the generic one: the same numbers as the default kernel to
    # rounding, and the same bits as an explicit generic run.
    np.testing.assert_allclose(limited["by_sector"], generic["by_sector"], rtol=1e-12, atol=1e-300)
    haidian.set_simd("generic")
    again = _core.decompose(factors, by_sector=True)
    assert np.array_equal(again["by_sector"], limited["by_sector"])


def test_set_simd_refuses_unknown_names() -> None:
    with pytest.raises(ValueError, match=r"^set_simd: limit is 'sse4', but must be 'best', 'generic', 'avx2' or 'avx512'$"):
        haidian.set_simd("sse4")
    with pytest.raises(ValueError, match=r"^simd_name: requested is 'AVX2'"):
        haidian.simd_name("AVX2")


def test_misspelt_environment_variable_raises_value_error_at_first_use() -> None:
    script = (
        "import numpy as np, haidian\n"
        "from haidian import _core\n"
        "f = [np.ones((2, 3)), np.full((2, 3), 2.0)]\n"
        "for call in (lambda: _core.decompose(f), haidian.simd_limit, haidian.simd_name):\n"
        "    try:\n"
        "        call()\n"
        "        print('no error')\n"
        "    except ValueError as e:\n"
        "        print(e)\n"
        "haidian.set_simd('generic')\n"
        "print(haidian.simd_name(), _core.decompose(f)['effects'].shape)\n"
    )
    out = _run(script, HAIDIAN_SIMD="avx-512")
    assert out.returncode == 0, out.stderr
    message = ("simd_limit: the environment variable HAIDIAN_SIMD is 'avx-512', but must be 'best', 'generic', "
               "'avx2' or 'avx512'")
    assert out.stdout.splitlines() == [message, message, message, "generic (1, 2)"]


def test_environment_variable_is_read_once() -> None:
    script = (
        "import os, haidian\n"
        "print(haidian.simd_limit())\n"
        "os.environ['HAIDIAN_SIMD'] = 'best'\n"
        "print(haidian.simd_limit(), haidian.simd_name())\n"
    )
    out = _run(script, HAIDIAN_SIMD="generic")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["generic", "generic", "generic"]


def _glibc_switches_log() -> bool:
    """Whether GLIBC_TUNABLES can make glibc pick its non-FMA log here (x86-64 with FMA, glibc 2.33+)."""
    if platform.machine() != "x86_64" or not sys.platform.startswith("linux"):
        return False
    name, version = platform.libc_ver()
    if name != "glibc" or tuple(int(p) for p in version.split(".")[:2]) < (2, 33):
        return False
    with open("/proc/cpuinfo") as cpuinfo:
        flags = next((line for line in cpuinfo if line.startswith("flags")), "")
    return " fma" in flags and " avx2" in flags


def test_generic_kernel_is_bit_identical_when_the_c_library_log_changes() -> None:
    # glibc chooses its log by CPU (an FMA version on FMA machines); GLIBC_TUNABLES makes this
    # machine use the other one, as an older CPU would. The generic kernel uses no libm log, so
    # its additive LMDI-I results keep every bit; libm's own logs of the same ratios do not.
    script = (
        "import hashlib, math, sys, numpy as np\n"
        "from haidian import _core\n"
        "rng = np.random.default_rng(3)\n"
        # Values over 2^-10 .. 2^10 built without libm (uniform draws times exact powers of two).
        "shape = [(5, 1)] + [(5, 20000)] * 3\n"
        "f = [np.ldexp(rng.uniform(0.5, 1.0, s), rng.integers(-10, 11, s)) for s in shape]\n"
        "inputs = hashlib.sha256(b''.join(x.tobytes() for x in f))\n"
        "r = _core.decompose(f, by_sector=True)\n"
        "h = hashlib.sha256(r['effects'].tobytes() + r['by_sector'].tobytes() + r['total'].tobytes())\n"
        "ratios = np.concatenate([(x[1:] / x[:-1]).ravel() for x in f])\n"
        "libm = hashlib.sha256(np.array([math.log(float(v)) for v in ratios]).tobytes())\n"
        "print(inputs.hexdigest(), h.hexdigest(), libm.hexdigest())\n"
    )
    default = _run(script, HAIDIAN_SIMD="generic")
    other_libm = _run(script, HAIDIAN_SIMD="generic", GLIBC_TUNABLES="glibc.cpu.hwcaps=-AVX2,-FMA")
    assert default.returncode == 0 and other_libm.returncode == 0, default.stderr + other_libm.stderr
    inputs_default, haidian_default, libm_default = default.stdout.split()
    inputs_other, haidian_other, libm_other = other_libm.stdout.split()
    assert inputs_default == inputs_other
    assert haidian_default == haidian_other
    if _glibc_switches_log():
        assert libm_default != libm_other  # the control: the C library's log did change

