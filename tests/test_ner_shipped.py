"""The shipped NER model: loads offline from the installed package, small, finds report names."""

from __future__ import annotations

import socket

import pytest

from radscrub import PhiLabel, Scrubber, ScrubConfig
from radscrub.config import DetectConfig
from radscrub.detect.ner import NerDetector, shipped_model_path

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def detector() -> NerDetector:
    return NerDetector(DetectConfig(detectors=("ner",)))


def test_model_is_inside_the_package_and_small() -> None:
    path = shipped_model_path()
    assert (path / "config.cfg").is_file() and (path / "meta.json").is_file()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size <= 25 * 1024 * 1024


def test_loads_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    NerDetector(DetectConfig(detectors=("ner",)))


@pytest.mark.parametrize(
    "text",
    [
        "Findings discussed with Dr. Maria Lopez by telephone.",
        "FINDINGS DISCUSSED WITH DR. MARIA LOPEZ BY TELEPHONE.",
        "Electronically signed by: Maria Lopez, MD",
    ],
)
def test_finds_a_name_in_report_contexts(detector: NerDetector, text: str) -> None:
    names = [text[s.start : s.end] for s in detector.find(text) if s.label is PhiLabel.NAME]
    assert any("lopez" in name.lower() for name in names), names


def test_opt_in_through_config_and_allow_list_still_applies() -> None:
    scrubber = Scrubber(ScrubConfig(detect=DetectConfig(detectors=("names", "ner"))))
    text = "History of Hodgkin lymphoma and Crohn disease; no Morison pouch fluid."
    assert [s for s in scrubber.detect(text) if s.label is PhiLabel.NAME] == []


@pytest.mark.parametrize(
    "text",
    [
        "Osgood-Schlatter disease of the tibial tubercle. Arnold-Chiari I malformation.",
        "Heterogeneously dense breasts. Tyrer-Cuzick lifetime risk 22%.",
        "OSGOOD-SCHLATTER DISEASE. ARNOLD-CHIARI MALFORMATION.",
    ],
)
def test_no_model_entity_inside_an_allow_listed_term(detector: NerDetector, text: str) -> None:
    """The model sees "Osgood" or "Arnold-" as a name; the term around it says otherwise."""
    assert detector.find(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Multiple Gamna-Gandy bodies in the enlarged spleen.",
        "Imaging features of Walker-Warburg syndrome.",
        "Prior UCL reconstruction (Tommy John ligament).",
        "Prosthetic St. Jude valve in the mitral position.",
        "VALVES OF HOUSTON NORMAL. HOUSTON VALVES NORMAL.",
    ],
)
def test_no_name_before_an_eponym_head(text: str) -> None:
    """A model entity followed by "bodies", "syndrome", "valve" ... names a thing, not a person."""
    scrubber = Scrubber(ScrubConfig(detect=DetectConfig(detectors=("ner", "names", "places"))))
    assert scrubber.detect(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Findings discussed with Dr. Gandy at the bedside.", "Gandy"),
        ("Her husband Tommy John was present for the exam.", "Tommy John"),
    ],
)
def test_a_title_or_relative_still_makes_it_a_name(text: str, name: str) -> None:
    scrubber = Scrubber(ScrubConfig(detect=DetectConfig(detectors=("ner", "names"))))
    found = [s.text for s in scrubber.detect(text) if s.label is PhiLabel.NAME]
    assert name in found, found


def test_a_name_ending_a_sentence_leaves_its_full_stop(detector: NerDetector) -> None:
    text = "pt lives alone. discussed with her daughter kristin.\nno further questions."
    names = [s.text for s in detector.find(text) if s.label is PhiLabel.NAME]
    assert names and all(not name.endswith(".") for name in names), names


def test_an_ordinary_word_after_a_role_is_no_name() -> None:
    scrubber = Scrubber()
    text = "STAFF RADIOLOGIST REVIEW: CONCUR WITH TRAINEE FINDINGS. ATTENDING REVIEW AGREES."
    assert [s for s in scrubber.detect(text) if s.label is PhiLabel.NAME] == []


@pytest.mark.parametrize(
    "text",
    [
        "HISTORY: GENTLEMAN, AGED 105, REFERRED FOR ABNORMAL CXR.",
        "CLINICAL INDICATION: MALE, AGED 26, REFERRED FOR RUQ PAIN.",
        "NEURO: ALERT, ORIENTED X3, COOPERATIVE AND APPROPRIATE.",
    ],
)
def test_ordinary_words_around_a_comma_after_a_label_are_no_name(text: str) -> None:
    assert [s for s in Scrubber().detect(text) if s.label is PhiLabel.NAME] == []


def test_a_relative_word_is_trimmed_from_a_model_name(detector: NerDetector) -> None:
    text = "Son Frank visited this evening."
    names = [s.text for s in detector.find(text) if s.label is PhiLabel.NAME]
    assert names == ["Frank"], names
