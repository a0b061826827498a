"""NER detector: the shipped spaCy model (``radscrub-ner``) or any spaCy pipeline the user names.

The pipeline loads once per process through presidio-analyzer's ``SpacyNlpEngine`` (cached by model
name), with every component the NER does not need disabled. ``find_many`` runs ``nlp.pipe`` over a
batch. Inside a presidio ``AnalyzerEngine`` built on the same engine, ``analyze`` reads the entities
from presidio's ``NlpArtifacts`` instead of running the model a second time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

from radscrub.config import DetectConfig
from radscrub.detect.base import EMPTY_CONTEXT, Detector, RecordContext
from radscrub.errors import ModelLoadError
from radscrub.spans import PhiLabel, PhiSpan

SHIPPED_MODEL = "radscrub-ner"
"""Config name of the model trained by this project (scripts/train_ner.py) and shipped inside it."""

MODEL_LABELS: Mapping[str, PhiLabel] = {
    # radscrub-ner's own labels
    "NAME": PhiLabel.NAME,
    "HOSPITAL": PhiLabel.HOSPITAL,
    "LOCATION": PhiLabel.LOCATION,
    "ORGANIZATION": PhiLabel.ORGANIZATION,
    # OntoNotes labels (en_core_web_*), so stock spaCy pipelines work as they are
    "PERSON": PhiLabel.NAME,
    "GPE": PhiLabel.LOCATION,
    "LOC": PhiLabel.LOCATION,
    "FAC": PhiLabel.LOCATION,
    "ORG": PhiLabel.ORGANIZATION,
    # common clinical/i2b2-style labels
    "PATIENT": PhiLabel.NAME,
    "DOCTOR": PhiLabel.NAME,
    "STAFF": PhiLabel.NAME,
    "CITY": PhiLabel.LOCATION,
}
"""Model entity label -> PhiLabel; labels not listed (DATE, CARDINAL, ...) are ignored."""

NER_SCORE = 0.85
"""spaCy's transition NER gives no probabilities: every entity gets this score (as in presidio)."""

CHUNK_CHARS = 100_000
"""Texts longer than this are run in line-aligned chunks (bounded memory, spaCy max_length)."""

_KEEP_COMPONENTS = ("tok2vec", "transformer", "ner", "entity_ruler", "span_ruler")


def shipped_model_path() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("radscrub") / "models" / "radscrub_ner"))


def resolve_model_name(name: str) -> str:
    """Map the config's model name to what spacy.load takes; raise ModelLoadError if absent."""
    if name == SHIPPED_MODEL:
        path = shipped_model_path()
        if not (path / "config.cfg").is_file():
            raise ModelLoadError(
                f"the shipped NER model is missing from {path}; reinstall radscrub, or set "
                "detect.ner_model to an installed spaCy pipeline, or remove 'ner' from "
                "detect.detectors"
            )
        return str(path)
    if spacy.util.is_package(name) or Path(name).exists():
        return name
    raise ModelLoadError(
        f"spaCy pipeline {name!r} is neither an installed package nor a path; install it with pip "
        "(models cannot be downloaded at run time) or point detect.ner_model at its folder"
    )


@functools.lru_cache(maxsize=4)
def load_nlp_engine(name: str = SHIPPED_MODEL) -> SpacyNlpEngine:
    """Load a spaCy pipeline once per process via presidio's SpacyNlpEngine, NER parts only."""
    model = resolve_model_name(name)
    mapping = {label: target.value for label, target in MODEL_LABELS.items()}
    engine = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": model}],
        ner_model_configuration=NerModelConfiguration(
            model_to_presidio_entity_mapping=mapping,
            labels_to_ignore=[],
            low_score_entity_names=[],
            default_score=NER_SCORE,
        ),
    )
    try:
        engine.load()
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    nlp = engine.get_nlp("en")
    if "ner" not in nlp.pipe_names:
        raise ModelLoadError(f"spaCy pipeline {name!r} has no 'ner' component")
    keep = [pipe for pipe in nlp.pipe_names if pipe in _KEEP_COMPONENTS]
    nlp.select_pipes(enable=keep)
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return engine


class NerDetector(Detector):
    """Names, hospitals, places and organisations found by a statistical NER model."""

    labels = (PhiLabel.NAME, PhiLabel.HOSPITAL, PhiLabel.LOCATION, PhiLabel.ORGANIZATION)

    def __init__(self, config: DetectConfig | None = None, *, name: str | None = None) -> None:
        super().__init__(config, name=name or "ner")
        self.engine = load_nlp_engine(self.config.ner_model)
        self.nlp = self.engine.get_nlp("en")
        self.batch_size = 32

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        return self.find_many([text], [context])[0]

    def find_many(
        self, texts: Sequence[str], contexts: Sequence[RecordContext]
    ) -> list[list[PhiSpan]]:
        pieces = [(i, offset, chunk) for i, t in enumerate(texts) for offset, chunk in _chunks(t)]
        found: list[list[PhiSpan]] = [[] for _ in texts]
        docs = self.nlp.pipe((chunk for _, _, chunk in pieces), batch_size=self.batch_size)
        for (i, offset, _), doc in zip(pieces, docs, strict=True):
            found[i].extend(self._spans(doc.ents, texts[i], offset))
        return found

    def analyze(
        self, text: str, entities: Sequence[str] | None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        """Presidio route: reuse the NlpArtifacts' entities when an engine already ran a model."""
        if nlp_artifacts is None or not getattr(nlp_artifacts, "entities", None):
            return super().analyze(text, entities, nlp_artifacts)
        wanted = set(entities) if entities else None
        results = []
        for ent in nlp_artifacts.entities:
            label = MODEL_LABELS.get(ent.label_) or _phi_label(ent.label_)
            if label is None or (wanted is not None and label.value not in wanted):
                continue
            results.append(self.presidio_result(label, ent.start_char, ent.end_char, NER_SCORE))
        return results

    def _spans(self, ents: Any, text: str, offset: int) -> Iterator[PhiSpan]:
        for ent in ents:
            label = MODEL_LABELS.get(ent.label_)
            if label is None:
                continue
            start, end = ent.start_char + offset, ent.end_char + offset
            yield PhiSpan(start, end, label, NER_SCORE, f"ner.{ent.label_}", text[start:end])


def _phi_label(name: str) -> PhiLabel | None:
    return PhiLabel.__members__.get(name)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Split a long text at line breaks into pieces of at most ~CHUNK_CHARS characters."""
    if len(text) <= CHUNK_CHARS:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, text[start:end]
        start = end
