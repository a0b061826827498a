"""radscrub-ner on noisy clinical text: ALL CAPS / lower case shorthand, drugs, abbreviations.

Look-alike tables both ways: shorthand with drug names, abbreviations and system headers must
give no NAME; names in sign-offs, relative and clinician mentions must. The evidence gate
(:class:`radscrub.detect.ner.EvidenceGate`) is also tested on its own (no model needed), and
the training-note generator (scripts/ner/shorthand.py) for exact spans. All text here is
written for these tests.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from radscrub import PhiLabel
from radscrub.config import DetectConfig
from radscrub.detect.ner import EvidenceGate, NerDetector, is_mixed_case

CASES: dict[str, Callable[[str], str]] = {"upper": str.upper, "lower": str.lower}

SHORTHAND = [
    "NEURO: ALERT, MAE, PERRL. CV: NSR 80S, NO ECTOPY. RESP: LS COARSE, SX FOR THICK TAN SPUTUM.",
    "GI/GU: ABD SOFT, +BS, COLACE AND SENNA GIVEN. FOLEY PATENT DRAINING CLEAR YELLOW URINE.",
    "MEDS: LASIX 40 MG IV, PROTONIX, RISS, TYLENOL PRN, HEPARIN SQ, ATIVAN 1 MG FOR AGITATION.",
    "PLAN: CONT TO MONITOR, WEAN VENT AS TOL, OOB TO CHAIR, F/U LABS, REPLETE LYTES PRN.",
    "SKIN: INTACT, DSG C/D/I, JP WITH SERO/SANG DRAINAGE. COCCYX REDDENED, BARRIER CREAM.",
    "ID: TMAX 101.2, WBC 14, REMAINS ON VANCO AND ZOSYN, CX PENDING. AFEBRILE SINCE MN.",
    "VENT: AC 14 X 500 / 40% / PEEP 5, ABG 7.38/42/98, RSBI 62, PLAN TO EXTUBATE IN AM.",
    "LABS: NA 138 K 4.1 CL 102 CO2 24 BUN 22 CR 1.1 GLU 134 HCT 28.4 INR 1.3",
    "PT REMAINS SEDATED ON PROPOFOL, RESPONDS TO PAINFUL STIMULI. TRACHED, TOLERATING TRACH MASK.",
    "SOCIAL: FULL CODE. FAMILY IN TO VISIT, UPDATED ON PLAN. SW FOLLOWING.",
]

NAMED = [
    ("RESP: LS CLEAR, SX SMALL AMT.\nDAN A. SMITH, RRT", ("DAN A. SMITH",)),
    ("SOCIAL: HUSBAND RICH IN TO VISIT THIS AFTERNOON, UPDATED ON PLAN.", ("RICH",)),
    ("K 3.2 REPLETED. DR HEALEY AWARE, NO NEW ORDERS.", ("HEALEY",)),
    ("PT'S DAUGHTER MARGARET CALLED FOR UPDATE, WILL VISIT TOMORROW.", ("MARGARET",)),
    ("CV: SBP 90S. D/W DR KOWALSKI, STARTED NEO GTT.", ("KOWALSKI",)),
    ("PLAN: CONT TO MONITOR.\nJANE DOE RN", ("JANE DOE",)),
]


def name_spans(detector: NerDetector, text: str) -> list[str]:
    return [text[s.start : s.end] for s in detector.find(text) if s.label is PhiLabel.NAME]


@pytest.mark.model
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("sentence", SHORTHAND)
def test_shorthand_gives_no_name(shipped_ner: NerDetector, sentence: str, case: str) -> None:
    text = CASES[case](sentence)
    assert name_spans(shipped_ner, text) == []


@pytest.mark.model
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize(("sentence", "names"), NAMED)
def test_names_in_shorthand_are_found(
    shipped_ner: NerDetector, sentence: str, names: tuple[str, ...], case: str
) -> None:
    text = CASES[case](sentence)
    spans = [s for s in shipped_ner.find(text) if s.label is PhiLabel.NAME]
    for name in names:
        start = text.index(CASES[case](name))
        inside = {i for s in spans for i in range(s.start, s.end)}
        wanted = {i for i in range(start, start + len(name)) if text[i].isalpha()}
        assert wanted <= inside, (text, [text[s.start : s.end] for s in spans])


@pytest.mark.model
def test_gate_off_keeps_at_least_what_gate_on_keeps(shipped_ner: NerDetector) -> None:
    text = "\n".join(s for s, _ in NAMED) + "\n" + "\n".join(SHORTHAND)
    gated = {(s.start, s.end) for s in shipped_ner.find(text)}
    ungated_detector = NerDetector(DetectConfig(detectors=("ner",)))
    ungated_detector.gate = None
    ungated = {(s.start, s.end) for s in ungated_detector.find(text)}
    assert gated <= ungated


# --- the evidence gate alone: (text, entity, label, kept) -------------------------------------
GATE_CASES = [
    # ALL CAPS / lower case: a known name, a cue, or initials are needed
    ("PT SEEN BY NICHOLSON TODAY", "NICHOLSON", PhiLabel.NAME, True),  # lexicon name
    ("HUSBAND RICH IN TO VISIT", "RICH", PhiLabel.NAME, True),  # relative cue, not very common
    ("DR. RAY AWARE", "RAY", PhiLabel.NAME, True),  # title cue
    ("LS CLEAR.\nQUIMBY ZOLTOWSKA, RRT", "QUIMBY ZOLTOWSKA", PhiLabel.NAME, True),  # credential
    ("DICT: JT  D: 01/02/2020", "JT", PhiLabel.NAME, True),  # initials after a role label
    ("T: 01/02/2020  J.T.", "J.T.", PhiLabel.NAME, True),  # dotted initials
    ("PT REMAINS SEDATED", "REMAINS", PhiLabel.NAME, False),  # ordinary word
    ("GIVEN ZOSYN AND VANCO", "ZOSYN", PhiLabel.NAME, False),  # unknown word, no cue
    ("WIFE AND SON IN", "AND", PhiLabel.NAME, False),  # cue, but a function word
    ("D/W HO, NO NEW ORDERS", "NO", PhiLabel.NAME, False),  # too short, function word
    ("NEURO: ALERT", "NEURO", PhiLabel.NAME, False),  # section header
    ("SEEN IN SKIN CARE CLINIC", "SKIN CARE", PhiLabel.ORGANIZATION, False),  # ward words
    ("TRANSFER TO LAKESHORE HOSPITAL", "LAKESHORE HOSPITAL", PhiLabel.HOSPITAL, True),
    ("transfer to kessler rehab today", "kessler rehab", PhiLabel.HOSPITAL, True),
    ("husband rich in to visit", "rich", PhiLabel.NAME, True),
    ("pt remains sedated", "remains", PhiLabel.NAME, False),
    # mixed case: only plain words (ordinary words, abbreviations) are dropped
    ("Pt seen. Remains sedated on propofol.", "Remains", PhiLabel.NAME, False),
    ("Balloon pump in place. IABP at 1:1.", "IABP", PhiLabel.NAME, False),
    ("Seen by Quimby today for follow up.", "Quimby", PhiLabel.NAME, True),  # unknown: kept
    ("Seen by Brown today for follow up.", "Brown", PhiLabel.NAME, True),  # name and word
    ("Discussed with Dr. White at noon.", "White", PhiLabel.NAME, True),  # frequent word, cue
    ("Technologist: JT\nExam completed.", "JT", PhiLabel.NAME, True),  # initials after cue
    ("To Lakeside Memorial Hospital.", "Lakeside Memorial Hospital", PhiLabel.HOSPITAL, True),
    ("Pt remains on Heparin drip.", "Heparin", PhiLabel.ORGANIZATION, False),
    ("Read by Eastside Remote Reading.", "Eastside Remote Reading", PhiLabel.ORGANIZATION, True),
    ("Spoke with Dr. M. Le about the findings.", "M. Le", PhiLabel.NAME, True),  # initial+name
    ("Findings: A. Remains stable.", "A. Remains", PhiLabel.NAME, False),  # initial+word
    ("Pt: Temple, King\nMRN: 123", "Temple", PhiLabel.NAME, True),  # label cue, rare word
    ("Pt: Care, Will\nMRN: 123", "Will", PhiLabel.NAME, False),  # function word only
]  # fmt: skip


@pytest.fixture(scope="module")
def gate() -> EvidenceGate:
    return EvidenceGate.for_config(DetectConfig())


@pytest.mark.parametrize(("text", "entity", "label", "kept"), GATE_CASES)
def test_evidence_gate(
    gate: EvidenceGate, text: str, entity: str, label: PhiLabel, kept: bool
) -> None:
    start = text.index(entity)
    assert gate.keep(text, start, start + len(entity), label, is_mixed_case(text)) is kept


@pytest.mark.parametrize(
    ("text", "pieces", "kept"),
    [
        # "WARD" alone is an ordinary word; next to a kept name it is the surname
        ("NAME / MRN\nWARD, NICHOLSON / 123", ("WARD", "NICHOLSON"), [True, True]),
        ("Ward, Nicholson / 123", ("Ward", "Nicholson"), [True, True]),
        # a plain word next to a name is not pulled in
        ("REMAINS NICHOLSON", ("REMAINS", "NICHOLSON"), [False, True]),
        # neighbours must touch: a clause between them breaks the link
        ("WARD 4 THEN NICHOLSON", ("WARD", "NICHOLSON"), [False, True]),
    ],
)
def test_a_name_touching_a_kept_name_is_kept(
    gate: EvidenceGate, text: str, pieces: tuple[str, ...], kept: list[bool]
) -> None:
    entities = []
    for piece in pieces:
        start = text.index(piece)
        entities.append((start, start + len(piece), PhiLabel.NAME))
    assert gate.keep_all(text, entities, is_mixed_case(text)) == kept


@pytest.mark.parametrize(
    ("text", "entity", "trimmed"),
    [
        ("HUSBAND HELEN AND SON IN", "HELEN AND", "HELEN"),
        ("dr healey took a call", "healey took", "healey"),
        ("MD paged Suzette at noon", "paged Suzette", "Suzette"),
        ("Seen by Hope Marrow today", "Hope Marrow", "Hope Marrow"),  # mixed: capitals stay
        ("Signed: Santiago Sanchez Jr.", "Santiago Sanchez Jr", "Santiago Sanchez Jr"),
        ("T: K. Singh", "K. Singh", "K. Singh"),  # initials stay
    ],
)
def test_ordinary_words_are_trimmed_from_name_edges(
    gate: EvidenceGate, text: str, entity: str, trimmed: str
) -> None:
    start = text.index(entity)
    new_start, new_end = gate.trim(
        text, start, start + len(entity), PhiLabel.NAME, is_mixed_case(text)
    )
    assert text[new_start:new_end] == trimmed


def test_allow_listed_terms_are_never_name_evidence(gate: EvidenceGate) -> None:
    text = "HX OF HODGKIN LYMPHOMA"
    start = text.index("HODGKIN")
    assert not gate.keep(text, start, start + len("HODGKIN"), PhiLabel.NAME, False)


# --- the training-note generator (scripts/ner/shorthand.py) ----------------------------------
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts" / "ner"


@pytest.fixture(scope="module")
def shorthand_notes() -> list[tuple[str, list[tuple[int, int, str]]]]:
    if not SCRIPTS.is_dir():
        pytest.skip("scripts/ner is not part of this checkout")
    sys.path.insert(0, str(SCRIPTS))
    try:
        import augment
        import shorthand
    finally:
        sys.path.remove(str(SCRIPTS))
    notes = list(shorthand.notes(60, 3, augment.vocabulary()))
    again = list(shorthand.notes(60, 3, augment.vocabulary()))
    assert notes == again  # reproducible from the seed
    return notes


def test_generated_notes_have_exact_name_spans(shorthand_notes: list) -> None:
    names = 0
    styles = set()
    for text, spans in shorthand_notes:
        styles.add("upper" if text.isupper() else "lower" if text.islower() else "mixed")
        for start, end, label in spans:
            piece = text[start:end]
            assert label == "NAME"
            assert piece == piece.strip() and any(ch.isalpha() for ch in piece)
            names += 1
        assert [s for s in spans if s[0] < 0 or s[1] > len(text)] == []
    assert names >= len(shorthand_notes)  # most notes carry a name or more
    assert styles == {"upper", "lower", "mixed"}
