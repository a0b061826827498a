"""The corpus generator: patients in order, each patient's reports in date order.

Output is a pure function of ``(n, seed, split)`` and the pinned Faker version: every random
choice comes from ``random.Random`` instances seeded by sha256 of (seed, split, patient, report),
and Faker instances are re-seeded per patient. The first k reports of a run with ``n > k`` are
identical to a run with ``n == k``.
"""

from __future__ import annotations

from collections.abc import Iterator

from radscrub.corpus.patients import make_patient
from radscrub.corpus.people import FakerBank, NameFactory
from radscrub.corpus.report import make_encounter, render_report
from radscrub.corpus.split import check_split, derive_rng, derive_seed
from radscrub.errors import ConfigError

GENERATOR_VERSION = "radscrub-synth/1"


def generate_reports(n: int, seed: int, split: str) -> Iterator[dict[str, object]]:
    """Yield ``n`` annotated synthetic reports as corpus records (see corpora/README.md)."""
    if n < 0:
        raise ConfigError(f"n must be >= 0, got {n}")
    check_split(split)
    names = NameFactory(split, FakerBank())
    produced = 0
    k = 0
    while produced < n:
        k += 1
        pid = f"rsyn-{split}-s{seed}-p{k:05d}"
        names.fakers.scope(derive_seed(GENERATOR_VERSION, seed, split, "faker", k))
        patient = make_patient(
            derive_rng(GENERATOR_VERSION, seed, split, "patient", k), names, pid, split
        )
        for index in range(len(patient.exams)):
            if produced >= n:
                break
            rng = derive_rng(GENERATOR_VERSION, seed, split, "report", k, index)
            names.fakers.scope(derive_seed(GENERATOR_VERSION, seed, split, "faker", k, index))
            enc = make_encounter(rng, split, names, patient, index)
            rendered = render_report(enc)
            produced += 1
            yield {
                "id": f"rsyn-{split}-{produced:06d}",
                "text": rendered.text,
                "spans": [s.to_json() for s in rendered.spans],
                "patient_id": pid,
                "split": split,
                "meta": {**rendered.meta, "generator": GENERATOR_VERSION, "seed": seed},
            }
