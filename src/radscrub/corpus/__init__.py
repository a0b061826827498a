"""Synthetic annotated radiology reports: the benchmark corpora and the NER training data.

``generate_reports(n, seed, split)`` yields records ``{"id", "text", "spans", "patient_id",
"split", "meta"}``; ``write_corpus(path, n, seed, split)`` writes them as JSONL. Output is
byte-for-byte reproducible from ``(n, seed, split)``. See corpora/README.md for the annotation
policy and how the test split is kept apart from train.
"""

from __future__ import annotations

from radscrub.corpus.generate import GENERATOR_VERSION, generate_reports
from radscrub.corpus.split import SPLITS
from radscrub.corpus.writer import CorpusStats, dumps_record, read_corpus, write_corpus

__all__ = [
    "GENERATOR_VERSION",
    "SPLITS",
    "CorpusStats",
    "dumps_record",
    "generate_reports",
    "read_corpus",
    "write_corpus",
]
