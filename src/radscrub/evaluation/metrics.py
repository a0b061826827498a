"""Precision, recall and F1 from per-side counts, with explicit "not defined" instead of 0/0."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Score:
    """Counts for one measure. ``found`` of ``gold`` were found; ``correct`` of ``predicted`` hit.

    Precision is None when nothing was predicted and recall is None when there is nothing to
    find. F1 is None when both are None; otherwise an undefined side counts as 0.
    """

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.gold + other.gold,
            self.found + other.found,
            self.predicted + other.predicted,
            self.correct + other.correct,
        )

    @property
    def precision(self) -> float | None:
        """correct / predicted, or None when nothing was predicted."""
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """found / gold, or None when there was nothing to find."""
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (see the class doc for undefined sides)."""
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def missed(self) -> int:
        """Gold items not found (false negatives)."""
        return self.gold - self.found

    @property
    def spurious(self) -> int:
        """Predictions that hit nothing (false positives)."""
        return self.predicted - self.correct

    def to_dict(self) -> dict[str, Any]:
        """Counts and rounded rates, JSON-ready (None stays None)."""
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "gold": self.gold,
            "found": self.found,
            "predicted": self.predicted,
            "correct": self.correct,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
