"""People: drawing split-partitioned names from the project's pools and Faker, and rendering
them the many ways reports write a name (``SMITH, JOHN A``, ``J. Smith``, ``JS``, ``john smith``).

A rendered name is exactly the NAME span: titles (Dr., Mr.) and credentials (MD, RT(R)) are
never part of it. Every rendering is checked against the split's name pool (see ``split.py``).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from faker import Faker

from radscrub.corpus import pools
from radscrub.corpus.split import derive_seed, fits_split, pick_weighted
from radscrub.corpus.values import fold_ascii

_NAME_SHAPE = re.compile(r"^[^\W\d_]+(?:[ '\-.][^\W\d_]+)*\.?$")


def _is_latin_name(text: str) -> bool:
    if not _NAME_SHAPE.match(text) or len(text) < 2:
        return False
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


@dataclass(frozen=True)
class Person:
    """A person's canonical name parts. ``sex`` is ``"F"`` or ``"M"``."""

    given: str
    surname: str
    sex: str
    middle: str = ""
    suffix: str = ""

    @property
    def full(self) -> str:
        """``Given [Middle] Surname [Suffix]``."""
        parts = [self.given, self.middle, self.surname, self.suffix]
        return " ".join(p for p in parts if p)

    @property
    def last_first(self) -> str:
        """``Surname, Given``: the form export columns usually hold."""
        return f"{self.surname}, {self.given}"


@cache
def _faker(locale: str) -> Faker:
    """One Faker per locale per process (creating one costs ~10 ms); always re-seeded before use."""
    return Faker(locale)


class FakerBank:
    """Seeded access to Faker: every call re-seeds the locale's instance first.

    Determinism: :meth:`scope` sets a base seed; call *i* in a scope seeds Faker from
    ``(base, locale, i)``. Output depends only on the scope seed and the order of calls, never on
    what other generators did with the shared Faker instances before.
    """

    def __init__(self) -> None:
        self._base = 0
        self._calls = 0

    def scope(self, base: int) -> None:
        """Start a new seed scope (one per patient, one per report)."""
        self._base = base
        self._calls = 0

    def _seeded(self, locale: str) -> Faker:
        self._calls += 1
        fk = _faker(locale)
        fk.seed_instance(derive_seed(self._base, locale, self._calls))
        return fk

    def first_name(self, locale: str, sex: str) -> str:
        """A first name of ``sex`` from ``locale``."""
        fk = self._seeded(locale)
        return str(fk.first_name_female() if sex == "F" else fk.first_name_male())

    def last_name(self, locale: str) -> str:
        """A surname from ``locale``."""
        return str(self._seeded(locale).last_name())


@dataclass
class NameFactory:
    """Draws people whose every name token belongs to ``split``'s pool."""

    split: str
    fakers: FakerBank = field(default_factory=FakerBank)

    def _given_candidate(self, rng: random.Random, sex: str) -> str:
        source = pick_weighted(rng, (("own", 3.0), ("faker", 5.5), ("word", 1.2)))
        if source == "own":
            return rng.choice(pools.GIVEN_F if sex == "F" else pools.GIVEN_M)
        if source == "word":
            return rng.choice([n for n, s in pools.WORD_GIVEN if s == sex])
        return self.fakers.first_name(pick_weighted(rng, pools.FAKER_LOCALES), sex)

    def _surname_candidate(self, rng: random.Random) -> str:
        source = pick_weighted(rng, (("own", 3.0), ("faker", 5.5), ("word", 1.2)))
        if source == "own":
            return rng.choice(pools.SURNAMES)
        if source == "word":
            return rng.choice(pools.WORD_SURNAMES)
        locale = pick_weighted(rng, pools.FAKER_LOCALES + pools.SURNAME_ONLY_LOCALES)
        return self.fakers.last_name(locale)

    def _draw(self, rng: random.Random, make: object, fallback: tuple[str, ...]) -> str:
        for _ in range(60):
            cand = make()  # type: ignore[operator]
            if _is_latin_name(cand) and fits_split(cand, self.split):
                return str(cand)
        # The own pools always hold names of both partitions: take the first that fits.
        for cand in fallback:
            if fits_split(cand, self.split):
                return cand
        raise RuntimeError("name pools hold no name for this split")  # pragma: no cover

    def given(self, rng: random.Random, sex: str) -> str:
        """A given name for ``sex`` from the split's pool."""
        fallback = pools.GIVEN_F if sex == "F" else pools.GIVEN_M
        return self._draw(rng, lambda: self._given_candidate(rng, sex), fallback)

    def surname(self, rng: random.Random) -> str:
        """A surname from the split's pool."""
        return self._draw(rng, lambda: self._surname_candidate(rng), pools.SURNAMES)

    def person(
        self, rng: random.Random, sex: str | None = None, surname: str | None = None
    ) -> Person:
        """A new person; ``surname`` is reused for relatives sharing the family name."""
        sex = sex or rng.choice("FM")
        given = self.given(rng, sex)
        middle = ""
        r = rng.random()
        if r < 0.22:
            middle = self.given(rng, sex)
        elif r < 0.3:
            middle = self.surname(rng)
        suffix = ""
        if sex == "M" and rng.random() < 0.05:
            suffix = rng.choice(pools.NAME_SUFFIXES)
        sur = surname if surname is not None else self.surname(rng)
        if rng.random() < 0.04 and surname is None:
            second = self.surname(rng)
            if "-" not in sur and " " not in sur and "-" not in second and " " not in second:
                sur = f"{sur}-{second}"
        person = Person(given, sur, sex, middle, suffix)
        if rng.random() < 0.45:
            folded = Person(fold_ascii(given), fold_ascii(sur), sex, fold_ascii(middle), suffix)
            if fits_split(folded.full, self.split):
                return folded
        return person


# --- rendering ---------------------------------------------------------------------------------

PATIENT_FORMS: tuple[tuple[str, float], ...] = (
    ("LAST, FIRST", 6),
    ("LAST, FIRST M", 3),
    ("Last, First", 5),
    ("Last, First M.", 2),
    ("First Last", 5),
    ("First M. Last", 2),
    ("FIRST LAST", 1.5),
    ("LAST,FIRST", 1.5),
    ("First Middle Last", 1),
    ("LAST FIRST", 0.5),
)
CLINICIAN_FORMS: tuple[tuple[str, float], ...] = (
    ("First Last", 8),
    ("First M. Last", 3),
    ("Last, First", 2),
    ("F. Last", 2),
    ("LAST, FIRST", 1),
    ("FIRST LAST", 1),
    ("First Middle Last", 0.6),
    ("Last", 0.01),
)
SHORT_FORMS: tuple[tuple[str, float], ...] = (("Last", 8), ("First Last", 2), ("F. Last", 1))


def _initial(part: str) -> str:
    return part[0].upper() if part else ""


def _typo(rng: random.Random, word: str) -> str:
    """A one-edit misspelling of ``word`` (swap, drop or double a letter)."""
    if len(word) < 4:
        return word
    i = rng.randint(1, len(word) - 2)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap" and word[i].isalpha() and word[i + 1].isalpha():
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop" and word[i].isalpha():
        return word[:i] + word[i + 1 :]
    if word[i].isalpha():
        return word[:i] + word[i] + word[i:]
    return word


def render(person: Person, form: str, rng: random.Random) -> str:
    """Render ``person`` in ``form`` (one of the ``*_FORMS`` names, or initials forms)."""
    g, s, m, x = person.given, person.surname, person.middle, person.suffix
    mi = _initial(m)
    if form == "Initials":
        return pick_weighted(
            rng,
            (
                (_initial(g) + mi + _initial(s), 2),
                (f"{_initial(g)}.{mi + '.' if mi else ''}{_initial(s)}.", 1),
                ((_initial(g) + _initial(s)).lower(), 0.3),
            ),
        )
    if form == "First":
        return g
    if form == "Last":
        return s
    if form in ("First M. Last", "First M Last") and not m:
        form = "First Last"
    if form in ("Last, First M.", "LAST, FIRST M") and not m:
        form = form.replace(" M.", "").replace(" M", "")
    if form == "First Middle Last" and not m:
        form = "First Last"
    sfx = f" {x}" if x else ""
    out = {
        "First Last": f"{g} {s}{sfx}",
        "First M. Last": f"{g} {mi}. {s}{sfx}",
        "First M Last": f"{g} {mi} {s}{sfx}",
        "First Middle Last": f"{g} {m} {s}{sfx}",
        "F. Last": f"{_initial(g)}. {s}{sfx}",
        "Last, First": f"{s}{sfx}, {g}",
        "Last, First M.": f"{s}{sfx}, {g} {mi}.",
        "LAST, FIRST": f"{s}{sfx}, {g}".upper(),
        "LAST, FIRST M": f"{s}, {g} {mi}{sfx}".upper(),
        "LAST,FIRST": f"{s},{g}{sfx}".upper(),
        "FIRST LAST": f"{g} {s}{sfx}".upper(),
        "LAST FIRST": f"{s} {g}".upper(),
    }.get(form)
    if out is None:
        raise ValueError(f"unknown name form {form!r}")
    return out


def render_checked(
    person: Person,
    forms: tuple[tuple[str, float], ...],
    rng: random.Random,
    split: str,
    *,
    typo_p: float = 0.0,
    lower_p: float = 0.0,
) -> str:
    """Render with a form drawn from ``forms``, maybe a typo or lower-casing; always split-safe."""
    for _ in range(8):
        text = render(person, pick_weighted(rng, forms), rng)
        if typo_p and rng.random() < typo_p:
            words = text.split(" ")
            # only real words get typos (never initials like 'J.W.B.')
            candidates = [k for k, w in enumerate(words) if "." not in w and len(w) >= 4]
            if candidates:
                j = max(candidates, key=lambda k: len(words[k]))
                words[j] = _typo(rng, words[j])
                text = " ".join(words)
        if lower_p and rng.random() < lower_p:
            text = text.lower()
        if fits_split(text, split):
            return text
    return render(person, "First Last", rng)
