"""Transform consistency on a real corpus, grouped by patient: date intervals and name surrogates.

Uses the corpus's gold Date and name spans as the spans to transform (so it measures the
transforms, not detection) in pseudonymise mode with a throwaway key, and checks that

- every shifted date of a patient moved by the patient's one offset, so every interval between
  two of the patient's dates (across all their notes) is unchanged; full dates and dates written
  without a year (shifted within a reference year, so compared modulo the year) are checked
  separately;
- every repeated name of a patient maps to one surrogate, and every name part (first or last,
  normalised) maps to one surrogate part, whatever shape it was written in.

Prints counts only, never corpus text::

    python benchmarks/consistency.py [/work/shared/corpora/physionet_deid_dev/corpus.jsonl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from radscrub.config import TransformConfig
from radscrub.detect.base import RecordContext
from radscrub.spans import PhiLabel, PhiSpan
from radscrub.transform import Transformer
from radscrub.transform.dates import REFERENCE_YEAR
from radscrub.transform.keys import SecretKey
from radscrub.transform.operators import parse_date_or_none
from radscrub.transform.surrogates import normalise_name, parse_name

DEFAULT_CORPUS = Path("/work/shared/corpora/physionet_deid_dev/corpus.jsonl")
NAME_LABELS = {"HCPName", "PTName", "RelativeProxyName", "PTNameInitial"}
DATE_LABELS = {"Date"}


def _date(text: str) -> tuple[str, int, int, int] | None:
    """``(kind, year, month, day)``: kind ``full``, or ``month-day`` (no year written; the
    shifter moves those within REFERENCE_YEAR); None for anything less."""
    value = parse_date_or_none(text)
    if value is None or value.month is None or value.day is None:
        return None
    if value.year is None:
        return "month-day", REFERENCE_YEAR, value.month, value.day
    return "full", value.year, value.month, value.day


def _measured_shift(old: tuple[str, int, int, int], new: tuple[str, int, int, int]) -> int | None:
    """Days between the original and its shifted form. A month/day date has no year, so its
    shifted year is the one (REFERENCE_YEAR or a neighbour) putting the shift in the configured
    range; the range is narrower than a year, so at most one does."""
    start = dt.date(*old[1:]).toordinal()
    if old[0] == "full":
        return dt.date(*new[1:]).toordinal() - start
    config = TransformConfig()
    for year in (REFERENCE_YEAR - 1, REFERENCE_YEAR, REFERENCE_YEAR + 1):
        try:
            diff = dt.date(year, new[2], new[3]).toordinal() - start
        except ValueError:  # Feb 29 outside a leap year
            continue
        if config.date_shift_min_days <= diff <= config.date_shift_max_days:
            return diff
    return None


def run(corpus: Path) -> dict[str, int | float]:
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    transformer = Transformer(TransformConfig(mode="pseudonymise"), key=SecretKey.random())
    stats: dict[str, int | float] = defaultdict(int)
    days: dict[tuple[str, str], list[int | None]] = defaultdict(list)  # (patient, kind) -> shifts
    names: dict[tuple[str, str], set[str]] = defaultdict(set)  # (patient, name) -> surrogates
    occurrences: Counter[tuple[str, str]] = Counter()
    parts: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (patient, kind, part)
    started = time.perf_counter()
    for doc in docs:
        text, patient = doc["text"], doc["patient_id"]
        spans = []
        for gold in sorted(doc["spans"], key=lambda s: (s["start"], s["end"])):
            if spans and gold["start"] < spans[-1].end:
                continue
            if gold["label"] in DATE_LABELS:
                original = text[gold["start"] : gold["end"]]
                spans.append(
                    PhiSpan(
                        gold["start"],
                        gold["end"],
                        PhiLabel.DATE,
                        value=parse_date_or_none(original),
                    )
                )
            elif gold["label"] in NAME_LABELS:
                spans.append(PhiSpan(gold["start"], gold["end"], PhiLabel.NAME))
        result = transformer.transform(text, spans, RecordContext(patient_id=patient))
        stats["documents"] += 1
        for new in result.replacements:
            original = text[new.span.start : new.span.end]
            stats["surrogate equal to original"] += new.new_text == original
            if new.span.label is PhiLabel.DATE:
                stats["dates"] += 1
                stats["dates shifted"] += new.action == "shift"
                stats["dates redacted (unparseable)"] += new.action == "redact"
                old_date, new_date = _date(original), _date(new.new_text)
                if new.action == "shift" and old_date is not None and new_date is not None:
                    days[(patient, old_date[0])].append(_measured_shift(old_date, new_date))
                continue
            stats["names"] += 1
            stats["names surrogated"] += new.action == "surrogate"
            if new.action != "surrogate":
                continue
            name_key = (patient, " ".join(normalise_name(w) for w in original.split()))
            names[name_key].add(new.new_text.upper())
            occurrences[name_key] += 1
            old_parts = [p for p in parse_name(original) if p.role != "keep"]
            new_parts = [p for p in parse_name(new.new_text) if p.role != "keep"]
            if len(old_parts) != len(new_parts):
                stats["name shape changed"] += 1
                continue
            for old, rendered in zip(old_parts, new_parts, strict=True):
                kind = "first" if old.role.startswith("first") else "last"
                key = normalise_name(original[old.start : old.end])
                if old.role.endswith("initial"):
                    kind += "-initial"
                parts[(patient, kind, key)].add(
                    normalise_name(new.new_text[rendered.start : rendered.end])
                )
    stats["seconds"] = round(time.perf_counter() - started, 2)
    stats["patients"] = len({doc["patient_id"] for doc in docs})
    for (patient, kind), shifts in sorted(days.items()):
        offset = transformer.date_offset(patient)
        stats[f"{kind} dates checked"] += len(shifts)
        stats[f"{kind} offset violations"] += sum(shift != offset for shift in shifts)
        for shift_a, shift_b in combinations(shifts, 2):  # interval kept <=> same shift
            stats[f"{kind} date pairs checked"] += 1
            stats[f"{kind} interval violations"] += shift_a is None or shift_a != shift_b
    repeated = {k: v for k, v in names.items() if occurrences[k] > 1}
    stats["repeated names checked"] = len(repeated)
    stats["repeated name inconsistencies"] = sum(len(v) > 1 for v in repeated.values())
    stats["name parts checked"] = len(parts)
    stats["name part inconsistencies"] = sum(len(v) > 1 for v in parts.values())
    stats["distinct patient names"] = len(names)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    stats = run(args.corpus)
    width = max(len(k) for k in stats)
    print(f"{'check'.ljust(width)}  value")
    print(f"{'-' * width}  -----")
    for key, value in stats.items():
        print(f"{key.ljust(width)}  {value}")
    bad = stats["full interval violations"] + stats["month-day interval violations"]
    bad += stats["repeated name inconsistencies"]
    bad += stats["name part inconsistencies"] + stats["surrogate equal to original"]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
