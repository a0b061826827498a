"""NameDetector: names found in every context and shape; eponyms and clinical words left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub import PhiLabel, Scrubber, ScrubConfig
from radscrub.config import DetectConfig, TransformConfig
from radscrub.detect.allow import CONTEXT_MARK
from radscrub.detect.names import NameDetector


@pytest.fixture(scope="module")
def detector() -> NameDetector:
    return NameDetector()


def found(detector: NameDetector, text: str) -> list[str]:
    return [text[s.start : s.end] for s in detector.find(text)]


# (text, the names that must be found, exactly as spans)
FOUND = [
    # titles
    ("Findings discussed with Dr. Young at 10:30.", ["Young"]),
    ("Results called to Dr Brown.", ["Brown"]),
    ("Per dr haskins, hold heparin.", ["haskins"]),
    ("Case reviewed with Prof. Nakamura.", ["Nakamura"]),
    ("Discussed with Dr. Boy by telephone.", ["Boy"]),
    ("Per Smith team, hold heparin.", ["Smith"]),
    # "LAST, FIRST" with a given name missing from the lexicons, closing the clause
    ("Order placed by KIM, SOO-JIN (NP)", ["KIM, SOO-JIN"]),
    # a phone number after a name; "contacts", "work with"
    ("very devoted. Lopie Certusi cell# 410-322-1419", ["Lopie Certusi"]),
    ("SEE THAT CASE MANAGEMENT CONTACTS KAREN ANN YANULIS", ["KAREN ANN YANULIS"]),
    ("Con't to work with Helen for txr home.", ["Helen"]),
    ("Kowalski is a 65 yo M with cough.", ["Kowalski"]),
    ("ROBERT KOWALSKI IS A 65 YO M.", ["ROBERT KOWALSKI"]),
    ("Discussed with Oyelaran, Temitope.", ["Oyelaran, Temitope"]),
    ("Discussed with Dr. Smith, Radiology.", ["Smith"]),
    ("Ordered by Smith (MD) today.", ["Smith"]),
    ("Mr. Lee tolerated the procedure.", ["Lee"]),
    ("Seen by Mr Brown in clinic.", ["Brown"]),
    ("KEEP OSTROWSKI FAMILY AWARE OF PLAN.", ["OSTROWSKI"]),
    ("Spoke with the Nakagawa family at bedside.", ["Nakagawa"]),
    ("Keep Smith family aware", ["Smith"]),
    ("Read by Ann Kowalczyk, DO, Metro Radiology Partners", ["Ann Kowalczyk"]),
    ("Mrs. McDonald Jr. was scanned.", ["McDonald Jr"]),
    ("Ms. Gray arrived late.", ["Gray"]),
    ("Seen by Dr. van der Berg today.", ["van der Berg"]),
    ("Dr. J. Smith reviewed the images.", ["J. Smith"]),
    ("DR OYELOWO AND PRESCOTT AWARE.", ["OYELOWO", "PRESCOTT"]),
    ("Drs. Patel and Okafor agree.", ["Patel", "Okafor"]),
    ("Results called to Dr. Davis, Hartford Neurology Clinic.", ["Davis"]),
    # credentials after the name
    ("Electronically signed by: Jane O'Brien-Smith, M.D. on 1/2/2020", ["Jane O'Brien-Smith"]),
    ("Report by Arthur Quenneville,MD.", ["Arthur Quenneville"]),
    ("Technologist Maria Lopez, RT(R)(CT)", ["Maria Lopez"]),
    ("Arora, Nina MD, FACR", ["Arora, Nina"]),
    ("Read by Vikram Rao MD, PhD.", ["Vikram Rao"]),
    ("k. rowe rrt", ["k. rowe"]),
    # role labels
    ("Referring physician: Doe, Jane", ["Doe, Jane"]),
    ("Ordering Provider: WOLF, ANNIKA PA-C", ["WOLF, ANNIKA"]),
    ("Attending: Sunny Green", ["Sunny Green"]),
    ("cc: J.S.", ["J.S"]),
    ("Dictated by: John A. Smith, MD", ["John A. Smith"]),
    ("Transcriptionist: Kowalczyk", ["Kowalczyk"]),
    # report phrases
    ("Critical result communicated to Priya Raman at 14:05.", ["Priya Raman"]),
    ("Discussed with Hrbacek by phone.", ["Hrbacek"]),
    ("PER GEORGE, THE FAMILY IS INFORMED.", ["GEORGE"]),
    ("Findings discussed with ROURKE, INGRID, MBBS at 09:40.", ["ROURKE, INGRID"]),
    # relatives
    ("The patient's daughter Mary was present.", ["Mary"]),
    ("Wife, Jane Doe, called for an update.", ["Jane Doe"]),
    ("nephew art, phoned twice.", ["art"]),
    ("Daughters Ann, Greta and Lucille came in.", ["Ann", "Greta", "Lucille"]),
    ("Otto Lindqvist (son) phone on file.", ["Otto Lindqvist"]),
    ("husband Rich Kowalczyk at bedside", ["Rich Kowalczyk"]),
    # patient header, header lines, DICOM person names
    ("Patient: SMITH, JOHN A\nMRN: 123", ["SMITH, JOHN A"]),
    ("Patient Name: Smith, John A.", ["Smith, John A"]),
    ("NAME: BANKS TERRENCE\nDOB: 1/1/1950", ["BANKS TERRENCE"]),
    ("MARTINEZ, MARK\nCT HEAD WITHOUT CONTRAST", ["MARTINEZ, MARK"]),
    ("Patient SMITH^JOHN^A scanned.", ["SMITH^JOHN^A"]),
    ("[Pt Name] OKAFOR, WILL\n[MRN] 123", ["OKAFOR, WILL"]),
    ("PT: ALAN BRADY   MRN: 99", ["ALAN BRADY"]),
    ("Name / MRN / DOB\nKowalski, Ann / 0042 / 1/2/1950", ["Kowalski, Ann"]),
    ("ELECTRONICALLY SIGNED BY MAY OKONJO, M.D.", ["MAY OKONJO"]),
    # shapes without a cue
    ("W. CASTELLI AWARE.", ["W. CASTELLI"]),
    ("Images reviewed; Kelly Nguyen will follow up.", ["Kelly Nguyen"]),
    ("Reviewed together with Hope Abernathy this morning.", ["Hope Abernathy"]),
    # one strong mention makes the others names too
    ("Dr. Smith reviewed. Later Smith agreed.", ["Smith", "Smith"]),
    ("Discussed with Dr. Foley; Foley catheter in place.", ["Foley"]),
    # a capitals-only abbreviation that is also a given name stays a name after a title
    ("READ BY DR ED SMITH.", ["ED SMITH"]),
]

# (text, why nothing in it is a name)
NOT_FOUND = [
    ("Will follow up in 6 weeks.", "modal verb"),
    ("Mark the lesion with a clip.", "verb"),
    ("Gray matter and white matter are normal.", "anatomy"),
    ("Brown fat uptake in the neck.", "anatomy"),
    ("Hope this helps.", "word"),
    ("Smith fracture of the distal radius.", "eponym"),
    ("Smith's fracture with dorsal angulation.", "eponym, possessive"),
    ("Fluid in Morison pouch and Morison's pouch.", "eponym"),
    ("History of non-Hodgkin lymphoma and Hodgkin disease.", "eponym"),
    ("Crohn disease with terminal ileitis.", "eponym"),
    ("Bankart lesion and Hill-Sachs deformity.", "eponym"),
    ("Baker cyst in the popliteal fossa.", "eponym"),
    ("Schatzki ring; Zenker diverticulum; Meckel diverticulum.", "eponym"),
    ("Chiari I malformation; Dandy-Walker variant.", "eponym"),
    ("Jones fracture of the fifth metatarsal.", "eponym"),
    ("Circle of Willis is patent.", "eponym"),
    ("Kerley B lines; Swan-Ganz catheter tip in the right PA.", "eponym"),
    ("Foley catheter in the bladder. Port-a-cath in place.", "device"),
    ("Greenfield filter in the IVC.", "device"),
    ("Status post Whipple and Nissen fundoplication; Roux-en-Y anatomy.", "procedure"),
    ("Glasgow coma scale 15. Gleason 4+3. Bosniak 2F cyst.", "score"),
    ("Per Fleischner guidelines, no follow-up.", "eponym after a cue word"),
    ("Valsalva and Trendelenburg positioning; color Doppler.", "technique"),
    ("Attenuation 40 Hounsfield units.", "unit"),
    ("Chest radiograph. Comparison: None. Impression: Stable.", "headers"),
    ("MS changes noted. MR angiography of the circle of Willis.", "abbreviations"),
    ("PT TO BE STARTED ON HEPARIN GTT. PER PROTOCOL.", "drug and a word in capitals"),
    ("THE PATIENT WAS SEEN AND EXAMINED. LUNGS CLEAR.", "all capitals without a cue"),
    ("daughter will call tomorrow.", "modal after a relative"),
    ("DR WILL CALL BACK WITH RESULTS.", "modal after a title in capitals"),
    ("Pt: alert and oriented.", "a nursing note's Pt: label"),
    ("Husband aware of plan. Son visited.", "relatives without names"),
    ("Mild degenerative change at L4-L5. Paget disease of the pelvis.", "eponym"),
    ("Outside films from Eastfield Teleradiology were reviewed.", "organisation"),
    ("Lives at 12 Adams Street, Eureka CA.", "street and city"),
    ("Report e-mailed to kelly.nguyen@example.org.", "an e-mail address is not a name here"),
    ("Symptoms began on Christmas Eve.", "holiday"),
    ("EXAM: Mr Brain W Wo Gadolinium", "the MR modality written as a title"),
    ("Patient and family aware of plan. HER FAMILY IS AWARE.", "family without a name"),
    ("Lynch family history; Hodgkin family aware.", "eponyms before family"),
    ("MR KNEE WO CONTRAST LEFT", "the MR modality in capitals"),
    ("Medtronic Azure XT DR MRI SureScan pacemaker.", "device model; 'DR' before a modality"),
    ("Boston Scientific Accolade pacemaker and Assurity MRI lead.", "device models"),
    ("Outside MRI (Germany) and CT (Jordan) were reviewed.", "countries"),
    ("Chaplain visited. Child Life present. Fast Track patient.", "hospital services"),
    ("Main Campus tel: 617-555-0100. Reading Room phone 555-201-7788.", "places with phones"),
    ("Continue to work with PT and OT. Hurthle cell neoplasm.", "therapies, eponym"),
    ("social: son and husband visisted. they donot want their mother trached", "verbs"),
    ("Niece lives in California, Phone # 858-492-5403.", "a state before a phone"),
    ("monitor MS. OOB as tol. COVERED PER RISS. Passey muir valve.", "shorthand"),
    ("A 5 French Simmons 2 catheter. Weber B fracture. Schatzker IV fracture.", "class in between"),
    ("Seen by Hepatology team today. SEEN BY PSYCHIATRY. Cardic Transplant surgeon.", "services"),
    ("The patient is a 65 year old. This is a 65 yo man. She is a 45 yo.", "no name before an age"),
    ("DOES NOT OPEN EYES. PEARL, MAE. Pt in NARD. Suctioned for frank blood.", "shorthand"),
    ("EFW 350 g (45th percentile, Hadlock). FHR 148 bpm.", "obstetric formula"),
    ("Child Protective Services notified. Susan G. Komen brochure given.", "agencies"),
    ("Nuss bar in place. Rasmussen aneurysm. Column of Bertin.", "eponym heads"),
]


@pytest.mark.parametrize(("text", "names"), FOUND)
def test_names_are_found(detector: NameDetector, text: str, names: list[str]) -> None:
    assert found(detector, text) == names


@pytest.mark.parametrize(("text", "why"), NOT_FOUND)
def test_clinical_words_are_not_names(detector: NameDetector, text: str, why: str) -> None:
    assert found(detector, text) == [], why


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Smith fracture; discussed with Dr. Smith.", "Smith"),
        ("Baker cyst. Results to Dr. Baker.", "Baker"),
        ("Paget disease. Read by Dr. Paget.", "Paget"),
    ],
)
def test_context_decides_between_eponym_and_name(
    detector: NameDetector, text: str, name: str
) -> None:
    (span,) = detector.find(text)
    assert text[span.start : span.end] == name
    assert text[span.end - len(name) - 4 : span.start] == "Dr. "


def test_spans_carry_label_score_and_context_source(detector: NameDetector) -> None:
    text = "Dictated by: Jane Doe, MD. Kelly Nguyen will follow up."
    spans = detector.find(text)
    assert [s.label for s in spans] == [PhiLabel.NAME, PhiLabel.NAME]
    cued, lexical = spans
    assert cued.source.endswith(CONTEXT_MARK) and cued.score > lexical.score
    assert not lexical.source.endswith(CONTEXT_MARK)
    assert all(s.text == text[s.start : s.end] for s in spans)


def test_possessive_is_outside_the_span(detector: NameDetector) -> None:
    text = "Dr. Smith's read was confirmed."
    (span,) = detector.find(text)
    assert text[span.start : span.end] == "Smith"


def test_presidio_entry_point(detector: NameDetector) -> None:
    results = detector.analyze("Signed by: Jane Doe, MD", ["NAME"])
    assert [(r.entity_type, r.start, r.end) for r in results] == [("NAME", 11, 19)]


def redact_all(**detect: object) -> ScrubConfig:
    actions = {label.value: "redact" for label in PhiLabel}
    return ScrubConfig(
        detect=DetectConfig(**detect),  # type: ignore[arg-type]
        transform=TransformConfig(actions=actions),
    )


def test_scrubber_removes_names_and_keeps_eponyms() -> None:
    scrubber = Scrubber(redact_all(detectors=("names",)))
    text = "Smith fracture. Baker cyst. Discussed with Dr. Baker and Jane Smith, RN."
    out = scrubber.scrub(text).text
    assert out == "Smith fracture. Baker cyst. Discussed with Dr. [NAME] and [NAME], RN."


@given(st.text(max_size=300))
def test_never_raises_and_spans_are_in_bounds(text: str) -> None:
    for span in _DETECTOR.find(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]
        assert span.label is PhiLabel.NAME


@given(
    st.lists(
        st.sampled_from(
            ["Dr.", "Smith", ",", "MD", "son", "Will", "fracture", "^", "SMITH", "J.", "'s", "\n"]
        ),
        max_size=25,
    ).map(" ".join)
)
def test_cue_soup_never_raises(text: str) -> None:
    for span in _DETECTOR.find(text):
        assert 0 <= span.start < span.end <= len(text)


_DETECTOR = NameDetector()
