"""ScrubConfig: typed defaults, TOML loading, and errors that name the offending key."""

from __future__ import annotations

from pathlib import Path

import pytest

from radscrub import ScrubConfig
from radscrub.config import DEFAULT_DETECTORS
from radscrub.detect.registry import BUILTIN_DETECTORS
from radscrub.errors import ConfigError


def test_defaults_are_safe() -> None:
    config = ScrubConfig()
    assert config.transform.mode == "anonymise"
    assert config.detect.keep_years is True
    assert config.transform.date_shift_min_days <= config.transform.date_shift_max_days < 0


def test_default_detectors_are_every_builtin() -> None:
    assert set(DEFAULT_DETECTORS) == set(BUILTIN_DETECTORS)
    assert list(DEFAULT_DETECTORS) == [n for n in BUILTIN_DETECTORS if n in DEFAULT_DETECTORS]


def test_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        """
[detect]
min_score = 0.6
keep_years = false

[transform]
mode = "pseudonymise"
date_shift_min_days = -100
date_shift_max_days = -10

[transform.actions]
ZIP = "generalize"
""",
        encoding="utf-8",
    )
    config = ScrubConfig.from_toml(path)
    assert config.detect.min_score == 0.6
    assert config.detect.keep_years is False
    assert config.transform.mode == "pseudonymise"
    assert config.transform.actions == {"ZIP": "generalize"}
    assert ScrubConfig.from_dict(config.to_dict()) == config


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"detect": {"min_scor": 0.5}}, r"unknown key\(s\) min_scor"),
        ({"detec": {}}, r"unknown key\(s\) detec"),
        ({"detect": {"min_score": "high"}}, "min_score: expected float, got str"),
        ({"detect": {"min_score": 2.0}}, r"min_score must be in \[0, 1\]"),
        ({"detect": {"detectors": "dates"}}, "detectors: expected a list"),
        ({"transform": {"mode": "encrypt"}}, r"must be one of 'anonymise', 'pseudonymise'"),
        ({"transform": {"actions": {"DATE": "burn"}}}, "unknown action 'burn'"),
        ({"transform": {"actions": {"PERSON": "redact"}}}, "unknown PHI label 'PERSON'"),
        (
            {"transform": {"date_shift_min_days": 10, "date_shift_max_days": 1}},
            "must not exceed",
        ),
        (
            {"transform": {"date_shift_min_days": 0, "date_shift_max_days": 0}},
            "a shift of 0",
        ),
    ],
)
def test_bad_config_names_the_key(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ScrubConfig.from_dict(data)


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[detect\nmin_score = ", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.toml: not valid TOML"):
        ScrubConfig.from_toml(path)
    with pytest.raises(ConfigError, match="not found"):
        ScrubConfig.from_toml(tmp_path / "missing.toml")
