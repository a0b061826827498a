"""Scrubber: detect -> resolve -> transform, with everything loaded once at construction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from presidio_analyzer import EntityRecognizer

from radscrub.config import ScrubConfig
from radscrub.detect import Detector, PresidioDetector, RecordContext, build_detectors
from radscrub.detect.allow import AllowList
from radscrub.errors import InputError
from radscrub.resolve import AllowPredicate, resolve
from radscrub.spans import PhiSpan, ScrubResult
from radscrub.transform import Transformer
from radscrub.transform.keys import SecretKey

KnownValues = Mapping[str, str | Iterable[str]]
"""Per-record structured identifiers by kind, e.g. ``{"name": "SMITH, JOHN", "mrn": "123"}``."""


def make_context(patient_id: str | None = None, known: KnownValues | None = None) -> RecordContext:
    """Normalise the public ``patient_id``/``known`` arguments into a RecordContext."""
    values: dict[str, tuple[str, ...]] = {}
    for kind, value in (known or {}).items():
        items = (value,) if isinstance(value, str) else tuple(value)
        cleaned = tuple(v.strip() for v in items if v is not None and str(v).strip())
        if cleaned:
            values[kind.lower()] = cleaned
    return RecordContext(patient_id=patient_id, known=values)


class Scrubber:
    """De-identifies report text. Build one per process and reuse it: construction loads models.

    ``detectors`` adds detectors after the built-in ones named in the config: radscrub
    ``Detector`` instances, or any presidio ``EntityRecognizer`` (its entity types must be PhiLabel
    names, or wrap it in ``PresidioDetector`` with a label map). ``key`` is the secret key
    (see radscrub.transform.keys); without it the config's key file or environment variable is
    used, and pseudonymise mode without any raises KeyMissingError.
    """

    def __init__(
        self,
        config: ScrubConfig | None = None,
        *,
        detectors: Sequence[Detector | EntityRecognizer] = (),
        key: bytes | str | SecretKey | None = None,
    ) -> None:
        self.config = config or ScrubConfig()
        self.detectors: list[Detector] = build_detectors(self.config.detect)
        for extra in detectors:
            self.detectors.append(
                extra if isinstance(extra, Detector) else PresidioDetector(extra, config=None)
            )
        self._allowed: AllowPredicate | None = _allow_predicate(self.config)
        self.transformer = Transformer(self.config.transform, key=key)

    def detect(
        self, text: str, *, patient_id: str | None = None, known: KnownValues | None = None
    ) -> list[PhiSpan]:
        """Find PHI in ``text``: sorted, non-overlapping spans with Python str offsets."""
        return self._detect(_check_text(text), make_context(patient_id, known))

    def scrub(
        self, text: str, *, patient_id: str | None = None, known: KnownValues | None = None
    ) -> ScrubResult:
        """Detect PHI and replace it according to the config's transform actions."""
        text = _check_text(text)
        context = make_context(patient_id, known)
        return self.transformer.transform(text, self._detect(text, context), context)

    def detect_many(
        self,
        texts: Iterable[str],
        *,
        patient_ids: Iterable[str | None] | None = None,
        known: Iterable[KnownValues | None] | None = None,
        batch_size: int = 64,
    ) -> Iterator[list[PhiSpan]]:
        """``detect`` over a stream, lazily and in order; model detectors work a batch at a time."""
        for texts_batch, contexts in _batches(texts, patient_ids, known, batch_size):
            yield from self._detect_batch(texts_batch, contexts)

    def scrub_many(
        self,
        texts: Iterable[str],
        *,
        patient_ids: Iterable[str | None] | None = None,
        known: Iterable[KnownValues | None] | None = None,
        batch_size: int = 64,
    ) -> Iterator[ScrubResult]:
        """``scrub`` over a stream, lazily and in order (one result per text)."""
        for texts_batch, contexts in _batches(texts, patient_ids, known, batch_size):
            spans_batch = self._detect_batch(texts_batch, contexts)
            for text, spans, context in zip(texts_batch, spans_batch, contexts, strict=True):
                yield self.transformer.transform(text, spans, context)

    def _detect_batch(self, texts: list[str], contexts: list[RecordContext]) -> list[list[PhiSpan]]:
        raw: list[list[PhiSpan]] = [[] for _ in texts]
        live = [i for i, text in enumerate(texts) if text.strip()]
        for detector in self.detectors:
            found = detector.find_many([texts[i] for i in live], [contexts[i] for i in live])
            for i, spans in zip(live, found, strict=True):
                raw[i].extend(spans)
        min_score = self.config.detect.min_score
        return [
            resolve(spans, text, min_score=min_score, allowed=self._allowed)
            for text, spans in zip(texts, raw, strict=True)
        ]

    def scrub_field(
        self,
        value: str,
        kind: str,
        *,
        patient_id: str | None = None,
        known: KnownValues | None = None,
    ) -> str | None:
        """A structured column's new value, or None to drop it (see Transformer.transform_field).

        Kinds: ``name`` (dropped), ``patient_id``, ``mrn``, ``accession``, ``date``; others None.
        ``known`` is the record's structured values (its ``date`` values date the record).
        """
        return self.transformer.transform_field(kind, value, make_context(patient_id, known))

    def pseudonym(self, kind: str, value: str) -> str:
        """The keyed pseudonym of an id: same shape, never the value, stable for one key.

        ``patient_id`` and ``mrn`` share one domain; ``accession``, ``report_id`` ... their own.
        """
        return self.transformer.pseudonym(kind, value)

    def _detect(self, text: str, context: RecordContext) -> list[PhiSpan]:
        return self._detect_batch([text], [context])[0]


def _batches(
    texts: Iterable[str],
    patient_ids: Iterable[str | None] | None,
    known: Iterable[KnownValues | None] | None,
    batch_size: int,
) -> Iterator[tuple[list[str], list[RecordContext]]]:
    """Group a stream into (texts, contexts) batches, checking each text."""
    ids = iter(patient_ids) if patient_ids is not None else None
    knowns = iter(known) if known is not None else None
    texts_batch: list[str] = []
    contexts: list[RecordContext] = []
    for text in texts:
        patient_id = next(ids, None) if ids is not None else None
        record_known = next(knowns, None) if knowns is not None else None
        texts_batch.append(_check_text(text))
        contexts.append(make_context(patient_id, record_known))
        if len(texts_batch) >= batch_size:
            yield texts_batch, contexts
            texts_batch, contexts = [], []
    if texts_batch:
        yield texts_batch, contexts


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InputError(f"report text must be str, got {type(text).__name__}")
    return text


def _allow_predicate(config: ScrubConfig) -> AllowPredicate:
    """The clinical-vocabulary allow-list (built-in terms plus ``detect.allow_list``)."""
    return AllowList.from_config(config.detect).allows
