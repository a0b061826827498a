"""Write generated corpora as JSONL (one report per line, stable key order, UTF-8)."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from radscrub.corpus.generate import generate_reports
from radscrub.errors import InputError


@dataclass
class CorpusStats:
    """What a write produced: report, patient and per-label span counts."""

    reports: int = 0
    patients: int = 0
    spans: int = 0
    labels: Counter[str] = field(default_factory=Counter)


def dumps_record(record: dict[str, object]) -> str:
    """The canonical one-line JSON form of a record (sorted keys, non-ASCII kept)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def write_corpus(path: str | Path, n: int, seed: int, split: str) -> CorpusStats:
    """Generate ``n`` reports for ``(seed, split)`` and write them to ``path`` atomically."""
    path = Path(path)
    tmp = path.with_name(path.name + ".radscrub-partial")
    stats = CorpusStats()
    last_patient = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for record in generate_reports(n, seed, split):
                fh.write(dumps_record(record))
                fh.write("\n")
                stats.reports += 1
                if record["patient_id"] != last_patient:
                    stats.patients += 1
                    last_patient = record["patient_id"]
                spans = record["spans"]
                assert isinstance(spans, list)
                stats.spans += len(spans)
                stats.labels.update(str(s["label"]) for s in spans)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write corpus: {exc.strerror}", source=str(path)) from None
    return stats


def read_corpus(path: str | Path) -> list[dict[str, object]]:
    """Read a corpus JSONL file back into records."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("file not found", source=str(path)) from None
    out = []
    for i, line in enumerate(lines, 1):
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", source=str(path), line=i) from None
    return out
