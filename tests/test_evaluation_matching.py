"""Entity matching modes, the tokenizer, a nervaluate cross-check and invariant properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nervaluate import Evaluator

from radscrub.evaluation import Document, MatchMode, Span, evaluate, match_spans, tokenize
from radscrub.evaluation.matching import offsets_match

GOLD = Span(10, 20, "NAME")

# (pred start, pred end, strict, relaxed, overlap) against gold 10-20
OFFSET_CASES = [
    (10, 20, True, True, True),
    (10, 22, False, True, True),  # end 2 past: relaxed
    (10, 18, False, True, True),  # end 2 short: relaxed
    (10, 23, False, False, True),  # end 3 past: overlap only
    (11, 20, False, False, True),  # start differs: never relaxed
    (19, 25, False, False, True),  # one shared character
    (20, 25, False, False, False),  # adjacent, nothing shared
    (0, 10, False, False, False),
    (0, 30, False, False, True),  # covers it
]


@pytest.mark.parametrize(("start", "end", "strict", "relaxed", "overlap"), OFFSET_CASES)
def test_offsets_match(start: int, end: int, strict: bool, relaxed: bool, overlap: bool) -> None:
    pred = Span(start, end, "NAME")
    assert offsets_match(GOLD, pred, MatchMode.STRICT) is strict
    assert offsets_match(GOLD, pred, MatchMode.RELAXED) is relaxed
    assert offsets_match(GOLD, pred, MatchMode.OVERLAP) is overlap


@pytest.mark.parametrize("mode", list(MatchMode))
def test_typed_matching_needs_the_same_label(mode: MatchMode) -> None:
    pred = [Span(10, 20, "DATE")]
    assert match_spans([GOLD], pred, mode, typed=False).gold_found == (True,)
    assert match_spans([GOLD], pred, mode, typed=True).gold_found == (False,)


def test_match_counts_each_side() -> None:
    gold = [Span(0, 5, "NAME"), Span(10, 15, "NAME")]
    pred = [Span(0, 2, "NAME"), Span(3, 5, "NAME"), Span(30, 32, "NAME")]
    result = match_spans(gold, pred, MatchMode.OVERLAP, typed=True)
    assert result.gold_found == (True, False)
    assert result.pred_correct == (True, True, False)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Smith-Jones, 03/14/2019", ["Smith", "Jones", "03", "14", "2019"]),
        ("  a_b  c.d ", ["a", "b", "c", "d"]),
        ("José Müller 5'10\"", ["José", "Müller", "5", "10"]),
        ("e-mail: x@y.org", ["e", "mail", "x", "y", "org"]),
        ("-- // ..", []),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert [text[s:e] for s, e in tokenize(text)] == tokens


# --- cross-check against nervaluate -------------------------------------------------------
# Each slot holds at most one gold span at [20i, 20i+6) and at most one prediction, placed so
# that no prediction overlaps two gold spans and no gold span overlaps two predictions: the
# setting where per-side counting equals nervaluate's one-to-one matching.
SLOT_VARIANTS = ("none", "exact", "other_label", "start_shift", "end_extend", "elsewhere")
LABELS = ("NAME", "DATE")


def _slot_spans(slots: list[tuple[bool, str, str]]) -> tuple[list[Span], list[Span]]:
    gold, pred = [], []
    for i, (has_gold, label, variant) in enumerate(slots):
        base = 20 * i
        other = LABELS[1 - LABELS.index(label)]
        if has_gold:
            gold.append(Span(base, base + 6, label))
        offsets = {
            "exact": (base, base + 6, label),
            "other_label": (base, base + 6, other),
            "start_shift": (base + 2, base + 6, label),
            "end_extend": (base, base + 9, label),
            "elsewhere": (base + 12, base + 16, label),
        }
        if variant in offsets:
            pred.append(Span(*offsets[variant]))
    return gold, pred


def _nervaluate(gold: list[Span], pred: list[Span]) -> dict[str, object]:
    def inclusive(spans: list[Span]) -> list[list[dict[str, object]]]:
        # nervaluate's end offsets are inclusive
        return [[{"label": s.label, "start": s.start, "end": s.end - 1} for s in spans]]

    return Evaluator(inclusive(gold), inclusive(pred), tags=list(LABELS), loader="dict").evaluate()[
        "overall"
    ]


slot_lists = st.lists(
    st.tuples(st.booleans(), st.sampled_from(LABELS), st.sampled_from(SLOT_VARIANTS)),
    min_size=1,
    max_size=8,
)


@given(slot_lists)
def test_counts_agree_with_nervaluate(slots: list[tuple[bool, str, str]]) -> None:
    gold, pred = _slot_spans(slots)
    text = "x" * (20 * len(slots))
    report = evaluate([Document("d", text, tuple(gold))], [Document("d", "", tuple(pred))])
    theirs = _nervaluate(gold, pred)
    strict, overlap = report.entity[MatchMode.STRICT], report.entity[MatchMode.OVERLAP]
    # nervaluate "strict" = same offsets and label; "exact" = same offsets, any label
    assert strict.typed.found == strict.typed.correct == theirs["strict"].correct
    assert strict.any_label.found == theirs["exact"].correct
    # nervaluate "ent_type" = some overlap and same label; "partial" = some overlap, any label
    assert overlap.typed.found == theirs["ent_type"].correct
    assert overlap.any_label.found == theirs["partial"].correct + theirs["partial"].partial
    for ours in (strict.typed, strict.any_label, overlap.typed, overlap.any_label):
        assert ours.gold == theirs["strict"].possible == len(gold)
        assert ours.predicted == theirs["strict"].actual == len(pred)
    if pred and gold:
        assert strict.typed.precision == pytest.approx(theirs["strict"].precision)
        assert strict.typed.recall == pytest.approx(theirs["strict"].recall)


def test_nervaluate_cross_check_pinned_example() -> None:
    slots = [
        (True, "NAME", "exact"),
        (True, "NAME", "other_label"),
        (True, "DATE", "start_shift"),
        (True, "DATE", "none"),
        (False, "NAME", "elsewhere"),
    ]
    gold, pred = _slot_spans(slots)
    theirs = _nervaluate(gold, pred)
    assert (theirs["strict"].correct, theirs["exact"].correct, theirs["partial"].partial) == (
        1,
        2,
        1,
    )
    report = evaluate([Document("d", "x" * 100, tuple(gold))], [Document("d", "", tuple(pred))])
    assert report.entity[MatchMode.STRICT].typed.found == 1
    assert report.entity[MatchMode.STRICT].any_label.found == 2
    assert report.entity[MatchMode.OVERLAP].any_label.found == 3


# --- invariants ---------------------------------------------------------------------------
TEXT = "Ann Lee saw Bob Day on 3/4 at Mercy; call 555-1212 or x@y.org re MRN 12345 now."


@st.composite
def span_lists(draw: st.DrawFn) -> list[Span]:
    """Up to 6 spans over TEXT, at distinct offsets (they may overlap)."""
    spans: dict[tuple[int, int], Span] = {}
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(TEXT) - 1))
        end = draw(st.integers(start + 1, min(len(TEXT), start + 15)))
        label = draw(st.sampled_from(("NAME", "DATE", "PHONE")))
        spans.setdefault((start, end), Span(start, end, label))
    return list(spans.values())


@given(span_lists())
def test_perfect_prediction_scores_one(gold: list[Span]) -> None:
    report = evaluate([Document("d", TEXT, tuple(gold))], [Document("d", "", tuple(gold))])
    scores = [report.token.binary] + [
        s for e in report.entity.values() for s in (e.any_label, e.typed)
    ]
    for score in scores:
        expected = 1.0 if score.gold else None
        assert (score.precision, score.recall, score.f1) == (expected, expected, expected)
    assert report.leak.documents_leaking == 0


@given(span_lists())
def test_empty_prediction_recalls_nothing(gold: list[Span]) -> None:
    report = evaluate([Document("d", TEXT, tuple(gold))], [])
    for score in [report.token.binary] + [e.any_label for e in report.entity.values()]:
        assert score.precision is None
        assert score.recall == (0.0 if score.gold else None)
    assert report.leak.rate == (1.0 if report.token.binary.gold else None)


@given(span_lists(), span_lists())
def test_scores_are_rates_and_modes_are_ordered(gold: list[Span], pred: list[Span]) -> None:
    report = evaluate([Document("d", TEXT, tuple(gold))], [Document("d", "", tuple(pred))])
    all_scores = [report.token.binary, *report.token.per_label.values()]
    for e in report.entity.values():
        all_scores += [e.any_label, e.typed, *e.per_label.values(), *e.per_category.values()]
    for s in all_scores:
        assert 0 <= s.found <= s.gold and 0 <= s.correct <= s.predicted
        for rate in (s.precision, s.recall, s.f1):
            assert rate is None or 0.0 <= rate <= 1.0
    strict, relaxed, overlap = (report.entity[m] for m in MatchMode)
    for side in ("any_label", "typed"):
        found = [getattr(e, side).found for e in (strict, relaxed, overlap)]
        assert found == sorted(found)  # looser matching never finds less
    for e in (strict, relaxed, overlap):
        assert e.typed.found <= e.any_label.found
