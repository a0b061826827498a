"""Synthetic report exports (a RIS/PACS-style table) built from the radscrub.corpus generator.

Every value is invented: the rows are for examples, demos and benchmarks, never real data. Each
row carries the report text plus the structured identifiers an export typically has, so batch
scrubbing can use them as known identifiers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

EXPORT_COLUMNS: tuple[str, ...] = (
    "accession",
    "mrn",
    "patient_name",
    "dob",
    "exam_date",
    "modality",
    "exam",
    "report_text",
)
"""Columns of :func:`export_rows`, in order."""

EXPORT_PHI_COLUMNS: tuple[tuple[str, str], ...] = (
    ("patient_name", "name"),
    ("dob", "date"),
    ("exam_date", "date"),
)
"""The structured PHI columns of a synthetic export and their kinds (accession: --id-column,
mrn: --patient-column)."""


def export_rows(n: int, seed: int = 0, split: str = "dev") -> Iterator[dict[str, Any]]:
    """``n`` synthetic export rows (strings), reproducible from ``(n, seed, split)``."""
    from radscrub.corpus import generate_reports

    for record in generate_reports(n, seed, split):
        meta: dict[str, Any] = dict(record.get("meta") or {})  # type: ignore[call-overload]
        known: dict[str, Any] = dict(meta.get("known") or {})
        yield {
            "accession": str(known.get("accession") or record["id"]),
            "mrn": str(known.get("mrn") or record["patient_id"]),
            "patient_name": str(known.get("patient_name") or ""),
            "dob": str(known.get("dob") or ""),
            "exam_date": str(meta.get("exam_date") or ""),
            "modality": str(meta.get("modality") or ""),
            "exam": str(meta.get("exam") or ""),
            "report_text": str(record["text"]),
        }
