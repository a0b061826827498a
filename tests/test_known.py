"""KnownDetector: the record's own identifiers and a staff roster, found in its text."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub import PhiLabel, Scrubber, ScrubConfig
from radscrub.config import DetectConfig, TransformConfig
from radscrub.detect.allow import CONTEXT_MARK
from radscrub.detect.known import KnownDetector, PersonName, label_for, parse_name
from radscrub.errors import ConfigError
from radscrub.pipeline import KnownValues, make_context


@pytest.fixture(scope="module")
def detector() -> KnownDetector:
    return KnownDetector()


def found(detector: KnownDetector, text: str, known: KnownValues) -> list[tuple[str, PhiLabel]]:
    spans = detector.find(text, make_context("P1", known))
    return [(text[s.start : s.end], s.label) for s in sorted(spans, key=lambda s: s.start)]


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("name", PhiLabel.NAME),
        ("patient_name", PhiLabel.NAME),
        ("ordering_provider", PhiLabel.NAME),
        ("referring_physician", PhiLabel.NAME),
        ("attending_clinician", PhiLabel.NAME),
        ("mrn", PhiLabel.MRN),
        ("accession", PhiLabel.ACCESSION),
        ("dob", PhiLabel.DATE),
        ("exam_date", PhiLabel.DATE),
        ("phone", PhiLabel.PHONE),
        ("fax", PhiLabel.FAX),
        ("address", PhiLabel.ADDRESS),
        ("email", PhiLabel.EMAIL),
        ("insurance_id", PhiLabel.HEALTH_PLAN),
        ("id", PhiLabel.ID),
        ("badge", PhiLabel.ID),
    ],
)
def test_kinds_map_to_labels(kind: str, label: PhiLabel) -> None:
    assert label_for(kind) is label


@pytest.mark.parametrize(
    ("value", "given", "surname"),
    [
        ("SMITH, JOHN A", ("john", "a"), ("smith",)),
        ("John A. Smith", ("john", "a"), ("smith",)),
        ("Jane Doe MD", ("jane",), ("doe",)),
        ("Dr. Jane Doe, M.D.", ("jane",), ("doe",)),
        ("SMITH^JOHN^A", ("john", "a"), ("smith",)),
        ("Jan van der Berg", ("jan",), ("van", "der", "berg")),
        ("O'Brien-Smith, Mary-Kate", ("mary", "kate"), ("o'brien", "smith")),
        ("Müller, Jürgen", ("jurgen",), ("muller",)),
    ],
)
def test_parse_name(value: str, given: tuple[str, ...], surname: tuple[str, ...]) -> None:
    assert parse_name(value) == PersonName(given, surname)


NAME = {"name": "SMITH, JOHN A"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("John Smith was seen.", ["John Smith"]),
        ("SMITH, JOHN A. returned.", ["SMITH, JOHN A"]),
        ("john a smith, lower case", ["john a smith"]),
        ("Mr. Smith's chest CT.", ["Smith"]),
        ("Mr. Smiht returned (typo).", ["Smiht"]),
        ("Smyth was called.", ["Smyth"]),
        ("J. Smith reviewed.", ["J. Smith"]),
        ("Initials J.S. and JAS on the form.", ["J.S.", "JAS"]),
        ("Transcribed JS/mk.", ["JS"]),
        ("John called back.", ["John"]),
        ("Smithson and Smitty are other people.", []),
        ("JS alone is too short to trust.", []),
    ],
)
def test_known_name_forms(detector: KnownDetector, text: str, expected: list[str]) -> None:
    assert [t for t, _ in found(detector, text, NAME)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will be seen in clinic. Will Brown agreed.", ["Will Brown"]),
        ("Brown fat noted. Mr. Brown was told.", ["Brown"]),
        ("Brown, Will called.", ["Brown, Will"]),
        ("brown discharge; will call", []),
    ],
)
def test_common_word_parts_need_a_neighbour_or_title(
    detector: KnownDetector, text: str, expected: list[str]
) -> None:
    assert [t for t, _ in found(detector, text, {"patient_name": "Will Brown"})] == expected


def test_eponym_of_the_patients_name_is_not_the_patient(detector: KnownDetector) -> None:
    text = "History of Parkinson disease. Ms. Parkinson reports pain; Parkinson agreed."
    spans = found(detector, text, {"name": "Anne Parkinson"})
    assert [t for t, _ in spans] == ["Parkinson", "Parkinson"]
    assert text.index("Parkinson disease") < text.index("Ms. Parkinson")


@pytest.mark.parametrize(
    ("known", "text", "expected"),
    [
        ({"mrn": "00123456"}, "MRN 123456 and 00-123-456.", ["123456", "00-123-456"]),
        ({"mrn": "00123456"}, "dose 1234567 mg", []),
        ({"mrn": "12"}, "12 mm nodule", []),
        ({"accession": "ACC-2019-0042"}, "Accession acc20190042.", ["acc20190042"]),
        ({"phone": "(617) 555-0142"}, "Call 617.555.0142 or +1 617 555 0142.",
         ["617.555.0142", "+1 617 555 0142"]),
        ({"email": "j.smith@example.org"}, "Mail J.Smith@example.org.", ["J.Smith@example.org"]),
        ({"address": "12 Main St"}, "Lives at 12 Main St, Springfield.", ["12 Main St"]),
    ],
)  # fmt: skip
def test_identifiers(
    detector: KnownDetector, known: KnownValues, text: str, expected: list[str]
) -> None:
    assert [t for t, _ in found(detector, text, known)] == expected


def test_known_dates_match_any_format_and_carry_their_value(detector: KnownDetector) -> None:
    text = "DOB 3/14/1950; born March 14th, 1950 (1950-03-14); not 3/15/1950."
    spans = detector.find(text, make_context("P1", {"dob": "1950-03-14"}))
    assert [text[s.start : s.end] for s in spans] == ["3/14/1950", "March 14th, 1950", "1950-03-14"]
    for s in spans:
        assert s.label is PhiLabel.DATE and s.value is not None
        assert (s.value.year, s.value.month, s.value.day) == (1950, 3, 14)


def test_all_known_spans_are_context_confirmed(detector: KnownDetector) -> None:
    spans = detector.find("Mr. Foley, MRN 5551234", make_context(None, NAME | {"name": "Foley"}))
    assert spans and all(s.source.endswith(CONTEXT_MARK) for s in spans)


def test_staff_roster(tmp_path: Path) -> None:
    roster = tmp_path / "staff.txt"
    roster.write_text("# radiologists\nOkonkwo, Adaeze\nPriya Raman MD\n", "utf-8")
    detector = KnownDetector(DetectConfig(staff_roster=str(roster)))
    text = "Read by A. Okonkwo; discussed with Raman. Adaeze agreed."
    assert [text[s.start : s.end] for s in detector.find(text)] == ["A. Okonkwo", "Raman", "Adaeze"]


def test_one_records_names_do_not_stay_for_the_next(tmp_path: Path) -> None:
    roster = tmp_path / "staff.txt"
    roster.write_text("Okonkwo, Adaeze\n", "utf-8")
    detector = KnownDetector(DetectConfig(staff_roster=str(roster)))
    text = "Okonkwo read; Kristiansen and Vanterpool attended."
    first = detector.find(text, make_context("A", {"name": "Kristiansen, Maja"}))
    second = detector.find(text, make_context("B", {"name": "Vanterpool, Ines"}))
    assert [text[s.start : s.end] for s in first] == ["Okonkwo", "Kristiansen"]
    assert [text[s.start : s.end] for s in second] == ["Okonkwo", "Vanterpool"]


def test_missing_roster_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"staff_roster.*one name per line"):
        KnownDetector(DetectConfig(staff_roster=str(tmp_path / "none.txt")))


def test_scrubber_removes_known_values_even_eponyms() -> None:
    actions = {label.value: "redact" for label in PhiLabel}
    config = ScrubConfig(
        detect=DetectConfig(detectors=("known",)), transform=TransformConfig(actions=actions)
    )
    text = "Mr. Foley (MRN 123456): Foley catheter in place; Foley tolerated it."
    known = {"name": "Foley, Sean", "mrn": "0123456"}
    out = Scrubber(config).scrub(text, patient_id="P1", known=known).text
    assert out == "Mr. [NAME] (MRN [MRN]): Foley catheter in place; [NAME] tolerated it."


@given(st.text(max_size=200), st.text(max_size=30), st.text(max_size=12))
def test_never_raises_and_spans_are_in_bounds(text: str, name: str, mrn: str) -> None:
    context = make_context("P", {"name": name, "mrn": mrn, "dob": mrn})
    for span in _DETECTOR.find(text, context):
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]


_DETECTOR = KnownDetector()


_DATE_BITS = st.sampled_from(
    ["0", "3", "03", "12", "14", "2019", "19", "'19", "20190314", "03142019", "1st", "14th",
     "of", "March", "mar.", "SEPT", "Sep", "/", "-", ".", " ", ", ", "  ", "x", "\n", "ß"]
)  # fmt: skip


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)),
    st.lists(_DATE_BITS, max_size=14),
)
def test_date_precheck_never_changes_the_matches(date: datetime.date, bits: list[str]) -> None:
    """A known date's pattern finds the same spans with its date-shape precheck as without it."""
    from radscrub.detect.known import _value_pattern
    from radscrub.detect.valuematch import Text, ValuePattern

    pattern = _value_pattern(PhiLabel.DATE, str(date), "dob")
    assert pattern is not None and pattern.precheck
    renderings = [f"{date:%m/%d/%Y}", f"{date:%d %B %Y}", f"{date:%b %d, %y}", f"{date:%Y%m%d}"]
    text = Text("".join(bits) + " " + " x ".join(renderings) + "".join(reversed(bits)))
    expected = list(ValuePattern(pattern.items).finditer(text, 1.0, "t"))
    assert expected  # the renderings are found
    assert list(pattern.finditer(text, 1.0, "t")) == expected
