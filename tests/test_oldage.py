"""Dates revealing an age over 89 are redacted, not shifted (Safe Harbor, category C)."""

from __future__ import annotations

import pytest

from radscrub import Scrubber, ScrubConfig
from radscrub.spans import DateValue, PhiLabel, PhiSpan
from radscrub.transform.oldage import AGE_LIMIT_YEARS, reference_year, reveals_old_age

KEY = "old-age-test-key-" + "x" * 30


def _date(year: int | None, start: int = 0) -> PhiSpan:
    value = DateValue(year, 3, 14, "{M}/{D}/{YYYY}")
    return PhiSpan(start, start + 10, PhiLabel.DATE, 0.9, "test", "3/14/xxxx", value)


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    config = ScrubConfig.from_dict({"transform": {"mode": "pseudonymise"}})
    return Scrubber(config, key=KEY)


def test_reference_is_the_latest_year_of_spans_and_known_dates() -> None:
    assert reference_year([_date(2019), _date(2021), _date(None)]) == 2021
    assert reference_year([_date(2019)], ["2023-01-05", "not a date"]) == 2023
    assert reference_year([]) is None


@pytest.mark.parametrize(
    ("year", "reference", "old"),
    [
        (1931, 2021, True),  # 90 years before
        (1932, 2021, False),  # 89
        (1900, None, False),  # no reference: the age cannot be told
        (None, 2021, False),  # a date without a year
    ],
)
def test_reveals_old_age(year: int | None, reference: int | None, old: bool) -> None:
    assert reveals_old_age(_date(year), reference) is old
    assert AGE_LIMIT_YEARS == 90


def test_old_dates_are_redacted_and_recent_ones_shifted(scrubber: Scrubber) -> None:
    text = "DOB: 07/02/1929. Exam 03/14/2021. Prior 11/02/2019."
    result = scrubber.scrub(text, patient_id="p-old")
    assert "1929" not in result.text and "07/02" not in result.text
    assert result.text.startswith("DOB: [DATE].")
    kept = {r.action for r in result.replacements if r.span.text != "07/02/1929"}
    assert kept == {"shift"}


def test_a_younger_patients_birth_date_is_shifted(scrubber: Scrubber) -> None:
    result = scrubber.scrub("DOB: 07/02/1950. Exam 03/14/2021.", patient_id="p-young")
    assert "[DATE]" not in result.text
    assert {r.action for r in result.replacements} == {"shift"}


def test_a_birth_date_column_is_dropped_when_it_reveals_an_old_age(scrubber: Scrubber) -> None:
    known = {"date": ["1929-07-02", "2021-03-14"]}
    assert scrubber.scrub_field("1929-07-02", "date", patient_id="p-old", known=known) is None
    shifted = scrubber.scrub_field("2021-03-14", "date", patient_id="p-old", known=known)
    assert shifted is not None and shifted != "2021-03-14"
    young = scrubber.scrub_field("1950-07-02", "date", patient_id="p-young", known=known)
    assert young is not None and young != "1950-07-02"
