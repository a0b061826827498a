"""ScrubConfig: the one typed configuration object, loadable from TOML.

```toml
[detect]
detectors = ["dates", "identifiers", "ages", "places", "names", "known", "ner"]
min_score = 0.4

[transform]
mode = "pseudonymise"            # or "anonymise" (the default)
key_file = "/secure/radscrub.key"

[transform.actions]              # per-label overrides of the mode's default action
DATE = "shift"
ZIP = "generalize"
```
Unknown sections or keys, wrong types and out-of-range values raise ``ConfigError`` naming the key.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from radscrub.errors import ConfigError
from radscrub.spans import PhiLabel

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

Mode = Literal["anonymise", "pseudonymise"]
DEFAULT_DETECTORS: tuple[str, ...] = (
    "dates",
    "identifiers",
    "ages",
    "fields",
    "places",
    "names",
    "known",
    "ner",
)
"""The built-in detectors that run by default, in run order: every one in
radscrub.detect.registry. ``ner`` (the shipped model, behind an evidence gate) adds names and
organisations that have no cue around them; drop it for rules only, at some recall and about a
quarter of the detection time."""
ACTIONS = ("redact", "mask", "surrogate", "shift", "generalize", "keep")


@dataclass(frozen=True)
class DetectConfig:
    """Which detectors run and how strict they are."""

    detectors: tuple[str, ...] = DEFAULT_DETECTORS
    """Built-in detectors to run, by name (see radscrub.detect.registry)."""
    min_score: float = 0.4
    """Spans scoring below this are dropped before resolution."""
    pattern_timeout: float = 2.0
    """Seconds one pattern may spend on one text before DetectionTimeout is raised."""
    keep_years: bool = True
    """Bare years (``2019``) are kept: Safe Harbor permits the year. False flags them as DATE."""
    keep_times: bool = True
    """Times of day (``14:05``) are kept: Safe Harbor lists dates, not clock times. False flags
    them as TIME (then the TIME action applies: kept when pseudonymising, redacted when
    anonymising)."""
    ner_model: str = "radscrub-ner"
    """The shipped model (``radscrub-ner``), or an installed spaCy package name or a path."""
    staff_roster: str | None = None
    """A UTF-8 file with one staff name per line, always treated as NAME."""
    allow_list: str | None = None
    """A UTF-8 file with extra terms (one per line) that are never PHI."""


@dataclass(frozen=True)
class TransformConfig:
    """What replaces each detected span."""

    mode: Mode = "anonymise"
    key_file: str | None = None
    key_env: str = "RADSCRUB_KEY"
    date_shift_min_days: int = -365
    date_shift_max_days: int = -30
    actions: Mapping[str, str] = field(default_factory=dict)
    """Label -> action overrides (actions: redact, mask, surrogate, shift, generalize, keep)."""
    crosswalk: str | None = None
    """SQLite file recording original id -> pseudonym, encrypted (pseudonymise mode only)."""

    def __post_init__(self) -> None:
        if self.mode not in ("anonymise", "pseudonymise"):
            raise ConfigError(
                f"transform.mode must be 'anonymise' or 'pseudonymise', not {self.mode!r}"
            )
        if self.date_shift_min_days > self.date_shift_max_days:
            raise ConfigError(
                "transform.date_shift_min_days must not exceed transform.date_shift_max_days "
                f"({self.date_shift_min_days} > {self.date_shift_max_days})"
            )
        if self.date_shift_min_days == self.date_shift_max_days == 0:
            raise ConfigError(
                "transform date shift range is [0, 0]: a shift of 0 reveals the dates"
            )
        if self.crosswalk is not None and self.mode != "pseudonymise":
            raise ConfigError(
                "transform.crosswalk is for pseudonymise mode only (anonymised output must have "
                "no way back); set transform.mode = 'pseudonymise' or remove transform.crosswalk"
            )
        for label, action in self.actions.items():
            try:
                PhiLabel.parse(label)
            except ValueError as exc:
                raise ConfigError(f"transform.actions: {exc}") from None
            if action not in ACTIONS:
                raise ConfigError(
                    f"transform.actions.{label}: unknown action {action!r}; "
                    f"choose one of {', '.join(ACTIONS)}"
                )


@dataclass(frozen=True)
class ScrubConfig:
    """Everything a Scrubber needs to know; defaults are safe to use as they are."""

    detect: DetectConfig = field(default_factory=DetectConfig)
    transform: TransformConfig = field(default_factory=TransformConfig)

    def __post_init__(self) -> None:
        if not 0.0 <= self.detect.min_score <= 1.0:
            raise ConfigError(f"detect.min_score must be in [0, 1], not {self.detect.min_score}")
        if self.detect.pattern_timeout <= 0:
            raise ConfigError("detect.pattern_timeout must be a positive number of seconds")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "config") -> ScrubConfig:
        """Build a config from nested mappings (as parsed from TOML); ConfigError on any fault."""
        return _build(cls, data, where)

    @classmethod
    def from_toml(cls, path: str | Path) -> ScrubConfig:
        """Read a TOML file; errors name the file and the offending key."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        return cls.from_dict(data, where=str(path))

    def to_dict(self) -> dict[str, Any]:
        """Plain nested dict (JSON/TOML-serialisable), e.g. for hashing into an audit log."""
        return _plain(dataclasses.asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _build(cls: type, data: Mapping[str, Any], where: str) -> Any:
    """Instantiate dataclass ``cls`` from ``data``, checking and converting each field by type."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: expected a table, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - fields)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)}; valid keys: {', '.join(sorted(fields))}"
        )
    kwargs = {
        name: _convert(hints[name], value, f"{where}: {name}") for name, value in data.items()
    }
    try:
        return cls(**kwargs)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _convert(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value, where)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, where)
    if origin is Literal:
        if value not in args:
            raise ConfigError(
                f"{where}: must be one of {', '.join(map(repr, args))}, not {value!r}"
            )
        return value
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{where}: expected a list, got {type(value).__name__}")
        item = args[0] if args else Any
        return tuple(_convert(item, v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin in (Mapping, dict) or hint in (dict,):
        if not isinstance(value, Mapping):
            raise ConfigError(f"{where}: expected a table, got {type(value).__name__}")
        kt, vt = args if args else (Any, Any)
        return {_convert(kt, k, where): _convert(vt, v, f"{where}.{k}") for k, v in value.items()}
    if hint is Any:
        return value
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, float, bool):
        if type(value) is not hint:
            raise ConfigError(f"{where}: expected {hint.__name__}, got {type(value).__name__}")
        return value
    raise ConfigError(f"{where}: unsupported config type {hint!r}")  # pragma: no cover
