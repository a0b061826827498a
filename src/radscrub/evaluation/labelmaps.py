"""Label maps: translate a corpus' (or another tool's) labels into radscrub's PhiLabel names.

A map is ``{"their_label": "OUR_LABEL" | "ignore"}``, loaded from TOML or JSON (flat, or under
a ``labels`` table). ``ignore`` spans are scored as neither hits nor misses, and predictions
overlapping them are not false positives. A label the map does not name passes through: a
PhiLabel name (any case) becomes that label; anything else is kept as written and reported as
unmapped. Built-in maps cover the corpora radscrub is benchmarked on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from radscrub.errors import ConfigError
from radscrub.evaluation._io import read_text_file
from radscrub.evaluation.documents import Span
from radscrub.spans import PhiLabel

IGNORE = "ignore"
NO_MAP = "none"


@dataclass(frozen=True)
class LabelMap:
    """A named ``their label -> PhiLabel value or None (ignore)`` table; see the module doc."""

    name: str
    mapping: Mapping[str, str | None] = field(default_factory=dict)
    notes: str = ""

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, name: str = "custom", notes: str = ""
    ) -> LabelMap:
        """Build a map from ``{label: target}``; raise ConfigError naming a bad target."""
        table: dict[str, str | None] = {}
        for their, target in data.items():
            if not isinstance(target, str):
                raise ConfigError(f"label map {name!r}: {their!r} must map to a string")
            if target.strip().lower() == IGNORE:
                table[str(their)] = None
                continue
            try:
                table[str(their)] = PhiLabel.parse(target).value
            except ValueError as exc:
                raise ConfigError(f"label map {name!r}: {their!r} -> {exc}; or 'ignore'") from None
        return cls(name, table, notes)

    def resolve(self, label: str) -> str | None:
        """Our label for ``label``, or None when it is ignored (see the module doc)."""
        if label in self.mapping:
            return self.mapping[label]
        folded = label.casefold()
        for their, target in self.mapping.items():
            if their.casefold() == folded:
                return target
        try:
            return PhiLabel.parse(label).value
        except ValueError:
            return label

    def is_known(self, label: str) -> bool:
        """True when ``label`` is mapped, ignored, or already a PhiLabel name."""
        resolved = self.resolve(label)
        return resolved is None or resolved in PhiLabel.__members__

    def apply(self, spans: Iterable[Span]) -> tuple[list[Span], list[Span]]:
        """Split spans into (kept, relabelled with ``source_label`` set; ignored, as written)."""
        kept: list[Span] = []
        ignored: list[Span] = []
        for span in spans:
            target = self.resolve(span.label)
            if target is None:
                ignored.append(span)
            elif target == span.label:
                kept.append(span)
            else:
                kept.append(Span(span.start, span.end, target, span.label))
        return kept, ignored

    def describe(self) -> dict[str, Any]:
        """``{"name", "mapped": {their: ours}, "ignored": [their...], "notes"}`` for reports."""
        return {
            "name": self.name,
            "mapped": {k: v for k, v in self.mapping.items() if v is not None},
            "ignored": sorted(k for k, v in self.mapping.items() if v is None),
            "notes": self.notes,
        }


def load_label_map(path: str | Path) -> LabelMap:
    """Load a map from a ``.toml`` or ``.json`` file; raise ConfigError/InputError on faults."""
    p = Path(path)
    text = read_text_file(p)
    try:
        if p.suffix.lower() == ".toml":
            data: Any = _toml_loads(text)
        else:
            data = json.loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError and JSONDecodeError are ValueErrors
        raise ConfigError(
            f"{p}: not valid {p.suffix.lstrip('.').upper() or 'JSON'}: {exc}"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("labels"), dict):
        data = data["labels"]
    if not isinstance(data, dict):
        raise ConfigError(f'{p}: expected a table {{"their_label": "OUR_LABEL" | "ignore"}}')
    return LabelMap.from_dict(data, name=p.stem)


def _toml_loads(text: str) -> Any:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


_N = PhiLabel
BUILTIN_MAPS: dict[str, tuple[dict[str, str], str]] = {
    "radscrub": (
        {"TIME": IGNORE},
        "radscrub's own corpora with times of day ignored: they are not Safe Harbor date "
        "elements and radscrub keeps them unless detect.keep_times is false.",
    ),
    "physionet_deid": (
        {
            "HCPName": _N.NAME.value,
            "PTName": _N.NAME.value,
            "PTNameInitial": _N.NAME.value,
            "RelativeProxyName": _N.NAME.value,
            "Location": _N.LOCATION.value,
            "Date": _N.DATE.value,
            "DateYear": IGNORE,
            "Phone": _N.PHONE.value,
            "Age": _N.AGE.value,
            "Other": _N.ID.value,
        },
        "DateYear (a bare year) is ignored: Safe Harbor keeps years. Location includes "
        "hospital and ward names, so typed per-label scores undercount HOSPITAL predictions; "
        "the per-category (B) scores do not.",
    ),
    "presidio_synth_pii": (
        {
            "PERSON": _N.NAME.value,
            "EMAIL_ADDRESS": _N.EMAIL.value,
            "IP_ADDRESS": _N.IP.value,
            "US_SSN": _N.SSN.value,
            "PHONE_NUMBER": _N.PHONE.value,
            "STREET_ADDRESS": _N.ADDRESS.value,
            "ZIP_CODE": _N.ZIP.value,
            "DOMAIN_NAME": _N.URL.value,
            "URL": _N.URL.value,
            "US_DRIVER_LICENSE": _N.LICENSE.value,
            "GPE": IGNORE,
            "ORGANIZATION": IGNORE,
            "DATE_TIME": IGNORE,
            "AGE": IGNORE,
            "CREDIT_CARD": IGNORE,
            "IBAN_CODE": IGNORE,
            "TITLE": IGNORE,
            "NRP": IGNORE,
        },
        "Ignored: GPE (countries and states mixed with cities), ORGANIZATION, DATE_TIME (mostly "
        "bare years and weekdays), AGE (every age; Safe Harbor covers only ages over 89), "
        "CREDIT_CARD and IBAN_CODE (not radscrub targets), TITLE, NRP.",
    ),
    "i2b2_2014": (
        {
            "PATIENT": _N.NAME.value,
            "DOCTOR": _N.NAME.value,
            "USERNAME": _N.ID.value,
            "HOSPITAL": _N.HOSPITAL.value,
            "ORGANIZATION": _N.ORGANIZATION.value,
            "STREET": _N.ADDRESS.value,
            "CITY": _N.LOCATION.value,
            "ZIP": _N.ZIP.value,
            "LOCATION-OTHER": _N.LOCATION.value,
            "DATE": _N.DATE.value,
            "PHONE": _N.PHONE.value,
            "FAX": _N.FAX.value,
            "EMAIL": _N.EMAIL.value,
            "URL": _N.URL.value,
            "IPADDR": _N.IP.value,
            "SSN": _N.SSN.value,
            "MEDICALRECORD": _N.MRN.value,
            "HEALTHPLAN": _N.HEALTH_PLAN.value,
            "ACCOUNT": _N.ACCOUNT.value,
            "LICENSE": _N.LICENSE.value,
            "VEHICLE": _N.VEHICLE_ID.value,
            "DEVICE": _N.DEVICE_ID.value,
            "BIOID": _N.ID.value,
            "IDNUM": _N.ID.value,
            "AGE": IGNORE,
            "PROFESSION": IGNORE,
            "STATE": IGNORE,
            "COUNTRY": IGNORE,
            "DEPARTMENT": IGNORE,
            "ROOM": IGNORE,
            "OTHER": IGNORE,
        },
        "Ignored: AGE (i2b2 2014 marks every age; Safe Harbor covers only ages over 89), and the "
        "non-HIPAA types PROFESSION, STATE, COUNTRY, DEPARTMENT, ROOM, OTHER.",
    ),
    "i2b2_2006": (
        {
            "PATIENT": _N.NAME.value,
            "DOCTOR": _N.NAME.value,
            "LOCATION": _N.LOCATION.value,
            "HOSPITAL": _N.HOSPITAL.value,
            "DATE": _N.DATE.value,
            "ID": _N.ID.value,
            "PHONE": _N.PHONE.value,
            "AGE": _N.AGE.value,
        },
        "i2b2 2006 marks only ages over 89, so AGE is scored.",
    ),
}
"""Built-in maps by name: (table, notes). Folder names containing a key's stem select it."""

_ALIASES: tuple[tuple[str, str], ...] = (
    ("physionet", "physionet_deid"),
    ("presidio", "presidio_synth_pii"),
    ("i2b2_2014", "i2b2_2014"),
    ("i2b2-2014", "i2b2_2014"),
    ("i2b2_2006", "i2b2_2006"),
    ("i2b2-2006", "i2b2_2006"),
)


def builtin_label_map(name: str) -> LabelMap:
    """The built-in map called ``name``; raise ConfigError listing the available ones."""
    if name not in BUILTIN_MAPS:
        raise ConfigError(
            f"no built-in label map {name!r}; built-in maps: {', '.join(BUILTIN_MAPS)} "
            "(or give a .toml/.json file)"
        )
    table, notes = BUILTIN_MAPS[name]
    return LabelMap.from_dict(table, name=name, notes=notes)


def guess_label_map(corpus_path: str | Path) -> LabelMap | None:
    """The built-in map whose alias occurs in the corpus' file or folder name, if any."""
    p = Path(corpus_path)
    names = [p.name.lower(), p.parent.name.lower()]
    for alias, builtin in _ALIASES:
        if any(alias in name for name in names):
            return builtin_label_map(builtin)
    return None


def resolve_label_map(spec: str | Path | None, corpus_path: str | Path | None = None) -> LabelMap:
    """The map ``spec`` names (a file, a built-in name, ``none``); guessed when ``spec`` is None."""
    if spec is None:
        guessed = guess_label_map(corpus_path) if corpus_path is not None else None
        return guessed or LabelMap(NO_MAP)
    text = str(spec)
    if text.lower() == NO_MAP:
        return LabelMap(NO_MAP)
    if text in BUILTIN_MAPS:
        return builtin_label_map(text)
    if Path(text).suffix.lower() in {".toml", ".json"} or Path(text).exists():
        return load_label_map(text)
    return builtin_label_map(text)  # raises ConfigError listing the built-in maps
