"""Exact numbers for every measure on small hand-made documents (radscrub.evaluation.scoring).

The main case (worked out by hand in the comments) has one document:

    "Seen by Ann Lee on 3/14/2019 in Boston. Year 2019. Call 617-555-1212 today."

gold: NAME "Ann Lee", DATE "3/14/2019", LOCATION "Boston", YEAR "2019" (ignored), PHONE.
pred: NAME "Seen" (spurious), NAME "Ann" (partial), DATE "3/14/20" (end 2 short),
      HOSPITAL "Boston" (same offsets, other label), DATE "2019" (over the ignored year).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from radscrub.errors import InputError
from radscrub.evaluation import (
    Document,
    EvaluationReport,
    LabelMap,
    MatchMode,
    Score,
    Span,
    category_of,
    evaluate,
    find_errors,
)

TEXT = "Seen by Ann Lee on 3/14/2019 in Boston. Year 2019. Call 617-555-1212 today."
YEAR_AT = TEXT.index("2019", TEXT.index("Year"))


def at(phrase: str, label: str, *, start: int | None = None, length: int | None = None) -> Span:
    """The span of ``phrase`` in TEXT (first occurrence unless ``start``)."""
    begin = TEXT.index(phrase) if start is None else start
    return Span(begin, begin + (len(phrase) if length is None else length), label)


GOLD = Document(
    "d1",
    TEXT,
    (
        at("Ann Lee", "NAME"),
        at("3/14/2019", "DATE"),
        at("Boston", "LOCATION"),
        at("2019", "YEAR", start=YEAR_AT),
        at("617-555-1212", "PHONE"),
    ),
)
PRED = Document(
    "d1",
    "",
    (
        at("Seen", "NAME"),
        at("Ann", "NAME"),
        at("3/14/2019", "DATE", length=len("3/14/20")),
        at("Boston", "HOSPITAL"),
        at("2019", "DATE", start=YEAR_AT),
    ),
)
YEAR_IGNORED = LabelMap.from_dict({"YEAR": "ignore"}, name="test")


@pytest.fixture(scope="module")
def report() -> EvaluationReport:
    return evaluate([GOLD], [PRED], YEAR_IGNORED)


def test_counts_and_ignored_spans(report: EvaluationReport) -> None:
    assert report.documents == 1
    assert report.gold_spans == 4  # the ignored year is not scored
    assert report.predicted_spans == 5
    assert report.ignored_gold == {"YEAR": 1}
    assert report.dropped_predictions == {}
    assert report.unmapped_labels == {"gold": [], "predicted": []}


def test_token_binary(report: EvaluationReport) -> None:
    # gold tokens: Ann Lee 3 14 2019 Boston 617 555 1212 (9); the second 2019 is ignored.
    # predicted: Seen Ann 3 14 2019 Boston (6; the ignored 2019 is excused); 5 of them gold.
    binary = report.token.binary
    assert binary == Score(gold=9, found=5, predicted=6, correct=5)
    assert binary.precision == pytest.approx(5 / 6)
    assert binary.recall == pytest.approx(5 / 9)
    assert binary.f1 == pytest.approx(float(Fraction(2, 3)))


def test_token_per_label_category_and_source(report: EvaluationReport) -> None:
    tok = report.token
    assert tok.per_label == {
        "DATE": Score(gold=3, found=3, predicted=3, correct=3),
        "HOSPITAL": Score(gold=0, found=0, predicted=1, correct=1),
        "LOCATION": Score(gold=1, found=1, predicted=0, correct=0),  # found by HOSPITAL
        "NAME": Score(gold=2, found=1, predicted=2, correct=1),
        "PHONE": Score(gold=3, found=0, predicted=0, correct=0),
    }
    assert tok.per_category == {
        "A": Score(2, 1, 2, 1),
        "B": Score(1, 1, 1, 1),
        "C": Score(3, 3, 3, 3),
        "D": Score(3, 0, 0, 0),
    }
    # by the corpus' own labels, ignored ones included: the ignored year was covered
    assert tok.per_source_label["YEAR"] == Score(gold=1, found=1)
    assert tok.per_source_label["PHONE"] == Score(gold=3, found=0)


def test_leak_rate(report: EvaluationReport) -> None:
    assert (report.leak.documents_with_phi, report.leak.documents_leaking) == (1, 1)
    assert report.leak.rate == 1.0


# (mode, any-label Score, same-label Score); predicted is 4 everywhere: the DATE over the
# ignored year matches nothing and is excused.
ENTITY_CASES = [
    # strict: only Boston has exact offsets (as HOSPITAL, so not under same label)
    (MatchMode.STRICT, Score(4, 1, 4, 1), Score(4, 0, 4, 0)),
    # relaxed: the date ending 2 characters short now matches too
    (MatchMode.RELAXED, Score(4, 2, 4, 2), Score(4, 1, 4, 1)),
    # overlap: "Ann" finds "Ann Lee"; only the phone is missed and "Seen" is wrong
    (MatchMode.OVERLAP, Score(4, 3, 4, 3), Score(4, 2, 4, 2)),
]


@pytest.mark.parametrize(("mode", "any_label", "typed"), ENTITY_CASES)
def test_entity_overall(
    report: EvaluationReport, mode: MatchMode, any_label: Score, typed: Score
) -> None:
    assert report.entity[mode].any_label == any_label
    assert report.entity[mode].typed == typed


def test_entity_per_label_and_category(report: EvaluationReport) -> None:
    strict = report.entity[MatchMode.STRICT]
    assert strict.per_label["HOSPITAL"] == Score(gold=0, found=0, predicted=1, correct=0)
    assert strict.per_label["LOCATION"] == Score(gold=1, found=0, predicted=0, correct=0)
    # label-agnostic per label: recall by gold label, precision by predicted label
    assert strict.per_label_any_label["LOCATION"] == Score(gold=1, found=1)
    assert strict.per_label_any_label["HOSPITAL"] == Score(predicted=1, correct=1)
    overlap = report.entity[MatchMode.OVERLAP]
    assert overlap.per_label["NAME"] == Score(gold=1, found=1, predicted=2, correct=1)
    assert overlap.per_label["DATE"] == Score(gold=1, found=1, predicted=1, correct=1)
    # category level: HOSPITAL and LOCATION are both B
    assert overlap.per_category == {
        "A": Score(1, 1, 2, 1),
        "B": Score(1, 1, 1, 1),
        "C": Score(1, 1, 1, 1),
        "D": Score(1, 0, 0, 0),
    }
    assert strict.per_category["B"] == Score(1, 1, 1, 1)


def test_error_cases_in_offset_order() -> None:
    cases = find_errors([GOLD], [PRED], YEAR_IGNORED, context=10)
    assert [(c.kind, c.text) for c in cases] == [
        ("spurious", "Seen"),
        ("boundary", "Ann Lee"),
        ("boundary", "3/14/2019"),
        ("label", "Boston"),
        ("missed", "617-555-1212"),
    ]
    missed = cases[-1]
    assert (missed.left, missed.right) == (
        "019. Call ",
        " today.",
    )  # 10 characters each side at most
    assert [s.label for s in cases[3].overlapping] == ["HOSPITAL"]
    record = cases[1].to_json()
    assert record["predicted"] == [{"start": 8, "end": 11, "label": "NAME"}]
    assert "source_label" not in record


def test_without_the_map_the_year_is_scored() -> None:
    report = evaluate([GOLD], [PRED])
    assert report.gold_spans == 5
    assert report.ignored_gold == {}
    assert report.unmapped_labels == {"gold": ["YEAR"], "predicted": []}
    # the DATE over the year now counts as predicted (and is wrong under typed matching)
    assert report.entity[MatchMode.STRICT].typed == Score(5, 0, 5, 0)
    assert report.token.binary == Score(gold=10, found=6, predicted=7, correct=6)


def test_missing_prediction_documents_count_as_empty() -> None:
    other = Document("d2", "Nothing to see here.", ())
    phi = Document("d3", "Call Bob.", (Span(5, 8, "NAME"),))
    report = evaluate([GOLD, other, phi], [PRED], YEAR_IGNORED)
    assert report.documents == 3
    assert report.documents_without_prediction == 2
    assert (report.leak.documents_with_phi, report.leak.documents_leaking) == (2, 2)
    assert report.token.binary == Score(gold=10, found=5, predicted=6, correct=5)


def test_a_document_found_completely_does_not_leak() -> None:
    gold = [
        Document("a", "Call Bob now.", (Span(5, 8, "NAME"),)),
        Document("b", "Call Al now.", (Span(5, 7, "NAME"),)),
    ]
    pred = [Document("a", "", (Span(0, 8, "NAME"),)), Document("b", "", ())]
    report = evaluate(gold, pred)
    assert (report.leak.documents_with_phi, report.leak.documents_leaking) == (2, 1)
    assert report.leak.rate == 0.5
    assert report.token.binary == Score(gold=2, found=1, predicted=2, correct=1)


def test_predicted_labels_go_through_the_map() -> None:
    gold = [Document("a", "Call Bob at 555-1212.", (Span(5, 8, "NAME"), Span(12, 20, "PHONE")))]
    pred = [
        Document("a", "", (Span(5, 8, "PERSON"), Span(12, 20, "PHONE_NUMBER"), Span(0, 4, "NRP")))
    ]
    lmap = LabelMap.from_dict({"PERSON": "NAME", "PHONE_NUMBER": "PHONE", "NRP": "ignore"})
    report = evaluate(gold, pred, lmap)
    assert report.entity[MatchMode.STRICT].typed == Score(2, 2, 2, 2)
    assert report.dropped_predictions == {"NRP": 1}
    assert report.unmapped_labels == {"gold": [], "predicted": []}


def test_duplicate_predictions_count_once() -> None:
    gold = [Document("a", "Call Bob.", (Span(5, 8, "NAME"),))]
    pred = [Document("a", "", (Span(5, 8, "NAME"), Span(5, 8, "NAME"), Span(5, 8, "AGE")))]
    report = evaluate(gold, pred)
    assert report.entity[MatchMode.STRICT].any_label == Score(1, 1, 1, 1)
    assert report.entity[MatchMode.STRICT].typed == Score(1, 1, 2, 1)


def test_fragmented_prediction_is_all_correct_under_overlap() -> None:
    gold = [Document("a", "Dr Ann Lee came.", (Span(3, 10, "NAME"),))]
    pred = [Document("a", "", (Span(3, 6, "NAME"), Span(7, 10, "NAME")))]
    report = evaluate(gold, pred)
    assert report.entity[MatchMode.OVERLAP].typed == Score(gold=1, found=1, predicted=2, correct=2)
    assert report.entity[MatchMode.STRICT].typed == Score(gold=1, found=0, predicted=2, correct=0)
    assert report.token.binary == Score(gold=2, found=2, predicted=2, correct=2)


@pytest.mark.parametrize(
    ("score", "precision", "recall", "f1"),
    [
        (Score(gold=0, found=0, predicted=0, correct=0), None, None, None),
        (Score(gold=4, found=0, predicted=0, correct=0), None, 0.0, 0.0),
        (Score(gold=0, found=0, predicted=3, correct=0), 0.0, None, 0.0),
        (Score(gold=4, found=2, predicted=2, correct=2), 1.0, 0.5, 2 / 3),
        (Score(gold=2, found=2, predicted=4, correct=1), 0.25, 1.0, 0.4),
    ],
)
def test_score_rates_and_undefined_values(
    score: Score, precision: float | None, recall: float | None, f1: float | None
) -> None:
    assert score.precision == precision
    assert score.recall == recall
    assert score.f1 == (None if f1 is None else pytest.approx(f1))


@pytest.mark.parametrize(
    ("label", "letter"),
    [
        ("NAME", "A"),
        ("HOSPITAL", "B"),
        ("AGE", "C"),
        ("FAX", "E"),
        ("ACCESSION", "R"),
        ("PERSON", "?"),
    ],
)
def test_category_of(label: str, letter: str) -> None:
    assert category_of(label) == letter


def test_predicted_ids_not_in_gold_are_an_error() -> None:
    with pytest.raises(InputError, match=r"1 predicted document id\(s\) are not in the gold file"):
        evaluate([GOLD], [PRED, Document("zzz", "", ())])


def test_duplicate_gold_ids_are_an_error() -> None:
    with pytest.raises(InputError, match="occurs twice"):
        evaluate([GOLD, GOLD], [])


def test_prediction_text_must_equal_gold_text() -> None:
    with pytest.raises(InputError, match="text differs"):
        evaluate([GOLD], [Document("d1", TEXT.upper(), ())])


def test_prediction_past_the_end_of_the_text_is_an_error() -> None:
    with pytest.raises(InputError, match="ends after the text"):
        evaluate([GOLD], [Document("d1", "", (Span(0, len(TEXT) + 1, "NAME"),))])


def test_report_to_dict_is_json_ready(report: EvaluationReport) -> None:
    data = report.to_dict()
    assert data["token"]["binary"] == {
        "precision": 0.8333,
        "recall": 0.5556,
        "f1": 0.6667,
        "gold": 9,
        "found": 5,
        "predicted": 6,
        "correct": 5,
    }
    assert set(data["entity"]) == {"strict", "relaxed", "overlap"}
    assert data["entity"]["strict"]["per_label"]["LOCATION"]["precision"] is None
    assert data["leak"] == {"rate": 1.0, "documents_with_phi": 1, "documents_leaking": 1}
