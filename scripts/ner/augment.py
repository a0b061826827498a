"""Training-text augmentation for radscrub-ner: text as it really arrives, and wider vocabulary.

A record is ``(text, [(start, end, label)])`` with every gold span (all PHI labels, so no change
ever lands inside a date or an ID); offsets are remapped exactly by every change.

* layout/case: ALL CAPS, lower case, punctuation dropped, header values broken onto the next line;
* substitution: the synthetic corpus is built from a closed vocabulary, so a model trained on it
  alone learns "any unfamiliar word is a name" and memorises its ~120 cities. Substitution swaps,
  consistently within a report, person-name tokens for other name parts, cities (and the city or
  place word that starts facility names) for other US cities, and a share of the ordinary words
  outside PHI for random English words. Name parts and cities are drawn only from the TRAIN pool
  of the corpus split rule (radscrub.corpus.split), so the test split's names and places stay
  unseen. Sources: radscrub/data/names (first/last/common_words) and data/places/us_cities.tsv,
  the package's own lexicons (see their SOURCES.md / README.md for licences).
* shorthand notes (shorthand.py): negative-rich ICU/nursing-style notes in ALL CAPS, lower case
  or mixed case (system headers, drugs, abbreviations, vitals, labs, allow-listed terms, common
  words) with names in sign-offs, relative and clinician mentions, interleaved with the reports.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import math
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

import shorthand  # scripts/ner/shorthand.py

from radscrub.corpus import pools
from radscrub.corpus.split import SHARED_NAME_TOKENS, fits_split, fold

Span = tuple[int, int, str]
Record = tuple[str, list[Span]]

UPPER_SHARE = 0.30
LOWER_SHARE = 0.15
PUNCTUATION_SHARE = 0.15
HEADER_SHARE = 0.10
SUBSTITUTE_SHARE = 0.50
"""Share of reports that get a variant with each change (changes combine independently)."""

NOTE_SHARE = 0.6
"""Shorthand notes (shorthand.py) added per training report: 0.6 -> ~3,600 for 6,000 reports."""

NAME_SWAP_P = 0.9
PLACE_SWAP_P = 0.9
WORD_RATE = (0.05, 0.25)
"""In a substituted variant: chance to swap each distinct name part / place, and the range the
share of swapped ordinary words is drawn from."""

COMMON_NAME_RANKS = (3000, 10000)
"""Words among this many most frequent first names / surnames ("will", "brown", "grant") are
never substituted in as ordinary words: that would teach the model they are never names."""

CUE_GAP = 6
"""Words this close before or after a name-like span are kept: they are its cue ("Dr.", "MD")."""

DROPPABLE = ".,:;"
NAME_LIKE = frozenset({"NAME", "HOSPITAL", "LOCATION", "ORGANIZATION"})
_LETTERS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
LEXICON_FILES = (
    "data/names/first.txt.gz",
    "data/names/last.txt.gz",
    "data/names/common_words.txt.gz",
    "data/places/us_cities.tsv",
    "data/allow/clinical.txt",
    "data/allow/eponyms.txt",
)


@dataclass(frozen=True)
class Vocabulary:
    """What substitution draws from: train-pool name parts and cities, and common words."""

    first: tuple[str, ...]
    last: tuple[str, ...]
    first_set: frozenset[str]
    cities: tuple[str, ...]
    words: tuple[str, ...]
    """Common English words that are not common names, most frequent first; drawn log-uniformly
    by rank, so rare words come up too."""
    facility_cores: tuple[str, ...]
    """Corpus cities and place words that start facility and organisation names."""


def _lines(name: str) -> list[str]:
    ref = resources.files("radscrub") / name
    data = ref.read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return [ln for ln in data.decode("utf-8").splitlines() if ln and not ln.startswith("#")]


def lexicon_digests() -> dict[str, str]:
    """sha256 of every lexicon substitution and the shorthand notes read, for meta.json."""
    return {
        name: hashlib.sha256((resources.files("radscrub") / name).read_bytes()).hexdigest()
        for name in LEXICON_FILES
    }


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Load the lexicons once, keeping only train-pool name parts and cities."""

    def train_names(items: Iterable[str]) -> tuple[str, ...]:
        return tuple(t for t in items if len(t) >= 2 and t.isalpha() and fits_split(t, "train"))

    all_first, all_last = _lines(LEXICON_FILES[0]), _lines(LEXICON_FILES[1])
    first, last = train_names(all_first), train_names(all_last)
    common_names = set(all_first[: COMMON_NAME_RANKS[0]]) | set(all_last[: COMMON_NAME_RANKS[1]])
    cities = tuple(
        row.split("\t")[0]
        for row in _lines(LEXICON_FILES[3])
        if fits_split(row.split("\t")[0], "train")
    )
    words = tuple(w for w in _lines(LEXICON_FILES[2]) if len(w) >= 3 and w not in common_names)
    cores = tuple({c for c, _, _ in pools.CITIES} | set(pools.PLACE_WORDS))
    return Vocabulary(first, last, frozenset(first), cities, words, cores)


def match_case(template: str, word: str) -> str:
    """``word`` written in the case style of ``template`` (UPPER, Title or lower)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return " ".join(part[:1].upper() + part[1:] for part in word.split(" "))
    return word.lower()


def apply_edits(record: Record, edits: Sequence[tuple[int, int, str]]) -> Record:
    """Replace ``text[start:end]`` by each edit's string; spans are remapped exactly.

    Edits must not overlap each other or cross a span boundary (they may lie inside a span).
    """
    text, spans = record
    out: list[str] = []
    starts = sorted(edits)
    shift_at: list[tuple[int, int]] = []  # (position in old text, cumulative shift after it)
    pos, shift = 0, 0
    for start, end, new in starts:
        out.append(text[pos:start])
        out.append(new)
        shift += len(new) - (end - start)
        shift_at.append((end, shift))
        pos = end
    out.append(text[pos:])

    def moved(offset: int) -> int:
        delta = 0
        for end, cumulative in shift_at:
            if end <= offset:
                delta = cumulative
            else:
                break
        return offset + delta

    return "".join(out), [(moved(s), moved(e), label) for s, e, label in spans]


def substitute(record: Record, rng: random.Random, vocab: Vocabulary) -> Record:
    """Swap names, places and ordinary words (see the module doc) consistently in one report."""
    text, spans = record
    edits: list[tuple[int, int, str]] = []
    names: dict[str, str] = {}
    places: dict[str, str] = {}
    word_rate = rng.uniform(*WORD_RATE)

    def new_place(key: str) -> str | None:
        if key not in places:
            places[key] = rng.choice(vocab.cities) if rng.random() < PLACE_SWAP_P else ""
        return places[key] or None

    def new_name(key: str) -> str | None:
        if key not in names:
            swap = rng.random() < NAME_SWAP_P
            pool = vocab.first if key in vocab.first_set else vocab.last
            names[key] = _log_uniform(rng, pool) if swap else ""
        return names[key] or None

    inside = bytearray(len(text))
    for start, end, label in spans:
        inside[start:end] = b"\x01" * (end - start)
        piece = text[start:end]
        if label == "LOCATION":
            city = new_place(fold(piece))
            if city:
                edits.append((start, end, match_case(piece, city)))
        elif label in ("HOSPITAL", "ORGANIZATION"):
            core = _leading_core(piece, vocab.facility_cores)
            if core:
                city = new_place(fold(core))
                if city:
                    edits.append((start, start + len(core), match_case(core, city)))
        elif label == "NAME":
            for m in _LETTERS.finditer(piece):
                key = fold(m.group())
                if len(key) < 3 or key in SHARED_NAME_TOKENS:  # initials, particles stay
                    continue
                name = new_name(key)
                if name:
                    edits.append((start + m.start(), start + m.end(), match_case(m.group(), name)))
    cue_zone = bytearray(len(text))
    for start, end, label in spans:
        if label in NAME_LIKE:
            lo, hi = max(0, start - CUE_GAP), min(len(text), end + CUE_GAP)
            cue_zone[lo:start] = b"\x01" * (start - lo)
            cue_zone[end:hi] = b"\x01" * (hi - end)
    for m in _LETTERS.finditer(text):
        s, e = m.span()
        if e - s < 3 or any(inside[s:e]) or any(cue_zone[s:e]) or rng.random() >= word_rate:
            continue
        edits.append((s, e, match_case(m.group(), _log_uniform(rng, vocab.words))))
    return apply_edits(record, edits)


def _leading_core(piece: str, cores: Sequence[str]) -> str | None:
    """The corpus city or place word a facility name starts with, as written, if any."""
    folded = fold(piece)
    best = ""
    for core in cores:
        key = fold(core)
        if (
            folded.startswith(key)
            and len(key) > len(best)
            and folded[len(key) : len(key) + 1]
            in (
                " ",
                "",
            )
        ):
            best = key
    return piece[: len(best)] if best else None


def _log_uniform(rng: random.Random, items: Sequence[str]) -> str:
    """An item drawn with log-uniform rank (frequent and rare entries both come up)."""
    return items[min(len(items) - 1, int(math.exp(rng.random() * math.log(len(items)))) - 1)]


def recase(record: Record, how: str) -> Record | None:
    """ALL-CAPS or lower-case copy; None when the case change would move offsets."""
    text, spans = record
    new = text.upper() if how == "upper" else text.lower()
    return (new, spans) if len(new) == len(text) else None


def drop_punctuation(record: Record, rng: random.Random) -> Record:
    """Drop about half of the punctuation outside spans, remapping offsets exactly."""
    text, spans = record
    inside = bytearray(len(text))
    for start, end, _ in spans:
        inside[start:end] = b"\x01" * (end - start)
    edits = [
        (i, i + 1, "")
        for i, ch in enumerate(text)
        if ch in DROPPABLE and not inside[i] and rng.random() < 0.5
    ]
    return apply_edits(record, edits)


def break_headers(record: Record) -> Record:
    """Put the value of short 'Label: value' header lines on the next line, as some exports do.

    ': ' becomes ':\\n' (same length), so every offset stays valid.
    """
    text, spans = record
    lines = []
    for line in text.split("\n"):
        colon = line.find(": ")
        lines.append(line[:colon] + ":\n" + line[colon + 2 :] if 0 < colon < 30 else line)
    return "\n".join(lines), spans


def augment(records: Iterable[Record], seed: int) -> Iterator[Record]:
    """Each original report, plus one variant of about three quarters of them, and shorthand
    notes (NOTE_SHARE per report) in between.

    A variant combines independent changes: substitution (SUBSTITUTE_SHARE), ALL CAPS
    (UPPER_SHARE) or lower case (LOWER_SHARE), punctuation dropped (PUNCTUATION_SHARE), header
    values broken onto the next line (HEADER_SHARE).
    """
    rng = random.Random(seed)
    vocab = vocabulary()
    note_rng = random.Random(seed + 1)
    writer = shorthand.notes(10**9, seed, vocab)
    for record in records:
        yield record
        if note_rng.random() < NOTE_SHARE:
            yield next(writer)
        variant: Record | None = record
        if rng.random() < SUBSTITUTE_SHARE:
            variant = substitute(record, rng, vocab)
        case_roll = rng.random()
        if variant is not None and case_roll < UPPER_SHARE:
            variant = recase(variant, "upper")
        elif variant is not None and case_roll < UPPER_SHARE + LOWER_SHARE:
            variant = recase(variant, "lower")
        if variant is not None and rng.random() < PUNCTUATION_SHARE:
            variant = drop_punctuation(variant, rng)
        if variant is not None and rng.random() < HEADER_SHARE:
            variant = break_headers(variant)
        if variant is not None and variant != record:
            yield variant
