"""Error analysis: every gold span not matched exactly and every spurious prediction, in context.

Kinds (after the label map): ``missed`` (no prediction overlaps the gold span: it leaks),
``boundary`` (predictions overlap it but none has its exact offsets), ``label`` (a prediction
has its exact offsets but another label), ``spurious`` (a prediction overlapping no gold span,
ignored ones included). The records contain the annotated text: treat an errors file as PHI.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from radscrub.evaluation.alignment import AlignedDocument, align_documents
from radscrub.evaluation.documents import Document, Span
from radscrub.evaluation.labelmaps import LabelMap

CONTEXT_CHARS = 40
KINDS = ("missed", "boundary", "label", "spurious")


@dataclass(frozen=True)
class ErrorCase:
    """One error: the span, what kind of error, its text with context, and the predictions
    overlapping it (for gold-side errors)."""

    doc_id: str
    kind: str
    span: Span
    text: str
    left: str
    right: str
    overlapping: tuple[Span, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """One JSONL record for ``--errors``."""
        record: dict[str, Any] = {
            "id": self.doc_id,
            "kind": self.kind,
            "start": self.span.start,
            "end": self.span.end,
            "label": self.span.label,
            "text": self.text,
            "left": self.left,
            "right": self.right,
        }
        if self.span.source_label:
            record["source_label"] = self.span.source_label
        if self.overlapping:
            record["predicted"] = [s.to_json() for s in self.overlapping]
        return record


def find_errors(
    gold: Sequence[Document],
    pred: Sequence[Document],
    label_map: LabelMap | None = None,
    *,
    context: int = CONTEXT_CHARS,
) -> list[ErrorCase]:
    """Every error case of ``pred`` against ``gold`` (see the module doc), in document order."""
    return [
        case for doc in align_documents(gold, pred, label_map) for case in errors_in(doc, context)
    ]


def errors_in(doc: AlignedDocument, context: int = CONTEXT_CHARS) -> Iterator[ErrorCase]:
    """The error cases of one aligned document, sorted by offset."""
    cases = []
    for g in doc.gold:
        overlapping = tuple(p for p in doc.pred if p.overlaps(g))
        same_offsets = [p for p in overlapping if (p.start, p.end) == (g.start, g.end)]
        if any(p.label == g.label for p in same_offsets):
            continue
        kind = "label" if same_offsets else "boundary" if overlapping else "missed"
        cases.append(_case(doc, kind, g, context, overlapping))
    for p in doc.pred:
        if not any(p.overlaps(g) for g in (*doc.gold, *doc.ignored)):
            cases.append(_case(doc, "spurious", p, context, ()))
    yield from sorted(cases, key=lambda c: (c.span.start, c.span.end, KINDS.index(c.kind)))


def _case(
    doc: AlignedDocument, kind: str, span: Span, context: int, overlapping: tuple[Span, ...]
) -> ErrorCase:
    text = doc.text
    return ErrorCase(
        doc.id,
        kind,
        span,
        text[span.start : span.end],
        text[max(0, span.start - context) : span.start],
        text[span.end : span.end + context],
        overlapping,
    )
