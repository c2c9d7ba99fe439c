"""The README's Python example runs as written, and says what it computes."""

from __future__ import annotations

import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_starts_with_exactly_the_two_commands() -> None:
    first_block = re.search(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["bash scripts/report.sh", "bash scripts/test.sh"]


def test_readme_python_example_runs_and_its_comments_hold() -> None:
    (block,) = _python_blocks()
    namespace: dict = {}
    exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 - our own README
    haidian = namespace["haidian"]
    assert namespace["gdp"].cagr(2015, 2017) == pytest.approx((10206.9 / 5000.0) ** 0.5 - 1, rel=1e-14)
    assert haidian.tapio(resource_growth=1.035 * 0.97 - 1, output_growth=0.035).state == "weak decoupling"
    assert haidian.annual_rate(-0.135, 5) == pytest.approx(0.865 ** 0.2 - 1, rel=1e-14)
    result = namespace["result"]
    energy = (namespace["shares"] * namespace["intensity"]).sum(axis=1) * namespace["output"]
    assert list(result.effects.columns) == ["activity", "structure", "intensity"]
    assert result.effects.sum(axis=1).to_numpy() == pytest.approx(energy.diff().dropna().to_numpy(), rel=1e-12)
