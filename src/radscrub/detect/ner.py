"""NER detector: the shipped spaCy model (``radscrub-ner``) or any spaCy pipeline the user names.

The pipeline loads once per process through presidio-analyzer's ``SpacyNlpEngine`` (cached by model
name), with every component the NER does not need disabled. ``find_many`` runs ``nlp.pipe`` over a
batch. Inside a presidio ``AnalyzerEngine`` built on the same engine, ``analyze`` reads the entities
from presidio's ``NlpArtifacts`` instead of running the model a second time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy
import regex
import spacy
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.pipeline import EntityRuler, Tagger

from radscrub.config import DetectConfig
from radscrub.detect.base import EMPTY_CONTEXT, Detector, RecordContext
from radscrub.errors import ModelLoadError
from radscrub.resolve import snap
from radscrub.spans import PhiLabel, PhiSpan

SHIPPED_MODEL = "radscrub-ner"
"""Config name of the model trained by this project (scripts/train_ner.py) and shipped inside it."""

SHIPPED_LABELS = ("NAME", "HOSPITAL", "LOCATION", "ORGANIZATION")
"""The entity labels of the shipped model (see src/radscrub/models/MODEL_CARD.md)."""

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

MIXED_CASE_UPPER = 0.05
"""A text is mixed case when at least this share (and at least 30%) of its letters are capitals
(resp. small letters); then an all-lower-case entity longer than MAX_LOWER_INITIALS letters is
dropped (see :func:`plausible`)."""
MAX_LOWER_INITIALS = 3

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
    keep = [
        pipe
        for pipe in nlp.pipe_names
        if pipe in _KEEP_COMPONENTS or _is_entity_tagger(nlp.get_pipe(pipe))
    ]
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
        self._decoder = TagDecoder.for_pipeline(self.nlp)
        # with a tag decoder, the 'ner' entity ruler (the plain-spaCy route) need not run
        self._skip = ["ner"] if self._decoder is not None else []

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        return self.find_many([text], [context])[0]

    def find_many(
        self, texts: Sequence[str], contexts: Sequence[RecordContext]
    ) -> list[list[PhiSpan]]:
        pieces = [(i, offset, chunk) for i, t in enumerate(texts) for offset, chunk in _chunks(t)]
        found: list[list[PhiSpan]] = [[] for _ in texts]
        docs = self.nlp.pipe(
            (chunk for _, _, chunk in pieces), batch_size=self.batch_size, disable=self._skip
        )
        mixed = [is_mixed_case(t) for t in texts]
        for (i, offset, _), doc in zip(pieces, docs, strict=True):
            ents = (
                self._decoder.entities(doc)
                if self._decoder is not None
                else ((e.start_char, e.end_char, e.label_) for e in doc.ents)
            )
            found[i].extend(self._spans(ents, texts[i], offset, mixed[i]))
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

    def _spans(
        self, ents: Iterable[tuple[int, int, str]], text: str, offset: int, mixed: bool
    ) -> Iterator[PhiSpan]:
        """Mapped, plausible entities (see :func:`plausible`), trimmed of edge punctuation
        ("] Smith" -> "Smith") as resolve does."""
        for start_char, end_char, model_label in ents:
            label = MODEL_LABELS.get(model_label)
            start, end = start_char + offset, end_char + offset
            if label is None or not plausible(text[start:end], mixed):
                continue
            span = snap(PhiSpan(start, end, label, NER_SCORE, f"ner.{model_label}"), text)
            if span is not None:
                yield span


_UPPER = regex.compile(r"\p{Lu}")
_LOWER = regex.compile(r"\p{Ll}")


def is_mixed_case(text: str) -> bool:
    """True when ``text`` is written in ordinary mixed case (not ALL CAPS, not all lower case)."""
    upper, lower = len(_UPPER.findall(text)), len(_LOWER.findall(text))
    letters = upper + lower
    return bool(letters) and upper >= MIXED_CASE_UPPER * letters and lower >= 0.3 * letters


def plausible(piece: str, mixed: bool) -> bool:
    """Whether an entity's text can be a name or place: it has a letter, and in a mixed-case
    text it has a capital unless it is initials ("jd"). A statistical model sees only a few
    tokens of context, so it cannot know a lower-case word sits in mixed-case text where names
    are capitalised; without this, words of real notes ("remains", "wean") come out as names.
    """
    letters = [ch for ch in piece if ch.isalpha()]
    if not letters:
        return False
    if mixed and len(letters) > MAX_LOWER_INITIALS:
        return any(ch.isupper() for ch in letters)
    return True


@dataclass(frozen=True)
class TagDecoder:
    """Entities from a tagger's BILUO tags (radscrub-ner), without running the entity ruler.

    Tags are read leniently: a run of entity tags is one entity unless a tag opens a new one
    (B-, U-) or the previous tag closed one (L-, U-); an entity takes its last tag's label, so a
    run whose tags disagree on the label is still covered; touching entities of one label are
    merged ("U-NAME U-NAME" is one name). The model's own 'ner' entity ruler gives plain spaCy
    users the same coverage.
    """

    outside: int
    tags: Mapping[int, tuple[str, str]]
    """Tag string hash -> (BILU prefix, entity label)."""

    @classmethod
    def for_pipeline(cls, nlp: Any) -> TagDecoder | None:
        """A decoder when ``nlp`` has a BILUO entity tagger and a 'ner' entity ruler, else None."""
        taggers = [pipe for _, pipe in nlp.pipeline if _is_entity_tagger(pipe)]
        if not taggers or not isinstance(nlp.get_pipe("ner"), EntityRuler):
            return None
        strings = nlp.vocab.strings
        tags = {
            strings.add(label): (label[0], label[2:])
            for label in taggers[-1].labels
            if label[:2] in ("B-", "I-", "L-", "U-")
        }
        return cls(strings.add("O"), tags)

    def entities(self, doc: Any) -> Iterator[tuple[int, int, str]]:
        """(start_char, end_char, label) of every entity the tags of ``doc`` mark."""
        merged: list[list[Any]] = []  # [start token, end token, label]
        for start, end, label in self._segments(doc.to_array("TAG")):
            if merged and merged[-1][1] == start and merged[-1][2] == label:
                merged[-1][1] = end  # touching entities of one label: one entity
            else:
                merged.append([start, end, label])
        for start, end, label in merged:
            last = doc[end - 1]
            yield doc[start].idx, last.idx + len(last.text), label

    def _segments(self, column: Any) -> Iterator[tuple[int, int, str]]:
        """(start token, end token, label) per BILUO segment, read leniently."""
        start = previous = -2
        closed = True
        label = ""
        for i in numpy.flatnonzero(column != self.outside).tolist():
            prefix, tag_label = self.tags.get(int(column[i]), ("", ""))
            if not prefix:
                continue
            if i != previous + 1 or closed or prefix in "BU":
                if start >= 0:
                    yield start, previous + 1, label
                start = i
            label, previous, closed = tag_label, i, prefix in "LU"
        if start >= 0:
            yield start, previous + 1, label


def _is_entity_tagger(pipe: Any) -> bool:
    """True for a tagger whose tags are BILUO entity tags (radscrub-ner's 'ner' reads them)."""
    if not isinstance(pipe, Tagger):
        return False
    return any(str(label).startswith(("U-", "B-")) for label in pipe.labels)


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
