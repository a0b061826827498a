"""The README is part of the product: its config reference, Quickstart and code must stay true."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from radscrub.config import DetectConfig, TransformConfig

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("section", "cls"), [("detect", DetectConfig), ("transform", TransformConfig)]
)
def test_every_config_key_is_documented(section: str, cls: type) -> None:
    for field in dataclasses.fields(cls):
        assert f"`{section}.{field.name}`" in README, f"README lacks {section}.{field.name}"


def test_quickstart_has_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    block = README.split("## Quickstart", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip() in ci


@pytest.mark.model
def test_presidio_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = re.search(r"## Using radscrub inside presidio.*?```python\n(.*?)```", README, re.S)
    assert code is not None
    exec(compile(code.group(1), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.strip()
    for original in ("Will Gray", "03/14/2019", "00482913"):
        assert original not in printed
