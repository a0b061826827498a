"""PlaceDetector: address blocks, ZIP codes, cities and hospitals, with clinical look-alikes."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.detect.places import (
    RESTRICTED_ZIP3,
    US_STATES,
    PlaceDetector,
    load_gazetteer,
    safe_harbor_zip3,
)
from radscrub.errors import DetectionTimeout
from radscrub.resolve import resolve
from radscrub.spans import PhiLabel

L = PhiLabel


@pytest.fixture(scope="module")
def detector() -> PlaceDetector:
    return PlaceDetector()


def found(detector: PlaceDetector, text: str) -> set[tuple[PhiLabel, str]]:
    return {(s.label, s.text) for s in resolve(detector.find(text), text, min_score=0.4)}


def covered(detector: PlaceDetector, text: str, part: str) -> bool:
    """Every character of ``part`` (first occurrence) lies inside one resolved span."""
    start = text.index(part)
    spans = resolve(detector.find(text), text, min_score=0.4)
    return any(s.start <= start and start + len(part) <= s.end for s in spans)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Lives at 123 Main Street, Apt 4B, Boston, MA 02115 with her son.",
            "123 Main Street, Apt 4B, Boston, MA 02115",
        ),
        (
            "Address: 45 Elm Ave\nSpringfield, IL 62704\nPhone: 555-0100",
            "45 Elm Ave\nSpringfield, IL 62704",
        ),
        ("PO Box 123, Worcester, MA 01608", "PO Box 123, Worcester, MA 01608"),
        (
            "send to 1600 N. Pennsylvania Ave NW, Washington, DC 20500.",
            "1600 N. Pennsylvania Ave NW, Washington, DC 20500",
        ),
        (
            "home: 77 Massachusetts Avenue Suite 200\nCambridge MA 02139",
            "77 Massachusetts Avenue Suite 200\nCambridge MA 02139",
        ),
        ("12 Oak Ridge Rd.", "12 Oak Ridge Rd."),
        (
            "221B Baker Street, London NW1 6XE, United Kingdom",
            "221B Baker Street, London NW1 6XE, United Kingdom",
        ),
        (
            "Jane Doe\n742 Evergreen Terrace\nSpringfield\nUSA",
            "742 Evergreen Terrace\nSpringfield\nUSA",
        ),
        ("at 350 5th Avenue, New York", "350 5th Avenue, New York"),
        (
            "Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896",
            "Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896",
        ),
        ("address: 5366 Pivovarska 276", "5366 Pivovarska 276"),
        ("Rue de Virton 38, 6700 Arlon, Belgium", "Rue de Virton 38, 6700 Arlon, Belgium"),
        (
            "12 Via Roma 131\n Apt. 425\n Montafia\n Italy 39012",
            "12 Via Roma 131\n Apt. 425\n Montafia\n Italy 39012",
        ),
        ("Friedhofstrasse 33 Suite 979 BIBER", "Friedhofstrasse 33 Suite 979 BIBER"),
        ("PSC 3294, Box 9168\nAPO AA 61487", "PSC 3294, Box 9168\nAPO AA 61487"),
        ("USNS Bergman\nFPO AP 93757", "USNS Bergman\nFPO AP 93757"),
        (
            "at the corner of Main Street and Elm Avenue.",
            "the corner of Main Street and Elm Avenue",
        ),
        ("176 Pinto Hill\n Suite 487\n Nuuk", "176 Pinto Hill\n Suite 487\n Nuuk"),
        ("123 MAIN ST\nBOSTON MA 02115", "123 MAIN ST\nBOSTON MA 02115"),
        ("PT LIVES AT 45 HARBOR VIEW DRIVE WITH WIFE", "45 HARBOR VIEW DRIVE"),
        ("we met on Route 9 near the mall", "Route 9"),
        (
            "PATIENT ADDRESS 14 W 23RD COURT, UNIT 7B\nABILENE, TX 79601\nPHONE 555",
            "14 W 23RD COURT, UNIT 7B\nABILENE, TX 79601",
        ),
        (
            "Prairie Radiology\n12 birch st.\nsalem, or 97301\ntel 503",
            "12 birch st.\nsalem, or 97301",
        ),
    ],
)
def test_address_blocks_are_covered(detector: PlaceDetector, text: str, address: str) -> None:
    assert covered(detector, text, address)
    labels = {s.label for s in resolve(detector.find(text), text) if s.text in address}
    assert L.ADDRESS in labels


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        ("ZIP: 02115", L.ZIP, "02115"),
        ("zip code is 90210-1234.", L.ZIP, "90210-1234"),
        ("postal code K1A 0B1", L.ZIP, "K1A 0B1"),
        ("Boston, MA 02115", L.ZIP, "02115"),
        ("Austin, Texas 78701", L.ZIP, "78701"),
        ("moved to a job in Springfield 62704 last year", L.ZIP, "62704"),
        ("Boston, MA 02115", L.LOCATION, "Boston"),
        ("City: Framingham", L.LOCATION, "Framingham"),
        ("She lives in Framingham with family.", L.LOCATION, "Framingham"),
        ("resident of Lowell", L.LOCATION, "Lowell"),
        ("visited Los Angeles last month", L.LOCATION, "Los Angeles"),
        ("transferred from Worcester, MA yesterday", L.LOCATION, "Worcester"),
        ("drove in from Providence for the scan", L.LOCATION, "Providence"),
        ("Mobile, AL", L.LOCATION, "Mobile"),
        ("seen at Calvert Hospital last week", L.HOSPITAL, "Calvert Hospital"),
        ("TRANSFER FROM CALVERT HOSPITAL FOR", L.HOSPITAL, "CALVERT HOSPITAL"),
        ("Massachusetts General Hospital", L.HOSPITAL, "Massachusetts General Hospital"),
        ("Brigham and Women's Hospital", L.HOSPITAL, "Brigham and Women's Hospital"),
        ("St. Mary's Medical Center", L.HOSPITAL, "St. Mary's Medical Center"),
        ("outside films from Lahey Clinic", L.HOSPITAL, "Lahey Clinic"),
        (
            "Hospital of the University of Pennsylvania",
            L.HOSPITAL,
            "Hospital of the University of Pennsylvania",
        ),
        ("Shields Imaging Center performed it", L.HOSPITAL, "Shields Imaging Center"),
        ("Referring facility: Mercy West", L.HOSPITAL, "Mercy West"),
        ("FROM CALVERT HOSPITAL. LATER AT CALVERT- 2 UNITS", L.HOSPITAL, "CALVERT"),
        ("OUTSIDE CT FROM PRAIRIE HOSPITAL DATED 4/7/2006", L.HOSPITAL, "PRAIRIE HOSPITAL"),
        (
            "COMPARED WITH REPORT FROM NORTH SHORE MEDICAL CENTER",
            L.HOSPITAL,
            "NORTH SHORE MEDICAL CENTER",
        ),
        (
            "BIRCHWOOD OUTPATIENT IMAGING\n12 ELM AVE\nSALEM, OR 97301",
            L.HOSPITAL,
            "BIRCHWOOD OUTPATIENT IMAGING",
        ),
        (
            "history: fall. transfer from ashford memorial hospital; outside ct reviewed.",
            L.HOSPITAL,
            "ashford memorial hospital",
        ),
        ("Provider: Dr. K | Location: Rochester VA | Req#: 1", L.HOSPITAL, "Rochester VA"),
        ("Facility:\nSt. Agnes\n\nEXAM: CT", L.HOSPITAL, "St. Agnes"),
        (
            "Resident of a home (Sunrise Nursing and Rehabilitation).",
            L.HOSPITAL,
            "Sunrise Nursing and Rehabilitation",
        ),
        ("Children's Hospital of Fresno ED on 6/28", L.HOSPITAL, "Children's Hospital of Fresno"),
        ("Lives alone in Ocala. Fell today.", L.LOCATION, "Ocala"),
        ("Resides at Coastal Manor in Henderson.", L.LOCATION, "Henderson"),
        ("Lives in rural Polk County.", L.LOCATION, "Polk County"),
        ("lives in rural polk county.", L.LOCATION, "polk county"),
        ("Moved here from the Boston area.", L.LOCATION, "Boston"),
        ("Exam performed at outside imaging, eugene, or 97401.", L.LOCATION, "eugene"),
        ("Exam performed at outside imaging, eugene, or 97401.", L.ZIP, "97401"),
        ("Outside films from St. Jude were reviewed.", L.HOSPITAL, "St. Jude"),
        ("GP: Riverside Surgery, Leicester LE2 7LX", L.ZIP, "LE2 7LX"),
    ],
)
def test_finds(detector: PlaceDetector, text: str, label: PhiLabel, value: str) -> None:
    assert (label, value) in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "3.2 cm lesion in segment 7. Series 4 image 112. 100 mL Omnipaque 350.",
        "2 Tylenol 325 given. Lasix 40 daily. Coumadin 5 mg.",
        "Pt is on Lasix 40 and Coumadin 5.",
        "Comparison: CT of the chest from 2019. Outside hospital CT reviewed.",
        "Department of Radiology. Interventional Radiology. Diagnostic Imaging.",
        "Reading room 3. Normal study. Mobile unit used. Bath salts.",
        "Health care proxy discussed. Home health aide arranged.",
        "GU: 3 WAY FOLEY IN PLACE & DRAINING. # 8 TRACH IN PLACE.",
        "BP 85 TO 98 SYS WHICH IS HER USUAL. RATE 90 TO 100 OFF DILTIAZEM.",
        "VIA FOLEY 50 CC HR. via ett with 100% fio2. Via right femoral approach.",
        "requiring 10 ps, now requiring 20. Wearing 40% face tent.",
        "in January 2019 and in Segment 4 and in Room 1234",
        "Lives in California. Traveled to Canada.",
        "Dr. Smith, MD reviewed with Jones, PA and Lee, MA.",
        "L4-L5 level, T12 vertebral body, C5-6 disc; BI-RADS 4.",
        "the corner of the image and the film",
        "5 Musicians Of The 70s",
        "PATIENT WANTED TO LEAVE HOSPITAL AGAINST MEDICAL ADVICE. ORIENTED TO SELF AND HOSPITAL.",
        "MULTIPLANAR MR IMAGING OF THE BRAIN BEFORE AND AFTER 8 ML CONTRAST WAS PERFORMED.",
        "transferred from a critical access hospital in the county for higher level of care.",
        "Protocol: 377 microCi I-123 orally; imaging at 4 and 24 hours.",
        "Location: right upper lobe. Site: left breast 2 o'clock.",
        "Prosthetic St. Jude mechanical valve. ST. JUDE BILEAFLET AVR.",
        "Pain in the Reading area of the film.",
        "Nodule, or 12345 cells; measures 2 cm, in 10000 units.",
        "DISC AT LEVEL L4 5MM; T12 2CM; S1 3 CM.",
    ],
)
def test_ignores_clinical_lookalikes(detector: PlaceDetector, text: str) -> None:
    assert found(detector, text) == set()


def test_state_alone_is_not_flagged(detector: PlaceDetector) -> None:
    text = "Boston, MA 02115"
    assert (L.LOCATION, "MA") not in found(detector, text)
    assert not any(s.text == "MA" for s in detector.find(text))


def test_restricted_zip3() -> None:
    assert len(RESTRICTED_ZIP3) == 17
    assert {"036", "059", "893"} <= RESTRICTED_ZIP3
    assert safe_harbor_zip3("03601") == "000"
    assert safe_harbor_zip3("02115-1234") == "021"
    assert safe_harbor_zip3("12") == "000"


def test_gazetteer_loads_once() -> None:
    gaz = load_gazetteer()
    assert gaz is load_gazetteer()
    assert "boston" in gaz.cities and "MA" in gaz.cities["boston"][0]
    assert gaz.cities["mobile"][2]  # an ordinary English word: needs context
    assert "canada" in gaz.countries
    assert len(US_STATES) >= 51


@given(st.text(max_size=300))
def test_spans_in_bounds_on_any_text(text: str) -> None:
    for span in PlaceDetector().find(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]


@given(
    st.lists(
        st.sampled_from(
            [
                "12",
                "Main",
                "St",
                "Apt",
                "4B",
                "\n",
                ", ",
                "MA",
                "02115",
                "Hospital",
                "of",
                "the",
                "Suite",
                "nan",
                "Box",
                "PSC",
                "Rue",
                "Via",
                "Boston",
                "ZIP:",
                "lives at",
                "Clinic",
            ]
        ),
        max_size=40,
    )
)
def test_address_soup_never_raises(parts: list[str]) -> None:
    text = " ".join(parts)
    for span in PlaceDetector().find(text):
        assert span.label in PlaceDetector.labels


@pytest.mark.parametrize(
    "text",
    [
        "1" * 1_000_000,
        "/" * 100_000,
        "12 Main St\n" * 20_000,
        "Hospital " * 50_000,
        "Main Street " * 50_000,
        "A, MA 02115 " * 30_000,
        ", , , , " * 50_000,
    ],
    ids=["digits", "slashes", "addresses", "hospitals", "streets", "zips", "commas"],
)
def test_pathological_input_is_prompt(detector: PlaceDetector, text: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(DetectionTimeout):
        detector.find(text)
    assert time.perf_counter() - start < 60


REPORT = """EXAM: CT CHEST ABDOMEN PELVIS WITH CONTRAST
ACCESSION: 12345678  MRN: 0099887
CLINICAL HISTORY: 92 year old female with weight loss. Referred from Lahey Clinic.
TECHNIQUE: 100 mL Omnipaque 350 IV. DLP 845 mGy-cm. CTDIvol 12.1 mGy.
COMPARISON: Outside hospital CT from 2019.
FINDINGS: 4 mm nodule in the right upper lobe (series 4 image 112). 1.2 x 0.8 cm node at
station 4R. Liver segment 7 hypodensity, 2.1 cm (HU 5). T12 compression, L4-L5 change.
IMPRESSION: Lasix 40 mg daily; on Coumadin 5 mg, INR 2.0. Follow up in 12 months.
Discussed with Dr. Jones at 617-555-0123 x4-5678; pager 1234.
Signed: Jane Smith, MD  Brigham and Women's Hospital, 75 Francis Street, Boston, MA 02115
"""


def test_report_with_every_structured_detector() -> None:
    from radscrub.detect.ages import AgeDetector
    from radscrub.detect.identifiers import IdentifierDetector

    detectors = [IdentifierDetector(), AgeDetector(), PlaceDetector()]
    raw = [span for d in detectors for span in d.find(REPORT)]
    kept = {(s.label, s.text) for s in resolve(raw, REPORT, min_score=0.4)}
    assert kept == {
        (L.ACCESSION, "12345678"),
        (L.MRN, "0099887"),
        (L.AGE, "92"),
        (L.HOSPITAL, "Lahey Clinic"),
        (L.PHONE, "617-555-0123"),
        (L.PHONE, "4-5678"),
        (L.PHONE, "1234"),
        (L.HOSPITAL, "Brigham and Women's Hospital"),
        (L.ADDRESS, "75 Francis Street, Boston, MA 02115"),
    }
