"""DateDetector: which strings are dates and times, and which look-alikes are not (tables)."""

from __future__ import annotations

import pytest

from radscrub.config import DEFAULT_DETECTORS, DetectConfig
from radscrub.detect import BUILTIN_DETECTORS, build_detectors
from radscrub.detect.datefmt import render
from radscrub.detect.dates import DateDetector
from radscrub.resolve import resolve
from radscrub.spans import PhiLabel

DATE, TIME = PhiLabel.DATE, PhiLabel.TIME
DETECTOR = DateDetector(DetectConfig(keep_times=False))
NO_YEARS = DateDetector(DetectConfig(keep_years=False, keep_times=False))
DEFAULT = DateDetector()


def found(text: str, detector: DateDetector = DETECTOR) -> list[tuple[str, PhiLabel]]:
    """The resolved spans as (text, label), in order."""
    return [(s.text, s.label) for s in resolve(detector.find(text), text)]


POSITIVES = [
    # numeric, month first
    ("Exam on 03/14/2019.", [("03/14/2019", DATE)]),
    ("Seen 3/14/19 in clinic", [("3/14/19", DATE)]),
    ("dated 3-14-2019 and reviewed", [("3-14-2019", DATE)]),
    ("6-19-19 3P TO 7P: stable", [("6-19-19", DATE)]),
    ("Comparison: 2019-03-14 CT", [("2019-03-14", DATE)]),
    ("Comparison 2019/03/14", [("2019/03/14", DATE)]),
    ("Prior of 12/31/1999 noted", [("12/31/1999", DATE)]),
    ("Leap day 2/29/2020 exam", [("2/29/2020", DATE)]),
    # day first: only when month first is impossible, or dotted
    ("Reported 14/03/2019 abroad", [("14/03/2019", DATE)]),
    ("Untersuchung 14.03.2019", [("14.03.2019", DATE)]),
    ("Untersuchung 03.04.2019 gesehen", [("03.04.2019", DATE)]),
    # labelled compact dates
    ("DOB: 20190314", [("20190314", DATE)]),
    ("[Born] 19250329\n[Years] 84", [("19250329", DATE)]),
    ("PERFORMED=20151109;", [("20151109", DATE)]),
    ("Birth:\n20160422\nSex", [("20160422", DATE)]),
    ("BORN: 01/30/77   YEARS: 45", [("01/30/77", DATE)]),
    ("Date:20190314", [("20190314", DATE)]),
    ("StudyDate 20190314101400", [("20190314", DATE), ("101400", TIME)]),
    ("Exam: 20190314 101400 CT", [("20190314", DATE), ("101400", TIME)]),
    # month names
    ("Film of 14-MAR-2019 reviewed", [("14-MAR-2019", DATE)]),
    ("ACQ 14MAR2019", [("14MAR2019", DATE)]),
    ("Seen 14 Mar 2019.", [("14 Mar 2019", DATE)]),
    ("Seen March 14, 2019.", [("March 14, 2019", DATE)]),
    ("Seen Mar. 14 2019.", [("Mar. 14 2019", DATE)]),
    ("Seen March 14th for pain", [("March 14th", DATE)]),
    ("Seen Mar 14th.", [("Mar 14th", DATE)]),
    ("Seen Friday, the 3rd.", [("Friday, the 3rd", DATE)]),
    ("the 14th of March 2019 exam", [("14th of March 2019", DATE)]),
    ("Since March 2019 she", [("March 2019", DATE)]),
    ("Prior Mar-2019 study", [("Mar-2019", DATE)]),
    ("in March of 2019 began", [("March of 2019", DATE)]),
    ("IN THIS CASE MARCH OF 1993.", [("MARCH OF 1993", DATE)]),
    ("SEEN MARCH 14, 2019", [("MARCH 14, 2019", DATE)]),
    ("seen march 14, 2019", [("march 14, 2019", DATE)]),
    ("Seen Sept. 3, 2019.", [("Sept. 3, 2019", DATE)]),
    ("Seen Mar '19 for pain", [("Mar '19", DATE)]),
    ("Nursing Progress Note 21 Apr, 21 today", [("21 Apr, 21", DATE)]),
    ("Monday, March 14, 2022 exam", [("Monday, March 14, 2022", DATE)]),
    ("on Tues 3/15/22 exam", [("Tues 3/15/22", DATE)]),
    ("admitted to hospital on July 1 from osh", [("July 1", DATE)]),
    ("repair on July 2nd, with stent", [("July 2nd", DATE)]),
    ("admitted in sept. and d/c'd", [("sept", DATE)]),
    ("since March she has", [("March", DATE)]),
    ("drawn from A-line on the 11th. One set", [("11th", DATE)]),
    # month/day without a year, with and without a date word
    ("Prior 3/14 exam", [("3/14", DATE)]),
    ("HPI: 7/22 FOUND BY HUSBAND ON FLOOR", [("7/22", DATE)]),
    ("TRANS TO GH 7/23 .DOPAMINE WEANED", [("7/23", DATE)]),
    ("GI appetite good, LBM 11/5", [("11/5", DATE)]),
    ("CXR on 1/2 showed", [("1/2", DATE)]),
    ("PLACED ON VENT (PLACED 8/14). AC 100%", [("8/14", DATE)]),
    ("He returned to OR on 7-8 for coiling", [("7-8", DATE)]),
    # month/two-digit year
    ("echo 8/87 showing EF 20%", [("8/87", DATE)]),
    ("s/p bil mastectomies 11/92,transferred", [("11/92", DATE)]),
    ("stent 03/2019 placed", [("03/2019", DATE)]),
    # glued to words
    ("labs on10/14/82> to hct", [("10/14/82", DATE)]),
    ("DOB:03/14/2019", [("03/14/2019", DATE)]),
    ("LITHIUM TOXICITY-9/2/92.", [("9/2/92", DATE)]),
    # ranges
    ("Admitted 3/1-3/4/2019 for", [("3/1", DATE), ("3/4/2019", DATE)]),
    ("from 3/1/19 - 3/4/19 then", [("3/1/19", DATE), ("3/4/19", DATE)]),
    ("Admitted March 1-4, 2019 for", [("March 1-4, 2019", DATE)]),
    ("progress note 1->2 nov, 96 night", [("1->2 nov, 96", DATE)]),
    ("TREATMENTS 10/03/10/04 AND DUE", [("10/03", DATE), ("10/04", DATE)]),
    # holidays
    ("home for Christmas this year", [("Christmas", DATE)]),
    ("fell on Thanksgiving Day", [("Thanksgiving Day", DATE)]),
    # dates with times
    ("2019-03-14T10:14:00 acquired", [("2019-03-14", DATE), ("10:14:00", TIME)]),
    ("Signed 03/05/2021 10:14 by", [("03/05/2021", DATE), ("10:14", TIME)]),
    ("11/22/93 530am neuro: awake", [("11/22/93", DATE), ("530am", TIME)]),
    # times
    ("pronounced at 14:05 today", [("14:05", TIME)]),
    ("pronounced at 14:05:33 today", [("14:05:33", TIME)]),
    ("given at 2:05 PM today", [("2:05 PM", TIME)]),
    ("given at 2:05pm today", [("2:05pm", TIME)]),
    ("given at 2 PM today", [("2 PM", TIME)]),
    ("seen 1405 hours today", [("1405 hours", TIME)]),
    ("seen 1405 hrs today", [("1405 hrs", TIME)]),
    ("seen 1405h today", [("1405h", TIME)]),
    ("extubated at 0830 without", [("0830", TIME)]),
    ("cardioverted @1630, converted", [("1630", TIME)]),
    ("Nursing note 1900-0700 neuro", [("1900", TIME), ("0700", TIME)]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_dates_and_times(text: str, expected: list[tuple[str, PhiLabel]]) -> None:
    assert found(text) == expected


NEGATIVES = [
    "take 1/2 tab daily",
    "3/4 of the lesion enhances",
    "crackles 2/3 lung fields",
    "BP 120/80 and HR 72",
    "BP 110/60 mmHg",
    "percocet 5/325 mg q4h",
    "2/5 strength in the left leg",
    "strength 4/5 bilaterally",
    "MAE 5/5 throughout",
    "T12 compression fracture",
    "disc bulge at L4-L5 and L4/5",
    "fusion at C5-6",
    "series 4 image 112/300",
    "series 3 image 12/30",
    "Gleason 3+4 adenocarcinoma",
    "BI-RADS 4 lesion",
    "software v2.1.3 used",
    "mass 1.2 x 3.4 cm",
    "section 14.3.2 of the protocol",
    "call 410-555-1212 to schedule",
    "size 3.5 cm",
    "rates pain 8/10 in chest",
    "c/o CP, 5/10, ECG done",
    "PS 10/5 @30%",
    "RESP: INITIALLY ON CPAP 5/5 WITH STABLE TV'S",
    "PSV increased to 10/5 overnight",
    "vent changed to CPAP .5% 5/5. Anticipate",
    "+3/6 SEM at apex",
    "2/6 murmur heard",
    "OOB TO CHAIR FOR 1 1/2 HRS",
    "1/2 NS at 100cc/hr",
    "CVP 8-10 and PAD 12-16",
    "suctioned q2-4hrs for secretions",
    "hands edematous and on 1-2 pillows",
    "PLACED ON 600X12/5/65%",
    "settings 10/5/.30 overnight",
    "GCS 3/15 on arrival",
    "ASPECTS 8/10; NIHSS 14; MoCA 26/30",
    "co/ci 4-6/2-4 pa sats",
    "CO/CI 4/2.2 after lasix",
    "24/7 monitoring",
    "vision 20/20",
    "5:1 ratio of I to E",
    "1:1000 epinephrine injected",
    "HR 80:20 paced",
    "I:E 1:2",
    "IV HEPARIN BEGUN AT 1100 UNITS POST BOLUS",
    "infused at 2000 cc",
    "in the 1990s and 80's",
    "bs dec 2 bilat",
    "pt may 2 require",
    "per MAR 14 given",
    "IABP AUG 20 points",
    "20190314 accession",
    "v12.10.05 build",
    "1/1/1/1/1/1/1",
    "pain 3-4/10 in the head",
    "q 4-6 hr prn",
    "BP 84-98/23-46",
    "PI-RADS 4/5 lesion",
    "3/3 lymph nodes positive",
    "2/12 cores positive",
    "mass at the 11/12 o'clock position",
    "Se 3 Im 12/30",
    "stenosis at L4-5 and C5-C6",
    "levels 4-5 show",
    "address 6e40:4041:c617:e898:c11:40d2:c669:2eb4 blocked",
    "Meet me at 0538 15 Millicent Drive",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_look_alikes(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "kept", "flagged"),
    [
        ("PMH: CAD, S/P MI 1992; LCX PTCA", [], [("1992", DATE)]),
        ("pmh: cad--s/p mi '92 s/p cabg", [], [("92", DATE)]),
        ("CVA 74'. CHOLECYSTECTOMY", [], [("74", DATE)]),
        ("in 2019 she moved", [], [("2019", DATE)]),
        ("MI in the 1990s and '80s", [], []),
        ("infused 2000 cc over 1900-0700", [("1900", TIME), ("0700", TIME)], None),
        ("labs due at 2000 tonight", [("2000", TIME)], None),
        ("Exam on 03/14/2019.", [("03/14/2019", DATE)], None),
    ],
)
def test_bare_years_follow_keep_years(
    text: str,
    kept: list[tuple[str, PhiLabel]],
    flagged: list[tuple[str, PhiLabel]] | None,
) -> None:
    assert found(text) == kept
    assert found(text, NO_YEARS) == (kept if flagged is None else flagged)


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [
        ("Exam 03/14/2019", 2019, 3, 14),
        ("Exam 14/03/2019", 2019, 3, 14),
        ("Exam 14.03.2019", 2019, 3, 14),
        ("Exam 03.04.2019", 2019, 4, 3),
        ("Exam 3/4/19", 2019, 3, 4),
        ("Exam 3/4/69", 1969, 3, 4),
        ("Exam 3/4/68", 2068, 3, 4),
        ("Exam 14-MAR-2019", 2019, 3, 14),
        ("Exam March of 2019", 2019, 3, None),
        ("Exam 8/87 showing", 1987, 8, None),
        ("Exam on 3/4", None, 3, 4),
        ("Exam on the 4th.", None, None, 4),
        ("Exam in Sept", None, 9, None),
    ],
)
def test_parsed_value(text: str, year: int | None, month: int | None, day: int | None) -> None:
    (span,) = DETECTOR.find(text)
    assert span.value is not None
    assert (span.value.year, span.value.month, span.value.day) == (year, month, day)
    assert render(span.value) == span.text


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Seen 2/30/2019", "2/30/2019"),
        ("Seen 2/29/2019", "2/29/2019"),
        ("Seen 4/31/2019", "4/31/2019"),
        ("Seen 13/13/2019", "13/13/2019"),
        ("Seen 3/14/1850", "3/14/1850"),
        ("Seen on 2/31", "2/31"),
        ("Seen March 32, 2019", "March 32"),
        ("Seen 2019-02-30", "2019-02-30"),
    ],
)
def test_invalid_calendar_dates_are_not_dates(text: str, date: str) -> None:
    assert all(s.label is not DATE or date not in s.text for s in DETECTOR.find(text))


def test_range_start_borrows_the_end_year_without_rendering_it() -> None:
    spans = sorted(DETECTOR.find("Admitted 12/30-1/2/2020 for"), key=lambda s: s.start)
    assert [s.text for s in spans] == ["12/30", "1/2/2020"]
    start = spans[0].value
    assert start is not None
    assert (start.year, start.month, start.day, start.fmt) == (2019, 12, 30, "{M}/{D}")


def test_same_month_range_carries_its_length() -> None:
    (span,) = DETECTOR.find("Admitted March 1-4, 2019 for")
    assert span.value is not None
    assert (span.value.day, span.value.span_days) == (1, 3)
    assert render(span.value) == "March 1-4, 2019"


def test_weekday_is_part_of_the_date_and_kept_as_written() -> None:
    (span,) = DETECTOR.find("Seen Thursday, March 14, 2019 for")
    assert span.value is not None
    assert span.value.weekday == 3
    assert span.value.fmt == "{Weekday}, {Month} {D}, {YYYY}"


def test_spans_carry_source_and_context_raises_partial_score() -> None:
    bare = DETECTOR.find("LBM 11/5 today")[0]
    cued = DETECTOR.find("Exam since 11/5 today")[0]
    assert bare.source == "DateDetector.md"
    assert bare.score < cued.score
    assert DetectConfig().min_score <= bare.score


def test_registered_in_default_detectors() -> None:
    assert DEFAULT_DETECTORS[0] == "dates"
    assert BUILTIN_DETECTORS["dates"] == "radscrub.detect.dates:DateDetector"
    (detector,) = build_detectors(DetectConfig(detectors=("dates",)))
    assert isinstance(detector, DateDetector)


def test_works_as_a_presidio_recognizer() -> None:
    results = DETECTOR.analyze("Exam on 03/14/2019 at 10:14", entities=["DATE"])
    assert [(r.start, r.end, r.entity_type) for r in results] == [(8, 18, "DATE")]
    both = DETECTOR.analyze("Exam on 03/14/2019 at 10:14", entities=None)
    assert sorted(r.entity_type for r in both) == ["DATE", "TIME"]


@pytest.mark.parametrize(
    "text",
    [
        "Exam on 03/14/2019 at 10:14",
        "pronounced at 14:05 today",
        "StudyDate 20190314101400",
        "Nursing note 1900-0700 on 3/4, called at 0830 3/5",
        "seen 1405 hrs 12/1; repeat 2:05 PM 12/2/19",
        "11/22/93 530am neuro: awake",
    ],
)
def test_times_of_day_are_kept_by_default(text: str) -> None:
    spans = DEFAULT.find(text)
    assert not [s for s in spans if s.label is PhiLabel.TIME]
    with_times = DETECTOR.find(text)
    assert [s for s in with_times if s.label is PhiLabel.TIME]
    # the dates are the same either way: times only decide whether TIME spans are reported
    assert [s for s in spans if s.label is PhiLabel.DATE] == [
        s for s in with_times if s.label is PhiLabel.DATE
    ]
