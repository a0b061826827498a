"""AgeDetector: ages over 89 only; the span is the age itself."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.detect.ages import AgeDetector
from radscrub.errors import DetectionTimeout
from radscrub.resolve import resolve
from radscrub.spans import PhiLabel


@pytest.fixture(scope="module")
def detector() -> AgeDetector:
    return AgeDetector()


def ages(detector: AgeDetector, text: str) -> list[str]:
    return [s.text for s in resolve(detector.find(text), text)]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("92-year-old man with cough", "92"),
        ("a 92 year old woman", "92"),
        ("92 y/o F", "92"),
        ("92yo M", "92"),
        ("92 y.o. male", "92"),
        ("Age: 93", "93"),
        ("aged 95, lives alone", "95"),
        ("93 YO female", "93"),
        ("she is 91 years old", "91"),
        ("101-year-old", "101"),
        ("a 90-yr-old", "90"),
        ("97 years of age", "97"),
        ("at the age of 97", "97"),
        ("HISTORY: 92F with fall", "92"),
        ("ninety-two-year-old woman", "ninety-two"),
        ("Pt is a ninety two yo male.", "ninety two"),
        ("A ninety-five y/o woman.", "ninety-five"),
        ("in her 90s", "90s"),
        ("in his late nineties", "nineties"),
        ("AGE: 96Y F", "96"),
        ("Age/Sex:\n91\nEXAM", "91"),
        ("History: 96 male, acute abdominal pain", "96"),
        ("HX:\n99 M PE suspected", "99"),
        ("CLINICAL INDICATION: 94 W/F syncope", "94"),
        ("CLINICAL DATA: 91 W/M cirrhosis", "91"),
        ("INDICATIONS FOR STUDY:\n100 W/M dislocation", "100"),
    ],
)
def test_finds_ages_over_89(detector: AgeDetector, text: str, age: str) -> None:
    spans = resolve(detector.find(text), text)
    assert [s.text for s in spans] == [age]
    assert all(s.label is PhiLabel.AGE for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "89-year-old man",
        "45 year old woman",
        "age: 65",
        "92 mg daily",
        "SpO2 92%",
        "age 93 months",
        "HR 92 bpm",
        "T 102F with chills",
        "fever 101F with rigors",
        "150 year old building",
        "in the 90s range (oxygen saturation)",
        "aged 12",
        "92M",  # no clinical cue after it: could be anything
        "100 male patients were enrolled",
        "History: 45 M with cough",
    ],
)
def test_ignores_other_numbers(detector: AgeDetector, text: str) -> None:
    assert ages(detector, text) == []


@pytest.mark.parametrize("age", [90, 95, 99, 100, 110, 125])
def test_boundary_over_89(detector: AgeDetector, age: int) -> None:
    assert ages(detector, f"{age}-year-old") == [str(age)]


@pytest.mark.parametrize("age", [18, 50, 88, 89, 126, 200])
def test_boundary_not_flagged(detector: AgeDetector, age: int) -> None:
    assert ages(detector, f"{age}-year-old") == []


@given(st.text(max_size=300))
def test_spans_in_bounds_on_any_text(text: str) -> None:
    for span in AgeDetector().find(text):
        assert 0 <= span.start < span.end <= len(text)
        value = span.text
        assert not value[:2].isdigit() or int("".join(c for c in value if c.isdigit())) > 89


@pytest.mark.parametrize(
    "text", ["9" * 1_000_000, "92 year " * 50_000, "age " * 100_000], ids=["nines", "years", "age"]
)
def test_pathological_input_is_prompt(detector: AgeDetector, text: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(DetectionTimeout):
        detector.find(text)
    assert time.perf_counter() - start < 30
