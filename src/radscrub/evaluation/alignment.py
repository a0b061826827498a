"""Join gold and predicted documents by id and apply the label map to both sides.

A gold document missing from the predictions has no predictions; a predicted id that is not in
the gold set is an error (the files do not belong together). Predictions that carry a text must
carry the gold text, and every predicted span must fit inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from radscrub.errors import InputError
from radscrub.evaluation.documents import Document, Span, index_by_id
from radscrub.evaluation.labelmaps import NO_MAP, LabelMap


@dataclass(frozen=True)
class AlignedDocument:
    """One gold document with its predictions, after the label map.

    ``gold``/``pred`` are the scored spans (relabelled); ``ignored`` are gold spans the map
    ignores, ``dropped`` are predictions the map ignores. ``has_prediction`` is False when the
    prediction file had no line for this document.
    """

    id: str
    text: str
    gold: tuple[Span, ...]
    ignored: tuple[Span, ...]
    pred: tuple[Span, ...]
    dropped: tuple[Span, ...]
    has_prediction: bool = True


def align_documents(
    gold: Sequence[Document], pred: Sequence[Document], label_map: LabelMap | None = None
) -> list[AlignedDocument]:
    """Pair each gold document with its predictions (in gold order); see the module doc."""
    label_map = label_map or LabelMap(NO_MAP)
    gold_by_id = index_by_id(gold, source="gold")
    pred_by_id = index_by_id(pred, source="predictions")
    extra = [doc_id for doc_id in pred_by_id if doc_id not in gold_by_id]
    if extra:
        shown = ", ".join(repr(x) for x in extra[:5]) + (" ..." if len(extra) > 5 else "")
        raise InputError(
            f"{len(extra)} predicted document id(s) are not in the gold file: {shown}; "
            "score predictions against the gold file they were made from"
        )
    aligned = []
    for doc in gold:
        predicted = pred_by_id.get(doc.id)
        pred_spans: tuple[Span, ...] = ()
        if predicted is not None:
            _check_prediction(doc, predicted)
            pred_spans = predicted.spans
        gold_kept, gold_ignored = label_map.apply(doc.spans)
        pred_kept, pred_dropped = label_map.apply(pred_spans)
        aligned.append(
            AlignedDocument(
                doc.id,
                doc.text,
                tuple(gold_kept),
                tuple(gold_ignored),
                tuple(pred_kept),
                tuple(pred_dropped),
                predicted is not None,
            )
        )
    return aligned


def _check_prediction(gold: Document, pred: Document) -> None:
    if pred.text and gold.text and pred.text != gold.text:
        raise InputError(
            f"document {gold.id!r}: the predicted file's text differs from the gold text, so "
            "offsets cannot be compared; predict on the gold text exactly as given"
        )
    if gold.text:
        for span in pred.spans:
            if span.end > len(gold.text):
                raise InputError(
                    f"document {gold.id!r}: predicted span {span.start}-{span.end} ends after the "
                    f"text ({len(gold.text)} characters)"
                )
