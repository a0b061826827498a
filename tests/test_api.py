"""The public API is a contract: pin the exported names and the label/category table."""

from __future__ import annotations

import pytest

import radscrub
from radscrub import PhiLabel, PhiSpan
from radscrub.spans import SafeHarborCategory


def test_all_is_pinned() -> None:
    assert sorted(radscrub.__all__) == [
        "PhiLabel",
        "PhiSpan",
        "ScrubConfig",
        "ScrubResult",
        "Scrubber",
    ]
    for name in radscrub.__all__:
        assert getattr(radscrub, name) is not None


REQUIRED_LABELS = [
    "NAME",
    "DATE",
    "TIME",
    "AGE",
    "PHONE",
    "FAX",
    "EMAIL",
    "URL",
    "IP",
    "SSN",
    "MRN",
    "ACCESSION",
    "ACCOUNT",
    "HEALTH_PLAN",
    "LICENSE",
    "DEVICE_ID",
    "VEHICLE_ID",
    "ID",
    "ADDRESS",
    "LOCATION",
    "ZIP",
    "HOSPITAL",
    "ORGANIZATION",
]


@pytest.mark.parametrize("name", REQUIRED_LABELS)
def test_required_labels_exist_and_know_their_category(name: str) -> None:
    label = PhiLabel[name]
    assert isinstance(label.category, SafeHarborCategory)
    assert label.category.letter in "ABCDEFGHIJKLMNOPQR"


@pytest.mark.parametrize(
    ("label", "letter"),
    [
        (PhiLabel.NAME, "A"),
        (PhiLabel.ZIP, "B"),
        (PhiLabel.DATE, "C"),
        (PhiLabel.AGE, "C"),
        (PhiLabel.PHONE, "D"),
        (PhiLabel.FAX, "E"),
        (PhiLabel.EMAIL, "F"),
        (PhiLabel.SSN, "G"),
        (PhiLabel.MRN, "H"),
        (PhiLabel.HEALTH_PLAN, "I"),
        (PhiLabel.ACCOUNT, "J"),
        (PhiLabel.LICENSE, "K"),
        (PhiLabel.VEHICLE_ID, "L"),
        (PhiLabel.DEVICE_ID, "M"),
        (PhiLabel.URL, "N"),
        (PhiLabel.IP, "O"),
        (PhiLabel.ACCESSION, "R"),
    ],
)
def test_safe_harbor_mapping(label: PhiLabel, letter: str) -> None:
    assert label.category.letter == letter


def test_every_category_has_a_label_or_is_documented_as_undetectable() -> None:
    covered = {label.category.letter for label in PhiLabel}
    # P (biometrics) and Q (photographs) cannot occur in report text; see README coverage table.
    assert set("ABCDEFGHIJKLMNOPQR") - covered == {"P", "Q"}


def test_label_parse_is_case_insensitive_and_errors_list_valid_labels() -> None:
    assert PhiLabel.parse(" date ") is PhiLabel.DATE
    with pytest.raises(ValueError, match="valid labels: NAME"):
        PhiLabel.parse("PERSON")


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 3), (5, 2)])
def test_span_rejects_bad_offsets(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        PhiSpan(start, end, PhiLabel.NAME)


def test_span_json_contract_has_no_text() -> None:
    span = PhiSpan(3, 8, PhiLabel.NAME, 0.91234, "names.title", text="Smith")
    assert span.to_json() == {
        "start": 3,
        "end": 8,
        "label": "NAME",
        "score": 0.9123,
        "source": "names.title",
    }
