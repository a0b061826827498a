"""The exam catalogue: which exam families exist, who can have them, and how to make content."""

from __future__ import annotations

import random
from dataclasses import dataclass

from radscrub.corpus.exams import body, breast, chest, msk, neuro, nuclear, procedures, ultrasound
from radscrub.corpus.exams.common import ExamContent, ExamContext, ExamMaker
from radscrub.corpus.split import pick_weighted

__all__ = ["CATALOGUE", "ExamContent", "ExamContext", "ExamFamily", "choose_family"]


@dataclass(frozen=True)
class ExamFamily:
    """One kind of exam: its generator, draw weight, eligibility and how priors are named."""

    name: str
    make: ExamMaker
    weight: float
    code: str  # modality code used in accession numbers
    prior_names: tuple[str, ...]  # how a comparison line names an earlier exam of this family
    sex: str = ""  # "" for any, else "F" or "M"
    min_age: int = 0
    max_age: int = 200


CATALOGUE: tuple[ExamFamily, ...] = (
    ExamFamily(
        "cxr",
        chest.cxr,
        14,
        "CR",
        ("chest radiograph", "CXR", "chest x-ray", "portable chest", "radiographs of the chest"),
    ),
    ExamFamily(
        "ct_chest", chest.ct_chest, 6, "CT", ("CT chest", "chest CT", "CT thorax", "low-dose CT")
    ),
    ExamFamily(
        "cta_chest", chest.cta_chest, 3, "CT", ("CTA chest", "CT pulmonary angiogram", "CTPA")
    ),
    ExamFamily(
        "ct_head", neuro.ct_head, 7, "CT", ("CT head", "head CT", "noncontrast head CT", "CT brain")
    ),
    ExamFamily(
        "cta_head_neck",
        neuro.cta_head_neck,
        2,
        "CT",
        ("CTA head and neck", "CTA neck", "CT angiogram"),
    ),
    ExamFamily("mri_brain", neuro.mri_brain, 4, "MR", ("MRI brain", "brain MRI", "MR brain")),
    ExamFamily(
        "mri_spine", neuro.mri_spine, 3.5, "MR", ("MRI spine", "lumbar spine MRI", "MR spine")
    ),
    ExamFamily(
        "ct_abdomen_pelvis",
        body.ct_abdomen_pelvis,
        8,
        "CT",
        ("CT abdomen/pelvis", "CT A/P", "CT abdomen and pelvis", "abdominal CT"),
    ),
    ExamFamily(
        "mri_prostate",
        body.mri_prostate,
        1.5,
        "MR",
        ("prostate MRI", "MRI prostate", "mpMRI"),
        sex="M",
        min_age=40,
    ),
    ExamFamily(
        "us_abdomen",
        ultrasound.us_abdomen,
        3.5,
        "US",
        ("RUQ ultrasound", "abdominal ultrasound", "US abdomen"),
    ),
    ExamFamily(
        "us_pelvis",
        ultrasound.us_pelvis,
        2,
        "US",
        ("pelvic ultrasound", "transvaginal US", "US pelvis"),
        sex="F",
        min_age=14,
    ),
    ExamFamily(
        "us_ob",
        ultrasound.us_ob,
        2,
        "US",
        ("obstetric ultrasound", "dating ultrasound", "OB US"),
        sex="F",
        min_age=16,
        max_age=46,
    ),
    ExamFamily(
        "us_thyroid",
        ultrasound.us_thyroid,
        2,
        "US",
        ("thyroid ultrasound", "US thyroid", "neck ultrasound"),
    ),
    ExamFamily(
        "us_venous",
        ultrasound.us_venous,
        2.5,
        "US",
        ("venous duplex", "lower extremity Doppler", "DVT study"),
    ),
    ExamFamily(
        "mammo",
        breast.mammo,
        5,
        "MG",
        ("mammogram", "screening mammogram", "prior mammograms", "diagnostic mammogram"),
        sex="F",
        min_age=35,
    ),
    ExamFamily("nm", nuclear.nm, 2, "NM", ("nuclear medicine study", "bone scan", "NM scan")),
    ExamFamily("pet_ct", nuclear.pet_ct, 2, "PT", ("PET/CT", "FDG PET-CT", "PET")),
    ExamFamily("fluoro", procedures.fluoro, 1.5, "RF", ("fluoroscopic study", "esophagram", "UGI")),
    ExamFamily("ir", procedures.ir, 2.5, "IR", ("procedure", "prior intervention")),
    ExamFamily("mri_knee", msk.mri_knee, 2, "MR", ("MRI knee", "knee MRI", "knee radiographs")),
    ExamFamily("xr_extremity", msk.xr_extremity, 3, "CR", ("radiographs", "x-rays", "prior films")),
    ExamFamily("dexa", msk.dexa, 1.5, "DX", ("DEXA", "bone density study", "DXA"), min_age=40),
)


def choose_family(rng: random.Random, sex: str, age: int) -> ExamFamily:
    """Draw an exam family the patient is eligible for, by catalogue weight."""
    eligible = [
        (f, f.weight)
        for f in CATALOGUE
        if (not f.sex or f.sex == sex) and f.min_age <= age <= f.max_age
    ]
    return pick_weighted(rng, eligible)


def family_by_name(name: str) -> ExamFamily:
    """Look a family up by name."""
    for fam in CATALOGUE:
        if fam.name == name:
            return fam
    raise KeyError(name)
