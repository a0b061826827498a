"""Fictional facilities and organisations composed from generic parts, split-partitioned.

A facility carries its own address, phone, fax and web domain so that a report's letterhead,
footer and email addresses agree with each other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from radscrub.corpus import pools, values
from radscrub.corpus.split import fits_split, pick_weighted


@dataclass(frozen=True)
class Facility:
    """A hospital, imaging centre or care facility (labelled HOSPITAL)."""

    name: str
    kind: str  # "hospital", "imaging_center", "care_facility"
    street: str
    city: str
    state: str
    zip: str
    phone: str
    fax: str
    domain: str
    short: str  # what staff call it ("Riverside", "St. Luke's")


def _hospital_name(rng: random.Random) -> tuple[str, str, str]:
    """``(full name, short name, distinctive core word)``."""
    form = pick_weighted(
        rng,
        (
            ("place", 5),
            ("saint", 3),
            ("university", 1.2),
            ("memorial", 1.5),
            ("va", 0.5),
            ("children", 0.5),
            ("city", 1.5),
        ),
    )
    if form == "saint":
        saint = rng.choice(pools.SAINTS)
        return f"St. {saint} {rng.choice(pools.HOSPITAL_NOUNS)}", f"St. {saint}", saint
    if form == "university":
        city = rng.choice(pools.CITIES)[0]
        return f"University of {city} Medical Center", f"{city} University", city
    if form == "memorial":
        word = rng.choice(pools.PLACE_WORDS)
        return f"{word} Memorial Hospital", word, word
    if form == "va":
        city = rng.choice(pools.CITIES)[0]
        return f"{city} VA Medical Center", f"{city} VA", city
    if form == "children":
        city = rng.choice(pools.CITIES)[0]
        return f"Children's Hospital of {city}", "Children's", city
    if form == "city":
        city = rng.choice(pools.CITIES)[0]
        return f"{city} {rng.choice(pools.HOSPITAL_NOUNS)}", city, city
    word = rng.choice(pools.PLACE_WORDS)
    return f"{word} {rng.choice(pools.HOSPITAL_NOUNS)}", word, word


def make_facility(rng: random.Random, split: str, kind: str = "hospital") -> Facility:
    """A facility whose distinctive word (place, saint, city) belongs to ``split``'s pool.

    Only the distinctive word is partitioned: generic nouns ("Medical Center") are shared.
    """
    for _ in range(60):
        if kind == "imaging_center":
            word = rng.choice(pools.PLACE_WORDS)
            name, short, core = f"{word} {rng.choice(pools.IMAGING_CENTER_NOUNS)}", word, word
        elif kind == "care_facility":
            word = rng.choice(pools.PLACE_WORDS)
            name, short, core = f"{word} {rng.choice(pools.CARE_FACILITY_NOUNS)}", word, word
        else:
            name, short, core = _hospital_name(rng)
        if fits_split(core, split):
            break
    city, state, zip_code = values.place(rng, split)
    return Facility(
        name=name,
        kind=kind,
        street=values.street_address(rng),
        city=city,
        state=state,
        zip=zip_code,
        phone=values.phone(rng),
        fax=values.phone(rng),
        domain=values.domain_for(short if rng.random() < 0.6 else name, rng),
        short=short,
    )


_ORG_NOUNS: dict[str, tuple[str, ...]] = {
    "group": pools.GROUP_NOUNS,
    "telerad": pools.TELERAD_NOUNS,
    "practice": pools.PRACTICE_NOUNS,
    "insurer": pools.INSURER_NOUNS,
    "employer": pools.EMPLOYER_NOUNS,
    "ems": pools.EMS_AGENCIES,
}


def make_org(rng: random.Random, split: str, kind: str) -> str:
    """An ORGANIZATION name of ``kind`` (group, telerad, practice, insurer, employer, ems).

    The distinctive first word (a place word or city) is partitioned by split like names.
    """
    nouns = _ORG_NOUNS[kind]
    for _ in range(60):
        core = rng.choice(pools.PLACE_WORDS) if rng.random() < 0.6 else rng.choice(pools.CITIES)[0]
        if fits_split(core, split):
            break
    return f"{core} {rng.choice(nouns)}"
