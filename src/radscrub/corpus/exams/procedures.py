"""Fluoroscopy studies and interventional radiology procedures."""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

import random

from radscrub.corpus.exams.common import ExamContent, ExamContext, pick, side


def fluoro(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Barium/contrast fluoroscopy with fluoroscopy time and air kerma (not PHI)."""
    ft = rng.uniform(0.6, 6.5)
    kerma = rng.uniform(4, 90)
    kind = rng.choice(("esophagram", "ugi", "enema", "swallow"))
    title, ind, finding, imp = {
        "esophagram": (
            "FL ESOPHAGRAM DOUBLE CONTRAST",
            "dysphagia",
            "Thin Schatzki ring at the gastroesophageal junction, causing transient holdup of a 13 mm barium tablet. Small sliding hiatal hernia.",
            "Schatzki ring and small hiatal hernia.",
        ),
        "ugi": (
            "FL UPPER GI SERIES WITH SMALL BOWEL FOLLOW THROUGH",
            "abdominal pain, post Nissen fundoplication",
            "Intact Nissen fundoplication wrap. Contrast reached the cecum at 95 minutes. Normal terminal ileum.",
            "Intact fundoplication. Normal small bowel follow-through.",
        ),
        "enema": (
            "FL CONTRAST ENEMA",
            "evaluate anastomosis before ostomy reversal",
            "Water-soluble contrast fills the Hartmann pouch without leak. No stricture.",
            "No anastomotic leak or stricture.",
        ),
        "swallow": (
            "FL MODIFIED BARIUM SWALLOW",
            "dysphagia after stroke",
            "Penetration with thin liquids, cleared spontaneously. Posterior pharyngeal (Zenker) diverticulum measuring 1.8 cm.",
            "Laryngeal penetration with thin liquids. Zenker diverticulum.",
        ),
    }[kind]
    return ExamContent("fluoro", "RF", title, ind, f"Fluoroscopy time {ft:.1f} minutes. Air kerma {kerma:.1f} mGy. {rng.choice((150, 200, 250, 300))} mL barium administered orally." if kind != "enema" else f"Fluoroscopy time {ft:.1f} minutes. Cumulative air kerma {kerma:.1f} mGy.", (("", finding),), (imp,))  # fmt: skip


_PROCS = (
    (
        "IR PICC LINE PLACEMENT",
        "long-term antibiotics",
        "Using ultrasound guidance, the {s} basilic vein was accessed with a 21-gauge needle. A 5 French double-lumen PICC, trimmed to 42 cm, was advanced with tip at the cavoatrial junction.",
        "Successful placement of a 42 cm 5 French double-lumen PICC with tip at the cavoatrial junction. Ready for use.",
    ),
    (
        "IR PORT PLACEMENT CHEST",
        "chemotherapy access",
        "The {s} internal jugular vein was accessed under ultrasound guidance. A single-lumen Port-a-Cath was placed in a subcutaneous pocket over the {s} chest wall; tip at the cavoatrial junction.",
        "Successful placement of a {s} chest port. Ready for use.",
    ),
    (
        "US GUIDED PARACENTESIS",
        "cirrhosis with tense ascites",
        "Under ultrasound guidance, a 5 French Yueh catheter was placed in the {s} lower quadrant. {v} L of straw-colored fluid was removed. 25 g albumin was given.",
        "Successful paracentesis with removal of {v} L.",
    ),
    (
        "US GUIDED THORACENTESIS",
        "pleural effusion",
        "A {s} thoracentesis yielded {v} L of serosanguineous fluid. Post-procedure chest radiograph showed no pneumothorax.",
        "Successful {s} thoracentesis, {v} L removed; samples sent to the lab.",
    ),
    (
        "CT GUIDED LUNG BIOPSY",
        "spiculated nodule",
        "Using CT guidance, a 19-gauge coaxial needle was advanced into the {s} upper lobe nodule and four 20-gauge core samples were obtained. Small post-biopsy pneumothorax, stable on delayed imaging.",
        "Successful CT-guided biopsy. Small stable pneumothorax.",
    ),
    (
        "IR IVC FILTER PLACEMENT",
        "DVT with contraindication to anticoagulation",
        "Right common femoral venous access. Cavogram demonstrated a 21 mm infrarenal IVC without thrombus. A retrievable IVC filter was deployed with apex at L1.",
        "Successful placement of a retrievable infrarenal IVC filter. Consider retrieval when anticoagulation can be started.",
    ),
    (
        "IR PERCUTANEOUS NEPHROSTOMY",
        "obstructing stone, sepsis",
        "The {s} kidney was accessed under ultrasound and fluoroscopic guidance through a lower pole posterior calyx; an 8.5 French locking pigtail drain was placed.",
        "Successful {s} percutaneous nephrostomy; purulent urine sent for culture.",
    ),
    (
        "IR UTERINE FIBROID EMBOLIZATION",
        "symptomatic fibroids",
        "Right femoral arterial access. Bilateral uterine arteries were selectively catheterized and embolized with 500-700 micron microspheres to stasis.",
        "Successful bilateral uterine artery embolization.",
    ),
)


def ir(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """An interventional radiology procedure note (consent, timeout, sedation, complications)."""
    title, ind, body, imp = rng.choice(_PROCS)
    s = side(rng)
    vol = f"{rng.uniform(0.8, 6.5):.1f}"
    body, imp = body.format(s=s, v=vol), imp.format(s=s, v=vol)
    sedation = pick(rng, (f"Moderate sedation with {rng.choice((0.5, 1, 2))} mg midazolam and {rng.choice((25, 50, 75, 100))} mcg fentanyl; intraservice time {rng.randint(12, 60)} minutes.", "Local anesthesia with 1% lidocaine only.", "Monitored anesthesia care by the anesthesia team."))  # fmt: skip
    technique = f"Informed consent was obtained after discussion of risks, benefits and alternatives. A time-out was performed. {sedation} Fluoroscopy time {rng.uniform(0.2, 18):.1f} min."  # fmt: skip
    findings = (("Procedure", body), ("Complications", pick(rng, ("None immediate.", "None.", "No immediate complications. Estimated blood loss minimal."))))  # fmt: skip
    extra = pick(rng, ("The patient tolerated the procedure well and left the department in stable condition.", "Post-procedure orders were placed; the primary team will follow up.", ""))  # fmt: skip
    return ExamContent("ir", "XA", title, ind, technique, findings, (imp, extra) if extra else (imp,))  # fmt: skip
