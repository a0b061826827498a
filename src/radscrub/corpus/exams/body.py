"""CT abdomen/pelvis and MRI prostate (PI-RADS, Gleason: scores are not PHI)."""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

import random

from radscrub.corpus.exams.common import (
    ExamContent,
    ExamContext,
    cm,
    creatinine,
    ct_dose,
    dims,
    iv_contrast,
    mm,
    pick,
    series_image,
    side,
)

_ORGANS_NORMAL: dict[str, tuple[str, ...]] = {
    "Liver": (
        "Normal in size and attenuation. No focal lesion.",
        "Diffusely hypoattenuating, compatible with hepatic steatosis.",
        "Nodular contour with caudate hypertrophy, compatible with cirrhosis. Riedel lobe configuration.",
    ),
    "Gallbladder/biliary": (
        "Gallbladder is unremarkable. No biliary ductal dilatation.",
        "Cholelithiasis without CT evidence of cholecystitis.",
        "Status post cholecystectomy. Common bile duct measures 7 mm, within normal limits post cholecystectomy.",
    ),
    "Pancreas": (
        "Normal.",
        "Fatty atrophy of the pancreas. No ductal dilatation.",
        "Status post Whipple procedure with intact pancreaticojejunostomy.",
    ),
    "Spleen": ("Normal in size.", "Splenomegaly, 15.2 cm craniocaudal.", "Small splenule."),
    "Adrenals": (
        "Normal.",
        "Left adrenal nodule measuring 1.6 cm with attenuation of 8 HU, compatible with lipid-rich adenoma.",
    ),
    "Kidneys/ureters": (
        "Symmetric enhancement. No hydronephrosis.",
        "Bilateral simple renal cysts (Bosniak 1), no follow-up needed.",
        "Punctate nonobstructing left lower pole calculus.",
        "Bosniak 2F cystic lesion of the right kidney with thin septation.",
        "Absent left kidney, status post nephrectomy for Wilms tumor in childhood. Compensatory hypertrophy of the right kidney.",
    ),
    "Bladder": (
        "Unremarkable.",
        "Decompressed around a Foley catheter.",
        "Mild diffuse wall thickening.",
    ),
    "Reproductive": (
        "Prostate is enlarged, measuring 5.4 cm transverse.",
        "Uterus and adnexa unremarkable.",
        "Nabothian cysts of the cervix. Small amount of free fluid in the pouch of Douglas.",
    ),
    "Bowel": (
        "No bowel obstruction. Normal appendix.",
        "Sigmoid diverticulosis without diverticulitis.",
        "Status post Roux-en-Y gastric bypass without evidence of internal hernia.",
        "Small Meckel diverticulum suspected in the distal ileum.",
    ),
    "Vessels": (
        "Normal caliber abdominal aorta with atherosclerotic calcification.",
        "Infrarenal abdominal aortic aneurysm measuring 3.6 cm.",
        "Greenfield-type IVC filter in expected infrarenal position.",
    ),
    "Lymph nodes": (
        "No lymphadenopathy.",
        "Prominent mesenteric lymph nodes up to 8 mm short axis, likely reactive.",
    ),
    "Peritoneum": (
        "No free air or ascites.",
        "Small volume ascites in Morison pouch and the pelvis.",
        "Fat-containing Spigelian hernia on the right.",
    ),
    "Bones/soft tissues": (
        "Degenerative changes of the lumbar spine. L5-S1 disc space narrowing.",
        "Bilateral L5 pars defects without listhesis.",
        "Sclerotic lesion in the L3 vertebral body, likely bone island.",
    ),
}

_ABNORMAL: tuple[tuple[str, str, str, str, str], ...] = (
    # (organ, finding, impression, critical, indication)
    (
        "Bowel",
        "Dilated appendix measuring {d} mm with wall hyperenhancement and periappendiceal fat stranding. Appendicolith at the base.",
        "Acute appendicitis without perforation or abscess.",
        "appendicitis",
        "right lower quadrant pain",
    ),
    (
        "Bowel",
        "Segmental wall thickening of the terminal ileum over {l} cm with mucosal hyperenhancement and comb sign, compatible with active Crohn disease.",
        "Active terminal ileitis compatible with Crohn disease. No abscess or fistula.",
        "",
        "known Crohn disease with abdominal pain",
    ),
    (
        "Bowel",
        "Sigmoid colon wall thickening with pericolonic inflammation and a {d} mm extraluminal gas and fluid collection.",
        "Acute complicated sigmoid diverticulitis with small abscess.",
        "",
        "left lower quadrant pain and fever",
    ),
    (
        "Bowel",
        "Multiple dilated small bowel loops up to {c} with transition point in the right lower quadrant; decompressed colon.",
        "High-grade small bowel obstruction.",
        "small bowel obstruction",
        "vomiting and distension",
    ),
    (
        "Peritoneum",
        "Pneumoperitoneum with free air anterior to the liver and along the falciform ligament.",
        "Pneumoperitoneum, concerning for hollow viscus perforation.",
        "free air",
        "acute abdominal pain",
    ),
    (
        "Kidneys/ureters",
        "{d} mm obstructing calculus at the {s} ureterovesical junction with moderate hydroureteronephrosis and perinephric stranding.",
        "Obstructing {s} UVJ calculus with moderate hydronephrosis.",
        "",
        "flank pain and hematuria",
    ),
    (
        "Liver",
        "Arterially enhancing {c} observation in hepatic segment {seg} with washout and capsule {si}.",
        "LI-RADS 5 observation in segment {seg}, consistent with hepatocellular carcinoma.",
        "",
        "cirrhosis, HCC surveillance",
    ),
    (
        "Pancreas",
        "Hypoenhancing {c} mass in the pancreatic head with upstream pancreatic ductal dilatation (double duct sign). Abutment of the SMV less than 180 degrees.",
        "Pancreatic head mass with double duct sign, concerning for adenocarcinoma.",
        "",
        "painless jaundice, weight loss",
    ),
    (
        "Lymph nodes",
        "Bulky retroperitoneal and mesenteric lymphadenopathy, largest {dims}.",
        "Bulky lymphadenopathy; in this patient with Hodgkin lymphoma, compatible with active disease.",
        "",
        "Hodgkin lymphoma restaging",
    ),
    (
        "Kidneys/ureters",
        "Heterogeneously enhancing {c} {s} renal mass with extension into the renal vein.",
        "{S} renal mass with renal vein tumor thrombus, most consistent with renal cell carcinoma.",
        "",
        "hematuria",
    ),
)


def ct_abdomen_pelvis(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """CT abdomen and pelvis, organ-by-organ."""
    contrast = rng.random() < 0.75
    title = pick(rng, ("CT ABDOMEN AND PELVIS WITH CONTRAST", "CT ABD/PELVIS W IV CONTRAST", "CT A/P WITH CONTRAST")) if contrast else pick(rng, ("CT ABDOMEN PELVIS WITHOUT CONTRAST", "CT ABD/PEL WO CONTRAST", "CT RENAL STONE PROTOCOL"))  # fmt: skip
    technique = f"Helical CT of the abdomen and pelvis {'with ' + iv_contrast(rng) + ' IV contrast in the portal venous phase' if contrast else 'without IV contrast'}{pick(rng, ('', ' and oral contrast', '. No oral contrast'))}. Multiplanar reformats. {ct_dose(rng)}"  # fmt: skip
    if contrast and rng.random() < 0.3:
        technique += " " + creatinine(rng)
    findings = [(organ, pick(rng, opts)) for organ, opts in _ORGANS_NORMAL.items()]
    if ctx.sex == "F":
        findings = [(o, t if o != "Reproductive" else pick(rng, _ORGANS_NORMAL[o][1:])) for o, t in findings]  # fmt: skip
    else:
        findings = [(o, t if o != "Reproductive" else _ORGANS_NORMAL[o][0]) for o, t in findings]
    impression: list[str] = []
    critical = ""
    indication = pick(rng, ("abdominal pain", "fever", "weight loss", "trauma", "staging", "nausea and vomiting"))  # fmt: skip
    if rng.random() < 0.65:
        organ, finding, imp, critical, indication = rng.choice(_ABNORMAL)
        s = side(rng)
        values = {"d": str(rng.randint(4, 14)), "l": str(rng.randint(8, 25)), "c": cm(rng, 1.2, 5.8), "s": s, "S": s.capitalize(), "seg": pick(rng, ("II", "IVa", "VI", "VII", "VIII", "5", "7")), "si": series_image(rng), "dims": dims(rng, 2, 7)}  # fmt: skip
        finding, imp = finding.format(**values), imp.format(**values)
        findings = [(o, finding if o == organ else t) for o, t in findings]
        impression.append(imp)
    for organ, text in findings:
        if organ == "Vessels" and "aneurysm" in text:
            impression.append("Infrarenal abdominal aortic aneurysm, 3.6 cm. Recommend follow-up ultrasound in 2-3 years.")  # fmt: skip
    if not impression:
        impression.append(pick(rng, ("No acute abnormality in the abdomen or pelvis.", "No acute intra-abdominal process.", "No CT evidence of an acute abnormality to explain the patient's pain.")))  # fmt: skip
    if ctx.has_prior and rng.random() < 0.5:
        impression.append(pick(rng, ("Otherwise no significant interval change.", "Remaining findings are stable compared to prior.")))  # fmt: skip
    return ExamContent("ct_abdomen_pelvis", "CT", title, indication, technique, tuple(findings), tuple(impression), critical)  # fmt: skip


def mri_prostate(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Multiparametric MRI prostate with PI-RADS v2.1."""
    title = pick(rng, ("MRI PROSTATE WITH AND WITHOUT CONTRAST", "MR PROSTATE MULTIPARAMETRIC", "MRI PELVIS PROSTATE W WO"))  # fmt: skip
    psa = rng.uniform(2.5, 24.0)
    vol = rng.uniform(25, 110)
    technique = f"Multiparametric MRI of the prostate at 3T without endorectal coil including T2, DWI (b-values 50, 800, 1400), ADC and DCE after {rng.choice((7, 8, 9, 10))} mL gadobutrol."  # fmt: skip
    score = rng.choice((2, 3, 4, 4, 5))
    zone = pick(rng, ("left posterolateral peripheral zone at the mid gland", "right anterior transition zone at the apex", "left peripheral zone at the base", "right posteromedial peripheral zone"))  # fmt: skip
    findings = (
        (
            "Prostate",
            f"Gland measures {dims(rng, 3.5, 6.0)} (volume {vol:.0f} mL). PSA density {psa / vol:.2f} ng/mL/mL.",
        ),
        (
            "Lesion",
            f"{mm(rng, 6, 21)} lesion in the {zone} with markedly hypointense ADC (mean ADC {rng.randint(550, 1000)}) and early enhancement. {'Focal capsular bulge without definite extraprostatic extension.' if score == 5 else 'No extraprostatic extension.'}"
            if score >= 3
            else "No focal lesion suspicious for clinically significant cancer.",
        ),
        (
            "Seminal vesicles/nodes/bones",
            pick(
                rng,
                (
                    "Seminal vesicles are unremarkable. No pelvic lymphadenopathy. No suspicious osseous lesion.",
                    "Bilateral seminal vesicles are normal. Small bilateral external iliac lymph nodes, not enlarged.",
                ),
            ),
        ),
    )
    impression = (f"PI-RADS {score}: {'clinically significant cancer is ' + ('highly likely' if score == 5 else 'likely' if score == 4 else 'equivocal') if score >= 3 else 'low likelihood of clinically significant cancer'}.",)  # fmt: skip
    history = pick(rng, (f"elevated PSA {psa:.1f} ng/mL", f"PSA {psa:.1f}, prior biopsy Gleason 3+4=7 in 2 of 12 cores", "active surveillance, Gleason 3+3=6", f"rising PSA, {psa:.1f} ng/mL"))  # fmt: skip
    return ExamContent("mri_prostate", "MR", title, history, technique, findings, impression)
