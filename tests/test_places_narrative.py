"""PlaceDetector's narrative rules (radscrub.detect.facilities): facility, ward, town and
employer names found from context in Title case, ALL CAPS and lower case, and their look-alikes.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.detect.facilities import not_facilities
from radscrub.detect.places import PlaceDetector
from radscrub.resolve import resolve
from radscrub.spans import PhiLabel

L = PhiLabel


@pytest.fixture(scope="module")
def detector() -> PlaceDetector:
    return PlaceDetector()


def spans(detector: PlaceDetector, text: str) -> list[tuple[PhiLabel, str]]:
    return [(s.label, s.text) for s in resolve(detector.find(text), text, min_score=0.4)]


def covering(detector: PlaceDetector, text: str, part: str) -> set[PhiLabel]:
    """Labels of the resolved spans that hold every character of ``part`` (first occurrence)."""
    start = text.index(part)
    return {
        s.label
        for s in resolve(detector.find(text), text, min_score=0.4)
        if s.start <= start and start + len(part) <= s.end
    }


# ------------------------------------------------------------------ positives, three casings
@pytest.mark.parametrize(
    ("text", "part", "label"),
    [
        # Title / mixed case
        ("Pt was transferred to DVH for cath.", "DVH", L.HOSPITAL),
        (
            "She was transferred earlier today from Penhurst-Adventist Hosp for evaluation.",
            "Penhurst-Adventist Hosp",
            L.HOSPITAL,
        ),
        ("He was admitted from Brightwater Rehab after a fall.", "Brightwater Rehab", L.HOSPITAL),
        ("Was accepted by St. Ignatius but cannot leave until Monday.", "St. Ignatius", L.HOSPITAL),
        ("Accepted at St. Bernadette's for rehab.", "St. Bernadette's", L.HOSPITAL),
        ("Social: has a bed @ St B. pending insurance.", "St B", L.HOSPITAL),
        ("Plan: transfer to Holy Redeemer Rehab tomorrow.", "Holy Redeemer Rehab", L.HOSPITAL),
        ("Coordinator from Sacred Heart Memorial visited.", "Sacred Heart Memorial", L.HOSPITAL),
        ("She had surgery at Good Samaritan last year.", "Good Samaritan", L.HOSPITAL),
        ("Fell at home, went to Millbrook hosp. for films.", "Millbrook hosp", L.HOSPITAL),
        ("She came to RVH EW with her family.", "RVH", L.HOSPITAL),
        ("Arrived by ambulance from Penhurst ED overnight.", "Penhurst", L.HOSPITAL),
        ("Screened by NWMC nurse for placement.", "NWMC", L.HOSPITAL),
        ("Plan: transfer to Brackenridge 4 this afternoon.", "Brackenridge", L.HOSPITAL),
        ("Insulin per U Texas protocol.", "U Texas", L.HOSPITAL),
        ("Daughter Ann of Annapolis called twice.", "Annapolis", L.LOCATION),
        ("Lasix gtt at 10 mg/hr. Per Brackenridge 3 RN, urine output is low.", "Brackenridge",
         L.HOSPITAL),
        ("Was sent to Brackenridge 2 step-down in the afternoon.", "Brackenridge", L.HOSPITAL),
        ("Wants to go to Penhurst and wait for a heart there.", "Penhurst", L.HOSPITAL),
        ("Transferred from Memorial Hospital 9/13 after a syncopal episode.", "Memorial Hospital",
         L.HOSPITAL),
        ("Left the unit for radiation planning on North Campus.", "North Campus", L.HOSPITAL),
        ("Lives alone at 19 Birch St. in Annapolis.", "Annapolis", L.LOCATION),
        ("Husband works at Consolidated Freight; off.", "Consolidated Freight", L.ORGANIZATION),
        # ALL CAPS
        ("PT TRANSFERRED TO DVH FOR FURTHER MANAGEMENT.", "DVH", L.HOSPITAL),
        ("TAKEN TO CRESTLINE HOSPITAL WHERE EKG WAS POSITIVE.", "CRESTLINE HOSPITAL", L.HOSPITAL),
        ("TO GO TO ST. BERNADETTE ON FRIDAY PER CASE MANAGER.", "ST. BERNADETTE", L.HOSPITAL),
        ("PATIENT WAS SCREENED BY HOLY REDEEMER REHAB TODAY.", "HOLY REDEEMER REHAB", L.HOSPITAL),
        ("SOCIAL: LIVES WITH HER SON AND FAMILY IN GAITHERSBURG.", "GAITHERSBURG", L.LOCATION),
        ("72 YR OLD MALE ADMITTED FROM DVH CATH LAB AFTER STENTING.", "DVH", L.HOSPITAL),
        ("PLAN: TRANSFER TO BRACKENRIDGE 4 IN AM. INCREASE ACTIVITY.", "BRACKENRIDGE", L.HOSPITAL),
        ("MARRIED. HUSBAND WORKS FOR ZYLOTECH. NONSMOKER.", "ZYLOTECH", L.ORGANIZATION),
        ("DAUGHTER WILL DRIVE HOME FROM SCHENECTADY TOMORROW.", "SCHENECTADY", L.LOCATION),
        # lower case
        ("pt is a 57 yo f who is followed at dvh by her cardiologist.", "dvh", L.HOSPITAL),
        ("911 was called and pt was taken to millbrook hosp after the fall.", "millbrook hosp",
         L.HOSPITAL),
        ("she arrived via amb from penhurst ew for further monitoring.", "penhurst", L.HOSPITAL),
        ("social: pt married, lives in gaithersburg, husband at bedside.", "gaithersburg",
         L.LOCATION),
        ("pt presented to holy redeemer hospital with shortness of breath.",
         "holy redeemer hospital", L.HOSPITAL),
        ("stable overnight, will transfer to brackenridge 5 this afternoon.", "brackenridge",
         L.HOSPITAL),
        ("family given an overview of this tacoma washington facility today.", "tacoma",
         L.LOCATION),
    ],
)  # fmt: skip
def test_finds_in_narrative(detector: PlaceDetector, text: str, part: str, label: PhiLabel) -> None:
    assert label in covering(detector, text, part), spans(detector, text)


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Transferred to Brackenridge 4 today. Per Brackenridge 4 RN, stable.", 2),
        ("TRANSFERRED TO DVH. SEEN IN DVH CLINIC LAST MONTH. FOLLOWS AT DVH.", 3),
    ],
)
def test_a_name_found_from_context_is_found_again(
    detector: PlaceDetector, text: str, mentions: int
) -> None:
    name = text.split()[2].rstrip(".")
    found = [s for s in resolve(detector.find(text), text, min_score=0.4) if name in s.text]
    assert len(found) == mentions


# ------------------------------------------------------------------ look-alikes
@pytest.mark.parametrize(
    "text",
    [
        # units, departments and modalities after a transfer phrase
        "Transferred to the floor in stable condition.",
        "TRANSFERRED TO THE FLOOR IN STABLE CONDITION.",
        "transferred to the floor in stable condition.",
        "Sent to CT for a head scan, then sent to the lab.",
        "SENT TO CT FOR HEAD SCAN.",
        "Admitted from the ED with chest pain.",
        "ADMITTED FROM THE ED WITH CHEST PAIN, TRANSFERRED TO MICU.",
        "admitted to the sicu from the or; transfer to step-down tomorrow.",
        "Went to OR for washout, then to PACU.",
        "Transferred to Medicine, then to Neurology.",
        "Pt came from home by ambulance.",
        "Wants to go to bed early; going to physical therapy later.",
        "Transferred from an outside hospital; transferred from another Hospital.",
        "Switched to Lasix 40 mg daily; sent to Coumadin 5 mg clinic.",
        "PT CAME FROM HOME BY AMBULANCE.",
        "pt returned to baseline and went to sleep.",
        "Will return to clinic in two weeks; discharged to home.",
        "Seen by ENT and GI, referred to Cardiology.",
        "Results sent to Dr. Lindqvist via EMR.",
        # rhythms and ventilator modes after "went into", "returned to"
        "Went into AFIB at 0500, returned to NSR after diltiazem.",
        "WENT INTO SVT, THEN RETURNED TO SR. BACK TO SIMV OVERNIGHT.",
        "returned to cpap/ps this morning.",
        # ECG: ST is a segment, not a saint
        "ST elevation in leads V2-V4.",
        "NEW ST ELEVATION IN V2. ST DEPRESSION LATERALLY. ST CHANGES RESOLVED.",
        "st segment depression, t wave inversion.",
        "NSR to ST low 100s overnight.",
        "HR 90-110 ST. Stable overnight.",
        # religious words that are not names
        "Holy smokes, he said, that hurt.",
        "A good samaritan called 911.",
        "He begged for mercy.",
        "Pleaded for Mercy.",
        # verbs before facility words
        "I WANT TO GO HOME ON MONDAY.",
        "PT WANTED TO LEAVE HOSPITAL AND SIGN OUT AMA.",
        "wants to go home soon.",
        # eponyms that are towns
        "GOOD DIURESIS FROM FOLEY CATH OVERNIGHT.",
        "The circle of Willis is patent.",
        # states are not smaller than a state
        "He returned to Florida last week.",
    ],
)
def test_ignores_narrative_lookalikes(detector: PlaceDetector, text: str) -> None:
    assert spans(detector, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Results were sent to Bernard Okafor via EMR.",
        "Reviewed by Dr. Okafor, referred to Dr. Lindqvist.",
    ],
)
def test_people_after_person_cues_are_not_hospitals(detector: PlaceDetector, text: str) -> None:
    assert all(label is not L.HOSPITAL for label, _ in spans(detector, text))


def test_not_facility_words_load() -> None:
    words = not_facilities()
    assert {"icu", "floor", "ct", "rehab", "home", "or", "ed"} <= words
    assert all(w == w.lower() and w.strip() == w for w in words)


# ------------------------------------------------------------------ properties
_WORDS = [
    "transferred", "to", "from", "admitted", "taken", "St.", "ST", "Holy", "sacred", "lives",
    "in", "works", "at", "Hosp", "hospital", "Rehab", "ICU", "GH", "DVH", "Gaithersburg",
    "maryland", "the", "floor", "elevation", "Agnes", "@", "bed", "->", "EW", ".", ",", "\n",
    "2", "University", "of", "Texas", "U", "daughter", "Mercy", "Good", "Samaritan",
]  # fmt: skip


@functools.lru_cache(maxsize=1)
def _shared_detector() -> PlaceDetector:
    return PlaceDetector()


@given(st.lists(st.sampled_from(_WORDS), max_size=25), st.sampled_from(["", "upper", "lower"]))
def test_narrative_spans_are_well_formed(words: list[str], case: str) -> None:
    text = " ".join(words)
    text = text.upper() if case == "upper" else text.lower() if case == "lower" else text
    for span in _shared_detector().find(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]
        assert span.text == span.text.strip()
