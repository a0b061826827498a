"""The per-row work shared by every engine: scrub a row's declared columns, or say why it failed.

:class:`RowProcessor` is the one function the local batch runner and Spark both call, so both give
the same bytes for the same key. It never raises for a row: a row whose processing raises (any
exception, including DetectionTimeout) becomes a :class:`Failed` outcome, which callers quarantine
and never write.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from radscrub.errors import RadscrubError
from radscrub.io.columns import ColumnSpec
from radscrub.spans import ScrubResult


class ScrubberLike(Protocol):
    """What batch scrubbing needs from a Scrubber (tests may pass a stand-in)."""

    def scrub(
        self, text: str, *, patient_id: str | None = None, known: Any = None
    ) -> ScrubResult: ...

    def scrub_field(
        self, value: str, kind: str, *, patient_id: str | None = None, known: Any = None
    ) -> str | None: ...

    def pseudonym(self, kind: str, value: str) -> str: ...


PATIENT_KIND = "mrn"
"""Known-identifier kind under which a row's patient id is looked for in its text."""
REPORT_KIND = "id"
"""Known-identifier kind under which a row's report id is looked for in its text."""


class RowRejected(RadscrubError):
    """A row cannot be processed as it is (wrong type, too long): it is quarantined."""


@dataclass(frozen=True)
class Scrubbed:
    """A processed row: new values for the spec's columns and the PHI labels found in its text."""

    values: dict[str, Any]
    labels: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Failed:
    """A row that must not be written: the exception type and a message free of the row's text."""

    error_type: str
    reason: str


Outcome = Scrubbed | Failed


class RowProcessor:
    """Scrubs rows (mappings holding at least the spec's columns) with one scrubber, in order.

    Text columns go through ``scrubber.scrub`` with the row's patient id and, as known
    identifiers, its structured PHI plus the patient id (kind ``mrn``: the MRN and patient-id
    pseudonyms share one domain, so the id in the text and in its column agree) and the report
    id (kind ``id``). PHI columns go through ``scrub_field``; the id and patient columns become
    keyed pseudonyms (``report_id`` and ``patient_id`` domains).
    """

    def __init__(self, scrubber: ScrubberLike, spec: ColumnSpec) -> None:
        self.scrubber = scrubber
        self.spec = spec

    def process(self, rows: Sequence[Mapping[str, Any]]) -> list[Outcome]:
        """One outcome per row, in order. Text is scrubbed a batch at a time when possible."""
        prepared: list[_Prepared | Failed] = []
        for row in rows:
            try:
                prepared.append(self._prepare(row))
            except Exception as exc:  # fail closed: any fault quarantines the row
                prepared.append(describe_failure(exc, row))
        texts = self._scrub_texts([p for p in prepared if isinstance(p, _Prepared)])
        outcomes: list[Outcome] = []
        for row, item in zip(rows, prepared, strict=True):
            if isinstance(item, Failed):
                outcomes.append(item)
                continue
            try:
                outcomes.append(self._finish(item, texts))
            except Exception as exc:  # fail closed
                outcomes.append(describe_failure(exc, row))
        return outcomes

    def _prepare(self, row: Mapping[str, Any]) -> _Prepared:
        spec = self.spec
        patient_id = None
        if spec.patient_column is not None:
            patient_id = as_text(row.get(spec.patient_column))
            patient_id = patient_id.strip() if patient_id is not None else None
        known: dict[str, list[str]] = {}
        if patient_id:
            known[PATIENT_KIND] = [patient_id]
        if spec.id_column is not None:
            report_id = as_text(row.get(spec.id_column))
            if report_id is not None and report_id.strip():
                known.setdefault(REPORT_KIND, []).append(report_id.strip())
        for column, kind in spec.phi_columns:
            value = as_text(row.get(column))
            if value is not None and value.strip():
                known.setdefault(kind, []).append(value)
        texts: dict[str, str | None] = {}
        for column in spec.text_columns:
            value = row.get(column)
            if value is not None and not isinstance(value, str):
                raise RowRejected(
                    f"column {column!r} holds {type(value).__name__}, not text; "
                    "only text columns can be scrubbed"
                )
            if value is not None and spec.max_chars and len(value) > spec.max_chars:
                raise RowRejected(
                    f"column {column!r} holds {len(value):,} characters, over the limit of "
                    f"{spec.max_chars:,} (--max-chars); split the report or raise the limit"
                )
            texts[column] = value
        return _Prepared(row, patient_id or None, {k: tuple(v) for k, v in known.items()}, texts)

    def _scrub_texts(self, items: list[_Prepared]) -> dict[tuple[int, str], ScrubResult | Failed]:
        """Scrub every non-null text of ``items``; key = (id(item), column)."""
        keys: list[tuple[int, str]] = []
        jobs: list[tuple[str, str | None, Mapping[str, tuple[str, ...]]]] = []
        for item in items:
            for column, text in item.texts.items():
                if text is not None:
                    keys.append((id(item), column))
                    jobs.append((text, item.patient_id, item.known))
        results: dict[tuple[int, str], ScrubResult | Failed] = {}
        batch = self._scrub_batch(jobs)
        if batch is not None:
            results.update(zip(keys, batch, strict=True))
            return results
        rows = {id(item): item.row for item in items}
        for key, (text, patient_id, known) in zip(keys, jobs, strict=True):
            try:
                results[key] = self.scrubber.scrub(text, patient_id=patient_id, known=known)
            except Exception as exc:  # fail closed: the row is quarantined
                results[key] = describe_failure(exc, rows[key[0]])
        return results

    def _scrub_batch(
        self, jobs: list[tuple[str, str | None, Mapping[str, tuple[str, ...]]]]
    ) -> list[ScrubResult] | None:
        """``scrub_many`` over all jobs at once, or None when unavailable or any text fails."""
        scrub_many = getattr(self.scrubber, "scrub_many", None)
        if scrub_many is None or len(jobs) < 2:
            return None
        try:
            results = list(
                scrub_many(
                    [text for text, _, _ in jobs],
                    patient_ids=[patient_id for _, patient_id, _ in jobs],
                    known=[known for _, _, known in jobs],
                )
            )
        except Exception:  # retried one text at a time to find the failing rows
            return None
        return results if len(results) == len(jobs) else None

    def _finish(self, item: _Prepared, texts: Mapping[tuple[int, str], Any]) -> Outcome:
        spec = self.spec
        scrubber = self.scrubber
        values: dict[str, Any] = {}
        labels: Counter[str] = Counter()
        for column, text in item.texts.items():
            if text is None:
                values[column] = None
                continue
            result = texts[(id(item), column)]
            if isinstance(result, Failed):
                return result
            values[column] = result.text
            labels.update(span.label.value for span in result.spans)
        for column, kind in spec.phi_columns:
            value = as_text(item.row.get(column))
            if value is None or not value.strip():
                values[column] = value
            else:
                values[column] = scrubber.scrub_field(
                    value, kind, patient_id=item.patient_id, known=item.known
                )
        if spec.patient_column is not None:
            values[spec.patient_column] = _pseudonym_or_blank(
                scrubber, "patient_id", item.row.get(spec.patient_column)
            )
        if spec.id_column is not None:
            values[spec.id_column] = _pseudonym_or_blank(
                scrubber, "report_id", item.row.get(spec.id_column)
            )
        return Scrubbed(values, labels)


@dataclass(frozen=True)
class _Prepared:
    row: Mapping[str, Any]
    patient_id: str | None
    known: Mapping[str, tuple[str, ...]]
    texts: dict[str, str | None]


def _pseudonym_or_blank(scrubber: ScrubberLike, kind: str, raw: Any) -> str | None:
    """The pseudonym of a non-blank id; a blank string stays as it is, anything else empty."""
    value = as_text(raw)
    if value is not None and value.strip():
        return scrubber.pseudonym(kind, value.strip())
    return raw if isinstance(raw, str) else None


def as_text(value: Any) -> str | None:
    """A cell as text for a field transform: None stays None, dates in ISO 8601, else ``str``."""
    if value is None or isinstance(value, str):
        return value
    if _is_missing(value):
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "isoformat") and callable(value.isoformat):  # pandas.Timestamp and kin
        return str(value.isoformat())
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _is_missing(value: Any) -> bool:
    """NaN, NaT and pandas.NA: how pandas (and so Spark's mapInPandas) spells a missing cell."""
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return True


_WORD = re.compile(r"\w{2,}")
_STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it",
     "no", "not", "of", "on", "or", "the", "to", "was", "with"}
)  # fmt: skip


def describe_failure(exc: BaseException, row: Mapping[str, Any] | Iterable[Any] | None) -> Failed:
    """The exception as (type, message) with every word that occurs in the row's values masked.

    Messages of foreign exceptions may quote the text they choked on; a quarantine reason must
    not carry report text, so any word of the message found in the row is replaced by ``…``.
    """
    values: Iterable[Any]
    if row is None:
        values = ()
    elif isinstance(row, Mapping):
        values = row.values()
    else:
        values = row
    seen: set[str] = set()
    for value in values:
        text = as_text(value) if not isinstance(value, dict | list) else repr(value)
        if text:
            seen.update(w.lower() for w in _WORD.findall(text))
    message = str(exc)[:500]
    if isinstance(exc, RowRejected):  # our own messages name columns and sizes, never values
        return Failed(type(exc).__name__, message)

    def mask(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        return "…" if word in seen and word not in _STOP_WORDS else match.group(0)

    return Failed(type(exc).__name__, _WORD.sub(mask, message))
