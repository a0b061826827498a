"""Corpus statistics for the data card: ``python -m radscrub.corpus.stats corpora/*.jsonl``."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from radscrub.corpus.writer import read_corpus
from radscrub.spans import PhiLabel


def label_counts(records: Iterable[dict[str, object]]) -> Counter[str]:
    """Span counts per label."""
    counts: Counter[str] = Counter()
    for rec in records:
        spans = rec["spans"]
        assert isinstance(spans, list)
        counts.update(str(s["label"]) for s in spans)
    return counts


def markdown_table(paths: Sequence[Path]) -> str:
    """A markdown table: one row per label, one column per corpus file, plus totals."""
    names = [p.stem for p in paths]
    corpora = [read_corpus(p) for p in paths]
    counts = [label_counts(c) for c in corpora]
    lines = ["| label | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for label in PhiLabel:
        lines.append(f"| {label.value} | " + " | ".join(str(c[label.value]) for c in counts) + " |")
    lines.append("| **spans** | " + " | ".join(str(sum(c.values())) for c in counts) + " |")
    lines.append("| **reports** | " + " | ".join(str(len(c)) for c in corpora) + " |")
    patients = [len({r["patient_id"] for r in c}) for c in corpora]
    lines.append("| **patients** | " + " | ".join(str(n) for n in patients) + " |")
    sizes = [f"{p.stat().st_size / 1e6:.1f} MB" for p in paths]
    lines.append("| **size** | " + " | ".join(sizes) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the markdown table for the corpus files named on the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    print(markdown_table([Path(a) for a in args]))


if __name__ == "__main__":  # pragma: no cover
    main()
