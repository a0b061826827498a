"""Scrubber: the detect -> resolve -> transform path and its one extension point, a detector."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from presidio_analyzer import AnalyzerEngine, PatternRecognizer
from presidio_analyzer import Pattern as PresidioPattern
from presidio_analyzer.nlp_engine import NlpArtifacts

from radscrub import PhiLabel, Scrubber, ScrubConfig
from radscrub.config import DetectConfig, TransformConfig
from radscrub.detect import Pattern, PatternDetector, PresidioDetector, RecordContext
from radscrub.errors import ConfigError, DetectionTimeout, InputError


class BadgeDetector(PatternDetector):
    """A user's own detector: hospital badge numbers."""

    labels = (PhiLabel.ID,)
    patterns = (Pattern("badge", r"\bbadge\s+(\d{5})\b", PhiLabel.ID, 0.9, group=1),)


def no_builtins() -> ScrubConfig:
    """No built-in detectors; every label redacted to [LABEL] so outputs are predictable."""
    redact_all = {label.value: "redact" for label in PhiLabel}
    return ScrubConfig(
        detect=DetectConfig(detectors=()), transform=TransformConfig(actions=redact_all)
    )


def test_custom_detector_runs_through_detect_and_scrub() -> None:
    scrubber = Scrubber(no_builtins(), detectors=[BadgeDetector()])
    text = "Tech badge 12345 noted."
    (span,) = scrubber.detect(text)
    assert (text[span.start : span.end], span.label, span.source) == (
        "12345",
        PhiLabel.ID,
        "BadgeDetector.badge",
    )
    result = scrubber.scrub(text, patient_id="P1")
    assert "12345" not in result.text
    assert result.replacements[0].span == span
    new = result.replacements[0]
    assert result.text[new.out_start : new.out_end] == new.new_text


def test_any_presidio_recognizer_is_a_detector() -> None:
    recognizer = PatternRecognizer(
        supported_entity="EMPLOYEE_ID", patterns=[PresidioPattern("emp", r"\bE\d{6}\b", 0.8)]
    )
    wrapped = PresidioDetector(recognizer, {"EMPLOYEE_ID": PhiLabel.ID})
    scrubber = Scrubber(no_builtins(), detectors=[wrapped])
    assert [s.label for s in scrubber.detect("Badge E123456 at desk")] == [PhiLabel.ID]


def test_our_detector_is_a_presidio_recognizer() -> None:
    detector = BadgeDetector()
    artifacts = NlpArtifacts([], [], [], [], None, "en")
    results = detector.analyze("badge 55555", ["ID"], artifacts)
    assert [(r.entity_type, r.start, r.end) for r in results] == [("ID", 6, 11)]
    assert detector.analyze("badge 55555", ["NAME"], artifacts) == []
    engine = AnalyzerEngine(nlp_engine=_NoNlp(), supported_languages=["en"])
    engine.registry.recognizers = [detector]
    found = engine.analyze("badge 55555", language="en")
    assert [(r.entity_type, r.start, r.end) for r in found] == [("ID", 6, 11)]


class _NoNlp:
    """A do-nothing presidio NLP engine, so the test needs no spaCy model."""

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return NlpArtifacts([], [], [], [], None, language)

    def process_batch(self, texts, language, **kwargs):  # type: ignore[no-untyped-def]
        for text in texts:
            yield text, self.process_text(text, language)

    def is_loaded(self) -> bool:
        return True

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return ["en"]

    def is_stopword(self, word: str, language: str) -> bool:
        return False

    def is_punct(self, word: str, language: str) -> bool:
        return False

    def load(self) -> None:
        return None


def test_known_values_reach_detectors() -> None:
    seen: list[RecordContext] = []

    class Spy(PatternDetector):
        labels = (PhiLabel.NAME,)

        def find(self, text, context=None):  # type: ignore[no-untyped-def]
            seen.append(context)
            return []

    Scrubber(no_builtins(), detectors=[Spy()]).detect(
        "x", patient_id="P9", known={"Name": ["SMITH, JOHN", " "], "mrn": "001"}
    )
    assert seen[0].patient_id == "P9"
    assert dict(seen[0].known) == {"name": ("SMITH, JOHN",), "mrn": ("001",)}


def test_unknown_detector_name_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown detector 'magic'"):
        Scrubber(ScrubConfig(detect=DetectConfig(detectors=("magic",))))


def test_non_str_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="must be str"):
        Scrubber(no_builtins()).detect(b"bytes")  # type: ignore[arg-type]


def test_pattern_timeout_raises_detection_timeout() -> None:
    class Catastrophic(PatternDetector):
        labels = (PhiLabel.ID,)
        patterns = (Pattern("evil", r"(?:a|aa)+(?:a|aa)+b", PhiLabel.ID, flags=0),)

    detector = Catastrophic(DetectConfig(pattern_timeout=0.05))
    with pytest.raises(DetectionTimeout, match=r"Catastrophic\.evil exceeded"):
        detector.find("a" * 5000)


@given(st.text(max_size=300))
def test_scrub_removes_every_detected_span(text: str) -> None:
    scrubber = Scrubber(no_builtins(), detectors=[BadgeDetector()])
    result = scrubber.scrub("badge 12345 " + text)
    assert result.text.startswith("badge [ID] ")
    for rep in result.replacements:
        assert result.text[rep.out_start : rep.out_end] == rep.new_text != rep.span.text


def test_batch_paths_equal_single_paths() -> None:
    scrubber = Scrubber(no_builtins(), detectors=[BadgeDetector()])
    texts = ["badge 11111", "", "   ", "no id", "badge 22222 and badge 33333"] * 7
    ids = [f"P{i % 3}" for i in range(len(texts))]
    singles = [scrubber.detect(t) for t in texts]
    assert list(scrubber.detect_many(texts, batch_size=4)) == singles
    batch = list(scrubber.scrub_many(texts, patient_ids=ids, batch_size=3))
    assert [r.text for r in batch] == [
        scrubber.scrub(t, patient_id=p).text for t, p in zip(texts, ids, strict=False)
    ]
    assert [r.patient_id for r in batch] == ids
