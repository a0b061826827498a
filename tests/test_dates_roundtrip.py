"""Properties of date detection: templates render the text back; odd input never hangs or raises."""

from __future__ import annotations

import datetime
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.config import DetectConfig
from radscrub.detect.datefmt import Parts, render, render_parts, tokens
from radscrub.detect.dates import DateDetector, parse_date
from radscrub.errors import DetectionTimeout
from radscrub.spans import PhiLabel

DETECTOR = DateDetector()

#: Every template family the detector reads, as the template it should report.
TEMPLATES = [
    "{M}/{D}/{YYYY}",
    "{MM}/{DD}/{YYYY}",
    "{M}/{D}/{YY}",
    "{MM}-{DD}-{YYYY}",
    "{M}-{D}-{YY}",
    "{YYYY}-{MM}-{DD}",
    "{YYYY}/{MM}/{DD}",
    "{YYYY}{MM}{DD}",
    "{DD}.{MM}.{YYYY}",
    "{DD}-{Mon}-{YYYY}",
    "{DD}{Mon}{YYYY}",
    "{D} {Mon} {YYYY}",
    "{D} {Month} {YYYY}",
    "{Month} {D}, {YYYY}",
    "{Mon}. {D} {YYYY}",
    "{Mon4} {D}, {YYYY}",
    "{Month} {Dth}",
    "{Mon} {Dth}, {YYYY}",
    "{Dth} of {Month} {YYYY}",
    "{Month} {YYYY}",
    "{Mon}-{YYYY}",
    "{Month} of {YYYY}",
    "{Mon} '{YY}",
    "{M}/{D}",
    "{MM}/{YYYY}",
    "{Weekday}, {Month} {D}, {YYYY}",
    "{Wkd} {M}/{D}/{YYYY}",
    "{Wkd4}, {D} {Month} {YYYY}",
]
CASES = ["", "upper", "lower"]
DATES = st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31))


def _text_for(fmt: str, date: datetime.date, case: str) -> str:
    year = date.year
    if "YY" in tokens(fmt) and not 1969 <= year <= 2068:  # two-digit years pivot at 69
        year = 2000 + year % 100 if year % 100 < 69 else 1900 + year % 100
        date = date.replace(year=year) if not (date.month == 2 and date.day == 29) else date
    parts = Parts(date.year, date.month, date.day, date.weekday())
    return render_parts(fmt, parts, case)


@given(fmt=st.sampled_from(TEMPLATES), date=DATES, case=st.sampled_from(CASES))
def test_detected_dates_render_back_to_their_text(fmt: str, date: datetime.date, case: str) -> None:
    written = _text_for(fmt, date, case)
    text = f"Seen on {written} for follow-up."
    spans = [s for s in DETECTOR.find(text) if s.label is PhiLabel.DATE]
    assert [s.text for s in spans] == [written]
    value = spans[0].value
    assert value is not None
    assert render(value) == written
    used = tokens(fmt)
    if used & {"M", "MM", "Month", "Mon", "Mon4"}:
        assert value.month == date.month
    if used & {"D", "DD", "Dth"}:
        assert value.day == date.day


@given(fmt=st.sampled_from(TEMPLATES), date=DATES, case=st.sampled_from(CASES))
def test_parse_date_reads_structured_values(fmt: str, date: datetime.date, case: str) -> None:
    written = _text_for(fmt, date, case)
    value = parse_date(written)
    assert value is not None
    assert render(value) == written


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("2019-03-14", "{YYYY}-{MM}-{DD}"),
        ("03/14/1950", "{MM}/{DD}/{YYYY}"),
        ("20190314", "{YYYY}{MM}{DD}"),
        ("2019-03-14T10:14:00", "{YYYY}-{MM}-{DD}T10:14:00"),
        ("03/05/2021 10:14", "{MM}/{DD}/{YYYY} 10:14"),
        ("March 2019", "{Month} {YYYY}"),
        ("2019", "{YYYY}"),
        ("1/2", "{M}/{D}"),
        ("  2019-03-14 ", "  {YYYY}-{MM}-{DD} "),
    ],
)
def test_parse_date_keeps_the_rest_verbatim(text: str, fmt: str) -> None:
    value = parse_date(text)
    assert value is not None
    assert value.fmt == fmt
    assert render(value) == text


@pytest.mark.parametrize(
    "text",
    ["", "   ", "hello", "Christmas", "2019-03-14 and 2019-03-15", "seen 2019-03-14", "1990s"],
)
def test_parse_date_returns_none_for_anything_but_one_date(text: str) -> None:
    assert parse_date(text) is None


def assert_sound(text: str) -> None:
    """Every span lies in the text, has a date/time label, and its value renders its text."""
    for span in DETECTOR.find(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]
        assert span.label in (PhiLabel.DATE, PhiLabel.TIME)
        if span.value is not None:
            assert render(span.value).lower() == span.text.lower()


@given(st.text(max_size=300))
def test_detection_never_raises_and_spans_are_sound(text: str) -> None:
    assert_sound(text)


@given(
    st.lists(
        st.sampled_from(["1", "2", "12", "31", "/", "-", ".", ":", " ", "Mar", "2019", "'", "th"]),
        max_size=40,
    ).map("".join)
)
def test_date_like_noise_is_sound(text: str) -> None:
    assert_sound(text)


PATHOLOGICAL = [
    pytest.param("7" * 1_000_000, id="1MB-of-digits"),
    pytest.param("/" * 100_000, id="100k-slashes"),
    pytest.param("1/1/" * 100_000, id="1/1/1/1-repeated"),
    pytest.param("3/14 " * 40_000, id="many-dates"),
    pytest.param("12:" * 100_000, id="colon-chain"),
]


@pytest.mark.parametrize("text", PATHOLOGICAL)
def test_pathological_input_returns_promptly_or_times_out(text: str) -> None:
    detector = DateDetector(DetectConfig(pattern_timeout=1.0, keep_years=False))
    started = time.monotonic()
    try:
        spans = detector.find(text)
    except DetectionTimeout as exc:
        assert "pattern_timeout" in str(exc)
    else:
        assert isinstance(spans, list)
    assert time.monotonic() - started < 20  # budget 3 s plus a loaded machine's slack
