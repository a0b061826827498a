"""Name lexicons shipped in radscrub/data/names, loaded once per process.

``first``/``last`` map a folded name part (see :func:`fold`) to its frequency rank (0 = most
common); ``common`` holds lower-case words that are ordinary English words ("will", "brown",
"hope"), so a name that is also a word needs context before it counts.
See data/names/SOURCES.md and scripts/build_lexicons.py for where the lists come from.
"""

from __future__ import annotations

import functools
import gzip
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

import regex

_SPECIAL = str.maketrans(
    {"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "’": "'", "‘": "'"}
)


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip accents and straighten curly apostrophes: "Müller" -> "muller"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class NameLexicon:
    """First names, surnames and common English words (all folded, lower-case)."""

    first: Mapping[str, int]
    last: Mapping[str, int]
    common: Mapping[str, int]
    """Common word -> frequency rank (0 = most frequent)."""

    def is_first(self, key: str) -> bool:
        """True when ``key`` (folded) is a known first name."""
        return key in self.first or _unquote(key) in self.first

    def is_last(self, key: str) -> bool:
        """True when ``key`` (folded) is a known surname ("o'brien" also matches "obrien")."""
        return key in self.last or _unquote(key) in self.last

    def is_name(self, key: str) -> bool:
        """True for any known name part; hyphenated keys count when every part is known."""
        if self.is_first(key) or self.is_last(key):
            return True
        parts = key.split("-")
        return len(parts) > 1 and all(self.is_first(p) or self.is_last(p) for p in parts)

    def is_common(self, key: str, top: int | None = None) -> bool:
        """True when ``key`` is an ordinary English word (among the ``top`` most frequent)."""
        rank = self.common.get(key)
        if rank is None and "-" in key:
            ranks = [self.common.get(p) for p in key.split("-")]
            rank = None if None in ranks else max(r for r in ranks if r is not None)
        return rank is not None and (top is None or rank < top)


#: Name prefixes written with an apostrophe ("O'Brien", "D'Angelo"); other apostrophes are
#: contractions ("I'm"), not names.
_APOSTROPHE_PREFIXES = frozenset({"o", "d", "l", "de", "di", "da", "dell", "mc", "n"})


def _unquote(key: str) -> str:
    """ "o'brien" -> "obrien"; contractions ("i'm") are left alone so they match nothing."""
    if "'" not in key:
        return key
    head, _, tail = key.partition("'")
    return head + tail if head in _APOSTROPHE_PREFIXES and tail else key


def _read_lines(name: str) -> list[str]:
    data = (resources.files("radscrub") / "data" / "names" / name).read_bytes()
    return [line for line in gzip.decompress(data).decode("utf-8").splitlines() if line]


@functools.lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    """The shipped lexicons (loaded on first use, then shared)."""
    first = {name: rank for rank, name in enumerate(_read_lines("first.txt.gz"))}
    last = {name: rank for rank, name in enumerate(_read_lines("last.txt.gz"))}
    common = {word: rank for rank, word in enumerate(_read_lines("common_words.txt.gz"))}
    return NameLexicon(first=first, last=last, common=common)


#: Short names of countries that the packaged list spells out in full.
_COUNTRY_ALIASES = frozenset(
    {"usa", "u.s.a.", "united states of america", "uk", "england", "scotland", "wales"}
)


@functools.lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Country names, lower case, without a leading "the" (data/places/countries.txt).

    Countries are larger than Safe Harbor's places and are never a person's name on their own.
    """
    text = (resources.files("radscrub") / "data" / "places" / "countries.txt").read_text("utf-8")
    names = (regex.sub(r"^the ", "", line.strip().lower()) for line in text.splitlines())
    return frozenset(name for name in names if name) | _COUNTRY_ALIASES
