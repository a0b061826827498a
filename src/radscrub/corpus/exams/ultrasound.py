"""Ultrasound: abdomen, pelvis, obstetric, thyroid (TI-RADS) and venous duplex."""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

import random

from radscrub.corpus.exams.common import (
    ExamContent,
    ExamContext,
    cm,
    dims,
    mm,
    ordinal,
    pick,
    prior_word,
    side,
)


def us_abdomen(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Complete or RUQ abdominal ultrasound."""
    title = pick(rng, ("US ABDOMEN COMPLETE", "ULTRASOUND RIGHT UPPER QUADRANT", "US ABDOMEN LIMITED RUQ", "US LIVER WITH DOPPLER"))  # fmt: skip
    cbd = rng.uniform(2.0, 9.0)
    findings = [
        (
            "Liver",
            pick(
                rng,
                (
                    f"Measures {cm(rng, 13, 19)} in length. Normal echotexture.",
                    "Increased echogenicity compatible with steatosis.",
                    f"Coarsened nodular liver. {cm(rng, 1.0, 2.5)} hypoechoic lesion in the right lobe.",
                ),
            ),
        ),
        (
            "Gallbladder",
            pick(
                rng,
                (
                    "No stones or wall thickening. Negative sonographic Murphy sign.",
                    f"Multiple mobile shadowing gallstones, largest {cm(rng, 0.6, 2.4)}. Wall thickness {mm(rng, 2, 3)}. Negative sonographic Murphy sign.",
                    f"Gallstones with gallbladder wall thickening to {mm(rng, 4, 8)}, pericholecystic fluid, and positive sonographic Murphy sign.",
                ),
            ),
        ),
        ("Bile ducts", f"Common bile duct measures {cbd:.1f} mm."),
        (
            "Pancreas",
            pick(
                rng, ("Visualized portions are unremarkable.", "Obscured by overlying bowel gas.")
            ),
        ),
        (
            "Kidneys",
            f"Right kidney {cm(rng, 9.5, 12.5)}, left kidney {cm(rng, 9.5, 12.5)}. No hydronephrosis.",
        ),
        ("Spleen", f"{cm(rng, 8, 14)}."),
        ("Aorta/IVC", "Visualized portions are normal in caliber."),
        (
            "Other",
            pick(
                rng,
                (
                    "No ascites.",
                    "Small amount of perihepatic ascites and fluid in Morison pouch.",
                    "Right pleural effusion incidentally noted.",
                ),
            ),
        ),
    ]
    gb = findings[1][1]
    if "positive sonographic Murphy" in gb:
        impression = ("Findings compatible with acute calculous cholecystitis.",)
    elif "gallstones" in gb:
        impression = ("Cholelithiasis without sonographic evidence of acute cholecystitis.",)
    else:
        impression = (pick(rng, ("Unremarkable abdominal ultrasound.", "Hepatic steatosis. Otherwise normal.")),)  # fmt: skip
    return ExamContent("us_abdomen", "US", title, pick(rng, ("RUQ pain", "elevated LFTs", "nausea", "abnormal liver enzymes", "jaundice")), "Grayscale and color Doppler sonographic images of the abdomen were obtained.", tuple(findings), impression)  # fmt: skip


def us_pelvis(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Transabdominal and transvaginal pelvic ultrasound."""
    title = pick(rng, ("US PELVIS TRANSABDOMINAL AND TRANSVAGINAL", "ULTRASOUND PELVIS COMPLETE", "US PELVIS NON-OB"))  # fmt: skip
    endo = rng.uniform(2, 16)
    fib = rng.random() < 0.4
    findings = (
        (
            "Uterus",
            f"Anteverted, measuring {dims(rng, 4, 10)}. "
            + (
                f"Intramural fibroid in the {pick(rng, ('fundus', 'posterior body', 'anterior lower uterine segment'))} measuring {cm(rng, 1.2, 6.5)}."
                if fib
                else "Homogeneous myometrium."
            ),
        ),
        ("Endometrium", f"Endometrial stripe measures {endo:.1f} mm."),
        (
            "Right ovary",
            f"{dims(rng, 1.5, 4)}. {pick(rng, ('Normal follicles.', 'Dominant follicle.', 'Not visualized.'))}",
        ),
        (
            "Left ovary",
            f"{dims(rng, 1.5, 4)}. {pick(rng, ('Normal with arterial and venous flow.', f'Simple cyst measuring {cm(rng, 2, 5)}.', f'Hemorrhagic cyst with lacy reticular pattern, {cm(rng, 2, 4)}.'))}",
        ),
        (
            "Cul-de-sac",
            pick(
                rng,
                (
                    "No free fluid.",
                    "Small amount of physiologic free fluid.",
                    "Nabothian cysts; trace free fluid in the pouch of Douglas.",
                ),
            ),
        ),
    )
    impression = (("Fibroid uterus." if fib else "Normal uterus.") + f" Endometrial thickness {endo:.0f} mm.", pick(rng, ("O-RADS US 2: almost certainly benign.", "No adnexal mass.", "O-RADS US 3: low risk; consider follow-up in 8-12 weeks.")))  # fmt: skip
    return ExamContent("us_pelvis", "US", title, pick(rng, ("pelvic pain", "abnormal uterine bleeding", "postmenopausal bleeding", "adnexal mass on exam")), "Transabdominal and transvaginal grayscale and Doppler images were obtained.", findings, impression)  # fmt: skip


def us_ob(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Obstetric ultrasound with biometry (gestational ages are not PHI)."""
    weeks, days = rng.randint(6, 39), rng.randint(0, 6)
    first = weeks < 14
    title = pick(rng, ("US OB LESS THAN 14 WEEKS", "US OB TRANSVAGINAL FIRST TRIMESTER")) if first else pick(rng, ("US OB DETAILED ANATOMY", "US OB GREATER THAN 14 WEEKS SINGLE GESTATION", "US OB FOLLOW-UP GROWTH"))  # fmt: skip
    fhr = rng.randint(120, 170)
    if first:
        crl = rng.uniform(4, 70)
        findings: tuple[tuple[str, str], ...] = (
            (
                "Gestation",
                f"Single intrauterine pregnancy. Crown-rump length {crl:.1f} mm corresponding to {weeks} weeks {days} days.",
            ),
            ("Cardiac activity", f"Fetal heart rate {fhr} bpm."),
            (
                "Adnexa",
                pick(
                    rng,
                    (
                        "Corpus luteum cyst in the right ovary.",
                        "Normal ovaries.",
                        "No adnexal mass or free fluid.",
                    ),
                ),
            ),
        )
        impression = (f"Single live intrauterine pregnancy at {weeks}w{days}d by CRL.",)
    else:
        efw = int(rng.uniform(300, 3900))
        pct = rng.randint(3, 97)
        findings = (
            (
                "Biometry",
                f"BPD, HC, AC and FL are concordant with {weeks} weeks {days} days. Estimated fetal weight {efw} g ({ordinal(pct)} percentile, Hadlock).",
            ),
            ("Fetal heart rate", f"{fhr} bpm."),
            (
                "Placenta",
                pick(
                    rng,
                    (
                        "Posterior, no previa.",
                        "Anterior fundal. No previa.",
                        "Low-lying, 1.5 cm from the internal os.",
                    ),
                ),
            ),
            (
                "Amniotic fluid",
                f"Normal. AFI {rng.uniform(8, 22):.1f} cm; deepest vertical pocket {rng.uniform(2.5, 7.5):.1f} cm.",
            ),
            (
                "Anatomy",
                pick(
                    rng,
                    (
                        "Visualized fetal anatomy is unremarkable.",
                        "Limited views of the fetal heart due to fetal position; recommend follow-up in 2-4 weeks.",
                        "Echogenic intracardiac focus. Otherwise normal anatomy.",
                    ),
                ),
            ),
            ("Cervix", f"Cervical length {rng.uniform(2.6, 4.8):.1f} cm transabdominally."),
        )
        impression = (f"Single live intrauterine pregnancy at {weeks} weeks {days} days. EFW {ordinal(pct)} percentile.",)  # fmt: skip
    return ExamContent("us_ob", "US", title, pick(rng, ("dating", "anatomy survey", "growth", "vaginal bleeding", "size greater than dates")), "Transabdominal" + (" and transvaginal" if first else "") + " obstetric ultrasound.", findings, impression)  # fmt: skip


def us_thyroid(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Thyroid ultrasound with ACR TI-RADS points."""
    title = pick(rng, ("US THYROID", "ULTRASOUND THYROID AND NECK", "US SOFT TISSUE NECK THYROID"))
    s = side(rng)
    tr = rng.choice((2, 3, 3, 4, 4, 5))
    points = {2: 2, 3: 3, 4: rng.randint(4, 6), 5: rng.randint(7, 10)}[tr]
    size = rng.uniform(0.6, 3.8)
    fna = (tr == 3 and size >= 2.5) or (tr == 4 and size >= 1.5) or (tr == 5 and size >= 1.0)
    findings = (
        ("Right lobe", f"{dims(rng, 1.2, 5.5)}."),
        ("Left lobe", f"{dims(rng, 1.2, 5.5)}."),
        ("Isthmus", f"{mm(rng, 2, 6)}."),
        (
            "Nodule 1",
            f"{s.capitalize()} mid lobe, {size:.1f} cm, {pick(rng, ('solid', 'mixed cystic and solid', 'spongiform'))}, {pick(rng, ('hypoechoic', 'isoechoic', 'hyperechoic'))}, {pick(rng, ('smooth margins', 'ill-defined margins', 'lobulated margins'))}, {pick(rng, ('no echogenic foci', 'punctate echogenic foci', 'macrocalcifications'))}. TI-RADS points {points}: TR{tr}.",
        ),
        ("Lymph nodes", "No abnormal cervical lymph nodes."),
    )
    rec = "FNA recommended." if fna else ("Follow-up ultrasound in 1 year." if tr >= 3 else "No FNA or follow-up needed.")  # fmt: skip
    impression = (f"{s.capitalize()} thyroid nodule, {size:.1f} cm, ACR TI-RADS {tr}{prior_word(rng, ctx)}. {rec}", pick(rng, ("Background heterogeneous echotexture, can be seen with Hashimoto thyroiditis.", "No other suspicious nodule.", "Diffusely enlarged hypervascular gland, compatible with Graves disease in the appropriate clinical setting.")))  # fmt: skip
    return ExamContent("us_thyroid", "US", title, pick(rng, ("palpable thyroid nodule", "incidental thyroid nodule on CT", "hyperthyroidism", "follow-up nodule")), "Grayscale and color Doppler images of the thyroid.", findings, impression)  # fmt: skip


def us_venous(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Venous duplex of an extremity."""
    s = side(rng)
    limb = pick(rng, ("LOWER", "LOWER", "UPPER"))
    title = f"US VENOUS DUPLEX {s.upper()} {limb} EXTREMITY"
    dvt = rng.random() < 0.3
    if limb == "LOWER":
        veins = "common femoral, femoral, popliteal, and posterior tibial veins"
        clot = pick(rng, ("popliteal and posterior tibial veins", "femoral and popliteal veins", "peroneal veins"))  # fmt: skip
    else:
        veins = "internal jugular, subclavian, axillary, brachial, basilic and cephalic veins"
        clot = pick(rng, ("basilic vein surrounding the PICC", "axillary and subclavian veins", "brachial veins"))  # fmt: skip
    findings: tuple[tuple[str, str], ...] = (
        (
            "",
            f"The {veins} were evaluated with grayscale compression, color and spectral Doppler.",
        ),
        (
            "",
            f"Occlusive thrombus in the {clot} with lack of compressibility."
            if dvt
            else "All veins are fully compressible with normal phasic flow and augmentation.",
        ),
        (
            "",
            pick(
                rng,
                (
                    f"{cm(rng, 2, 6)} complex fluid collection in the popliteal fossa, compatible with a Baker cyst.",
                    "Contralateral common femoral vein is patent.",
                    "Superficial thrombophlebitis of the great saphenous vein, more than 3 cm from the saphenofemoral junction.",
                ),
            )
            if limb == "LOWER"
            else pick(
                rng,
                (
                    "Contralateral subclavian vein is patent.",
                    "Superficial thrombophlebitis of the cephalic vein.",
                    "Subcutaneous edema in the forearm.",
                ),
            ),
        ),
    )
    impression = (f"Acute deep venous thrombosis of the {s} {clot}." if dvt else f"No evidence of deep venous thrombosis in the {s} {limb.lower()} extremity.",)  # fmt: skip
    return ExamContent("us_venous", "US", title, pick(rng, ("leg swelling", "calf pain", "arm swelling with PICC", "elevated D-dimer")), "Duplex ultrasound.", findings, impression, "deep venous thrombosis" if dvt else "")  # fmt: skip
