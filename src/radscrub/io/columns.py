"""Which columns of an export hold what: report text, the report id, the patient id, structured PHI.

A :class:`ColumnSpec` is plain, picklable data shared by the local batch runner and the Spark
engine. Columns it does not name are copied unchanged, so :func:`suspicious_columns` points out
columns whose names look like identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from radscrub.errors import ConfigError, InputError
from radscrub.spans import PhiLabel

DEFAULT_TEXT_COLUMNS: tuple[str, ...] = ("text", "report_text")
"""Tried in order when no ``--text-column`` is given; every one present is scrubbed."""

DEFAULT_MAX_CHARS = 1_000_000
"""Longer texts are quarantined unprocessed (spaCy's own default ``max_length``)."""

_IDENTIFIER_NAME = re.compile(
    r"(?:^|_|\b)(?:name|first|last|surname|mrn|dob|birth|ssn|social|accession|acc_?no|phone|fax"
    r"|email|e_?mail|address|street|city|zip|postal|provider|physician|doctor|radiologist"
    r"|referr\w*|attending|signed|account|insurance|member|device|serial|ip_?addr|url"
    r"|patient|pat_?id|person|contact|date)(?:$|_|\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ColumnSpec:
    """The roles of an export's columns. ``phi_columns`` pairs a column with its PHI kind."""

    text_columns: tuple[str, ...]
    id_column: str | None = None
    patient_column: str | None = None
    phi_columns: tuple[tuple[str, str], ...] = ()
    max_chars: int = DEFAULT_MAX_CHARS

    def __post_init__(self) -> None:
        if not self.text_columns:
            raise ConfigError("name at least one text column (--text-column)")
        roles: dict[str, str] = {}
        named: list[tuple[str | None, str]] = [(c, "text column") for c in self.text_columns]
        named += [(self.id_column, "id column"), (self.patient_column, "patient column")]
        named += [(c, "PHI column") for c, _ in self.phi_columns]
        for column, role in named:
            if column is None:
                continue
            if column in roles:
                raise ConfigError(
                    f"column {column!r} is named twice (as {roles[column]} and as {role}); "
                    "give each column one role"
                )
            roles[column] = role
        for column, kind in self.phi_columns:
            check_kind(kind, column)
        if self.max_chars < 0:
            raise ConfigError("max_chars must be >= 0 (0 = no limit)")

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column this spec reads or rewrites, text columns first."""
        ids = tuple(c for c in (self.id_column, self.patient_column) if c is not None)
        return self.text_columns + ids + tuple(c for c, _ in self.phi_columns)

    @property
    def rewritten_fields(self) -> tuple[str, ...]:
        """Columns whose values are replaced by pseudonyms or field transforms (not free text)."""
        return self.columns[len(self.text_columns) :]

    def check_available(self, available: Sequence[str], source: str) -> None:
        """Raise InputError naming each missing column and listing the ones the input has."""
        missing = [c for c in self.columns if c not in available]
        if missing:
            names = ", ".join(repr(c) for c in missing)
            have = ", ".join(repr(c) for c in available) or "(none)"
            raise InputError(f"no column {names}; the input's columns are: {have}", source=source)


FIELD_KINDS: tuple[str, ...] = ("name", "patient_id", "mrn", "accession", "date")
"""Kinds whose column values are transformed (``Scrubber.scrub_field``): names are emptied, ids
pseudonymised, dates shifted. Any other PHI label (``phone``, ``ssn`` ...) is accepted too: its
values still help find the identifier in the text, and the column itself is written empty."""


def phi_kinds() -> tuple[str, ...]:
    """Every kind ``--phi-column`` accepts: FIELD_KINDS, then the other PHI labels in lower case."""
    labels = tuple(label.value.lower() for label in PhiLabel)
    return FIELD_KINDS + tuple(k for k in labels if k not in FIELD_KINDS)


def check_kind(kind: str, column: str = "") -> str:
    """Return the PHI kind in lower case, or raise ConfigError listing the valid kinds."""
    name = kind.strip().lower()
    if name in phi_kinds():
        return name
    where = f" for column {column!r}" if column else ""
    valid = ", ".join(phi_kinds())
    raise ConfigError(f"unknown PHI kind {kind!r}{where}; valid kinds: {valid}")


def parse_phi_columns(options: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Parse ``NAME=KIND`` options (e.g. ``patient_name=name``) into (column, kind) pairs."""
    pairs: list[tuple[str, str]] = []
    for option in options:
        column, sep, kind = option.rpartition("=")
        if not sep or not column or not kind.strip():
            raise ConfigError(
                f"--phi-column {option!r}: expected COLUMN=KIND, e.g. patient_name=name or mrn=mrn"
            )
        pairs.append((column, check_kind(kind.strip(), column)))
    return tuple(pairs)


def default_text_columns(available: Sequence[str], source: str) -> tuple[str, ...]:
    """The default text columns present in ``available``; InputError when there are none."""
    found = tuple(c for c in DEFAULT_TEXT_COLUMNS if c in available)
    if not found:
        have = ", ".join(repr(c) for c in available) or "(none)"
        raise InputError(
            f"no 'text' or 'report_text' column; name the report column with --text-column. "
            f"The input's columns are: {have}",
            source=source,
        )
    return found


def suspicious_columns(available: Sequence[str], spec: ColumnSpec) -> list[str]:
    """Columns copied unchanged although their names suggest identifiers (worth a warning)."""
    declared = set(spec.columns)
    return [c for c in available if c not in declared and _IDENTIFIER_NAME.search(c)]
