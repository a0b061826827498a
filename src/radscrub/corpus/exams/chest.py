"""Chest radiographs, CT chest and CT pulmonary angiography."""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

import random

from radscrub.corpus.exams.common import (
    LOBES,
    ExamContent,
    ExamContext,
    cm,
    creatinine,
    ct_dose,
    iv_contrast,
    mm,
    pick,
    prior_word,
    series_image,
    side,
)

CXR_TITLES = (
    "XR CHEST 1 VIEW", "XR CHEST 2 VIEWS PA AND LATERAL", "CHEST PA AND LATERAL",
    "PORTABLE CHEST", "CHEST X-RAY PORTABLE AP", "RADIOGRAPH CHEST 1V FRONTAL",
    "XR CHEST PA/LAT", "DX CHEST AP PORTABLE",
)  # fmt: skip
CXR_INDICATIONS = (
    "shortness of breath", "cough and fever", "chest pain", "hypoxia", "line placement",
    "post-intubation", "pneumonia follow-up", "preoperative evaluation", "fall", "weakness",
    "s/p chest tube placement", "CHF exacerbation", "rule out pneumothorax", "sepsis",
)  # fmt: skip


def cxr(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Chest radiograph: lines and tubes, lungs, pleura, heart, bones."""
    portable = ctx.setting != "outpatient" and rng.random() < 0.6
    title = pick(rng, CXR_TITLES[3:] if portable else CXR_TITLES[:3] + CXR_TITLES[6:7])
    technique = (
        "Single portable AP view of the chest."
        if portable
        else "PA and lateral views of the chest."
    )
    findings: list[tuple[str, str]] = []
    impression: list[str] = []
    critical = ""
    scenario = rng.choices(
        ("normal", "pneumonia", "chf", "effusion", "ptx", "lines", "nodule"),
        weights=(4, 2, 1.5, 1.5, 0.7, 1.5, 0.8),
    )[0]
    if scenario == "lines" or (portable and rng.random() < 0.4):
        ett = rng.uniform(2.0, 6.5)
        findings.append(
            ("Lines/tubes", f"Endotracheal tube tip is {ett:.1f} cm above the carina. "
             f"Enteric tube courses below the diaphragm with tip in the stomach. "
             f"{pick(rng, ('Right', 'Left'))} internal jugular central venous catheter tip "
             f"projects over the {pick(rng, ('cavoatrial junction', 'mid SVC', 'lower SVC'))}.")
        )  # fmt: skip
        impression.append(
            f"Support devices as above; endotracheal tube {ett:.1f} cm above the carina."
        )
    if scenario == "pneumonia":
        lobe = pick(rng, LOBES)
        findings.append(("Lungs", f"Patchy airspace opacity in the {lobe}, new{prior_word(rng, ctx) and ' since prior'}."))  # fmt: skip
        impression.append(f"{lobe.capitalize()} airspace opacity, compatible with pneumonia in the appropriate clinical setting.")  # fmt: skip
        if rng.random() < 0.4:
            impression.append("Follow-up radiographs in 6-8 weeks are suggested in the hope of documenting resolution.")  # fmt: skip
    elif scenario == "chf":
        findings.append(("Lungs", "Cephalization of the pulmonary vasculature with interstitial edema and Kerley B lines. Small bilateral pleural effusions."))  # fmt: skip
        impression.append("Findings compatible with mild to moderate pulmonary edema.")
    elif scenario == "effusion":
        s = side(rng)
        findings.append(("Pleura", f"{pick(rng, ('Small', 'Moderate', 'Large'))} {s} pleural effusion with adjacent basilar atelectasis. Blunting of the {s} costophrenic angle."))  # fmt: skip
        impression.append(f"{s.capitalize()} pleural effusion with basilar atelectasis.")
    elif scenario == "ptx":
        s = side(rng)
        size = rng.randint(1, 4)
        findings.append(("Pleura", f"{s.capitalize()} apical pneumothorax measuring approximately {size} cm. No mediastinal shift."))  # fmt: skip
        impression.append(f"{s.capitalize()} apical pneumothorax, approximately {size} cm.")
        critical = "pneumothorax"
    elif scenario == "nodule":
        findings.append(("Lungs", f"{cm(rng, 0.8, 2.4)} nodular opacity projecting over the {pick(rng, LOBES)}."))  # fmt: skip
        impression.append("Pulmonary nodule; recommend CT chest for further characterization.")
    else:
        findings.append(("Lungs", pick(rng, ("The lungs are clear.", "Lungs are well expanded and clear.", "No focal consolidation, pleural effusion, or pneumothorax."))))  # fmt: skip
    findings.append(("Heart/mediastinum", pick(rng, (
        "Cardiomediastinal silhouette is within normal limits.",
        "Heart size is mildly enlarged. Aortic knob calcification.",
        "Stable cardiomegaly. Median sternotomy wires are intact.",
        "The cardiac silhouette is normal in size. Mediastinal contours are unremarkable.",
    ))))  # fmt: skip
    findings.append(("Bones", pick(rng, (
        "No acute osseous abnormality.",
        "Degenerative changes of the thoracic spine.",
        f"Old healed {side(rng)} posterior rib fractures.",
        "Mild dextroscoliosis of the thoracic spine. Chronic T12 compression deformity.",
    ))))  # fmt: skip
    if not impression:
        impression.append(pick(rng, ("No acute cardiopulmonary process.", "No acute cardiopulmonary abnormality.", "Clear lungs.")))  # fmt: skip
    return ExamContent(
        "cxr", "CR", title, pick(rng, CXR_INDICATIONS), technique, tuple(findings),
        tuple(impression), critical,
    )  # fmt: skip


CT_CHEST_TITLES = (
    "CT CHEST WITH CONTRAST", "CT CHEST WITHOUT CONTRAST", "CT CHEST W/O IV CONTRAST",
    "CT CHEST LOW DOSE LUNG CANCER SCREENING", "CT THORAX WITH IV CONTRAST",
    "CT CHEST HIGH RESOLUTION",
)  # fmt: skip


def ct_chest(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """CT chest incl. lung-cancer screening with Lung-RADS and Fleischner language."""
    title = pick(rng, CT_CHEST_TITLES)
    screening = "SCREENING" in title
    contrast = "WITH CONTRAST" in title or "WITH IV" in title
    technique = (
        f"Axial CT images of the chest were obtained {'after administration of ' + iv_contrast(rng) + ' IV contrast' if contrast else 'without intravenous contrast'}. "
        f"Coronal and sagittal reformats were generated. {ct_dose(rng)}"
    )  # fmt: skip
    if contrast and rng.random() < 0.4:
        technique += " " + creatinine(rng)
    findings: list[tuple[str, str]] = []
    impression: list[str] = []
    nod_mm = rng.randint(3, 22)
    lobe = pick(rng, LOBES)
    kind = pick(rng, ("solid", "part-solid", "ground-glass", "calcified"))
    if rng.random() < 0.6:
        findings.append(("Lungs", f"{nod_mm} mm {kind} nodule in the {lobe} {series_image(rng)}{prior_word(rng, ctx)}. Mild centrilobular emphysema. Dependent atelectasis."))  # fmt: skip
        if screening:
            cat = "2" if nod_mm < 6 else ("3" if nod_mm < 8 else pick(rng, ("4A", "4B")))
            impression.append(f"Lung-RADS category {cat}. {nod_mm} mm {kind} nodule in the {lobe}.")  # fmt: skip
        elif kind == "calcified":
            impression.append(f"Calcified {lobe} granuloma. No suspicious pulmonary nodule.")
        else:
            impression.append(f"{nod_mm} mm {lobe} nodule. Per Fleischner Society 2017 guidelines, follow-up CT in {pick(rng, ('3 months', '6-12 months', '12 months'))} is recommended.")  # fmt: skip
    else:
        findings.append(("Lungs", pick(rng, ("No suspicious pulmonary nodule or mass. No consolidation.", "Bibasilar subpleural reticulation with traction bronchiectasis and honeycombing, lower lobe predominant.", "Scattered tree-in-bud nodularity in the right lower lobe."))))  # fmt: skip
        impression.append(pick(rng, ("No acute intrathoracic abnormality.", "Fibrotic interstitial lung disease in a UIP pattern.", "Findings suggestive of infectious bronchiolitis.")))  # fmt: skip
        if screening:
            impression.append("Lung-RADS category 1.")
    findings.append(("Mediastinum/hila", pick(rng, (
        "No mediastinal or hilar lymphadenopathy by size criteria.",
        f"Subcarinal lymph node measures {mm(rng, 8, 19)} in short axis.",
        "Thyroid is unremarkable. Esophagus is patulous. Small hiatal hernia.",
        f"Ascending aorta measures {cm(rng, 3.4, 4.6)}. Coronary artery calcifications.",
    ))))  # fmt: skip
    findings.append(("Pleura", pick(rng, ("No pleural effusion or pneumothorax.", f"Small {side(rng)} pleural effusion.", "Calcified pleural plaques, compatible with prior asbestos exposure."))))  # fmt: skip
    findings.append(("Upper abdomen", pick(rng, ("Limited images of the upper abdomen are unremarkable.", f"Hypodense {mm(rng, 4, 9)} liver lesion, too small to characterize.", "Cholelithiasis."))))  # fmt: skip
    findings.append(("Bones/soft tissues", pick(rng, (
        "No suspicious osseous lesion.",
        "Multilevel degenerative changes of the thoracic spine. Schmorl node at T8.",
        "Healed left posterior 7th and 8th rib fractures. Gynecomastia." if ctx.sex == "M" else "Bilateral breast implants.",
        f"Mild compression deformity of T{rng.randint(6, 12)}, chronic-appearing.",
    ))))  # fmt: skip
    return ExamContent(
        "ct_chest", "CT", title,
        pick(rng, ("lung cancer screening, 30 pack-year smoker", "cough", "nodule follow-up", "dyspnea", "weight loss", "abnormal chest radiograph", "interstitial lung disease")),
        technique, tuple(findings), tuple(impression),
    )  # fmt: skip


def cta_chest(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """CT pulmonary angiogram (PE protocol)."""
    title = pick(rng, ("CTA CHEST PE PROTOCOL", "CT ANGIOGRAM CHEST FOR PULMONARY EMBOLISM", "CTA PULMONARY ARTERIES", "CT CHEST ANGIOGRAPHY W CONTRAST"))  # fmt: skip
    technique = (
        f"CT angiography of the chest was performed following bolus administration of {iv_contrast(rng)}. "
        f"3D MIP reformations were performed on an independent workstation. {ct_dose(rng)}"
    )  # fmt: skip
    findings: list[tuple[str, str]] = []
    impression: list[str] = []
    critical = ""
    if rng.random() < 0.35:
        where = pick(rng, ("right main pulmonary artery extending into the lobar branches", "left lower lobe segmental and subsegmental arteries", "bilateral lobar and segmental pulmonary arteries", "saddle configuration at the main pulmonary artery bifurcation"))  # fmt: skip
        ratio = rng.uniform(0.8, 1.6)
        findings.append(("Pulmonary arteries", f"Filling defects in the {where}. RV/LV ratio {ratio:.2f}. {'Straightening of the interventricular septum.' if ratio > 1 else 'No CT evidence of right heart strain.'}"))  # fmt: skip
        impression.append(f"Acute pulmonary embolism involving the {where}.")
        if ratio > 1:
            impression.append(f"RV/LV ratio {ratio:.1f}, suggestive of right heart strain.")
        critical = "pulmonary embolism"
    else:
        findings.append(("Pulmonary arteries", "Adequate opacification of the pulmonary arteries to the subsegmental level. No filling defect."))  # fmt: skip
        impression.append("No pulmonary embolism.")
    findings.append(("Lungs", pick(rng, ("Mild bibasilar atelectasis.", f"Peripheral wedge-shaped opacity in the {pick(rng, LOBES)} which may represent infarct (Hampton hump).", "Clear lungs."))))  # fmt: skip
    findings.append(("Heart/vessels", pick(rng, ("Normal heart size. No pericardial effusion.", f"Main pulmonary artery measures {cm(rng, 2.6, 3.6)}.", "Three-vessel coronary calcification."))))  # fmt: skip
    return ExamContent(
        "cta_chest", "CT", title, pick(rng, ("pleuritic chest pain, elevated D-dimer", "tachycardia and hypoxia", "Wells score 6", "syncope", "PE suspected, high probability")),
        technique, tuple(findings), tuple(impression), critical,
    )  # fmt: skip
