"""Dates that reveal an age over 89, which Safe Harbor does not let a shift keep.

HIPAA Safe Harbor removes "all elements of dates (including year) indicative of" an age over 89:
a birth date of 1931 in a 2021 report tells the reader the patient is about 90 even after a shift
of a few months. So a DATE whose year lies :data:`AGE_LIMIT_YEARS` or more before the record's
reference year is redacted whatever the mode's DATE action. The reference year is the latest year
among the record's own dates (its DATE spans and its known ``date`` values): the report's date.
Without any dated reference nothing is flagged (the age cannot be told from the text either).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from radscrub.detect.dates import parse_date
from radscrub.spans import DateValue, PhiLabel, PhiSpan

AGE_LIMIT_YEARS = 90
"""A date this many years or more before the reference year may reveal an age over 89."""


def reference_year(spans: Sequence[PhiSpan], known_dates: Iterable[str] = ()) -> int | None:
    """The latest year written in the record's DATE spans or known date values, if any."""
    years = [
        s.value.year
        for s in spans
        if s.label is PhiLabel.DATE and isinstance(s.value, DateValue) and s.value.year
    ]
    for text in known_dates:
        value = parse_date(text)
        if value is not None and value.year:
            years.append(value.year)
    return max(years, default=None)


def reveals_old_age(span: PhiSpan, reference: int | None) -> bool:
    """True when ``span`` is a DATE whose year is at least 90 years before ``reference``."""
    if reference is None or span.label is not PhiLabel.DATE:
        return False
    value = span.value
    return (
        isinstance(value, DateValue)
        and value.year is not None
        and reference - value.year >= AGE_LIMIT_YEARS
    )
