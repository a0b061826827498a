"""One evaluation run from files: read gold (and predictions, or run radscrub), map, score.

This is what ``radscrub evaluate`` and ``benchmarks/accuracy.py`` call.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from radscrub.evaluation.alignment import AlignedDocument, align_documents
from radscrub.evaluation.analysis import ErrorCase, errors_in
from radscrub.evaluation.labelmaps import LabelMap, resolve_label_map
from radscrub.evaluation.predict import DetectFn, predict_documents, scrubber_detect
from radscrub.evaluation.readers import read_documents
from radscrub.evaluation.scoring import EvaluationReport, score_aligned


@dataclass(frozen=True)
class EvaluationRun:
    """A scored run: the report, the label map used, and the aligned documents behind them."""

    report: EvaluationReport
    label_map: LabelMap
    documents: list[AlignedDocument]

    def errors(self, context: int = 40) -> Iterator[ErrorCase]:
        """Every error case (see :mod:`radscrub.evaluation.analysis`), in document order."""
        for doc in self.documents:
            yield from errors_in(doc, context)


def evaluate_files(
    gold_path: str | Path,
    pred_path: str | Path | None = None,
    *,
    label_map: str | Path | LabelMap | None = None,
    gold_format: str = "auto",
    pred_format: str = "auto",
    detect: DetectFn | None = None,
    config: Any = None,
    limit: int | None = None,
) -> EvaluationRun:
    """Score ``pred_path`` (or ``detect``, or radscrub with ``config``) against ``gold_path``.

    ``label_map`` is a LabelMap, a file, a built-in name or ``none``; None guesses a built-in
    map from the gold path. ``limit`` keeps the first N gold documents (and their predictions).
    The report's ``extra`` records the inputs, and the detection speed when spans were predicted.
    """
    gold = read_documents(gold_path, gold_format)
    if limit is not None:
        gold = gold[:limit]
    lmap = label_map if isinstance(label_map, LabelMap) else resolve_label_map(label_map, gold_path)
    extra: dict[str, Any] = {"gold": str(gold_path)}
    if pred_path is not None:
        pred = read_documents(pred_path, pred_format, require_text=False)
        if limit is not None:
            wanted = {doc.id for doc in gold}
            pred = [doc for doc in pred if doc.id in wanted]
        extra["pred"] = str(pred_path)
    else:
        predicted = predict_documents(gold, detect or scrubber_detect(config))
        pred = predicted.documents
        extra["pred"] = "radscrub" if detect is None else getattr(detect, "__qualname__", "detect")
        extra["seconds"] = round(predicted.seconds, 3)
        rate = predicted.docs_per_second
        extra["docs_per_second"] = None if rate is None else round(rate, 1)
    aligned = align_documents(gold, pred, lmap)
    return EvaluationRun(score_aligned(aligned, lmap).with_extra(**extra), lmap, aligned)
