"""The allow-list: clinical vocabulary that looks like PHI but never is (eponyms, anatomy, devices).

``AllowList.from_config(config).allows`` is the predicate ``resolve`` applies to every span of
every detector: a name-like span (NAME, LOCATION, HOSPITAL, ORGANIZATION) whose whole text is an
allow-listed term ("Hodgkin", "Morison's pouch", "Hill-Sachs", "gray matter") is dropped. Spans
of other labels, spans holding more than a term ("Dr. Crohn Smith"), and spans a detector
confirmed from context (source ending in :data:`CONTEXT_MARK`, e.g. "Dr. Paget") are kept.

Terms are compared after :func:`normalise`: case, accents, possessive 's, a plural s, and
hyphen/space differences are ignored. Terms written in capitals in a list file ("ED", "OR")
are abbreviations and match only text written in capitals.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import regex

from radscrub.config import DetectConfig
from radscrub.detect.lexicons import fold
from radscrub.detect.scan import REMEMBER_CHARS, REMEMBER_TEXTS
from radscrub.errors import ConfigError
from radscrub.spans import PhiLabel, PhiSpan

CONTEXT_MARK = "+context"
"""Suffix of a span's ``source`` when its detector saw context proving it is PHI."""

ALLOWABLE_LABELS = frozenset(
    {PhiLabel.NAME, PhiLabel.LOCATION, PhiLabel.HOSPITAL, PhiLabel.ORGANIZATION}
)
"""Only these labels can be suppressed; a DATE or MRN is never allow-listed."""

BUILTIN_FILES = ("eponyms.txt", "clinical.txt")
MAX_TERM_WORDS = 8

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*", regex.VERSION1)
# what may separate two words of one term in running text: spaces, a hyphen, a slash
_JOIN = regex.compile(r"[ \t\-–/]{1,3}", regex.VERSION1)


@functools.lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """One word's comparison key: folded, possessive and plural s removed."""
    key = fold(word)
    if key.endswith("'s"):
        key = key[:-2]
    key = key.rstrip("'")
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    return key


def normalise(text: str) -> str:
    """A term's comparison key: its words' keys joined by single spaces."""
    return " ".join(normalise_word(m.group()) for m in _WORD.finditer(text))


@dataclass(frozen=True)
class AllowList:
    """A set of allowed terms; build with :meth:`from_config`, :meth:`builtin` or :meth:`of`."""

    terms: frozenset[str]
    """Case-insensitive keys (see :func:`normalise`)."""
    capital_terms: frozenset[str]
    """Abbreviation keys that match only capitalised text (kept in their own case)."""
    prefixes: frozenset[str] = field(init=False, repr=False, compare=False)
    """Every leading run of words of every term (both kinds), to stop a scan early."""

    def __post_init__(self) -> None:
        prefixes = {
            " ".join(words[:n])
            for term in (*self.terms, *self.capital_terms)
            for words in [term.split(" ")]
            for n in range(1, len(words) + 1)
        }
        object.__setattr__(self, "prefixes", frozenset(prefixes))

    @classmethod
    def of(cls, lines: Iterable[str]) -> AllowList:
        """Build from raw lines (comments after '#', blank lines ignored)."""
        terms: set[str] = set()
        capitals: set[str] = set()
        for line in lines:
            term = line.split("#", 1)[0].strip()
            if not term:
                continue
            letters = [c for c in term if c.isalpha()]
            if len(letters) > 1 and all(c.isupper() for c in letters):
                capitals.add(_capital_key(term))
            else:
                key = normalise(term)
                if key:
                    terms.add(key)
        return cls(frozenset(terms), frozenset(capitals))

    @classmethod
    def builtin(cls) -> AllowList:
        """The shipped lists (data/allow), loaded once per process."""
        return _builtin()

    @classmethod
    def from_config(cls, config: DetectConfig) -> AllowList:
        """The shipped lists plus ``config.allow_list`` (a UTF-8 file, one term per line)."""
        return _with_file(config.allow_list)

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        return normalise(text) in self.terms or _capital_key(text) in self.capital_terms

    def is_abbreviation(self, word: str) -> bool:
        """Is ``word`` one of the capitals-only terms ("MRI", "ICU"), written as listed?"""
        return word in self.capital_terms

    def allows(self, span: PhiSpan) -> bool:
        """True when ``span`` is name-like, not context-confirmed, and its text is a term."""
        if span.label not in ALLOWABLE_LABELS or span.source.endswith(CONTEXT_MARK):
            return False
        return span.text in self

    def find(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of allow-listed terms in ``text``, longest match first, disjoint."""
        if len(text) > REMEMBER_CHARS:
            return list(_find_terms.__wrapped__(self, text))
        return list(_find_terms(self, text))  # the name detectors look up the same texts


@functools.lru_cache(maxsize=REMEMBER_TEXTS)
def _find_terms(allow: AllowList, text: str) -> tuple[tuple[int, int], ...]:
    """:meth:`AllowList.find`, remembered for the last texts of a batch."""
    words = list(_WORD.finditer(text))
    raws = [w.group() for w in words]
    keys = [normalise_word(raw) for raw in raws]
    found: list[tuple[int, int]] = []
    prefixes = allow.prefixes
    i = 0
    while i < len(words):
        if keys[i] not in prefixes and raws[i] not in prefixes:
            i += 1  # no term starts with this word (most words)
            continue
        end = i
        key = raw = ""
        for j in range(i, min(len(words), i + MAX_TERM_WORDS)):
            if j > i and not _joins(text, words[j - 1], words[j]):
                break
            key = f"{key} {keys[j]}" if j > i else keys[j]
            raw = f"{raw} {raws[j]}" if j > i else raws[j]
            if key not in prefixes and raw not in prefixes:
                break
            if key in allow.terms or raw in allow.capital_terms:
                end = j + 1
        if end > i:
            found.append((words[i].start(), words[end - 1].end()))
            i = end
        else:
            i += 1
    return tuple(found)


def _joins(text: str, before: regex.Match[str], after: regex.Match[str]) -> bool:
    """Can two words be part of one term: "Hill-Sachs", "Smith & Nephew", "E. coli", "St. Jude"?"""
    gap = text[before.end() : after.start()]
    if _JOIN.fullmatch(gap) or gap.strip(" \t") == "&":
        return True
    return gap in (".", ". ") and len(before.group()) <= 2


def _capital_key(text: str) -> str:
    """Abbreviation key: the words as written (case kept), joined by single spaces."""
    return " ".join(m.group() for m in _WORD.finditer(text))


@functools.lru_cache(maxsize=1)
def _builtin() -> AllowList:
    lines: list[str] = []
    for name in BUILTIN_FILES:
        path = resources.files("radscrub") / "data" / "allow" / name
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    return AllowList.of(lines)


@functools.lru_cache(maxsize=16)
def _with_file(path: str | None) -> AllowList:
    base = _builtin()
    if not path:
        return base
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(
            f"detect.allow_list: {path} not found; give a UTF-8 file with one term per line"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"detect.allow_list: cannot read {path}: {exc}") from None
    extra = AllowList.of(lines)
    return AllowList(base.terms | extra.terms, base.capital_terms | extra.capital_terms)
