"""Resolve raw detector output into the final spans: snapped, filtered, non-overlapping, sorted.

Deterministic and offset-exact. Overlapping spans are merged into one span covering their union
(so nothing any detector found can leak); the merged span takes the label, score and source of the
member that wins on (length, score, label order). A merged span that is wider than its winner loses
the winner's parsed value, so a transform cannot mis-render it (it falls back to redaction).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from radscrub.spans import PhiLabel, PhiSpan

#: Characters trimmed from both ends of a span: they are never part of an identifier.
EDGE_CHARS = " \t\r\n\f\v,;:\"'`|*<>[]{}"

_LABEL_ORDER = {label: i for i, label in enumerate(PhiLabel)}
_MASK_CHARS = "Xx_*#?"
_SEPARATORS = str.maketrans("", "", " .-/")

AllowPredicate = Callable[[PhiSpan], bool]
"""Returns True for a span whose text is allowed (clinical vocabulary, never PHI)."""


def is_placeholder(value: str) -> bool:
    """A mask left by an earlier de-identification ("XXXX", "___", "**", "XX/XX/XXXX"): no PHI."""
    core = value.translate(_SEPARATORS)
    return len(core) >= 2 and not core.strip(_MASK_CHARS)


def snap(span: PhiSpan, text: str) -> PhiSpan | None:
    """Trim edge whitespace/punctuation and balance brackets; None if nothing is left."""
    start, end = span.start, span.end
    while start < end and text[start] in EDGE_CHARS:
        start += 1
    while end > start and text[end - 1] in EDGE_CHARS:
        end -= 1
    # keep a closing bracket only when its opener is inside the span too
    while (
        end > start
        and text[end - 1] == ")"
        and text.count("(", start, end) < text.count(")", start, end)
    ):
        end -= 1
    while start < end and text[start] == "(" and ")" not in text[start:end]:
        start += 1
    if start >= end:
        return None
    if (start, end) == (span.start, span.end):
        return span if span.text else dataclasses.replace(span, text=text[start:end])
    value = span.value if text[start:end].strip() == span.text.strip() else None
    return dataclasses.replace(span, start=start, end=end, text=text[start:end], value=value)


def _rank(span: PhiSpan) -> tuple[int, float, int]:
    return (span.length, span.score, -_LABEL_ORDER[span.label])


def merge_overlaps(spans: Iterable[PhiSpan], text: str) -> list[PhiSpan]:
    """Merge every cluster of overlapping spans into one span covering the cluster's union."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    merged: list[PhiSpan] = []
    cluster: list[PhiSpan] = []
    cluster_end = -1
    for span in ordered:
        if cluster and span.start < cluster_end:
            cluster.append(span)
            cluster_end = max(cluster_end, span.end)
            continue
        if cluster:
            merged.append(_merge(cluster, cluster_end, text))
        cluster, cluster_end = [span], span.end
    if cluster:
        merged.append(_merge(cluster, cluster_end, text))
    return merged


def _merge(cluster: list[PhiSpan], end: int, text: str) -> PhiSpan:
    winner = max(cluster, key=_rank)
    start = cluster[0].start
    if (winner.start, winner.end) == (start, end):
        return winner
    return dataclasses.replace(winner, start=start, end=end, text=text[start:end], value=None)


def resolve(
    spans: Iterable[PhiSpan],
    text: str,
    *,
    min_score: float = 0.0,
    allowed: AllowPredicate | None = None,
) -> list[PhiSpan]:
    """Snap, drop low-score and allowed spans, merge overlaps; return sorted, disjoint spans."""
    kept = []
    for raw in spans:
        if raw.score < min_score or raw.end > len(text):
            continue
        span = snap(raw, text)
        if span is None or is_placeholder(span.text) or (allowed is not None and allowed(span)):
            continue
        kept.append(span)
    return merge_overlaps(kept, text)
