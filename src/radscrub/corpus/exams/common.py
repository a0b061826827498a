"""Shared pieces of exam content: the ExamContent record and small clinical-number helpers.

Exam content is plain text without PHI: findings carry the clinical numbers (sizes, levels,
scores, doses) that a de-identifier must leave alone.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ExamContext:
    """What an exam generator may know about the patient and the encounter."""

    sex: str
    age: int
    has_prior: bool
    setting: str  # "ED", "inpatient", "outpatient"


@dataclass(frozen=True)
class ExamContent:
    """One exam's clinical content; ``findings`` are (heading, text) pairs, heading may be ''."""

    family: str
    modality: str
    title: str
    indication: str
    technique: str
    findings: tuple[tuple[str, str], ...]
    impression: tuple[str, ...]
    critical: str = ""  # short name of a critical finding that must be communicated
    recommendation: str = ""


ExamMaker = Callable[[random.Random, ExamContext], ExamContent]

SIDES = ("right", "left")
LOBES = (
    "right upper lobe",
    "right middle lobe",
    "right lower lobe",
    "left upper lobe",
    "lingula",
    "left lower lobe",
)
CONTRASTS_IV = ("Omnipaque 350", "Omnipaque 300", "Isovue-370", "Isovue-300", "Visipaque 320")


def ordinal(n: int) -> str:
    """'1st', '2nd', '53rd', '11th'."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def cm(rng: random.Random, lo: float, hi: float) -> str:
    """A size in centimetres with one decimal, e.g. '2.3 cm'."""
    return f"{rng.uniform(lo, hi):.1f} cm"


def mm(rng: random.Random, lo: int, hi: int) -> str:
    """A size in millimetres, e.g. '6 mm'."""
    return f"{rng.randint(lo, hi)} mm"


def dims(rng: random.Random, lo: float, hi: float, n: int = 3) -> str:
    """Orthogonal dimensions, e.g. '2.1 x 1.8 x 1.5 cm'."""
    vals = sorted((rng.uniform(lo, hi) for _ in range(n)), reverse=True)
    return " x ".join(f"{v:.1f}" for v in vals) + " cm"


def series_image(rng: random.Random) -> str:
    """A PACS image reference: '(series 3, image 45)' and variants."""
    s, i = rng.randint(2, 9), rng.randint(8, 240)
    return rng.choice(
        (
            f"(series {s}, image {i})",
            f"(series {s} image {i})",
            f"(image {i} of series {s})",
            f"(se {s}, im {i})",
            f"(3:{i})" if s == 3 else f"({s}:{i})",
        )
    )


def side(rng: random.Random) -> str:
    """'right' or 'left'."""
    return rng.choice(SIDES)


def ct_dose(rng: random.Random) -> str:
    """A CT dose statement with CTDIvol and DLP."""
    ctdi = rng.uniform(3.0, 65.0)
    dlp = ctdi * rng.uniform(18, 60)
    return rng.choice(
        (
            f"CTDIvol: {ctdi:.1f} mGy. DLP: {dlp:.0f} mGy-cm.",
            f"Total DLP {dlp:.0f} mGy*cm; CTDIvol {ctdi:.2f} mGy.",
            f"Radiation dose: CTDIvol {ctdi:.1f} mGy, DLP {dlp:.1f} mGy-cm.",
            "Dose reduction techniques including automated exposure control and iterative "
            f"reconstruction were used. DLP {dlp:.0f} mGy-cm.",
        )
    )


def iv_contrast(rng: random.Random) -> str:
    """An IV contrast statement with agent and volume."""
    return f"{rng.choice((75, 80, 85, 90, 100, 100, 110, 125))} mL {rng.choice(CONTRASTS_IV)}"


def creatinine(rng: random.Random) -> str:
    """A renal function statement (lab values are not PHI)."""
    return rng.choice(
        (
            f"Creatinine {rng.uniform(0.6, 1.6):.1f} mg/dL.",
            f"eGFR {rng.randint(35, 110)} mL/min/1.73m2.",
            f"Point-of-care creatinine {rng.uniform(0.6, 1.4):.2f} mg/dL.",
        )
    )


def pick(rng: random.Random, options: tuple[str, ...]) -> str:
    """Alias of ``rng.choice`` for readability in content tables."""
    return rng.choice(options)


def prior_word(rng: random.Random, ctx: ExamContext) -> str:
    """'unchanged from prior' style phrase when there is a prior, else ''."""
    if not ctx.has_prior:
        return ""
    return rng.choice(
        (" unchanged from prior", ", stable", ", not significantly changed", ", similar to prior")
    )
