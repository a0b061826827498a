"""The shipped NER model (radscrub-ner): packaging, labels, names in context, eponyms, size.

The model is loaded once per session (conftest ``shipped_ner``); tests that use it are marked
``model``. The BILUO tag decoder is also tested on hand-written tags (no model needed).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

import radscrub
from radscrub import PhiLabel, Scrubber, ScrubConfig
from radscrub.config import DetectConfig
from radscrub.detect import EMPTY_CONTEXT, build_detectors
from radscrub.detect.ner import (
    MODEL_LABELS,
    SHIPPED_LABELS,
    NerDetector,
    TagDecoder,
    is_mixed_case,
    plausible,
    shipped_model_path,
)
from radscrub.detect.registry import BUILTIN_DETECTORS

model = pytest.mark.model

MAX_MODEL_BYTES = 25 * 1024 * 1024

CASES: dict[str, Callable[[str], str]] = {
    "mixed": lambda s: s,
    "upper": str.upper,
    "lower": str.lower,
}

NAME_SENTENCES = [
    ("Dictated by: Jennifer Walsh, MD", ("Jennifer Walsh",)),
    ("Findings were discussed with Dr. Robert Kim at 14:05 by telephone.", ("Robert Kim",)),
    ("PATIENT: HALL, STEVEN R | MRN: 4471201", ("HALL, STEVEN R",)),
    ("Electronically signed by Maria Lopez, M.D. on 03/14/2019.", ("Maria Lopez",)),
    (
        "Referring physician: Andrew Nguyen, DO. Technologist: Karen Price, RT(R).",
        ("Andrew Nguyen", "Karen Price"),
    ),
    ("History obtained from the patient's daughter, Susan.", ("Susan",)),
    ("Results discussed with the patient's daughter Susan at bedside.", ("Susan",)),
]

EPONYM_SENTENCES = [
    ("Known history of Hodgkin lymphoma, status post chemotherapy.", "Hodgkin"),
    ("History of Crohn disease with prior ileocecal resection.", "Crohn"),
    ("Small amount of free fluid in Morison pouch.", "Morison"),
    ("There is a 2.1 cm Baker cyst in the popliteal fossa.", "Baker"),
    ("No Hill-Sachs deformity or Bankart lesion.", "Hill-Sachs"),
    ("Mild Schatzki ring at the gastroesophageal junction.", "Schatzki"),
]


def covered(text: str, spans: list, label: PhiLabel, part: str) -> bool:
    """True when every non-space character of ``part`` lies inside a ``label`` span."""
    start = text.index(part)
    inside = {i for s in spans if s.label == label for i in range(s.start, s.end)}
    return all(i in inside for i in range(start, start + len(part)) if not text[i].isspace())


@pytest.fixture(scope="module")
def ner_only_scrubber(shipped_ner: NerDetector) -> Scrubber:
    """A Scrubber running only the NER detector, so the allow-list applies at resolve time."""
    return Scrubber(ScrubConfig(detect=DetectConfig(detectors=("ner",))))


@model
def test_model_ships_inside_the_package() -> None:
    path = shipped_model_path()
    assert path.is_relative_to(Path(radscrub.__file__).parent)
    assert (path / "config.cfg").is_file()
    assert (path / "meta.json").is_file()
    assert (path.parent / "MODEL_CARD.md").is_file()


@model
def test_loads_offline_with_plain_spacy_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    nlp = spacy.load(shipped_model_path())
    assert nlp.pipe_names == ["tok2vec", "tagger", "ner"]
    doc = nlp("Dictated by Dr. Maria Lopez at Lakeside Memorial Hospital.")
    assert ("Maria Lopez", "NAME") in {(ent.text, ent.label_) for ent in doc.ents}


@model
def test_labels_are_as_documented(shipped_ner: NerDetector) -> None:
    ruler = shipped_ner.nlp.get_pipe("ner")
    assert isinstance(ruler, EntityRuler)
    labels = set(ruler.labels)
    assert labels == set(SHIPPED_LABELS)
    tags = set(shipped_ner.nlp.get_pipe("tagger").labels)
    # BILUO tags; a tag the training data never needed (e.g. U-ORGANIZATION) may be absent
    assert "O" in tags and tags <= {"O"} | {f"{p}-{label}" for label in labels for p in "BILU"}
    assert {tag.split("-", 1)[1] for tag in tags - {"O"}} == labels
    meta = json.loads((shipped_model_path() / "meta.json").read_text(encoding="utf-8"))
    assert set(meta["labels"]["ner"]) == labels
    assert {MODEL_LABELS[label] for label in labels} == set(NerDetector.labels)
    card = (shipped_model_path().parent / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert all(f"`{label}`" in card for label in labels)


@model
def test_model_size_limit() -> None:
    size = sum(p.stat().st_size for p in shipped_model_path().rglob("*") if p.is_file())
    assert size <= MAX_MODEL_BYTES


@model
def test_registered_as_the_opt_in_ner_detector() -> None:
    assert BUILTIN_DETECTORS["ner"] == "radscrub.detect.ner:NerDetector"
    (detector,) = build_detectors(DetectConfig(detectors=("ner",)))
    assert isinstance(detector, NerDetector)


@model
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize(("sentence", "names"), NAME_SENTENCES)
def test_finds_names_in_report_contexts(
    shipped_ner: NerDetector, sentence: str, names: tuple[str, ...], case: str
) -> None:
    text = CASES[case](sentence)
    spans = shipped_ner.find(text)
    for name in names:
        assert covered(text, spans, PhiLabel.NAME, CASES[case](name)), (text, spans)


@model
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize(("sentence", "eponym"), EPONYM_SENTENCES)
def test_eponyms_are_not_names(
    ner_only_scrubber: Scrubber, sentence: str, eponym: str, case: str
) -> None:
    text = CASES[case](sentence)
    start = text.index(CASES[case](eponym))
    end = start + len(eponym)
    spans = ner_only_scrubber.detect(text)
    assert not [s for s in spans if s.start < end and start < s.end], spans


@model
@given(
    st.lists(
        st.sampled_from(
            [
                "Dr.",
                "Maria",
                "LOPEZ",
                "seen",
                "by",
                ",",
                "MD",
                "\n",
                "CT",
                "chest",
                ":",
                "2019",
                "Hodgkin",
                "Springfield",
                "Hospital",
                "of",
                "the",
                "  ",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_spans_are_exact_slices_with_model_labels(shipped_ner: NerDetector, text: str) -> None:
    (spans,) = shipped_ner.find_many([text], [EMPTY_CONTEXT])
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]
        assert span.label in NerDetector.labels


@model
@pytest.mark.parametrize("case", list(CASES))
def test_plain_spacy_and_detector_cover_the_same_text(shipped_ner: NerDetector, case: str) -> None:
    """The detector decodes tags itself; the model's own entity ruler must agree on coverage."""
    text = CASES[case]("\n".join(sentence for sentence, _ in NAME_SENTENCES))
    by_detector = {i for s in shipped_ner.find(text) for i in range(s.start, s.end)}
    doc = shipped_ner.nlp(text)
    by_spacy = {i for e in doc.ents for i in range(e.start_char, e.end_char)}
    assert by_detector <= by_spacy
    assert {i for i in by_spacy - by_detector if text[i].isalpha()} == set()


TAG_CASES = [
    # tags, expected (first word, last word, label) per entity
    ("O U-NAME O", [(1, 1, "NAME")]),
    ("B-NAME I-NAME L-NAME O", [(0, 2, "NAME")]),
    ("B-NAME L-NAME U-NAME", [(0, 2, "NAME")]),  # touching, one label: merged
    ("U-NAME U-HOSPITAL", [(0, 0, "NAME"), (1, 1, "HOSPITAL")]),
    ("B-NAME I-NAME O", [(0, 1, "NAME")]),  # unclosed: still covered
    ("I-NAME L-NAME O", [(0, 1, "NAME")]),  # no B-: still covered
    ("B-HOSPITAL I-ORGANIZATION L-HOSPITAL", [(0, 2, "HOSPITAL")]),  # last tag's label
    ("B-NAME O L-NAME", [(0, 0, "NAME"), (2, 2, "NAME")]),
    ("O O O", []),
]


@pytest.mark.parametrize(("tags", "expected"), TAG_CASES)
def test_tag_decoder_reads_biluo_leniently(tags: str, expected: list) -> None:
    nlp = spacy.blank("en")
    labels = {f"{p}-{x}" for x in SHIPPED_LABELS for p in "BILU"}
    decoder = TagDecoder(
        nlp.vocab.strings.add("O"),
        {nlp.vocab.strings.add(t): (t[0], t[2:]) for t in labels},
    )
    words = [f"w{i}" for i in range(len(tags.split()))]
    doc = Doc(nlp.vocab, words=words, tags=tags.split())
    found = [
        (doc.char_span(s, e).start, doc.char_span(s, e).end - 1, label)
        for s, e, label in decoder.entities(doc)
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("piece", "text", "expected"),
    [
        ("Maria Lopez", "Seen by Maria Lopez today.", True),
        ("remains", "Patient remains intubated. Seen by Maria Lopez.", False),  # mixed case
        ("jd", "Transcribed by jd on Monday.", True),  # lower-case initials stay
        ("maria lopez", "seen by maria lopez today.", True),  # all-lower-case text
        ("REMAINS", "PATIENT REMAINS INTUBATED.", True),  # ALL CAPS: no case evidence
        ("-", "Seen by - today.", False),  # no letter
    ],
)
def test_plausible_entities(piece: str, text: str, expected: bool) -> None:
    assert plausible(piece, is_mixed_case(text)) is expected
