"""The detector contract: every radscrub detector is also a presidio-analyzer recognizer.

A detector implements one method, ``find(text, context) -> list[PhiSpan]``. Pattern detectors
declare a class-level table of :class:`Pattern` and inherit matching with a timeout (see
:mod:`radscrub.detect.scan`), skipping the patterns a cheap prefilter rules out for a text.
``analyze`` adapts ``find`` to presidio, so any detector can be added to an ``AnalyzerEngine``.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from radscrub.config import DetectConfig
from radscrub.detect.scan import (
    compile_pattern,
    iter_matches,
    keyword_text,
    may_match,
    timeout_error,
)
from radscrub.spans import PhiLabel, PhiSpan

__all__ = [
    "EMPTY_CONTEXT",
    "Detector",
    "Pattern",
    "PatternDetector",
    "PatternSearch",
    "PresidioDetector",
    "RecordContext",
    "compile_pattern",
    "iter_matches",
    "keyword_text",
    "may_match",
]


@dataclass(frozen=True)
class RecordContext:
    """What is known about the record a text belongs to.

    ``known`` maps a kind (``name``, ``mrn``, ``accession``, ``date``, ``phone``, ``id`` ...) to the
    record's own structured values of that kind, e.g. the export's patient-name column.
    """

    patient_id: str | None = None
    known: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


EMPTY_CONTEXT = RecordContext()


class Detector(EntityRecognizer):
    """Base class: subclasses set ``labels`` and implement ``find``."""

    labels: ClassVar[tuple[PhiLabel, ...]] = ()
    name: str

    def __init__(self, config: DetectConfig | None = None, *, name: str | None = None) -> None:
        self.config = config or DetectConfig()
        super().__init__(
            supported_entities=[label.value for label in self.labels],
            name=name or type(self).__name__,
            supported_language="en",
        )

    def load(self) -> None:
        """Presidio hook; radscrub detectors load what they need in ``__init__``."""

    @abstractmethod
    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        """Return the PHI spans found in ``text`` (any order; overlaps allowed)."""

    def find_many(
        self, texts: Sequence[str], contexts: Sequence[RecordContext]
    ) -> list[list[PhiSpan]]:
        """``find`` over a batch; model-backed detectors override this to batch their work."""
        return [self.find(text, context) for text, context in zip(texts, contexts, strict=True)]

    def analyze(
        self, text: str, entities: Sequence[str] | None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        """Presidio entry point: ``find`` results as RecognizerResults, filtered by ``entities``."""
        wanted = set(entities) if entities else None
        return [
            self.presidio_result(span.label, span.start, span.end, span.score)
            for span in self.find(text)
            if wanted is None or span.label.value in wanted
        ]

    def presidio_result(
        self, label: PhiLabel, start: int, end: int, score: float
    ) -> RecognizerResult:
        """A presidio RecognizerResult for one finding, tagged with this detector's name and id."""
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: str(self.id),
        }
        return RecognizerResult(label.value, start, end, score, recognition_metadata=metadata)


DEFAULT_FLAGS = regex.IGNORECASE | regex.VERSION1
"""Patterns are case-insensitive (reports come in every case) and use regex's VERSION1 syntax."""


@dataclass(frozen=True)
class Pattern:
    """One regular expression (``regex`` module syntax) that finds one label.

    ``group`` names the capture group holding the identifier itself (0 = whole match), so context
    words such as ``MRN:`` can be matched without becoming part of the span.

    Prefilters (a text that fails one is not searched): ``requires`` lists lower-case strings one
    of which every match contains, ignoring case (see :func:`keyword_text`); ``precheck`` is a
    regex (same flags) that finds something in every text the pattern matches in, searched once
    per text for all patterns naming it. Empty: no prefilter. ``anchored``: every match starts
    where ``precheck`` matches, so the pattern is tried only there.
    """

    name: str
    regex: str
    label: PhiLabel
    score: float = 0.85
    group: int | str = 0
    flags: int = DEFAULT_FLAGS
    requires: tuple[str, ...] = ()
    precheck: str = ""
    anchored: bool = False


class PatternSearch:
    """Searches one text for the patterns of a table, skipping those a prefilter rules out."""

    def __init__(self, text: str, timeout: float, where: str) -> None:
        self.text = text
        self.folded = keyword_text(text)
        self._timeout = timeout
        self._where = where
        self._starts: dict[tuple[str, int], list[int]] = {}

    def allows(self, pattern: Pattern) -> bool:
        """False when ``pattern`` cannot match the text (see Pattern's prefilters)."""
        if not may_match(pattern.requires, self.folded):
            return False
        return not pattern.precheck or bool(self._precheck_starts(pattern))

    def matches(
        self, pattern: Pattern, compiled: regex.Pattern[str], where: str
    ) -> Iterator[regex.Match[str]]:
        """``iter_matches`` of an allowed pattern; an ``anchored`` one is tried only where its
        precheck matches, left to right, as ``finditer`` would find it."""
        if not pattern.anchored:
            yield from iter_matches(compiled, self.text, self._timeout, where)
            return
        pos = 0
        for start in self._precheck_starts(pattern):
            if start < pos:
                continue
            try:
                match = compiled.match(self.text, start, timeout=self._timeout)
            except TimeoutError:
                raise timeout_error(where, self._timeout, self.text) from None
            if match is not None:
                yield match
                pos = max(match.end(), start + 1)

    def _precheck_starts(self, pattern: Pattern) -> list[int]:
        """Every place the pattern's precheck matches at (searched once per text)."""
        key = (pattern.precheck, pattern.flags)
        starts = self._starts.get(key)
        if starts is None:
            compiled = compile_pattern(*key)
            try:
                found = compiled.finditer(self.text, overlapped=True, timeout=self._timeout)
                starts = self._starts[key] = [m.start() for m in found]
            except TimeoutError:
                raise timeout_error(f"{self._where}.precheck", self._timeout, self.text) from None
        return starts


class PatternDetector(Detector):
    """A detector defined by a table of patterns; override ``make_span`` to validate or parse."""

    patterns: ClassVar[tuple[Pattern, ...]] = ()

    def __init__(self, config: DetectConfig | None = None, *, name: str | None = None) -> None:
        super().__init__(config, name=name)
        self._compiled = [(p, compile_pattern(p.regex, p.flags)) for p in self.patterns]

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        timeout = self.config.pattern_timeout
        search = PatternSearch(text, timeout, self.name)
        for pattern, compiled in self._compiled:
            if not search.allows(pattern):
                continue
            for match in search.matches(pattern, compiled, f"{self.name}.{pattern.name}"):
                span = self.make_span(pattern, match, text)
                if span is not None:
                    spans.append(span)
        return spans

    def make_span(self, pattern: Pattern, match: regex.Match[str], text: str) -> PhiSpan | None:
        """Turn one match into a span (or None to reject it). Default: the pattern's group."""
        start, end = match.span(pattern.group)
        if start < 0 or start == end:
            return None
        return PhiSpan(
            start, end, pattern.label, pattern.score, f"{self.name}.{pattern.name}", text[start:end]
        )


class PresidioDetector(Detector):
    """Wrap any presidio ``EntityRecognizer`` so it runs as a radscrub detector.

    ``label_map`` maps presidio entity types to PhiLabels (e.g. ``{"PERSON": PhiLabel.NAME}``);
    entity types neither in the map nor PhiLabel names are ignored.
    """

    def __init__(
        self,
        recognizer: EntityRecognizer,
        label_map: Mapping[str, PhiLabel] | None = None,
        config: DetectConfig | None = None,
    ) -> None:
        self.recognizer = recognizer
        self.label_map = dict(label_map or {})
        super().__init__(config, name=str(getattr(recognizer, "name", type(recognizer).__name__)))
        self.supported_entities = list(recognizer.supported_entities)

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        entities = self.recognizer.supported_entities
        results = self.recognizer.analyze(text, entities, None) or []  # type: ignore[arg-type]
        return list(self._convert(results, text))

    def _convert(self, results: Iterable[RecognizerResult], text: str) -> Iterator[PhiSpan]:
        for r in results:
            label = self.label_map.get(r.entity_type)
            if label is None and r.entity_type in PhiLabel.__members__:
                label = PhiLabel[r.entity_type]
            if label is not None and r.end > r.start:
                yield PhiSpan(r.start, r.end, label, r.score, self.name, text[r.start : r.end])
