"""Report header layouts: which demographic fields a report shows and how they are laid out.

Shared layouts: labelled lines, pipes, two columns, line-broken (``Patient:\\nSMITH, JOHN``),
legacy fixed-width dumps, minimal one-liners. Held-out layouts (test split only): tables,
key=value dumps and bracketed labels.
"""

from __future__ import annotations

from radscrub.corpus import values
from radscrub.corpus.builder import Frag, ReportBuilder, frag_text
from radscrub.corpus.encounter import Encounter
from radscrub.corpus.split import Variants, pick_weighted
from radscrub.spans import PhiLabel as L

LABELS: dict[str, Variants] = {
    "name": Variants(
        ("Patient Name:", "PATIENT:", "Name:", "Pt Name:", "Patient:", "PATIENT NAME:", "NAME:"),
        ("Pt:", "Patient Full Name:", "Subject:"),
    ),
    "mrn": Variants(
        (
            "MRN:",
            "MR#:",
            "Medical Record #:",
            "Med Rec No:",
            "Patient ID:",
            "MRN #:",
            "MR Number:",
            "ID#:",
        ),
        ("Hospital No.:", "Record Number:", "Unit No:"),
    ),
    "dob": Variants(
        ("DOB:", "Date of Birth:", "D.O.B.:", "Birth Date:", "BIRTHDATE:"), ("Born:", "Birth:")
    ),
    "age": Variants(("Age/Sex:", "Age:", "AGE/SEX:", "Sex/Age:"), ("Years:",)),
    "sex": Variants(("Sex:", "Gender:", "SEX:"), ("Sex at birth:",)),
    "accession": Variants(
        ("Accession:", "ACC#:", "Accession #:", "Acc:", "ACCESSION NO:", "Exam #:"),
        ("Acc. No.:", "Study No:"),
    ),
    "exam_date": Variants(
        (
            "Exam Date:",
            "Date of Service:",
            "DOS:",
            "Date of Exam:",
            "Study Date:",
            "EXAM DATE/TIME:",
            "Service Date:",
        ),
        ("Performed:", "Acquired:"),
    ),
    "ordering": Variants(
        (
            "Ordering Physician:",
            "Referring Physician:",
            "Ordered by:",
            "Ordering Provider:",
            "REF PHYS:",
            "Requesting Clinician:",
        ),
        ("Referrer:", "Sent by:"),
    ),
    "location": Variants(
        ("Location:", "Facility:", "Performing Facility:", "Site:", "Hospital:"),
        ("Performed at:", "Institution:"),
    ),
    "account": Variants(
        ("Account #:", "Acct:", "Visit #:", "FIN:", "Encounter #:", "CSN:"), ("Billing No.:",)
    ),
    "ssn": Variants(("SSN:", "SS#:", "Social Security #:"), ("Soc. Sec. No.:",)),
    "address": Variants(("Address:", "Patient Address:", "Home:"), ("Residence:",)),
    "phone": Variants(("Phone:", "Home Phone:", "Tel:", "Contact #:"), ("Telephone no.:",)),
    "insurance": Variants(("Insurance:", "Primary Insurance:", "Payer:"), ("Coverage:",)),
    "plan": Variants(
        ("Member ID:", "Policy #:", "Subscriber ID:", "Ins ID:"), ("Beneficiary no.:",)
    ),
    "order": Variants(("Order #:", "Order Number:", "Req#:", "Order ID:"), ("Requisition:",)),
    "pcp": Variants(("PCP:", "Primary Care:", "Attending:"), ("Family doctor:",)),
    "contact": Variants(("Emergency Contact:", "Next of Kin:", "NOK:"), ("Contact person:",)),
    "room": Variants(("Room:", "Bed:", "Unit:"), ("Ward:",)),
    "uid": Variants(("Study UID:", "StudyInstanceUID:"), ("UID:",)),
}

SHARED_LAYOUTS: tuple[tuple[str, float], ...] = (
    ("lines", 6),
    ("pipes", 2),
    ("columns", 3),
    ("broken", 1.5),
    ("legacy", 1.5),
    ("minimal", 2),
    ("none", 1),
)
HELDOUT_LAYOUTS: tuple[str, ...] = ("table", "keyvalue", "bracket")

Field = tuple[str, Frag]


def choose_layout(enc: Encounter) -> str:
    """The header layout for this report (test may draw a held-out one)."""
    rng = enc.rng
    if enc.style == "legacy":
        return "legacy"
    if enc.split == "test" and rng.random() < 0.35:
        layout = rng.choice(HELDOUT_LAYOUTS)
        enc.heldout_used.append("layout:" + layout)
        return layout
    return pick_weighted(
        rng, [(n, w) for n, w in SHARED_LAYOUTS if n != "legacy"] + [("legacy", 0.6)]
    )


def _age_sex(enc: Encounter) -> Frag:
    rng = enc.rng
    age = enc.age_value()
    sex = enc.patient.sex
    form = rng.choice(("{a}Y {s}", "{a}/{s}", "{a} yrs", "{a} y.o. {s}", "0{a}Y", "{a}"))
    if form == "0{a}Y" and age >= 100:
        form = "{a}Y"
    pre, _, post = form.partition("{a}")
    post = post.replace("{s}", sex)
    if form == "0{a}Y":
        return (enc.age("0" + str(age)), "Y") if age > 89 else f"0{age}Y"
    return (pre, enc.age(), post) if age > 89 else f"{pre}{age}{post}"


def header_fields(enc: Encounter) -> list[Field]:
    """The fields this report's header shows, in display order."""
    rng, p = enc.rng, enc.patient
    fields: list[Field] = [("name", enc.patient_name())]
    if rng.random() < 0.9:
        fields.append(("mrn", enc.phi(p.mrn, L.MRN)))
    if rng.random() < 0.85:
        fields.append(("dob", enc.date(p.dob, header=True, full=True)))
    if rng.random() < 0.5:
        fields.append(("age", _age_sex(enc)))
    elif rng.random() < 0.4:
        fields.append(
            (
                "sex",
                rng.choice(("F", "Female", "FEMALE"))
                if p.sex == "F"
                else rng.choice(("M", "Male", "MALE")),
            )
        )
    if rng.random() < 0.85:
        fields.append(("accession", enc.phi(enc.accession, L.ACCESSION)))
    if rng.random() < 0.8:
        fields.append(
            (
                "exam_date",
                enc.stamp(enc.exam_dt, header=True)
                if rng.random() < 0.5
                else enc.date(enc.plan.day, header=True, full=True),
            )
        )
    if rng.random() < 0.7:
        fields.append(("ordering", enc.dr(enc.ordering)))
    if rng.random() < 0.5:
        fields.append(("location", enc.hospital(short=rng.random() < 0.3)))
    if rng.random() < 0.3:
        fields.append(("account", enc.phi(enc.account, L.ACCOUNT)))
    if rng.random() < 0.25:
        fields.append(("order", enc.phi(enc.order_no, L.ID)))
    if rng.random() < 0.15 and enc.plan.setting == "inpatient":
        fields.append(
            (
                "room",
                f"{rng.choice(('4W', '5E', 'MICU', 'SICU', '3N', 'CCU'))}-{rng.randint(1, 40):02d}",
            )
        )
    if rng.random() < 0.12:
        fields.append(("pcp", enc.dr(p.pcp)))
    if rng.random() < 0.07:
        fields.append(("ssn", enc.phi(p.ssn, L.SSN)))
    if rng.random() < 0.08:
        fields.append(("address", _address(enc)))
    if rng.random() < 0.08:
        fields.append(("phone", enc.phone(p.phone)))
    if rng.random() < 0.08:
        fields.append(("insurance", enc.org(p.insurer)))
        fields.append(("plan", enc.phi(p.plan_id, L.HEALTH_PLAN)))
    if rng.random() < 0.06 and p.relatives:
        rel = rng.choice(p.relatives)
        fields.append(
            (
                "contact",
                (
                    enc.name(rel.person, (("First Last", 3), ("Last, First", 1))),
                    f" ({rel.relation}) ",
                    enc.phone(rel.phone),
                ),
            )
        )
    if rng.random() < 0.04:
        fields.append(("uid", enc.phi(values.study_uid(rng), L.ID)))
    return fields


def _address(enc: Encounter) -> Frag:
    p = enc.patient
    sep = enc.rng.choice((", ", " ", "\n"))
    return (
        enc.phi(p.street, L.ADDRESS),
        sep,
        enc.phi(p.city, L.LOCATION),
        f", {p.state} ",
        enc.phi(p.zip, L.ZIP),
    )


def _label(enc: Encounter, key: str, *, colon: bool = True) -> str:
    label = enc.pick(LABELS[key])
    return label if colon else label.rstrip(":").rstrip(".")


def render_header(enc: Encounter, b: ReportBuilder, layout: str) -> None:
    """Write the header block (ends with a blank line unless the layout is 'none')."""
    rng = enc.rng
    if layout == "none":
        return
    fields = header_fields(enc)
    if layout == "minimal":
        fields = fields[:3]
    if layout == "lines":
        pad = rng.random() < 0.3
        for key, value in fields:
            label = _label(enc, key)
            b.line(label.ljust(22) if pad else label + " ", value)
    elif layout == "pipes":
        per_line = rng.choice((3, 4, 5))
        for i in range(0, len(fields), per_line):
            chunk = fields[i : i + per_line]
            for j, (key, value) in enumerate(chunk):
                b.add(" | " if j else "", _label(enc, key), " ", value)
            b.add("\n")
    elif layout == "columns":
        for i in range(0, len(fields), 2):
            left = fields[i]
            text_left = _label(enc, left[0]) + " "
            b.add(text_left, left[1])
            if i + 1 < len(fields):
                width = len(text_left) + len(frag_text(left[1]))
                b.add(
                    " " * max(2, 40 - width), _label(enc, fields[i + 1][0]), " ", fields[i + 1][1]
                )
            b.add("\n")
    elif layout == "broken":
        for key, value in fields:
            b.line(_label(enc, key))
            b.line(value)
    elif layout == "legacy":
        line_len = 0
        colon = rng.random() < 0.5
        for key, value in fields:
            label = _label(enc, key, colon=colon)
            piece_len = len(label) + len(frag_text(value)) + 4
            if line_len and line_len + piece_len > 78:
                b.add("\n")
                line_len = 0
            b.add("   " if line_len else "", label, " ", value)
            line_len += piece_len
        b.add("\n")
    elif layout == "minimal":
        for j, (key, value) in enumerate(fields):
            b.add("  " if j else "", "" if key == "name" else _label(enc, key) + " ", value)
        b.add("\n")
    elif layout == "table":
        b.line(" / ".join(_label(enc, k, colon=False) for k, _ in fields[:4]))
        for j, (_, value) in enumerate(fields[:4]):
            b.add(" / " if j else "", value)
        b.add("\n")
        for key, value in fields[4:]:
            b.line(_label(enc, key), " ", value)
    elif layout == "keyvalue":
        for j, (key, value) in enumerate(fields):
            b.add(
                "; " if j else "",
                _label(enc, key, colon=False).upper().replace(" ", "_").replace("#", "NO"),
                "=",
                value,
            )
        b.add("\n")
    elif layout == "bracket":
        for key, value in fields:
            b.line("[", _label(enc, key, colon=False), "] ", value)
    else:  # pragma: no cover - layouts are a closed set
        raise ValueError(f"unknown header layout {layout!r}")
    b.add("\n")
