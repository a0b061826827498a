"""Mammography (screening, diagnostic, with tomosynthesis) with BI-RADS assessment."""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

import random

from radscrub.corpus.exams.common import ExamContent, ExamContext, cm, pick, prior_word, side

_DENSITY = (
    ("A", "The breasts are almost entirely fatty."),
    ("B", "There are scattered areas of fibroglandular density."),
    ("C", "The breasts are heterogeneously dense, which may obscure small masses."),
    ("D", "The breasts are extremely dense, which lowers the sensitivity of mammography."),
)
_CLOCK = ("12", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")


def mammo(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Screening or diagnostic mammogram; BI-RADS categories are not PHI."""
    diagnostic = rng.random() < 0.35
    if diagnostic:
        s = side(rng)
        title = pick(rng, (f"MAMMO DIAGNOSTIC {s.upper()} WITH TOMOSYNTHESIS", f"DIAGNOSTIC MAMMOGRAM {s.upper()} BREAST", "MG DIAGNOSTIC BILATERAL W CAD"))  # fmt: skip
    else:
        s = ""
        title = pick(rng, ("MAMMO SCREENING BILATERAL WITH TOMOSYNTHESIS", "SCREENING MAMMOGRAM BILATERAL 3D", "MG SCREENING BILATERAL DIGITAL W CAD", "BILATERAL SCREENING MAMMOGRAPHY"))  # fmt: skip
    letter, density = rng.choice(_DENSITY)
    technique = pick(rng, ("Standard CC and MLO views with digital breast tomosynthesis. Computer-aided detection was utilized.", "Bilateral CC and MLO 2D synthesized and tomosynthesis images.", "Spot compression and ML views were obtained. Targeted ultrasound was performed."))  # fmt: skip
    findings: list[tuple[str, str]] = [("Breast composition", f"{letter}. {density}")]
    impression: tuple[str, ...]
    if diagnostic:
        clock, dist = rng.choice(_CLOCK), rng.randint(1, 12)
        cat = rng.choice(("2", "3", "4A", "4B", "4C", "5"))
        findings.append(("Mammogram", f"A BB marker marks the palpable area of concern in the {s} breast at {clock}:00. {pick(rng, ('Irregular spiculated mass', 'Oval circumscribed mass', 'Focal asymmetry', 'Group of fine pleomorphic calcifications'))} measuring {cm(rng, 0.5, 3.2)} at {clock} o'clock, {dist} cm from the nipple."))  # fmt: skip
        findings.append(("Ultrasound", f"Targeted ultrasound at {clock}:00, {dist} cm FN: {pick(rng, ('irregular hypoechoic mass with angular margins and posterior shadowing', 'oval circumscribed anechoic cyst with posterior enhancement', 'parallel oval hypoechoic mass with circumscribed margins'))}."))  # fmt: skip
        impression = (f"BI-RADS {cat}: {'Benign' if cat == '2' else 'Probably benign' if cat == '3' else 'Suspicious' if cat.startswith('4') else 'Highly suggestive of malignancy'}.", "Ultrasound-guided core biopsy is recommended." if cat.startswith(("4", "5")) else "Short-interval follow-up in 6 months." if cat == "3" else "Return to annual screening.")  # fmt: skip
    else:
        cat = rng.choices(("1", "2", "0"), weights=(5, 3, 1))[0]
        if cat == "0":
            findings.append(("Findings", f"Possible focal asymmetry in the {side(rng)} breast upper outer quadrant, seen on the CC view only."))  # fmt: skip
            impression = ("BI-RADS 0: Incomplete. Need additional imaging evaluation.", "Recall for diagnostic mammogram and possible ultrasound.")  # fmt: skip
        else:
            findings.append(("Findings", pick(rng, ("No suspicious masses, calcifications, or architectural distortion.", "Scattered benign-appearing calcifications bilaterally. Stable circumscribed mass in the left breast" + (prior_word(rng, ctx) or "") + ".", "Bilateral retropectoral silicone implants, intact. Implant-displaced views obtained."))))  # fmt: skip
            impression = (f"BI-RADS {cat}: {'Negative' if cat == '1' else 'Benign'}.", "Recommend annual screening mammography.")  # fmt: skip
    if letter in "CD" and rng.random() < 0.6:
        impression += ("Patient notified of dense breast tissue as required by state law; supplemental screening MRI or ultrasound may be considered.",)  # fmt: skip
    return ExamContent("mammo", "MG", title, pick(rng, ("routine screening", "palpable lump", "screening, family history of breast cancer in mother", "nipple discharge", "focal breast pain", "callback from screening")), technique, tuple(findings), impression)  # fmt: skip
