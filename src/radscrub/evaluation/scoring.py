"""Score predicted spans against gold spans: token-level leak measures and entity-level matching.

Token level (what leaks; tokens as in :mod:`radscrub.evaluation.tokens`): a token is gold PHI when
a scored gold span overlaps it, predicted when a scored prediction overlaps it. Tokens covered only
by ignored gold spans are left out entirely. Entity level: :mod:`radscrub.evaluation.matching`,
label-agnostic and typed, overall, per label, and per Safe Harbor category (typed at the category
level, so HOSPITAL predicted for gold LOCATION counts for category B). A prediction that matches
nothing but overlaps an ignored gold span is not counted as predicted. All counts are summed over
documents (micro averages).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from radscrub.evaluation.alignment import AlignedDocument, align_documents
from radscrub.evaluation.documents import Document, Span
from radscrub.evaluation.labelmaps import NO_MAP, LabelMap
from radscrub.evaluation.matching import MatchMode, match_spans
from radscrub.evaluation.metrics import Score
from radscrub.evaluation.tokens import tokenize, tokens_in
from radscrub.spans import PhiLabel

UNCATEGORISED = "?"


def category_of(label: str) -> str:
    """The Safe Harbor letter (A..R) of a PhiLabel name, or ``"?"`` for any other label."""
    try:
        return PhiLabel(label).category.letter
    except ValueError:
        return UNCATEGORISED


@dataclass(frozen=True)
class EntityScores:
    """Entity-level scores for one match mode.

    ``any_label``: labels ignored. ``typed``: labels must agree. ``per_label``: typed, by label.
    ``per_label_any_label``: label-agnostic; recall by gold label, precision by predicted label.
    ``per_category``: typed at the Safe Harbor category level.
    """

    any_label: Score
    typed: Score
    per_label: dict[str, Score]
    per_label_any_label: dict[str, Score]
    per_category: dict[str, Score]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready nested dict."""
        return {
            "any_label": self.any_label.to_dict(),
            "typed": self.typed.to_dict(),
            "per_label": _scores_dict(self.per_label),
            "per_label_any_label": _scores_dict(self.per_label_any_label),
            "per_category": _scores_dict(self.per_category),
        }


@dataclass(frozen=True)
class TokenScores:
    """Token-level scores: binary PHI/not-PHI overall, per label and per category.

    Per label/category: recall over tokens of gold spans with that label, precision over tokens
    of predictions with that label (correct when gold PHI of any label). ``per_source_label``
    gives recall by the corpus' own gold label, ignored labels included.
    """

    binary: Score
    per_label: dict[str, Score]
    per_category: dict[str, Score]
    per_source_label: dict[str, Score]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready nested dict."""
        return {
            "binary": self.binary.to_dict(),
            "per_label": _scores_dict(self.per_label),
            "per_category": _scores_dict(self.per_category),
            "per_source_label": _scores_dict(self.per_source_label),
        }


@dataclass(frozen=True)
class LeakRate:
    """Documents with at least one missed PHI token, among documents with PHI tokens."""

    documents_with_phi: int
    documents_leaking: int

    @property
    def rate(self) -> float | None:
        """documents_leaking / documents_with_phi, or None without PHI."""
        return self.documents_leaking / self.documents_with_phi if self.documents_with_phi else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        rate = self.rate
        return {
            "rate": None if rate is None else round(rate, 4),
            "documents_with_phi": self.documents_with_phi,
            "documents_leaking": self.documents_leaking,
        }


@dataclass(frozen=True)
class EvaluationReport:
    """Everything :func:`evaluate` measures; ``to_dict`` gives the ``--json`` output."""

    documents: int
    documents_without_prediction: int
    gold_spans: int
    predicted_spans: int
    token: TokenScores
    entity: dict[MatchMode, EntityScores]
    leak: LeakRate
    label_map: dict[str, Any]
    ignored_gold: dict[str, int]
    dropped_predictions: dict[str, int]
    unmapped_labels: dict[str, list[str]]
    extra: dict[str, Any] = field(default_factory=dict)

    def with_extra(self, **values: Any) -> EvaluationReport:
        """A copy with more run facts (timings, paths) merged into ``extra``."""
        return replace(self, extra={**self.extra, **values})

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready nested dict of every measure and count."""
        return {
            "documents": self.documents,
            "documents_without_prediction": self.documents_without_prediction,
            "gold_spans": self.gold_spans,
            "predicted_spans": self.predicted_spans,
            "token": self.token.to_dict(),
            "entity": {mode.value: scores.to_dict() for mode, scores in self.entity.items()},
            "leak": self.leak.to_dict(),
            "label_map": self.label_map,
            "ignored_gold": dict(sorted(self.ignored_gold.items())),
            "dropped_predictions": dict(sorted(self.dropped_predictions.items())),
            "unmapped_labels": self.unmapped_labels,
            **({"extra": self.extra} if self.extra else {}),
        }


def evaluate(
    gold: Sequence[Document], pred: Sequence[Document], label_map: LabelMap | None = None
) -> EvaluationReport:
    """Score ``pred`` against ``gold`` (joined by id) after applying ``label_map`` to both."""
    label_map = label_map or LabelMap(NO_MAP)
    return score_aligned(align_documents(gold, pred, label_map), label_map)


def score_aligned(docs: Sequence[AlignedDocument], label_map: LabelMap) -> EvaluationReport:
    """Score documents already joined by :func:`align_documents`."""
    tokens = _TokenTally()
    entity = {mode: _EntityTally() for mode in MatchMode}
    for doc in docs:
        tokens.add(doc)
        for mode, tally in entity.items():
            tally.add(doc, mode)
    unmapped = {
        "gold": _unknown((s.original_label for d in docs for s in d.gold), label_map),
        "predicted": _unknown((s.original_label for d in docs for s in d.pred), label_map),
    }
    return EvaluationReport(
        documents=len(docs),
        documents_without_prediction=sum(not d.has_prediction for d in docs),
        gold_spans=sum(len(d.gold) for d in docs),
        predicted_spans=sum(len(d.pred) for d in docs),
        token=tokens.result(),
        entity={mode: tally.result() for mode, tally in entity.items()},
        leak=LeakRate(tokens.docs_with_phi, tokens.docs_leaking),
        label_map=label_map.describe(),
        ignored_gold=_count(s.label for d in docs for s in d.ignored),
        dropped_predictions=_count(s.label for d in docs for s in d.dropped),
        unmapped_labels=unmapped,
    )


class _TokenTally:
    """Accumulates token-level counts document by document."""

    def __init__(self) -> None:
        self.binary = Score()
        self.per_label: defaultdict[str, Score] = defaultdict(Score)
        self.per_category: defaultdict[str, Score] = defaultdict(Score)
        self.per_source: defaultdict[str, Score] = defaultdict(Score)
        self.docs_with_phi = 0
        self.docs_leaking = 0

    def add(self, doc: AlignedDocument) -> None:
        toks = tokenize(doc.text)
        ends = [end for _, end in toks]

        def cover(spans: Iterable[Span], key: Any) -> defaultdict[str, set[int]]:
            covered: defaultdict[str, set[int]] = defaultdict(set)
            for span in spans:
                covered[key(span)].update(tokens_in(toks, ends, span.start, span.end))
            return covered

        gold_by_label = cover(doc.gold, lambda s: s.label)
        pred_by_label = cover(doc.pred, lambda s: s.label)
        ignored = set().union(*cover(doc.ignored, lambda s: s.label).values())
        gold_tokens: set[int] = set().union(*gold_by_label.values())
        pred_tokens: set[int] = set().union(*pred_by_label.values())
        excused = ignored - gold_tokens

        def score(gold_part: set[int], pred_part: set[int]) -> Score:
            counted = pred_part - excused
            return Score(
                len(gold_part),
                len(gold_part & pred_tokens),
                len(counted),
                len(counted & gold_tokens),
            )

        self.binary += score(gold_tokens, pred_tokens)
        for label in gold_by_label.keys() | pred_by_label.keys():
            self.per_label[label] += score(gold_by_label[label], pred_by_label[label])
        for cat, (g, p) in _group_by_category(gold_by_label, pred_by_label).items():
            self.per_category[cat] += score(g, p)
        all_gold = (*doc.gold, *doc.ignored)
        for source, part in cover(all_gold, lambda s: s.original_label).items():
            self.per_source[source] += score(part, set())
        if gold_tokens:
            self.docs_with_phi += 1
            self.docs_leaking += bool(gold_tokens - pred_tokens)

    def result(self) -> TokenScores:
        return TokenScores(
            self.binary,
            _sorted(self.per_label),
            _sorted(self.per_category),
            _sorted(self.per_source),
        )


def _group_by_category(
    gold_by_label: dict[str, set[int]], pred_by_label: dict[str, set[int]]
) -> dict[str, tuple[set[int], set[int]]]:
    grouped: defaultdict[str, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for label, toks in gold_by_label.items():
        grouped[category_of(label)][0].update(toks)
    for label, toks in pred_by_label.items():
        grouped[category_of(label)][1].update(toks)
    return grouped


class _EntityTally:
    """Accumulates entity-level counts for one match mode."""

    def __init__(self) -> None:
        self.any_label = Score()
        self.typed = Score()
        self.per_label: defaultdict[str, Score] = defaultdict(Score)
        self.per_label_any: defaultdict[str, Score] = defaultdict(Score)
        self.per_category: defaultdict[str, Score] = defaultdict(Score)

    def add(self, doc: AlignedDocument, mode: MatchMode) -> None:
        def excused(span: Span) -> bool:
            return any(span.overlaps(ig) for ig in doc.ignored)

        def tally(gold: Sequence[Span], pred: Sequence[Span], typed: bool) -> dict[str, Score]:
            """Per-label counts: gold side by gold label, prediction side by predicted label."""
            result = match_spans(gold, pred, mode, typed=typed)
            by_label: defaultdict[str, Score] = defaultdict(Score)
            for span, found in zip(result.gold, result.gold_found, strict=True):
                by_label[span.label] += Score(gold=1, found=int(found))
            for span, correct in zip(result.pred, result.pred_correct, strict=True):
                if correct or not excused(span):
                    by_label[span.label] += Score(predicted=1, correct=int(correct))
            return by_label

        any_label = tally(doc.gold, doc.pred, typed=False)
        typed = tally(doc.gold, doc.pred, typed=True)
        per_category = tally(_as_categories(doc.gold), _as_categories(doc.pred), typed=True)
        self.any_label += sum(any_label.values(), Score())
        self.typed += sum(typed.values(), Score())
        for label, s in any_label.items():
            self.per_label_any[label] += s
        for label, s in typed.items():
            self.per_label[label] += s
        for cat, s in per_category.items():
            self.per_category[cat] += s

    def result(self) -> EntityScores:
        return EntityScores(
            self.any_label,
            self.typed,
            _sorted(self.per_label),
            _sorted(self.per_label_any),
            _sorted(self.per_category),
        )


def _as_categories(spans: Iterable[Span]) -> list[Span]:
    return [Span(s.start, s.end, category_of(s.label), s.source_label) for s in spans]


def _sorted(scores: dict[str, Score]) -> dict[str, Score]:
    return {key: scores[key] for key in sorted(scores)}


def _scores_dict(scores: dict[str, Score]) -> dict[str, Any]:
    return {key: score.to_dict() for key, score in scores.items()}


def _count(labels: Iterable[str]) -> dict[str, int]:
    counts: defaultdict[str, int] = defaultdict(int)
    for label in labels:
        counts[label] += 1
    return dict(counts)


def _unknown(labels: Iterable[str], label_map: LabelMap) -> list[str]:
    return sorted({label for label in labels if not label_map.is_known(label)})
