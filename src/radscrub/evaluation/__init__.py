"""Score any de-identification tool's spans against gold spans.

>>> from radscrub.evaluation import read_documents, evaluate, render_text, resolve_label_map
>>> gold = read_documents("gold.jsonl")  # doctest: +SKIP
>>> pred = read_documents("pred.jsonl", require_text=False)  # doctest: +SKIP
>>> label_map = resolve_label_map(None, "gold.jsonl")  # a built-in map guessed from the name
>>> print(render_text(evaluate(gold, pred, label_map)))  # doctest: +SKIP

Readers (JSONL, BRAT, i2b2 2006/2014, PhysioNet deid) all return :class:`Document` lists;
:func:`evaluate` gives token-level leak measures and strict/relaxed/overlap entity scores;
:func:`find_errors` lists every miss and false alarm in context.
"""

from __future__ import annotations

from radscrub.evaluation.alignment import AlignedDocument, align_documents
from radscrub.evaluation.analysis import ErrorCase, find_errors
from radscrub.evaluation.brat import read_brat
from radscrub.evaluation.documents import Document, Span, spans_from_objects
from radscrub.evaluation.i2b2 import read_i2b2, read_i2b2_2006, read_i2b2_2014
from radscrub.evaluation.labelmaps import (
    BUILTIN_MAPS,
    LabelMap,
    builtin_label_map,
    guess_label_map,
    load_label_map,
    resolve_label_map,
)
from radscrub.evaluation.matching import MatchMode, match_spans
from radscrub.evaluation.metrics import Score
from radscrub.evaluation.physionet import read_physionet
from radscrub.evaluation.plot import plot_report
from radscrub.evaluation.predict import PredictionRun, predict_documents, scrubber_detect
from radscrub.evaluation.readers import FORMATS, detect_format, read_documents, read_jsonl
from radscrub.evaluation.report import render_json, render_text, write_errors
from radscrub.evaluation.scoring import (
    EntityScores,
    EvaluationReport,
    LeakRate,
    TokenScores,
    category_of,
    evaluate,
)
from radscrub.evaluation.tokens import tokenize

__all__ = [
    "BUILTIN_MAPS",
    "FORMATS",
    "AlignedDocument",
    "Document",
    "EntityScores",
    "ErrorCase",
    "EvaluationReport",
    "LabelMap",
    "LeakRate",
    "MatchMode",
    "PredictionRun",
    "Score",
    "Span",
    "TokenScores",
    "align_documents",
    "builtin_label_map",
    "category_of",
    "detect_format",
    "evaluate",
    "find_errors",
    "guess_label_map",
    "load_label_map",
    "match_spans",
    "plot_report",
    "predict_documents",
    "read_brat",
    "read_documents",
    "read_i2b2",
    "read_i2b2_2006",
    "read_i2b2_2014",
    "read_jsonl",
    "read_physionet",
    "render_json",
    "render_text",
    "resolve_label_map",
    "scrubber_detect",
    "spans_from_objects",
    "tokenize",
    "write_errors",
]
