"""Run a detector over gold documents to get predictions: radscrub's own, or any tool's.

A detector is any callable ``text -> iterable of spans`` where a span has ``start``, ``end`` and
a label (``label``/``entity_type``, or a dict); ``Scrubber().detect`` and a presidio
``AnalyzerEngine`` wrapped in a lambda both qualify.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from radscrub.evaluation.documents import Document, spans_from_objects

DetectFn = Callable[[str], Iterable[Any]]


@dataclass(frozen=True)
class PredictionRun:
    """Predicted documents (same ids, no text) and the wall-clock seconds detection took."""

    documents: list[Document]
    seconds: float

    @property
    def docs_per_second(self) -> float | None:
        """Throughput, or None when too fast to time."""
        return len(self.documents) / self.seconds if self.seconds > 0 else None


def predict_documents(gold: Sequence[Document], detect: DetectFn) -> PredictionRun:
    """Call ``detect`` on each gold text and collect its spans as prediction documents."""
    predicted = []
    start = time.perf_counter()
    for doc in gold:
        predicted.append(Document(doc.id, "", spans_from_objects(detect(doc.text)), doc.patient_id))
    return PredictionRun(predicted, time.perf_counter() - start)


def scrubber_detect(config: Any = None) -> DetectFn:
    """``Scrubber(config).detect``, building the Scrubber (and loading its models) once."""
    from radscrub.pipeline import Scrubber

    return Scrubber(config).detect
