"""Nuclear medicine (bone scan, HIDA, V/Q, thyroid uptake) and FDG PET-CT."""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

import random

from radscrub.corpus.exams.common import ExamContent, ExamContext, cm, ct_dose, pick, side


def nm(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """A general nuclear medicine study; doses in mCi/MBq are not PHI."""
    kind = pick(rng, ("bone", "hida", "vq", "uptake", "gastric"))
    if kind == "bone":
        dose = rng.uniform(20, 26)
        return ExamContent(
            "nm", "NM", pick(rng, ("NM BONE SCAN WHOLE BODY", "NM WHOLE BODY BONE SCINTIGRAPHY", "BONE SCAN WITH SPECT/CT")),
            pick(rng, ("prostate cancer staging", "breast cancer, bone pain", "elevated alkaline phosphatase")),
            f"{dose:.1f} mCi ({dose * 37:.0f} MBq) Tc-99m MDP was administered intravenously. Whole body images were obtained at 3 hours.",
            (("", pick(rng, ("Multiple foci of increased radiotracer uptake in the axial skeleton including T9, L2, the left iliac bone and several ribs.", "Symmetric physiologic uptake. Degenerative uptake at the knees and L4-L5 facets.", "Intense uptake in the right femoral diaphysis with a coarsened trabecular pattern on radiographs, compatible with Paget disease."))),
             ("", "Normal renal and bladder excretion.")),
            (pick(rng, ("Findings consistent with widespread osseous metastatic disease.", "No scintigraphic evidence of osseous metastatic disease.", "Monostotic Paget disease of the right femur.")),),
        )  # fmt: skip
    if kind == "hida":
        ef = rng.randint(8, 85)
        return ExamContent(
            "nm", "NM", "NM HEPATOBILIARY SCAN WITH CCK", "RUQ pain, equivocal ultrasound",
            f"{rng.uniform(4, 6):.1f} mCi Tc-99m mebrofenin IV. Sincalide {rng.choice((0.02, 0.01))} mcg/kg infused over 60 minutes.",
            (("", f"Prompt hepatic uptake. {'Gallbladder visualized at 25 minutes.' if ef > 20 else 'Non-visualization of the gallbladder at 4 hours; morphine augmentation performed.'} Small bowel activity by 30 minutes."),
             ("", f"Gallbladder ejection fraction {ef}% (normal greater than 38%).")),
            (f"{'Normal' if ef >= 38 else 'Decreased'} gallbladder ejection fraction of {ef}%.",),
        )  # fmt: skip
    if kind == "vq":
        return ExamContent(
            "nm", "NM", "NM LUNG VENTILATION PERFUSION SCAN", "PE suspected, contrast allergy",
            f"Ventilation with {rng.uniform(25, 35):.0f} mCi Xe-133 followed by perfusion with {rng.uniform(3, 5):.1f} mCi Tc-99m MAA.",
            (("", pick(rng, ("Matched ventilation and perfusion defects in the right lower lobe.", "Multiple segmental mismatched perfusion defects in both lungs.", "Normal perfusion."))),),
            (pick(rng, ("Low probability for pulmonary embolism (PIOPED II).", "High probability for pulmonary embolism.", "Normal perfusion; PE excluded.")),),
        )  # fmt: skip
    if kind == "uptake":
        u4, u24 = rng.uniform(5, 40), rng.uniform(15, 75)
        return ExamContent(
            "nm", "NM", "NM THYROID UPTAKE AND SCAN", "hyperthyroidism",
            f"{rng.uniform(200, 400):.0f} microCi I-123 orally; imaging with pinhole collimator at 24 hours.",
            (("", f"4-hour uptake {u4:.1f}% and 24-hour uptake {u24:.1f}% (normal 10-30%)."), ("", pick(rng, ("Diffusely increased homogeneous uptake.", f"Focal hot nodule in the {side(rng)} lobe with suppression of the remaining gland.")))),
            (pick(rng, ("Findings consistent with Graves disease.", "Toxic adenoma.", "Findings compatible with thyroiditis.")),),
        )  # fmt: skip
    t_half = rng.randint(45, 180)
    return ExamContent(
        "nm", "NM", "NM GASTRIC EMPTYING 4 HOUR", "nausea, early satiety, diabetes",
        f"Standardized egg meal labeled with {rng.uniform(0.5, 1.0):.1f} mCi Tc-99m sulfur colloid.",
        (("", f"Retention {rng.randint(20, 80)}% at 2 hours and {rng.randint(2, 25)}% at 4 hours. Half-emptying time {t_half} minutes."),),
        ("Delayed gastric emptying." if t_half > 120 else "Normal gastric emptying.",),
    )  # fmt: skip


def pet_ct(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """FDG PET-CT with SUVs and Deauville scores."""
    dose = rng.uniform(8, 15)
    glucose = rng.randint(78, 180)
    uptake_min = rng.randint(55, 85)
    technique = f"{dose:.1f} mCi F-18 FDG IV; blood glucose {glucose} mg/dL; uptake time {uptake_min} minutes. PET from skull base to mid-thigh with low-dose CT for attenuation correction. {ct_dose(rng)}"  # fmt: skip
    suv = rng.uniform(2.0, 22.0)
    liver = rng.uniform(1.8, 3.1)
    lymphoma = rng.random() < 0.4
    findings = (
        (
            "Head/neck",
            pick(
                rng,
                (
                    "Physiologic uptake. Symmetric brown fat uptake in the supraclavicular regions.",
                    "No hypermetabolic cervical lymph nodes.",
                    "Hypermetabolic left supraclavicular (Virchow) node, SUVmax 5.1.",
                ),
            ),
        ),
        (
            "Chest",
            f"{cm(rng, 1, 4.5)} {'mediastinal lymph node' if lymphoma else side(rng) + ' upper lobe mass'} with SUVmax {suv:.1f} (previously {suv * rng.uniform(0.6, 2.0):.1f}).",
        ),
        (
            "Abdomen/pelvis",
            pick(
                rng,
                (
                    f"Physiologic bowel and urinary activity. Liver SUVmean {liver:.1f}.",
                    "Hypermetabolic retroperitoneal nodes, SUVmax 6.2.",
                ),
            ),
        ),
        (
            "Musculoskeletal",
            pick(
                rng,
                (
                    "No hypermetabolic osseous lesions.",
                    "Diffuse marrow uptake, likely reactive after G-CSF.",
                ),
            ),
        ),
    )
    if lymphoma:
        impression = (f"Deauville score {rng.randint(1, 5)} in this patient with Hodgkin lymphoma.", pick(rng, ("Complete metabolic response.", "Partial metabolic response.", "Progressive metabolic disease.")))  # fmt: skip
    else:
        impression = (f"Hypermetabolic lung mass (SUVmax {suv:.1f}) consistent with known malignancy.", pick(rng, ("No distant metastatic disease.", "New hypermetabolic hepatic lesion, concerning for metastasis.")))  # fmt: skip
    return ExamContent("pet_ct", "PT", pick(rng, ("PET/CT FDG SKULL BASE TO MID THIGH", "NM PET CT WHOLE BODY INITIAL STAGING", "PET-CT FDG RESTAGING")), pick(rng, ("lung cancer staging", "Hodgkin lymphoma, interim assessment", "lymphoma restaging", "solitary pulmonary nodule")), technique, findings, impression)  # fmt: skip
