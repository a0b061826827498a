"""Split rules: seed derivation, the stable name partition, and split-specific phrase tables.

Everything here is a pure function of its arguments (sha256, never ``hash()``), so the corpora are
identical under any PYTHONHASHSEED. The test split draws person names (and facility names) from a
partition that train and dev never use, and additionally draws from *held-out* phrasings and
layouts that only the test split ever renders.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from radscrub.errors import ConfigError

SPLITS: tuple[str, ...] = ("train", "dev", "test")

#: Percentage of the name space (by sha256 bucket) reserved for the test split.
TEST_BUCKET_PERCENT = 20

#: Probability that a test report takes a held-out variant when a table offers one.
HELDOUT_P = 0.55

#: Name tokens every split may use (particles and generational suffixes).
SHARED_NAME_TOKENS: frozenset[str] = frozenset(
    {
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "de",
        "del",
        "la",
        "las",
        "los",
        "van",
        "der",
        "den",
        "von",
        "al",
        "el",
        "bin",
        "bint",
        "da",
        "das",
        "dos",
        "di",
        "du",
        "le",
        "mc",
        "mac",
        "st",
        "ibn",
        "abu",
        "ter",
        "ten",
        "thi",
        "van't",
    }
)

_TOKEN = re.compile(r"[^\W\d_]+")
T = TypeVar("T")


def check_split(split: str) -> str:
    """Return ``split`` if it is one of :data:`SPLITS`, else raise ConfigError naming them."""
    if split not in SPLITS:
        raise ConfigError(f"unknown split {split!r}; use one of: {', '.join(SPLITS)}")
    return split


def derive_seed(*parts: object) -> int:
    """A 64-bit seed from any parts, stable across processes and Python versions."""
    key = "\x1f".join(str(p) for p in parts)
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")


def derive_rng(*parts: object) -> random.Random:
    """A fresh ``random.Random`` seeded by :func:`derive_seed` (never the global state)."""
    return random.Random(derive_seed(*parts))


_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "ẞ": "SS",
    }
)


def fold(token: str) -> str:
    """Case- and accent-folded form of a name token; the same for any casing of it.

    ``José``, ``JOSE`` and ``jose`` fold alike, and so do a dotless-i ``Yilmaz`` (U+0131) and
    ``YILMAZ``: report-level casing can never move a name into the other split's pool.
    """
    decomposed = unicodedata.normalize("NFKD", token.translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_LETTERS).casefold()


def name_tokens(text: str) -> list[str]:
    """The folded letter-runs of ``text`` that the partition applies to (length >= 2)."""
    out = []
    for tok in _TOKEN.findall(text):
        folded = fold(tok)
        if len(folded) >= 2 and folded not in SHARED_NAME_TOKENS:
            out.append(folded)
    return out


def token_pool(token: str) -> str:
    """``"test"`` or ``"train"``: which name pool a folded token belongs to (sha256 bucket)."""
    digest = hashlib.sha256(("radscrub-name-pool|" + fold(token)).encode("utf-8")).digest()
    return "test" if int.from_bytes(digest[:4], "big") % 100 < TEST_BUCKET_PERCENT else "train"


def pool_for_split(split: str) -> str:
    """The name pool a split draws from: test uses ``"test"``, train and dev use ``"train"``."""
    return "test" if check_split(split) == "test" else "train"


def fits_split(text: str, split: str) -> bool:
    """True when every name token of ``text`` belongs to ``split``'s pool."""
    pool = pool_for_split(split)
    return all(token_pool(tok) == pool for tok in name_tokens(text))


@dataclass(frozen=True)
class Variants:
    """A phrase (or template) table: ``shared`` for every split, ``heldout`` for test only."""

    shared: tuple[str, ...]
    heldout: tuple[str, ...] = ()

    def pick(self, rng: random.Random, split: str) -> str:
        """Choose one variant for ``split`` (test prefers held-out variants when there are any)."""
        if split == "test" and self.heldout and rng.random() < HELDOUT_P:
            return rng.choice(self.heldout)
        return rng.choice(self.shared)


def pick_weighted(rng: random.Random, items: Sequence[tuple[T, float]]) -> T:
    """Choose an item from ``(item, weight)`` pairs, in the order given (deterministic)."""
    total = sum(w for _, w in items)
    x = rng.random() * total
    for item, weight in items:
        x -= weight
        if x < 0:
            return item
    return items[-1][0]
