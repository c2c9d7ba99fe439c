"""Package-level contract: versions agree everywhere, exports exist, errors map to Python types."""

from __future__ import annotations

import pathlib
import re

import haidian
from haidian import _core

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _read(relative: str) -> str:
    return (ROOT / relative).read_text(encoding="utf-8")


def test_versions_agree_across_cmake_pyproject_header_and_module() -> None:
    cmake = re.search(r"project\(haidian VERSION ([0-9.]+)", _read("CMakeLists.txt")).group(1)
    pyproject = re.search(r'^version = "([0-9.]+)"', _read("pyproject.toml"), re.M).group(1)
    header = re.search(r'version_string = "([0-9.]+)"', _read("include/haidian/version.hpp")).group(1)
    assert cmake == pyproject == header == haidian.__version__ == _core.__version__


def test_every_name_in_all_exists() -> None:
    missing = [name for name in haidian.__all__ if not hasattr(haidian, name)]
    assert missing == []
    assert len(set(haidian.__all__)) == len(haidian.__all__)


def test_unit_error_is_a_value_error() -> None:
    assert issubclass(haidian.UnitError, ValueError)


def test_package_is_typed() -> None:
    package_dir = pathlib.Path(haidian.__file__).parent
    assert (package_dir / "py.typed").exists()
    assert (package_dir / "_core.pyi").exists()


def test_bundled_data_ships_with_the_package() -> None:
    package_dir = pathlib.Path(haidian.__file__).parent
    assert (package_dir / "app" / "data" / "haidian_2022.csv").is_file()
