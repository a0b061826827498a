"""FieldDetector: values of known keys in header fields and tables, labelled by their key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import EntityRecognizer

from radscrub.config import DEFAULT_DETECTORS
from radscrub.detect.fields import FieldDetector, key_kind, normalise_key
from radscrub.detect.registry import BUILTIN_DETECTORS
from radscrub.spans import PhiLabel

L = PhiLabel


@pytest.fixture(scope="module")
def detector() -> FieldDetector:
    return FieldDetector()


def found(detector: FieldDetector, text: str) -> set[tuple[str, PhiLabel]]:
    return {(s.text, s.label) for s in detector.find(text)}


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # bracketed keys
        ("[Unit No] 4581493\n", "4581493", L.MRN),
        ("[Hospital No] 6347478\n[Birth Date] 1969-01-24", "6347478", L.MRN),
        ("[ID#] 59-26-108\n", "59-26-108", L.MRN),
        ("[Study No] MR-15-386624\n", "MR-15-386624", L.ACCESSION),
        ("[Billing No] 9743099621\n", "9743099621", L.ACCOUNT),
        ("[Beneficiary no] 9RD3-PS6-KX94\n", "9RD3-PS6-KX94", L.HEALTH_PLAN),
        ("[Age/Sex] 091Y\n", "091", L.AGE),
        ("[Years] 102Y F\n", "102", L.AGE),
        ("[Institution] Spokane\n", "Spokane", L.HOSPITAL),
        ("[Performed at] Casper University\n", "Casper University", L.HOSPITAL),
        ("[Pt] Drake, Cliff\n[Unit No] 4938381", "Drake, Cliff", L.NAME),
        # key=value pairs
        ("PT_NAME=Sione Brown; HOSPITAL_NO=6347478;", "6347478", L.MRN),
        ("SUBJECT=X Y; MRN_NO=02-91-199; BORN=8/25/1914", "02-91-199", L.MRN),
        ("born=3/13/1965; acc._no=ir-18-819975; sent_by=t. lipok", "ir-18-819975", L.ACCESSION),
        ("SEX=F; EXAM_NO=CR-11-103973; PERFORMED=01/20/2011", "CR-11-103973", L.ACCESSION),
        ("ENCOUNTER_NO=1822-952509\n", "1822-952509", L.ACCOUNT),
        ("SUBSCRIBER_ID=MUB683963304-04\n", "MUB683963304-04", L.HEALTH_PLAN),
        ("BIRTH=05/12/1928; YEARS=91; STUDY_DATE=12/16/2019", "91", L.AGE),
        ("AGE/SEX=96Y M; ACC._NO=123456", "96", L.AGE),
        ("CLINICIAN=Dr. Ward; INSTITUTION=Portland; CONTACT_NO=1", "Portland", L.HOSPITAL),
        ("SENT_BY=DR. RIYANTI; FACILITY=KALAMAZOO; BILLING_NO=243251886", "KALAMAZOO", L.HOSPITAL),
        (
            "referrer=carbajal, matthew md; site=southern plains; id=1",
            "southern plains",
            L.HOSPITAL,
        ),
        ("LOCATION=Westbrook\n", "Westbrook", L.HOSPITAL),
        ("REFERRING_PHYSICIAN=German Castellanos, MD, PhD; ACCT=1", "German Castellanos", L.NAME),
        ("REQUESTING_CLINICIAN=Dr. de la O; INSTITUTION=Portland", "de la O", L.NAME),
        # colon and spaced keys
        ("MR NUMBER: 59-26-108  YEARS: 104\n", "59-26-108", L.MRN),
        ("MR NUMBER: 59-26-108  YEARS: 104\n", "104", L.AGE),
        ("Age: 103 yrs\n", "103", L.AGE),
        ("Years:\n98Y M\nAcquired:", "98", L.AGE),
        ("Credential no. G38579\n", "G38579", L.LICENSE),
        ("Credential no. 94.477905\n", "94.477905", L.LICENSE),
        ("Performed at: Eastside\nVisit #: 784573326410", "Eastside", L.HOSPITAL),
        (
            "Exam Date: 04/11/2022 | Performed at: Northwest | Requisition: 60887167",
            "Northwest",
            L.HOSPITAL,
        ),
        (
            "Exam Date: 04/11/2022 | Performed at: Northwest | Requisition: 60887167",
            "60887167",
            L.ID,
        ),
        ("SENT BY DR. B. NOVAK\nPERFORMED AT EASTSIDE   SSN 123\n", "EASTSIDE", L.HOSPITAL),
        ("Age/Sex 101   Study No MR9085464\n", "MR9085464", L.ACCESSION),
        ("Age/Sex 101   Study No MR9085464\n", "101", L.AGE),
        ("Attending: Valentina Yamamoto, CNMT\n", "Valentina Yamamoto", L.NAME),
        # pagers
        ("Dr. Hurst was paged (60543) and called back at 5:33", "60543", L.PHONE),
        ("DR. HASSANAH WAS PAGED (4-1856) AND CALLED BACK", "4-1856", L.PHONE),
        ("reach me on pager 4-1139", "4-1139", L.PHONE),
        ("beeper #2418", "2418", L.PHONE),
        # a transcriptionist's initials after the footer's T: time
        ("D: 04/25/2009 2:43 AM  T: 04/25/09 9:12 AM  AG  JOB #: 986302", "AG", L.NAME),
        ("T: TUESDAY 8/3/10 AT 8:08 AM  TBP\nSIGNED: X", "TBP", L.NAME),
        ("T: 2018-10-26 9:58 AM C.B.L.\n", "C.B.L.", L.NAME),
    ],
)
def test_finds_keyed_values(
    detector: FieldDetector, text: str, value: str, label: PhiLabel
) -> None:
    assert (value, label) in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Series: 3\n",
        "Slice thickness: 5 mm\n",
        "T: 18-OCT-2014  01:58 PM\n",
        "T: 12/1/2020 10:00 CT\n",
        "T: 5 mm lesion CT\n",
        "Contrast: 100 mL\n",
        "Age: 45\n",
        "Age/Sex: 89/F\n",
        "YEARS=45; SEX=M",
        "Dose: 12 mGy\n",
        "Images: 240\n",
        "Technique: 3 phase\n",
        "Location: left lower lobe\n",
        "Location: ICU\n",
        "Site: right breast\n",
        "Site: Liver\n",
        "[Site] Left thigh\n",
        "BI-RADS: 4\n",
        "Exam: CT HEAD\n",
        "Study: CT chest\n",
        "Study No: significant change\n",
        "Unit: 4 West\n",
        "Facility: Radiology Department\n",
        "Performed at: bedside\n",
        "Pack years: 100\n",
        "Comparison: 12345678\n",
        "Patient: tolerated the procedure well\n",
        "MRN: 03/14/2019\n",
        "Acc: 12.5\n",
        "Dr. Ward was paged at 1530 and called back",
        "https://pacs.example.org/viewer?accession=RAD2307193117",
    ],
)
def test_look_alikes_give_nothing(detector: FieldDetector, text: str) -> None:
    assert detector.find(text) == []


def test_slash_table_cells_take_their_header_label(detector: FieldDetector) -> None:
    text = (
        "REPORT\nSubject / ID# / Birth / Years / Acc. No / Referrer\n"
        "Jenny Church / 1721258 / 06/10/1929 / 95/F / CT-24-266767 / King Booth MD, MPH\n"
    )
    assert found(detector, text) == {
        ("Jenny Church", L.NAME),
        ("1721258", L.MRN),
        ("95", L.AGE),
        ("CT-24-266767", L.ACCESSION),
        ("King Booth", L.NAME),
    }


@pytest.mark.parametrize(
    "text",
    [
        # under 90: no age; the date is the dates detector's
        "Name / MRN / DOB / Age\nSmith, Ann / 1234567 / 01/02/1950 / 74\n",
        # a pipe table works the same way
        "Name | MRN | DOB | Age\nSmith, Ann | 1234567 | 01/02/1950 | 74\n",
    ],
)
def test_table_without_phi_ages(detector: FieldDetector, text: str) -> None:
    assert found(detector, text) == {("Smith, Ann", L.NAME), ("1234567", L.MRN)}


@pytest.mark.parametrize(
    "text",
    [
        "T1 / T2 / FLAIR\n12 / 14 / 16\n",  # unknown keys
        "Name / MRN / DOB\nSmith / 1234567\n",  # cell counts differ
        "Name / MRN / DOB\n\nSmith / 1234567 / 1/2/50\n",  # not the next line
    ],
)
def test_tables_need_known_keys_and_matching_cells(detector: FieldDetector, text: str) -> None:
    assert detector.find(text) == []


@pytest.mark.parametrize(
    ("key", "normal", "kind"),
    [
        ("ACC._NO", "acc no", L.ACCESSION),
        ("MR Number", "mr no", L.MRN),
        ("Medical Record #", "medical record no", L.MRN),
        ("Age / Sex", "age/sex", "age"),
        ("HOSPITAL_NO", "hospital no", L.MRN),
        ("Hospital", "hospital", "site"),
        ("Patient MRN", "patient mrn", L.MRN),
        ("Slice thickness", "slice thickness", None),
    ],
)
def test_key_normalisation(key: str, normal: str, kind: object) -> None:
    assert normalise_key(key) == normal
    assert key_kind(key) == kind


def test_registered_and_on_by_default() -> None:
    assert BUILTIN_DETECTORS["fields"] == "radscrub.detect.fields:FieldDetector"
    assert "fields" in DEFAULT_DETECTORS


def test_presidio_recognizer(detector: FieldDetector) -> None:
    assert isinstance(detector, EntityRecognizer)
    text = "[Unit No] 4581493\nYEARS=95; FACILITY=Kalamazoo"
    results = detector.analyze(text, ["MRN", "AGE"])
    assert sorted((r.start, r.end, r.entity_type) for r in results) == [
        (10, 17, "MRN"),
        (24, 26, "AGE"),
    ]


_PIECES = st.sampled_from(
    [
        "[Unit No] ", "MRN_NO=", "; ", "Years: ", "Age/Sex ", " / ", " | ", "\n", "  ",
        "Performed at: ", "paged (", ")", "Subject / ID# / Birth / Years\n", "4581493", "102",
        "Eastside", "Jenny Church", "06/10/1929", "Dr. ", ", MD", "=", ":", "[", "]", "#",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=8), max_size=30).map("".join))
def test_spans_in_bounds_and_exact(text: str) -> None:
    detector = _DETECTOR
    for span in detector.find(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]
        assert span.label in FieldDetector.labels


_DETECTOR = FieldDetector()
