"""The run manifest: what a batch run read, wrote, quarantined and excluded, and with what.

A manifest holds counts, versions, hashes and timings, never PHI and never the key (only the
key's public fingerprint). ``rows.read == rows.written + rows.quarantined + rows.excluded``
always holds. The same object, compacted to one line, is the run's audit-log event.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from radscrub.io.journal import ChunkRecord

MANIFEST_VERSION = 1


def config_hash(config: Any) -> str:
    """sha256 of the config's canonical JSON (``config.to_dict()``, keys sorted)."""
    data = json.dumps(config.to_dict(), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def package_versions() -> dict[str, str | None]:
    """Versions of radscrub and the libraries that decide its output."""
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in ("radscrub", "spacy", "presidio-analyzer", "presidio-anonymizer", "faker"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def model_versions(scrubber: Any) -> list[str]:
    """``name version`` of each spaCy pipeline the scrubber's detectors hold."""
    found: list[str] = []
    for detector in getattr(scrubber, "detectors", ()):
        nlp = getattr(detector, "nlp", None)
        meta = getattr(nlp, "meta", None)
        if isinstance(meta, Mapping):
            name = f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_") or "spacy-pipeline"
            entry = f"{name} {meta.get('version', '')}".strip()
            if entry not in found:
                found.append(entry)
    return found


@dataclass
class Totals:
    """Row accounting summed over committed chunks."""

    read: int = 0
    written: int = 0
    quarantined: int = 0
    excluded: int = 0
    chunks: int = 0
    excluded_patients: set[int] = field(default_factory=set)
    labels: Counter[str] = field(default_factory=Counter)
    fields: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, record: ChunkRecord) -> None:
        """Fold in one committed chunk."""
        self.read += record.read
        self.written += record.written
        self.quarantined += record.quarantined
        self.excluded += record.excluded
        self.chunks += 1
        self.excluded_patients.update(record.excluded_patients)
        self.labels.update(record.labels)
        self.fields.update(record.fields)
        self.reasons.update(record.reasons)
        self.seconds += record.seconds

    @classmethod
    def of(cls, records: Iterable[ChunkRecord]) -> Totals:
        totals = cls()
        for record in records:
            totals.add(record)
        return totals

    @property
    def balanced(self) -> bool:
        """read = written + quarantined + excluded."""
        return self.read == self.written + self.quarantined + self.excluded


def build_manifest(
    *,
    totals: Totals,
    run: Mapping[str, Any],
    versions: Mapping[str, Any],
    timings: Mapping[str, Any],
) -> dict[str, Any]:
    """The manifest as a JSON-ready dict (see the module docstring for its guarantees)."""
    return {
        "radscrub_manifest": MANIFEST_VERSION,
        "status": "complete",
        **run,
        "rows": {
            "read": totals.read,
            "written": totals.written,
            "quarantined": totals.quarantined,
            "excluded": totals.excluded,
        },
        "excluded_patients": len(totals.excluded_patients),
        "quarantine_reasons": dict(sorted(totals.reasons.items())),
        "phi_labels": dict(sorted(totals.labels.items())),
        "fields_rewritten": dict(sorted(totals.fields.items())),
        "chunks": totals.chunks,
        "versions": dict(versions),
        "timings": dict(timings),
    }


def summary_lines(manifest: Mapping[str, Any]) -> list[str]:
    """A short human summary of a manifest (for stderr)."""
    rows = manifest["rows"]
    lines = [
        f"read {rows['read']} rows: wrote {rows['written']}, quarantined {rows['quarantined']}, "
        f"excluded {rows['excluded']} ({manifest['excluded_patients']} patient(s))",
    ]
    if manifest["quarantine_reasons"]:
        reasons = ", ".join(f"{k} {v}" for k, v in manifest["quarantine_reasons"].items())
        lines.append(f"quarantine reasons: {reasons}")
    if manifest["phi_labels"]:
        labels = ", ".join(f"{k} {v}" for k, v in manifest["phi_labels"].items())
        lines.append(f"PHI replaced: {labels}")
    timings = manifest["timings"]
    lines.append(
        f"{timings['seconds']:.1f} s, {timings['rows_per_second']:.1f} rows/s, "
        f"{manifest['workers']} worker(s)"
    )
    return lines


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    """Write pretty JSON with a trailing newline."""
    path.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")
