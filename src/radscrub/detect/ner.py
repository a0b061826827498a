"""NER detector: the shipped spaCy model (``radscrub-ner``) or any spaCy pipeline the user names.

The pipeline loads once per process through presidio-analyzer's ``SpacyNlpEngine`` (cached by model
name), with every component the NER does not need disabled. ``find_many`` runs ``nlp.pipe`` over a
batch. Inside a presidio ``AnalyzerEngine`` built on the same engine, ``analyze`` reads the entities
from presidio's ``NlpArtifacts`` instead of running the model a second time.

Entities pass two filters: :func:`plausible` (case evidence) and :class:`EvidenceGate` (a name
needs a lexicon name, initials, or a title/role/relative/credential cue; a place or organisation a
name, a city or a facility word), so drug names, abbreviations and shorthand of real clinical
notes are not reported as names. ``NerDetector.gate = None`` turns the gate off.
"""

from __future__ import annotations

import bisect
import contextlib
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
from radscrub.detect import names as name_rules
from radscrub.detect.allow import AllowList
from radscrub.detect.base import EMPTY_CONTEXT, Detector, RecordContext
from radscrub.detect.lexicons import NameLexicon, fold, name_lexicon
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

NER_SCORE = 0.8
"""spaCy's NER gives no probabilities: every entity gets this score, a little below the rule
detectors' context-confirmed spans so that a rule's label wins when both find the same text."""

MIXED_CASE_UPPER = 0.05
"""A text is mixed case when at least this share (and at least 30%) of its letters are capitals
(resp. small letters); then an all-lower-case entity longer than MAX_LOWER_INITIALS letters is
dropped (see :func:`plausible`)."""
MAX_LOWER_INITIALS = 2

CHUNK_CHARS = 100_000
"""Texts longer than this are run in line-aligned chunks (bounded memory, spaCy max_length)."""
WARM_STRINGS = 50_000
"""New strings (a few per new word) a pipeline keeps for good, outside memory zones, so the
tokenisation of the words a stream meets first (its common ones) stays cached. Bounds the growth
of its vocabulary."""

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


@functools.lru_cache(maxsize=4)
def _warm_limit(name: str) -> int:
    """How many strings pipeline ``name`` may hold for good: its own (when first asked) plus
    WARM_STRINGS of the words a stream meets first; beyond that, batches run in a memory zone."""
    return len(load_nlp_engine(name).get_nlp("en").vocab.strings) + WARM_STRINGS


class NerDetector(Detector):
    """Names, hospitals, places and organisations found by a statistical NER model."""

    labels = (PhiLabel.NAME, PhiLabel.HOSPITAL, PhiLabel.LOCATION, PhiLabel.ORGANIZATION)

    def __init__(self, config: DetectConfig | None = None, *, name: str | None = None) -> None:
        super().__init__(config, name=name or "ner")
        self.engine = load_nlp_engine(self.config.ner_model)
        self.nlp = self.engine.get_nlp("en")
        self._warm_limit = _warm_limit(self.config.ner_model)
        self.batch_size = 8  # measured fastest (less padding of unequal texts than 32)
        self._decoder = TagDecoder.for_pipeline(self.nlp)
        # with a tag decoder, the 'ner' entity ruler (the plain-spaCy route) need not run
        self._skip = ["ner"] if self._decoder is not None else []
        self.gate: EvidenceGate | None = EvidenceGate.for_config(self.config)
        """Set to None to keep every plausible entity (no evidence needed)."""
        self.allow = AllowList.from_config(self.config)

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        return self.find_many([text], [context])[0]

    def find_many(
        self, texts: Sequence[str], contexts: Sequence[RecordContext]
    ) -> list[list[PhiSpan]]:
        pieces = [(i, offset, chunk) for i, t in enumerate(texts) for offset, chunk in _chunks(t)]
        found: list[list[PhiSpan]] = [[] for _ in texts]
        mixed = [is_mixed_case(t) for t in texts]
        # a memory zone frees the strings and lexemes of the batch's new words when it ends, so
        # a long stream does not grow the vocabulary without bound (nothing of a Doc outlives it).
        # spaCy caches no tokenisation inside a zone, so the stream's first words (its common
        # ones), up to WARM_STRINGS new strings, are kept: later batches find them cached.
        warm = len(self.nlp.vocab.strings) < self._warm_limit
        with contextlib.nullcontext() if warm else self.nlp.memory_zone():
            docs = self.nlp.pipe(
                (chunk for _, _, chunk in pieces), batch_size=self.batch_size, disable=self._skip
            )
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
        """Mapped, plausible entities (see :func:`plausible`) that pass the evidence gate,
        trimmed of edge punctuation ("] Smith" -> "Smith") as resolve does."""
        found: list[tuple[int, int, PhiLabel, str]] = []
        for start_char, end_char, model_label in ents:
            label = MODEL_LABELS.get(model_label)
            start, end = start_char + offset, end_char + offset
            if label is None or not plausible(text[start:end], mixed):
                continue
            if self.gate is not None:
                start, end = self.gate.trim(text, start, end, label, mixed)
            found.append((start, end, label, model_label))
        if found:  # "Osgood" of "Osgood-Schlatter disease", "Arnold-" of "Arnold-Chiari"
            terms = self.allow.find(text)
            found = [f for f in found if not _inside_any(f[0], f[1], terms)]
        kept = (
            [True] * len(found)
            if self.gate is None
            else self.gate.keep_all(text, [(s, e, label) for s, e, label, _ in found], mixed)
        )
        for (start, end, label, model_label), keep in zip(found, kept, strict=True):
            if not keep:
                continue
            if label is PhiLabel.NAME and _SENTENCE_STOP.search(text, start, end):
                end -= 1  # "daughter kristin." -> "kristin"; "J." and "Jr." keep their dot
            span = snap(PhiSpan(start, end, label, NER_SCORE, f"ner.{model_label}"), text)
            if span is not None:
                yield span


def _is_head(key: str, heads: frozenset[str]) -> bool:
    """``key`` or its singular ("valves") is one of ``heads``."""
    return key in heads or (key.endswith("s") and key[:-1] in heads)


def _inside_any(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """Does ``[start, end)`` lie within one of the sorted, disjoint ``ranges``?"""
    k = bisect.bisect_right(ranges, start, key=_range_start) - 1
    return k >= 0 and end <= ranges[k][1]


def _range_start(item: tuple[int, int]) -> int:
    return item[0]


_NOT_UPPER = regex.compile(r"[^\p{Lu}]+")
_NOT_LOWER = regex.compile(r"[^\p{Ll}]+")


def is_mixed_case(text: str) -> bool:
    """True when ``text`` is written in ordinary mixed case (not ALL CAPS, not all lower case)."""
    upper, lower = len(_NOT_UPPER.sub("", text)), len(_NOT_LOWER.sub("", text))
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


def _phrase_pattern(phrases: Iterable[str]) -> str:
    """Alternation of phrases, longest first, spaces matching any run of blanks."""
    unique = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"[ \t]+".join(regex.escape(w) for w in p.split()) for p in unique)


_ENTITY_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*")
#: The rest of an entity's (hyphenated) word, one blank, then the next word: an eponym's head
#: unless a value follows it (``names.LABEL_VALUE``: "SMITH, JOHN Unit No: 123").
_EPONYM_HEAD_AFTER = regex.compile(r"[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}'’]+)*[ \t](?P<head>\p{L}+)")
_HEAD_WINDOW = 60
#: A full stop after a word of three or more letters that is not a name suffix ("Jr.").
_SENTENCE_STOP = regex.compile(r"(?<![\p{L}])(?!(?i:jr|sr|esq)\.)\p{L}{3,}\.\Z")
_TITLES = (*name_rules.STRONG_TITLES, *name_rules.PERSON_TITLES)
_RELATIVE_WORDS = frozenset(w for phrase in name_rules.RELATIVES for w in phrase.split())
_ABBREVIATED_ROLES = frozenset(["md", "np", "rn", "pa", "sw", "rrt", "crna", "pcp", "tech"])
"""Role nouns that notes also write before non-names ("MD AWARE", "PA LINE"): no cue."""
_TITLE_BEFORE = regex.compile(
    # a title, optionally dotted and followed by an initial: "Dr. J. Smith", "MR SMITH"
    r"(?:^|[^\p{L}])(?:" + _phrase_pattern(_TITLES) + r")\.?[ \t]+(?:\p{L}\.[ \t]*)?$",
    regex.IGNORECASE | regex.VERSION1,
)
_CUE_BEFORE = regex.compile(
    # a role, relative or report phrase: "husband Rich", "pt's wife, Jane", "seen by Smith"
    r"(?:^|[^\p{L}])(?:"
    + _phrase_pattern(
        (
            *(r for r in name_rules.ROLE_NOUNS if r not in _ABBREVIATED_ROLES),
            *name_rules.RELATIVES,
            *name_rules.REPORT_PHRASES,
        )
    )
    + r")(?:['’]s)?[ \t]*[,:\-(]?[ \t]*$"
    # a label: "Technologist: JT", "Patient: Smith"
    + r"|(?:^|[^\p{L}])(?:"
    + _phrase_pattern((*name_rules.ROLE_LABELS, *name_rules.PATIENT_LABELS, "pt", "pt name"))
    + r")[ \t]*[:=\-][ \t\n]*$",
    regex.IGNORECASE | regex.VERSION1,
)
_CUE_AFTER = regex.compile(
    # a credential closing the name: "Jane Doe RN", "DAN A. SMITH, RRT", "Smith, MD;"
    r"[ \t]*[,(/]?[ \t]*(?:"
    + _phrase_pattern(name_rules.CREDENTIALS)
    + r")(?![\p{L}])[ \t]*(?:$|[\n,.;:)(/]|\d)",
    regex.IGNORECASE | regex.VERSION1,
)
_INITIAL_AND_WORD = regex.compile(r"\p{L}\.[ \t]?\p{L}[\p{L}\p{M}'’\-]+", regex.VERSION1)
_HEADER_LEAD = regex.compile(r"[ \t]*(?:[\[(]?[\p{L} .#/]{1,30}[\]):=][ \t]*)?", regex.VERSION1)
_LAST_FIRST = regex.compile(
    r"(?P<last>\p{Lu}[\p{L}\p{M}'’\-]+)[ \t]*,[ \t]*(?P<first>\p{Lu}[\p{L}\p{M}'’\-]+)",
    regex.VERSION1,
)
_NAME_JOIN = regex.compile(r"[ \t]*,?[ \t]*", regex.VERSION1)
_COMMA_CREDENTIAL = regex.compile(
    r"[ \t]*,[ \t]*(?:" + _phrase_pattern(name_rules.CREDENTIALS) + r")(?![\p{L}])",
    regex.IGNORECASE | regex.VERSION1,
)
SHORTHAND = frozenset(
    """hosp brady tachy chol aline perl perrl perrla lytes afeb sxn levo neo dopa vanco tyl riss
    colace senna melena sero sang foley bs ho ci ss ob rn or pt iv""".split()  # noqa: SIM905
)
"""Clinical shorthand that the name lexicon also holds ("BRADY", "CHOL", "RISS"), and dotted
abbreviations that look like initials ("B.S.", "H.O."): never evidence of a name."""
_INITIALS = regex.compile(r"\p{L}{2,3}", regex.VERSION1)
_DOTTED_INITIALS = regex.compile(r"\p{L}\.(?:[ ]?\p{L}\.){1,3}", regex.VERSION1)
_MORE_ORG_EVIDENCE = """urgent medicaid medicare hmo ppo alliance department pediatrics medflight
    insurance logistics corporation corp company"""
_NOT_ORG_EVIDENCE = """care nursing health healthcare medical general surgery surgical labs
    laboratory pharmacy services reading reads remote practice pa pc dr st ct pl way fire school
    city assisted living"""
ORG_EVIDENCE = (name_rules.ORG_WORDS | frozenset(_MORE_ORG_EVIDENCE.split())) - frozenset(
    _NOT_ORG_EVIDENCE.split()
)
"""Words that make an ALL-CAPS or lower-case entity a facility or organisation ("HOSPITAL",
"ASSOCIATES"); words such notes use for wards and disciplines ("CARE", "NURSING") are left out."""
CUE_COMMON_TOP = 1000
"""After a cue, a name needs a word outside the this many most frequent English words
("HUSBAND RICH", "DR. RAY", not "HUSBAND AND" or "D/W HOUSE STAFF")."""
CITY_COMMON_TOP = 20000
"""A city name counts as place evidence unless it is among this many most frequent words."""
CUE_WINDOW = 48
"""Characters before an entity searched for a cue ("Dr.", "husband", "Patient:")."""
MAX_ABBREVIATION = 5
"""In mixed-case text an ALL-CAPS word of at most this many letters, not a known name, is read
as an abbreviation ("IABP", "NKDA")."""


@functools.lru_cache(maxsize=1)
def us_city_keys() -> frozenset[str]:
    """Folded names of the US cities in radscrub/data/places/us_cities.tsv (loaded once)."""
    path = resources.files("radscrub") / "data" / "places" / "us_cities.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(ln.split("\t", 1)[0]) for ln in lines if ln and not ln.startswith("#"))


@dataclass(frozen=True)
class EvidenceGate:
    """Which model entities to keep, judged by the words they are made of and their context.

    A small model trained on synthetic reports cannot tell "COLACE", "REMAINS" or "Neuro" from
    a surname in real notes, so a NAME is kept only with evidence, in any case style:
    a word that is a known name and not an ordinary English word ("NICHOLSON"); initials, dotted
    ("J.T.") or before a surname ("M. Le"); a title before or ", credential" after it ("Dr.
    White", "Black, MD"); or a role, relative, report phrase or label before it, or a
    credential after it, together with a word outside the CUE_COMMON_TOP most frequent words
    or initials ("husband Rich", "DICT: JT", "JANE DOE RN"). A NAME touching a kept NAME
    ("WARD, BONGANI") is kept too; ordinary words at a NAME's edges are trimmed first.
    A place or organisation needs a known name, a US city, a facility word with another rare
    word ("LAKESHORE HOSPITAL", not "SELF AND HOSPITAL") or, in mixed case, a Capitalised word
    that is not plain (see :meth:`plain`) or Title Case words with an organisation word
    ("Eastside Remote Reading"). Function and cue words
    (:mod:`radscrub.detect.names` tables), SHORTHAND and allow-listed terms are never evidence.
    """

    lexicon: NameLexicon
    allow: AllowList

    @classmethod
    def for_config(cls, config: DetectConfig) -> EvidenceGate:
        """The shipped name lexicon and the config's allow-list (both loaded once per process)."""
        return cls(name_lexicon(), AllowList.from_config(config))

    def keep(self, text: str, start: int, end: int, label: PhiLabel, mixed: bool) -> bool:
        """Whether the entity ``text[start:end]`` (of ``label``) has evidence enough to keep."""
        words = [m.group() for m in _ENTITY_WORD.finditer(text, start, end)]
        keys = [fold(w) for w in words]
        if self.eponym(text, start, end, label, keys) and not self.has_strong_cue(text, start, end):
            return False  # "Gamna-Gandy bodies", "Tommy John ligament", "St. Jude valve"
        if any(self.name_word(k) for k in keys):
            return True
        if label is not PhiLabel.NAME:
            if self.has_city(keys):
                return True
            if any(k in ORG_EVIDENCE for k in keys) and any(
                k not in ORG_EVIDENCE and self.rare_word(k) for k in keys
            ):
                return True  # "LAKESHORE HOSPITAL", not "SELF AND HOSPITAL"
            if not mixed:
                return False
            if (
                len(words) > 1
                and all(w[0].isupper() for w in words)
                and any(k in name_rules.ORG_WORDS for k in keys)
            ):
                return True  # "Northwest Remote Reading", "Eastside Care Plan"
            return not all(
                self.plain(w, k) or not w[0].isupper() for w, k in zip(words, keys, strict=True)
            )
        piece = text[start:end]
        if self.initials(piece, keys) and "." in piece:
            return True  # dotted initials: "J.T."
        if _INITIAL_AND_WORD.fullmatch(piece) and self.surname_after_initial(keys[-1]):
            return True  # an initial and a surname: "M. Le", "S. Colles"
        if self.has_strong_cue(text, start, end):
            return not all(self.excluded(k) for k in keys)  # "Dr. White", not "DR AWARE"
        if self.header_name(text, start, end):
            return True
        if not any(self.rare_word(k) for k in keys) and not self.initials(piece, keys):
            return False
        if not any(self.name_or_new(k) for k in keys) and not self.initials(piece, keys):
            return False  # "ATTENDING REVIEW AGREES": only ordinary words after a weak cue
        return self.has_cue(text, start, end)

    def keep_all(
        self, text: str, entities: Sequence[tuple[int, int, PhiLabel]], mixed: bool
    ) -> list[bool]:
        """:meth:`keep` for each entity of one text, in order; a NAME that touches a kept NAME
        (only blanks or a comma between) is kept too: "WARD, BONGANI", "Li Sr."."""
        kept = [self.keep(text, s, e, label, mixed) for s, e, label in entities]
        for i, (start, end, label) in enumerate(entities):
            if kept[i] or label is not PhiLabel.NAME:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(entities) and kept[j] and entities[j][2] is PhiLabel.NAME:
                    gap = text[end : entities[j][0]] if j > i else text[entities[j][1] : start]
                    words = [fold(m.group()) for m in _ENTITY_WORD.finditer(text, start, end)]
                    if _NAME_JOIN.fullmatch(gap) and not all(self.filler_key(k) for k in words):
                        kept[i] = True
        return kept

    def trim(
        self, text: str, start: int, end: int, label: PhiLabel, mixed: bool
    ) -> tuple[int, int]:
        """A NAME without the ordinary words at its edges ("HELEN AND" -> "HELEN",
        "page Suzette" -> "Suzette"); other labels, and one-word names, as they are. In mixed
        case only lower-case words are trimmed ("Hope Marrow" stays whole)."""
        if label is not PhiLabel.NAME:
            return start, end
        words = list(_ENTITY_WORD.finditer(text, start, end))
        kept = words[:]
        while len(kept) > 1 and self.filler(kept[-1].group(), mixed):
            kept.pop()
        while len(kept) > 1 and self.filler(kept[0].group(), mixed):
            kept.pop(0)
        if len(kept) > 1 and fold(kept[0].group()) in _RELATIVE_WORDS:
            gap = text[kept[0].end() : kept[1].start()]
            if gap.strip(" \t") == "" and self.lexicon.is_first(fold(kept[1].group())):
                kept.pop(0)  # "Son Frank" -> "Frank"; "Bao Pastor" keeps its surname
        if len(kept) == len(words):
            return start, end
        return kept[0].start(), kept[-1].end()

    def filler(self, word: str, mixed: bool) -> bool:
        """An ordinary word that is not a name part: trimmed from a name's edges."""
        key = fold(word)
        if len(key) < 2 or key in name_rules.SUFFIXES or key in name_rules.PARTICLES:
            return False  # initials, "Jr", "van"
        if mixed and not word.islower():
            return False
        return self.filler_key(key)

    def filler_key(self, key: str) -> bool:
        """A function, cue or shorthand word, or an ordinary word that is no name part."""
        if key in name_rules.NEVER_NAMES or key in name_rules.CUE_WORDS or key in SHORTHAND:
            return True
        return self.lexicon.is_common(key) and not self.lexicon.is_name(key)

    def has_city(self, keys: Sequence[str]) -> bool:
        """One to three words in a row that name a US city, not an ordinary word ("akron")."""
        cities = us_city_keys()
        for n in (1, 2, 3):
            for i in range(len(keys) - n + 1):
                key = " ".join(keys[i : i + n])
                if key in cities and not self.lexicon.is_common(key, CITY_COMMON_TOP):
                    return True
        return False

    def excluded(self, key: str) -> bool:
        """Too short, a function or cue word, shorthand or an allow-listed term: never a name."""
        return (
            len(key) < 3
            or key in name_rules.NEVER_NAMES
            or key.endswith(name_rules.SPECIALTY_ENDINGS)
            or key in name_rules.CUE_WORDS
            or key in SHORTHAND
            or key in self.allow
        )

    def name_word(self, key: str) -> bool:
        """A known name part that is not an ordinary word ("nicholson", not "will")."""
        return (
            not self.excluded(key) and self.lexicon.is_name(key) and not self.lexicon.is_common(key)
        )

    def header_name(self, text: str, start: int, end: int) -> bool:
        """A "LAST, FIRST" name opening a line or following a label ("Pt: Temple, King",
        "WARD, BONGANI / MR9..."): two Capitalised words around a comma, one of them a
        known name part, each a name part or no ordinary word, neither a function word,
        shorthand or allow-listed term."""
        line_start = text.rfind("\n", 0, start) + 1
        lead = _HEADER_LEAD.match(text, line_start, start)
        if lead is None:
            return False
        pair = _LAST_FIRST.match(text, lead.end())
        if pair is None or pair.end() < end:
            return False
        words = [pair.group("last"), pair.group("first")]
        keys = [fold(w) for w in words]
        if any(self.excluded(k) and len(k) > 2 for k in keys):
            return False
        if not all(self.name_or_new(k) or len(k) <= 2 for k in keys):
            return False  # "NEURO: ALERT, ORIENTED X3": an ordinary word that is no name
        return any(self.lexicon.is_name(k) for k in keys)

    def surname_after_initial(self, key: str) -> bool:
        """After an initial: a name not among the most frequent words, or an unknown word
        ("Le", "Colles", "Oyelaran"; not "Remains")."""
        if key in name_rules.NEVER_NAMES or key in SHORTHAND:
            return False
        if self.lexicon.is_name(key):
            return not self.lexicon.is_common(key, CUE_COMMON_TOP)
        return not self.lexicon.is_common(key)

    def name_or_new(self, key: str) -> bool:
        """A known name part, or a word that is no ordinary English word ("bongani")."""
        if self.excluded(key):
            return False
        return self.lexicon.is_name(key) or not self.lexicon.is_common(key)

    def rare_word(self, key: str) -> bool:
        """Not among the CUE_COMMON_TOP most frequent English words (a name after a cue)."""
        return not self.excluded(key) and not self.lexicon.is_common(key, CUE_COMMON_TOP)

    def plain(self, word: str, key: str) -> bool:
        """In mixed case: an ordinary non-name word, an excluded word or an abbreviation."""
        if len(key) < 3 or key in name_rules.NEVER_NAMES or key in self.allow:
            return True
        if self.lexicon.is_name(key):
            return self.lexicon.is_common(key, CUE_COMMON_TOP)  # "Care", "Will": plain
        return self.lexicon.is_common(key) or (word.isupper() and len(key) <= MAX_ABBREVIATION)

    def initials(self, piece: str, keys: Sequence[str]) -> bool:
        """Initials: dotted ("J.T.", "s.a.a.") or two or three letters that are not a function
        or cue word ("DJ", not "PT")."""
        if not (_DOTTED_INITIALS.fullmatch(piece) or _INITIALS.fullmatch(piece)):
            return False
        letters = "".join(keys)
        if letters in SHORTHAND or letters in self.allow:
            return False  # "B.S.", "O.R."
        return not any(k in name_rules.NEVER_NAMES for k in keys if len(k) > 1)

    @staticmethod
    def eponym(text: str, start: int, end: int, label: PhiLabel, keys: Sequence[str]) -> bool:
        """The name of a sign, disease, structure or device, not of a person or place: followed
        by an eponym head noun ("Gamna-Gandy bodies"; "Walker-" of "Walker-Warburg syndrome"),
        or a NAME of two or more words ending in one ("HOUSTON VALVES"). Places count only
        before a device word ("St. Jude valve"), not before "area" or "unit"."""
        heads = name_rules.EPONYM_HEADS if label is PhiLabel.NAME else name_rules.DEVICE_WORDS
        if label is PhiLabel.NAME and len(keys) > 1 and _is_head(keys[-1], heads):
            return True
        after = _EPONYM_HEAD_AFTER.match(text, end, min(len(text), end + _HEAD_WINDOW))
        return (
            after is not None
            and _is_head(fold(after.group("head")), heads)
            and name_rules.LABEL_VALUE.match(text, after.end()) is None
        )

    @staticmethod
    def has_strong_cue(text: str, start: int, end: int) -> bool:
        """A title just before ("Dr. White") or a comma and credential just after ("Black, MD")."""
        return bool(
            _TITLE_BEFORE.search(text, max(0, start - CUE_WINDOW), start)
            or _COMMA_CREDENTIAL.match(text, end, end + CUE_WINDOW)
        )

    @staticmethod
    def has_cue(text: str, start: int, end: int) -> bool:
        """A title, role, relative or report phrase just before, or a credential just after."""
        before = text[max(0, start - CUE_WINDOW) : start]
        return bool(_CUE_BEFORE.search(before) or _CUE_AFTER.match(text, end, end + CUE_WINDOW))


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
