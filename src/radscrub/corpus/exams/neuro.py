"""CT head, CTA head/neck, MRI brain and MRI spine."""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

import random

from radscrub.corpus.exams.common import (
    ExamContent,
    ExamContext,
    cm,
    ct_dose,
    iv_contrast,
    mm,
    pick,
    prior_word,
    series_image,
    side,
)


def ct_head(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Non-contrast CT head."""
    title = pick(rng, ("CT HEAD WITHOUT CONTRAST", "CT BRAIN WO CONTRAST", "CT HEAD W/O", "CT HEAD STROKE PROTOCOL NONCONTRAST", "CT HEAD/BRAIN NON-CON"))  # fmt: skip
    technique = f"Contiguous axial images of the head were obtained without IV contrast. Sagittal and coronal reformats. {ct_dose(rng)}"  # fmt: skip
    findings: list[tuple[str, str]] = []
    impression: list[str] = []
    critical = ""
    scen = rng.choices(("normal", "atrophy", "sdh", "stroke", "ich"), weights=(4, 3, 1, 1, 0.7))[0]
    if scen == "sdh":
        s = side(rng)
        th = rng.randint(3, 14)
        shift = rng.randint(0, 8)
        findings.append(("Extra-axial", f"{s.capitalize()} holohemispheric {pick(rng, ('acute', 'mixed density acute on chronic', 'subacute'))} subdural hematoma measuring up to {th} mm in thickness with {shift} mm of leftward midline shift." if s == "right" else f"Left convexity subdural hematoma measuring {th} mm with {shift} mm rightward midline shift."))  # fmt: skip
        impression.append(f"{s.capitalize()} subdural hematoma, {th} mm, with {shift} mm midline shift.")  # fmt: skip
        critical = "subdural hematoma"
    elif scen == "ich":
        vol = rng.uniform(4, 40)
        findings.append(("Parenchyma", f"Intraparenchymal hemorrhage in the {side(rng)} basal ganglia measuring {cm(rng, 1.5, 4.5)} (estimated volume {vol:.0f} mL) with surrounding vasogenic edema. Intraventricular extension."))  # fmt: skip
        impression.append("Acute intraparenchymal hemorrhage with intraventricular extension.")
        critical = "intracranial hemorrhage"
    elif scen == "stroke":
        aspects = rng.randint(6, 10)
        findings.append(("Parenchyma", f"Loss of gray-white matter differentiation in the {side(rng)} MCA territory involving the insular ribbon. Hyperdense {side(rng)} MCA sign. ASPECTS {aspects}."))  # fmt: skip
        impression.append(f"Early acute {side(rng)} MCA territory infarct, ASPECTS {aspects}. No hemorrhage.")  # fmt: skip
        critical = "acute infarct"
    elif scen == "atrophy":
        findings.append(("Parenchyma", "Generalized parenchymal volume loss with ex vacuo dilatation of the ventricles. Patchy periventricular and subcortical white matter hypoattenuation, likely chronic small vessel ischemic change. Prominent Virchow-Robin spaces."))  # fmt: skip
        impression.append("No acute intracranial abnormality. Chronic microvascular ischemic change and age-related volume loss.")  # fmt: skip
    else:
        findings.append(("Parenchyma", "Gray-white matter differentiation is preserved. No mass effect, midline shift, or hydrocephalus. No acute hemorrhage."))  # fmt: skip
        impression.append(pick(rng, ("No acute intracranial abnormality.", "Negative noncontrast head CT.", "No acute intracranial process.")))  # fmt: skip
    findings.append(("Ventricles/cisterns", pick(rng, ("Ventricles and basal cisterns are normal in size and configuration. The foramen of Monro is patent.", "Ventricles are proportionate to sulci.", "Mild ventriculomegaly, stable."))))  # fmt: skip
    findings.append(("Skull/sinuses", pick(rng, ("Calvarium is intact. Mastoid air cells and paranasal sinuses are clear.", f"Mucosal thickening in the {side(rng)} maxillary sinus. Small Tornwaldt cyst.", "Hyperostosis frontalis interna. Orbits are unremarkable.", "Chiari I malformation with cerebellar tonsillar ectasia of 6 mm below the foramen magnum."))))  # fmt: skip
    return ExamContent(
        "ct_head", "CT", title, pick(rng, ("fall on anticoagulation", "headache", "altered mental status", "code stroke, last known well 2 hours ago, BP 190/100", "syncope", "head trauma after MVC", "dizziness")),
        technique, tuple(findings), tuple(impression), critical,
    )  # fmt: skip


def cta_head_neck(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """CT angiography of the head and neck."""
    title = pick(rng, ("CTA HEAD AND NECK", "CT ANGIOGRAM HEAD/NECK W CONTRAST", "CTA NECK", "CTA HEAD W WO CONTRAST"))  # fmt: skip
    technique = f"CTA of the head and neck after {iv_contrast(rng)}. MIP and 3D reformats. Stenosis measured by NASCET criteria. {ct_dose(rng)}"  # fmt: skip
    pct = rng.choice((20, 30, 40, 50, 60, 70, 80, 90))
    s = side(rng)
    findings: tuple[tuple[str, str], ...] = (
        ("Neck", f"Mixed calcified and noncalcified plaque at the {s} carotid bifurcation with approximately {pct}% stenosis of the proximal ICA. Contralateral ICA with less than 50% stenosis. Vertebral arteries are codominant and patent."),
        ("Head", pick(rng, ("Circle of Willis is intact. No large vessel occlusion. No aneurysm greater than 2 mm.", f"Occlusion of the {side(rng)} M1 segment with moderate collateral filling.", f"{mm(rng, 3, 7)} saccular aneurysm arising from the anterior communicating artery."))),
    )  # fmt: skip
    critical = "large vessel occlusion" if "Occlusion" in findings[1][1] else ""
    impression = (f"{pct}% stenosis of the {s} proximal internal carotid artery (NASCET).", findings[1][1].split(".")[0] + ".")  # fmt: skip
    return ExamContent("cta_head_neck", "CT", title, pick(rng, ("TIA", "code stroke", "amaurosis fugax", "carotid bruit")), technique, findings, impression, critical)  # fmt: skip


def mri_brain(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """MRI brain with or without gadolinium."""
    gad = rng.random() < 0.6
    title = pick(rng, ("MRI BRAIN WITH AND WITHOUT CONTRAST", "MR BRAIN W WO GADOLINIUM", "MRI HEAD W/WO")) if gad else pick(rng, ("MRI BRAIN WITHOUT CONTRAST", "MR BRAIN WO", "MRI BRAIN STROKE PROTOCOL"))  # fmt: skip
    dose = rng.choice((5, 6, 7, 7.5, 8, 10, 15))
    technique = "Multiplanar multisequence MR imaging of the brain" + (f" before and after {dose} mL {pick(rng, ('gadobutrol (Gadavist)', 'Dotarem', 'MultiHance', 'ProHance'))}." if gad else " without contrast.") + " Sequences include sagittal T1, axial T2, FLAIR, DWI/ADC, SWI."  # fmt: skip
    findings: list[tuple[str, str]] = []
    impression: list[str] = []
    scen = rng.choices(
        ("normal", "smallvessel", "ms", "mass", "stroke"), weights=(3, 3, 1.5, 1, 1)
    )[0]
    if scen == "ms":
        n = rng.randint(4, 25)
        findings.append(("White matter", f"Approximately {n} ovoid T2/FLAIR hyperintense lesions oriented perpendicular to the lateral ventricles (Dawson fingers), including juxtacortical and infratentorial lesions. {'One lesion in the ' + side(rng) + ' centrum semiovale demonstrates enhancement.' if gad else ''}".strip()))  # fmt: skip
        impression.append("White matter lesions in a distribution typical of demyelinating disease" + (prior_word(rng, ctx) or "") + ".")  # fmt: skip
    elif scen == "mass":
        findings.append(("Parenchyma", f"{'Enhancing' if gad else 'T2 hyperintense'} extra-axial mass along the {side(rng)} {pick(rng, ('frontal convexity', 'sphenoid wing', 'tentorium'))} measuring {cm(rng, 1.0, 4.2)} with dural tail {series_image(rng)}."))  # fmt: skip
        impression.append("Extra-axial mass most consistent with meningioma.")
    elif scen == "stroke":
        findings.append(("Diffusion", f"Restricted diffusion in the {side(rng)} {pick(rng, ('corona radiata', 'thalamus', 'cerebellar hemisphere', 'posterior limb of the internal capsule'))} with corresponding ADC hypointensity."))  # fmt: skip
        impression.append("Acute infarct as described.")
    elif scen == "smallvessel":
        findings.append(("White matter", "Scattered and confluent periventricular and deep white matter T2/FLAIR hyperintensities (Fazekas grade 2). Few chronic microhemorrhages on SWI."))  # fmt: skip
        impression.append("Moderate chronic small vessel ischemic disease. No acute infarct.")
    else:
        findings.append(("Parenchyma", "Normal gray and white matter signal. No restricted diffusion. No abnormal enhancement." if gad else "Normal gray and white matter signal. No restricted diffusion."))  # fmt: skip
        impression.append("Normal MRI of the brain.")
    findings.append(("Other", pick(rng, ("Pituitary gland is normal in size. Small Rathke cleft cyst.", "Cerebellar tonsils are normally positioned. No Chiari malformation.", "Paranasal sinuses clear. Mastoids clear.", "Partially empty sella. Otherwise normal sellar region."))))  # fmt: skip
    return ExamContent("mri_brain", "MR", title, pick(rng, ("headache", "seizure", "multiple sclerosis follow-up", "memory loss, evaluate for Alzheimer or Parkinson disease", "vertigo", "visual changes", "known meningioma")), technique, tuple(findings), tuple(impression))  # fmt: skip


def _pair(level: str) -> tuple[str, str]:
    """('C6', 'C7') for 'C6-7'; ('L4', 'L5') for 'L4-L5'."""
    upper, lower = level.replace("/", "-").split("-")
    return upper, lower if lower[0].isalpha() else upper[0] + lower


def mri_spine(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """MRI cervical or lumbar spine with level-by-level findings (levels are not PHI)."""
    region = pick(rng, ("CERVICAL", "LUMBAR", "LUMBAR", "THORACIC"))
    title = f"MRI {region} SPINE {pick(rng, ('WITHOUT CONTRAST', 'WO CONTRAST', 'W/O', 'W WO CONTRAST'))}"  # fmt: skip
    technique = f"Sagittal T1, T2, STIR and axial T2 images of the {region.lower()} spine."
    levels: tuple[str, ...]
    if region == "CERVICAL":
        levels = ("C2-3", "C3-4", "C4-5", "C5-6", "C6-7", "C7-T1")
    elif region == "LUMBAR":
        levels = ("L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1")
    else:
        levels = ("T6-7", "T7-8", "T8-9", "T9-10", "T10-11", "T11-12")
    findings: list[tuple[str, str]] = [
        (
            "Alignment",
            pick(
                rng,
                (
                    "Normal alignment.",
                    f"Grade 1 anterolisthesis of {_pair(levels[-2])[0]} on {_pair(levels[-2])[1]}.",
                    "Straightening of the normal lordosis.",
                    "Mild levoscoliosis.",
                ),
            ),
        ),
        (
            "Vertebrae",
            pick(
                rng,
                (
                    "Vertebral body heights are maintained. No marrow edema.",
                    f"Type 2 Modic endplate changes at {rng.choice(levels)}.",
                    "Hemangioma in the T12 vertebral body.",
                    "Schmorl nodes at multiple levels.",
                ),
            ),
        ),
        (
            "Cord/conus",
            "The conus medullaris terminates at L1 and is normal in signal."
            if region == "LUMBAR"
            else "Normal cord caliber and signal.",
        ),
    ]
    impression: list[str] = []
    if rng.random() < 0.3:  # 'L4/5', 'C5/6': slash levels look like dates but are not
        levels = tuple(
            lvl.replace("-L", "/").replace("-S", "/S").replace("-", "/") for lvl in levels
        )
    worst = rng.sample(levels, k=min(len(levels), rng.randint(1, 3)))
    for lvl in levels:
        if lvl in worst:
            grade = pick(rng, ("mild", "moderate", "severe"))
            findings.append((lvl, f"{pick(rng, ('Disc bulge', 'Broad-based disc protrusion', 'Left paracentral disc extrusion', 'Right foraminal disc protrusion'))} with facet arthropathy causing {grade} spinal canal stenosis and {pick(rng, ('mild', 'moderate', 'severe'))} {pick(rng, ('bilateral', 'left', 'right'))} neural foraminal narrowing."))  # fmt: skip
            impression.append(f"{lvl}: {grade} spinal canal stenosis.")
        else:
            findings.append((lvl, "No significant canal or foraminal stenosis."))
    return ExamContent("mri_spine", "MR", title, pick(rng, ("low back pain radiating to the left leg", "neck pain with radiculopathy", "numbness", "failed conservative therapy", "myelopathy")), technique, tuple(findings), tuple(impression))  # fmt: skip
