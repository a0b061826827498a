"""Entity matching between gold and predicted spans: strict, relaxed and any-overlap.

- ``strict``: identical start and end offsets.
- ``relaxed``: the i2b2 2014 rule: identical start, ends differing by at most 2 characters.
- ``overlap``: at least one shared character.

``typed`` matching also needs equal labels. Matching is counted per side, not one-to-one: a gold
span is found when *any* prediction matches it (recall), and a prediction is correct when it
matches *any* gold span (precision). So one name predicted as two halves is fully found and both
halves are correct under ``overlap``; with unique, non-nested spans this equals one-to-one matching.
Identical spans (same offsets, and same label when typed) count once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from radscrub.evaluation.documents import Span

RELAXED_END_TOLERANCE = 2


class MatchMode(str, Enum):
    """How close a prediction's offsets must be to a gold span's."""

    STRICT = "strict"
    RELAXED = "relaxed"
    OVERLAP = "overlap"


def offsets_match(gold: Span, pred: Span, mode: MatchMode) -> bool:
    """True when ``pred``'s offsets match ``gold``'s under ``mode`` (labels not compared)."""
    if mode is MatchMode.STRICT:
        return gold.start == pred.start and gold.end == pred.end
    if mode is MatchMode.RELAXED:
        return gold.start == pred.start and abs(gold.end - pred.end) <= RELAXED_END_TOLERANCE
    return gold.overlaps(pred)


@dataclass(frozen=True)
class MatchResult:
    """The unique gold and predicted spans, and whether each was matched."""

    gold: tuple[Span, ...]
    pred: tuple[Span, ...]
    gold_found: tuple[bool, ...]
    pred_correct: tuple[bool, ...]


def unique(spans: Sequence[Span], *, typed: bool) -> tuple[Span, ...]:
    """Spans sorted by offsets with duplicates dropped (same offsets, and label when typed)."""
    seen: dict[tuple[int, int, str], Span] = {}
    for span in spans:
        seen.setdefault((span.start, span.end, span.label if typed else ""), span)
    return tuple(seen[key] for key in sorted(seen))


def match_spans(
    gold: Sequence[Span], pred: Sequence[Span], mode: MatchMode, *, typed: bool
) -> MatchResult:
    """Match one document's spans under ``mode`` (labels must agree when ``typed``)."""
    g, p = unique(gold, typed=typed), unique(pred, typed=typed)
    gold_found = [False] * len(g)
    pred_correct = [False] * len(p)
    for i, gs in enumerate(g):
        for j, ps in enumerate(p):
            if ps.start >= gs.end:
                break  # p is sorted by start: no later prediction can match gs in any mode
            if offsets_match(gs, ps, mode) and (not typed or gs.label == ps.label):
                gold_found[i] = True
                pred_correct[j] = True
    return MatchResult(g, p, tuple(gold_found), tuple(pred_correct))
