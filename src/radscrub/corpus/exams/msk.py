"""Musculoskeletal: MRI knee, extremity radiographs (eponymous fractures) and DEXA."""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

import random

from radscrub.corpus.exams.common import ExamContent, ExamContext, cm, mm, pick, side


def mri_knee(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """MRI knee without contrast."""
    s = side(rng)
    title = (
        f"MRI {s.upper()} KNEE {pick(rng, ('WITHOUT CONTRAST', 'WO CONTRAST', 'W/O IV CONTRAST'))}"
    )
    findings = (
        (
            "Menisci",
            pick(
                rng,
                (
                    "Oblique tear of the posterior horn of the medial meniscus extending to the inferior articular surface.",
                    "Intact.",
                    "Bucket-handle tear of the medial meniscus with displaced fragment in the intercondylar notch (double PCL sign).",
                    "Radial tear of the lateral meniscus root.",
                ),
            ),
        ),
        (
            "Ligaments",
            pick(
                rng,
                (
                    "ACL and PCL intact. MCL and LCL intact.",
                    "Complete ACL tear with kissing contusions of the lateral femoral condyle and posterolateral tibial plateau. Segond fracture.",
                    "Grade 2 MCL sprain.",
                ),
            ),
        ),
        (
            "Cartilage",
            pick(
                rng,
                (
                    "Grade 3 chondral fissuring of the medial femoral condyle.",
                    "Preserved.",
                    f"Full-thickness cartilage loss at the patellar apex measuring {mm(rng, 5, 15)}.",
                ),
            ),
        ),
        (
            "Extensor mechanism",
            pick(
                rng,
                (
                    "Intact quadriceps and patellar tendons.",
                    "Patellar tendinosis at the proximal attachment. Osgood-Schlatter sequela.",
                ),
            ),
        ),
        (
            "Other",
            pick(
                rng,
                (
                    f"Baker cyst measuring {cm(rng, 1.5, 6)}.",
                    "Small joint effusion.",
                    "Bone marrow edema pattern in the medial tibial plateau.",
                ),
            ),
        ),
    )
    impression = tuple(t for _, t in findings[:2] if t != "Intact." and "intact" not in t.lower()[:30]) or ("No internal derangement.",)  # fmt: skip
    return ExamContent("mri_knee", "MR", title, pick(rng, ("twisting injury playing soccer", "knee pain, locking, pain 7/10", "instability after fall", "medial joint line pain")), "Multiplanar proton density, T1 and fat-suppressed T2 images.", findings, impression)  # fmt: skip


_XR = (
    (
        "XR WRIST 3 VIEWS",
        "fall on outstretched hand",
        "Transverse fracture of the distal radial metaphysis with dorsal angulation of 20 degrees and impaction (Colles fracture). Ulnar styloid fracture.",
        "Colles fracture of the distal radius.",
    ),
    (
        "XR WRIST 3 VIEWS",
        "fall on outstretched hand",
        "Distal radius fracture with volar displacement of the distal fragment (Smith fracture).",
        "Smith fracture.",
    ),
    (
        "XR ANKLE 3 VIEWS",
        "inversion injury",
        "Salter-Harris II fracture of the distal tibia with 2 mm physeal widening.",
        "Salter-Harris II fracture of the distal tibia.",
    ),
    (
        "XR FOOT 3 VIEWS",
        "lateral foot pain",
        "Transverse fracture at the metadiaphyseal junction of the fifth metatarsal (Jones fracture).",
        "Jones fracture.",
    ),
    (
        "XR SHOULDER 2 VIEWS",
        "dislocation, post reduction",
        "Anatomic alignment after reduction. Hill-Sachs deformity of the posterolateral humeral head and bony Bankart lesion of the anteroinferior glenoid.",
        "Hill-Sachs and bony Bankart lesions after anterior dislocation.",
    ),
    (
        "XR HAND 3 VIEWS",
        "punched a wall",
        "Fracture of the fifth metacarpal neck with 35 degrees of volar angulation (boxer fracture).",
        "Boxer fracture of the fifth metacarpal.",
    ),
    (
        "XR HIP 2 VIEWS",
        "hip pain",
        "Severe joint space narrowing with subchondral sclerosis and osteophytes. No fracture.",
        "Severe osteoarthritis.",
    ),
    (
        "XR KNEE 3 VIEWS",
        "knee pain",
        "Medial compartment joint space narrowing. Small suprapatellar effusion. Chondrocalcinosis.",
        "Moderate medial compartment osteoarthritis and chondrocalcinosis.",
    ),
    (
        "XR FOOT 3 VIEWS",
        "foot pain",
        "Lisfranc joint diastasis of 3 mm between the first and second metatarsal bases.",
        "Lisfranc injury.",
    ),
)


def xr_extremity(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Extremity radiograph: fracture eponyms are hard negatives for name detection."""
    title, indication, finding, imp = rng.choice(_XR)
    s = side(rng)
    title = title.replace("XR ", f"XR {s.upper()} ", 1)
    extra = pick(rng, ("Soft tissue swelling.", "No radiopaque foreign body.", "Mild osteopenia.", "Vascular calcifications."))  # fmt: skip
    return ExamContent("xr_extremity", "CR", title, indication, "Three views.", (("", finding), ("", extra)), (imp,))  # fmt: skip


def dexa(rng: random.Random, ctx: ExamContext) -> ExamContent:
    """Bone densitometry with T-scores, Z-scores and FRAX (not PHI)."""
    t_spine, t_hip = rng.uniform(-3.8, 0.8), rng.uniform(-3.2, 0.6)
    worst = min(t_spine, t_hip)
    dx = (
        "osteoporosis"
        if worst <= -2.5
        else "osteopenia (low bone mass)"
        if worst < -1.0
        else "normal bone density"
    )
    findings = (
        (
            "Lumbar spine L1-L4",
            f"BMD {rng.uniform(0.7, 1.3):.3f} g/cm2, T-score {t_spine:.1f}, Z-score {t_spine + rng.uniform(0.2, 1.5):.1f}. L3 excluded due to degenerative change.",
        ),
        ("Left femoral neck", f"BMD {rng.uniform(0.55, 1.0):.3f} g/cm2, T-score {t_hip:.1f}."),
        ("Total hip", f"T-score {t_hip + rng.uniform(-0.2, 0.6):.1f}."),
        (
            "FRAX",
            f"10-year probability of major osteoporotic fracture {rng.uniform(4, 32):.1f}% and hip fracture {rng.uniform(0.4, 8):.1f}%.",
        ),
    )
    change = (
        f"Compared to prior, {rng.uniform(-6, 4):+.1f}% change in spine BMD."
        if ctx.has_prior
        else ""
    )
    return ExamContent("dexa", "DX", pick(rng, ("DEXA BONE DENSITY AXIAL SKELETON", "DXA SCAN HIPS AND SPINE", "BONE DENSITOMETRY")), pick(rng, ("postmenopausal, on aromatase inhibitor", "osteoporosis screening", "long-term steroid use", "follow-up on alendronate")), "Hologic DXA of the lumbar spine and left hip.", findings, tuple(x for x in (f"WHO classification: {dx}.", change) if x))  # fmt: skip
