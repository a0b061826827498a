"""Shift a parsed date by whole days and write it back in its own format.

``shift_date(value, days)`` re-renders a :class:`~radscrub.spans.DateValue` (as the date
detector parsed it) ``days`` later, in the same template and case: ``14-MAR-2019`` shifted by
-71 days is ``02-JAN-2019``; ``3/14`` is ``1/2``. Full dates keep every interval exactly.

Partial dates (the rule for each, since the record's other dates are not known here):
- month/day without a year: shifted within the leap year ``REFERENCE_YEAR`` (so Feb 29 works)
  and written without a year. The day can be one off from the true shift when the real year is
  not a leap year and the shift crosses Feb 29. A year borrowed from the other end of a range
  (``3/1-3/4/2019``) is used instead, and then the shift is exact.
- month and year (``March 2019``): the 15th of the month is shifted and its month and year
  written. An interval-preserving rule is impossible at month precision; this keeps the month
  within one of the true shift's.
- month alone (``in March``): the same, in ``REFERENCE_YEAR``.
- day alone (``the 11th``): shifted from that day of a 31-day month (January of
  ``REFERENCE_YEAR``).
- year alone (flagged when ``keep_years`` is off): the year's midpoint (July 2) is shifted, so
  the year moves only when the shift crosses it (about half the year for a 183-day shift).
- a weekday as written moves by ``days`` modulo 7, so it stays consistent with the new date.
- a same-month range (``March 1-4, 2019``) keeps its length; when the shifted ends fall in
  different months the template cannot show it, and DateShiftError is raised.

Anything that cannot be shifted raises :class:`DateShiftError`: callers redact instead. The
original text is never returned by an error path.
"""

from __future__ import annotations

import dataclasses
import datetime

from radscrub.detect.datefmt import DateFormatError, Parts, render_parts, tokens, valid_day
from radscrub.detect.dates import parse_date
from radscrub.spans import DateValue

__all__ = ["REFERENCE_YEAR", "DateShiftError", "parse_date", "shift_date", "shift_value"]

#: The year assumed for dates written without one: a leap year, so Feb 29 can be shifted.
REFERENCE_YEAR = 2000
_MID_MONTH = 15
_MID_YEAR = (7, 2)
_WEEKDAY_TOKENS = frozenset({"Weekday", "Wkd", "Wkd4"})


class DateShiftError(DateFormatError):
    """A date value cannot be shifted or re-rendered; redact the span instead."""


def shift_value(value: DateValue, days: int) -> DateValue:
    """``value`` moved ``days`` days (negative: earlier), same template; see the module rules."""
    if not isinstance(days, int) or isinstance(days, bool):
        raise DateShiftError(f"a date shift must be a whole number of days, not {days!r}")
    year, month, day = value.year, value.month, value.day
    new: tuple[int | None, int | None, int | None]
    if not valid_day(year, month, day):
        raise DateShiftError(f"not a valid date: year={year} month={month} day={day}")
    try:
        if month is not None and day is not None:
            base = datetime.date(year if year is not None else REFERENCE_YEAR, month, day)
            moved = base + datetime.timedelta(days=days)
            new = (moved.year if year is not None else None, moved.month, moved.day)
        elif month is not None:
            base = datetime.date(year if year is not None else REFERENCE_YEAR, month, _MID_MONTH)
            moved = base + datetime.timedelta(days=days)
            new = (moved.year if year is not None else None, moved.month, None)
        elif day is not None and year is None:
            moved = datetime.date(REFERENCE_YEAR, 1, day) + datetime.timedelta(days=days)
            new = (None, None, moved.day)
        elif year is not None and day is None:
            moved = datetime.date(year, *_MID_YEAR) + datetime.timedelta(days=days)
            new = (moved.year, None, None)
        else:
            raise DateShiftError(f"nothing to shift in a date value with fmt {value.fmt!r}")
    except OverflowError:
        raise DateShiftError(f"shifting by {days} days leaves the calendar") from None
    weekday = value.weekday
    if weekday is not None:
        weekday = (weekday + days) % 7
    elif tokens(value.fmt) & _WEEKDAY_TOKENS:
        if None in new:
            raise DateShiftError("a weekday cannot be re-rendered for a date without a year")
        weekday = moved.weekday()
    if value.span_days:
        end = moved + datetime.timedelta(days=value.span_days)
        if (end.year, end.month) != (moved.year, moved.month):
            raise DateShiftError(
                "the shifted range ends fall in different months, which its format cannot show"
            )
    return dataclasses.replace(value, year=new[0], month=new[1], day=new[2], weekday=weekday)


def render_value(value: DateValue) -> str:
    """A DateValue's text (its parts in its template); DateShiftError when it cannot render."""
    end_day = value.day + value.span_days if value.span_days and value.day is not None else None
    parts = Parts(value.year, value.month, value.day, value.weekday, end_day)
    try:
        return render_parts(value.fmt, parts, value.case)
    except DateFormatError as exc:
        raise DateShiftError(str(exc)) from None


def shift_date(value: DateValue, days: int) -> str:
    """The date ``days`` days later (earlier when negative), written in its own format."""
    return render_value(shift_value(value, days))
