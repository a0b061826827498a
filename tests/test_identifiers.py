"""IdentifierDetector: phone/fax, email, URL, IP, SSN and labelled ids, with look-alikes."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.detect.identifiers import IdentifierDetector
from radscrub.errors import DetectionTimeout
from radscrub.resolve import resolve
from radscrub.spans import PhiLabel

L = PhiLabel


@pytest.fixture(scope="module")
def detector() -> IdentifierDetector:
    return IdentifierDetector()


def found(detector: IdentifierDetector, text: str) -> set[tuple[PhiLabel, str]]:
    """(label, text) of the resolved spans, as the pipeline would keep them."""
    return {(s.label, s.text) for s in resolve(detector.find(text), text, min_score=0.4)}


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        # phones: US formats
        ("Call 617-555-0123 today", L.PHONE, "617-555-0123"),
        ("Occupational injury, claim 497-3287.", L.ID, "497-3287"),
        ("Tel (617) 555-0123.", L.PHONE, "(617) 555-0123"),
        ("reach me at 617.555.0123", L.PHONE, "617.555.0123"),
        ("cell +1 617 555 0123", L.PHONE, "+1 617 555 0123"),
        ("1-800-555-0199 is the line", L.PHONE, "1-800-555-0199"),
        ("Phone: 6175550123", L.PHONE, "6175550123"),
        ("office 617-555-0123 x1234", L.PHONE, "617-555-0123 x1234"),
        ("office 617-555-0123 ext. 12", L.PHONE, "617-555-0123 ext. 12"),
        ("the desk is 617 555-0123", L.PHONE, "617 555-0123"),
        # international and context-cued shapes
        ("Desk: +41 (0)96 471 07 95", L.PHONE, "+41 (0)96 471 07 95"),
        ("call +44 20 7946 0958 now", L.PHONE, "+44 20 7946 0958"),
        ("Mobile: 0490 75 40 81", L.PHONE, "0490 75 40 81"),
        ("Phone: (08) 8747 6301", L.PHONE, "(08) 8747 6301"),
        ("Phone:\n467 3395\n", L.PHONE, "467 3395"),
        ("0393 1144137 mobile", L.PHONE, "0393 1144137"),
        ("Next of kin: son (07700 900123).", L.PHONE, "07700 900123"),
        ("dictated: medical record number 4 4 7 1 9 2 3 date of birth", L.MRN, "4 4 7 1 9 2 3"),
        ("accession number is 88 12 34 56.", L.ACCESSION, "88 12 34 56"),
        ("GP surgery 0116-258-5000 for results", L.PHONE, "0116-258-5000"),
        ("call me on 03.93.92.16.85?", L.PHONE, "03.93.92.16.85"),
        # short in-house numbers with a cue
        ("pager 1234", L.PHONE, "1234"),
        ("beeper #4321", L.PHONE, "4321"),
        ("Pager: #54321", L.PHONE, "54321"),
        ("pgr 4-1234", L.PHONE, "4-1234"),
        ("PG 33445", L.PHONE, "33445"),
        ("call x4-5678", L.PHONE, "4-5678"),
        ("ext 45678", L.PHONE, "45678"),
        ("beeper number 55037 for consents", L.PHONE, "55037"),
        # fax
        ("Fax: 617-555-9999", L.FAX, "617-555-9999"),
        ("F: 617-555-9999", L.FAX, "617-555-9999"),
        ("617-555-9999 (fax)", L.FAX, "617-555-9999"),
        ("+46 (0)8 928 571 38 fax", L.FAX, "+46 (0)8 928 571 38"),
        # email, URL, IP
        ("mail john.doe@mgh.harvard.edu now", L.EMAIL, "john.doe@mgh.harvard.edu"),
        ("see https://example.org/a?b=1.", L.URL, "https://example.org/a?b=1"),
        ("see www.example.org for more", L.URL, "www.example.org"),
        ("portal: mychart.example.com/login", L.URL, "mychart.example.com/login"),
        ("nhs site example.co.uk today", L.URL, "example.co.uk"),
        ("host 192.168.1.20 down", L.IP, "192.168.1.20"),
        ("net 10.0.0.0/8 is private", L.IP, "10.0.0.0/8"),
        ("v6 2001:db8::1 here", L.IP, "2001:db8::1"),
        ("fe80::1ff:fe23:4567:890a", L.IP, "fe80::1ff:fe23:4567:890a"),
        ("6e40:4041:c617:e898:c11:40d2:c669:2eb4", L.IP, "6e40:4041:c617:e898:c11:40d2:c669:2eb4"),
        # SSN
        ("SSN 078-05-1120", L.SSN, "078-05-1120"),
        ("ss: 123-45-6789", L.SSN, "123-45-6789"),
        ("number 123 45 6789 on file", L.SSN, "123 45 6789"),
        ("Social Security Number: 123456789", L.SSN, "123456789"),
        ("SSN: 000-12-3456", L.SSN, "000-12-3456"),  # invalid area, but labelled
        ("SSN last 4: 6789", L.SSN, "6789"),
        # labelled identifiers: the value only
        ("MRN: 1234567", L.MRN, "1234567"),
        ("MR# 998877", L.MRN, "998877"),
        ("Medical record number 00123456", L.MRN, "00123456"),
        ("Unit No. 4455667", L.MRN, "4455667"),
        ("Hospital number: H123456", L.MRN, "H123456"),
        ("MRN is 7654321", L.MRN, "7654321"),
        ("Accession #: RAD-2019-12345", L.ACCESSION, "RAD-2019-12345"),
        ("Acc: 555666", L.ACCESSION, "555666"),
        ("ACC 12345678", L.ACCESSION, "12345678"),
        ("Accession No. A1234567", L.ACCESSION, "A1234567"),
        ("Acct # 88812345", L.ACCOUNT, "88812345"),
        ("Account Number: 1002003", L.ACCOUNT, "1002003"),
        ("FIN 12345678", L.ACCOUNT, "12345678"),
        ("Encounter #: E998877", L.ACCOUNT, "E998877"),
        ("Member ID: XYZ123456", L.HEALTH_PLAN, "XYZ123456"),
        ("Policy # 55-667788", L.HEALTH_PLAN, "55-667788"),
        ("Medicare number 1EG4-TE5-MK73", L.HEALTH_PLAN, "1EG4-TE5-MK73"),
        ("subscriber id W123456789", L.HEALTH_PLAN, "W123456789"),
        ("License #: MD12345", L.LICENSE, "MD12345"),
        ("DL: S123-4567-8901", L.LICENSE, "S123-4567-8901"),
        ("NPI 1234567893", L.LICENSE, "1234567893"),
        ("DEA: AB1234563", L.LICENSE, "AB1234563"),
        ("S/N PJN123456", L.DEVICE_ID, "PJN123456"),
        ("pacemaker serial number: ABC12345", L.DEVICE_ID, "ABC12345"),
        ("MAC 00:1A:2B:3C:4D:5E", L.DEVICE_ID, "00:1A:2B:3C:4D:5E"),
        ("VIN 1HGCM82633A004352", L.VEHICLE_ID, "1HGCM82633A004352"),
        ("car 1HGCM82633A004352 parked", L.VEHICLE_ID, "1HGCM82633A004352"),
        ("license plate 7ABC123", L.VEHICLE_ID, "7ABC123"),
        ("Order #12345", L.ID, "12345"),
        ("Patient ID: P-00042", L.ID, "P-00042"),
        ("Specimen # S19-12345", L.ID, "S19-12345"),
        ("Claim number 9988776655", L.ID, "9988776655"),
        ("ID: 4455-AB", L.ID, "4455-AB"),
        ("Study UID 1.2.840.113619.2.55.3.604688119", L.ID, "1.2.840.113619.2.55.3.604688119"),
        # column-aligned headers, values on the next line, abbreviations
        ("Med Rec No:           5119935", L.MRN, "5119935"),
        ("MR Number:\n6287166\nDOB:", L.MRN, "6287166"),
        ("Social Security #:\n123-45-6789", L.SSN, "123-45-6789"),
        ("Lic #: DO50698", L.LICENSE, "DO50698"),
        ("License 62.501767", L.LICENSE, "62.501767"),
        ("Order Number: ORD1425365        Unit: 3N", L.ID, "ORD1425365"),
        ("reading room ext. 440", L.PHONE, "440"),
        ("pickup truck plate 6WCJ657, airbags deployed", L.VEHICLE_ID, "6WCJ657"),
        ("AMBULANCE RUN NUMBER 324996. PLATE 532 KKR.", L.VEHICLE_ID, "532 KKR"),
        ("per the EMS report (run 8914382), restrained", L.ID, "8914382"),
        # unlabelled code-shaped tokens
        ("ref A12345678 pending", L.ID, "A12345678"),
        ("number 12345678901 again", L.ID, "12345678901"),
    ],
)
def test_finds(detector: IdentifierDetector, text: str, label: PhiLabel, value: str) -> None:
    assert (label, value) in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "3.2 cm nodule, 12 x 8 mm, previously 10 x 7 mm",
        "the claim was filed; claim 2 of 3",
        "series 4 image 112; series 301 image 45",
        "T12 compression, L4-L5 disc bulge, C5-6 stenosis, S1 nerve root",
        "BI-RADS 4. Gleason 3+4=7. TI-RADS 3. LI-RADS 5. PI-RADS 4.",
        "DLP 845 mGy-cm, CTDIvol 12.1 mGy, 120 kVp, 250 mAs",
        "100 mL Omnipaque 350 IV; 15 mL gadolinium",
        "Cr 1.2, INR 2.0, WBC 12.1, Hgb 9.8, platelets 250",
        "attenuation 45 HU, SUVmax 4.5, EF 55%",
        "ICD-10 I63.9, R91.1; CPT 71260 and 74177",
        "in 2019 and 2020; heart rate 72 bpm; slice thickness 1.25 mm",
        "ribs 4-6, levels 2 through 7, x2 views, room 512, bed 4",
        "see report.pdf and image.jpeg, e.g. a, i.e. b, 3.14159",
        "software v1.2.3.4 and version 10.2.0.1",
        "ABG 7.45/34/80 and 80/48/7.45.34.7",
        "ID: afebrile, Tmax 101.2; ID=95.8-97.2",
        "time 12:30:45 and 3:15-3:45pm",
        "SSN 000-12-3456 is not real",
        "invalid ssn-like 666-12-3456 and 912-34-5678",
        "YYYYMMDD 20190314 is a date",
        "DICOM class 1.2.840.10008.5.1.4.1.1.2",
        "model number 5076 and lot 2281",
        "BP 120/80 HR 72 RR 16 SpO2 98%",
        "fusion plate L4-L5 and plate C5-6; growth plate 2 mm; plate and screws",
        "run 3 of the sequence; Order 2 of 4",
        "window 0 400 1500; values 010 120 130; sizes 0.5 120 1300",
        "There were 3 4 5 lesions. Patient number 2 of 3. MRN number 12 mm 3 4.",
    ],
)
def test_ignores_clinical_lookalikes(detector: IdentifierDetector, text: str) -> None:
    kept = found(detector, text)
    if "SSN 000" in text:  # the word SSN is a label: that one is flagged on purpose
        assert kept == {(L.SSN, "000-12-3456")}
    else:
        assert kept == set()


def test_labelled_span_excludes_label(detector: IdentifierDetector) -> None:
    text = "MRN: 1234567"
    (span,) = resolve(detector.find(text), text)
    assert text[span.start : span.end] == "1234567"
    assert span.source.endswith(".mrn")


def test_presidio_adapter(detector: IdentifierDetector) -> None:
    text = "Call 617-555-0123 or mail a@b.org"
    results = detector.analyze(text, ["EMAIL"])
    start = text.index("a@b.org")
    assert [(r.entity_type, r.start, r.end) for r in results] == [("EMAIL", start, len(text))]


@given(st.text(max_size=300))
def test_spans_in_bounds_on_any_text(text: str) -> None:
    detector = IdentifierDetector()
    for span in detector.find(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]


@given(
    st.text(
        alphabet=st.sampled_from("0123456789 -.()+#:/xX@aP\n"),
        max_size=200,
    )
)
def test_digit_soup_never_raises(text: str) -> None:
    for span in IdentifierDetector().find(text):
        assert span.label in IdentifierDetector.labels


@pytest.mark.parametrize(
    "text",
    [
        "1" * 1_000_000,
        "/" * 100_000,
        "1-2-3-" * 50_000,
        "1.2." * 100_000,
        "12 " * 200_000,
        "a@" * 100_000,
        "MRN: " * 50_000,
    ],
    ids=["digits", "slashes", "dashes", "dots", "spaced", "ats", "labels"],
)
def test_pathological_input_is_prompt(detector: IdentifierDetector, text: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(DetectionTimeout):
        detector.find(text)
    assert time.perf_counter() - start < 60
