"""NER detector plumbing, on a tiny rule-based stand-in pipeline (no trained model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from presidio_analyzer import AnalyzerEngine

from radscrub import PhiLabel, Scrubber, ScrubConfig
from radscrub.config import DetectConfig, TransformConfig
from radscrub.detect import ner
from radscrub.detect.ner import NerDetector, load_nlp_engine, resolve_model_name
from radscrub.errors import ModelLoadError


@pytest.fixture(scope="module")
def stand_in_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A blank English pipeline whose 'ner' component is an entity ruler (PERSON, GPE, DATE)."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": [{"LOWER": "ada"}, {"LOWER": "lovelace"}]},
            {"label": "GPE", "pattern": "Springfield"},
            {"label": "DATE", "pattern": "yesterday"},
        ]
    )
    nlp.add_pipe("sentencizer")  # a component the detector must disable
    path = tmp_path_factory.mktemp("model") / "stand_in"
    nlp.to_disk(path)
    return str(path)


def config_for(model: str) -> DetectConfig:
    return DetectConfig(detectors=(), ner_model=model)


def test_finds_mapped_labels_and_ignores_others(stand_in_model: str) -> None:
    detector = NerDetector(config_for(stand_in_model))
    text = "Seen yesterday by ADA LOVELACE in Springfield."
    found = {(text[s.start : s.end], s.label) for s in detector.find(text)}
    assert found == {("ADA LOVELACE", PhiLabel.NAME), ("Springfield", PhiLabel.LOCATION)}


def test_unneeded_components_are_disabled_and_model_loads_once(stand_in_model: str) -> None:
    engine = load_nlp_engine(stand_in_model)
    assert engine is load_nlp_engine(stand_in_model)
    assert engine.nlp["en"].pipe_names == ["ner"]


def test_long_texts_are_chunked_with_exact_offsets(
    stand_in_model: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ner, "CHUNK_CHARS", 50)
    line = "filler words here. Ada Lovelace was seen.\n"
    text = line * 20
    spans = NerDetector(config_for(stand_in_model)).find(text)
    assert len(spans) == 20
    assert all(text[s.start : s.end] == "Ada Lovelace" for s in spans)


def test_batch_equals_single(stand_in_model: str) -> None:
    detector = NerDetector(config_for(stand_in_model))
    texts = ["Ada Lovelace", "", "Springfield and Ada Lovelace"]
    contexts = [ner.EMPTY_CONTEXT] * 3
    assert detector.find_many(texts, contexts) == [detector.find(t) for t in texts]


def test_presidio_route_reuses_nlp_artifacts(stand_in_model: str) -> None:
    detector = NerDetector(config_for(stand_in_model))
    engine = AnalyzerEngine(nlp_engine=detector.engine, supported_languages=["en"])
    engine.registry.recognizers = [detector]
    results = engine.analyze("Ada Lovelace lives in Springfield", language="en")
    assert sorted((r.entity_type, r.start, r.end) for r in results) == [
        ("LOCATION", 22, 33),
        ("NAME", 0, 12),
    ]


def test_user_pipeline_plugs_into_scrubber(stand_in_model: str) -> None:
    config = ScrubConfig(
        detect=config_for(stand_in_model), transform=TransformConfig(actions={"NAME": "redact"})
    )
    scrubber = Scrubber(config, detectors=[NerDetector(config.detect)])
    assert scrubber.scrub("Ada Lovelace called.").text == "[NAME] called."


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="neither an installed package nor a path"):
        resolve_model_name("en_core_web_nonexistent")
    with pytest.raises(ModelLoadError, match="has no 'ner' component"):
        path = tmp_path / "no_ner"
        spacy.blank("en").to_disk(path)
        load_nlp_engine(str(path))
