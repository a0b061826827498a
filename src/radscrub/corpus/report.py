"""Compose one complete report for one exam of one patient, in one institutional style."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from radscrub.corpus import sections, values
from radscrub.corpus.builder import ReportBuilder, Span, validate
from radscrub.corpus.encounter import Encounter
from radscrub.corpus.exams import ExamContext
from radscrub.corpus.facilities import make_facility, make_org
from radscrub.corpus.headers import choose_layout, render_header
from radscrub.corpus.patients import Patient, make_clinician
from radscrub.corpus.people import NameFactory
from radscrub.corpus.split import pick_weighted

STYLES: tuple[tuple[str, float], ...] = (
    ("academic", 30),
    ("community", 30),
    ("telerad", 14),
    ("outpatient", 19),
    ("legacy", 7),
)


@dataclass(frozen=True)
class Rendered:
    """A finished report: text, spans and descriptive metadata."""

    text: str
    spans: tuple[Span, ...]
    meta: dict[str, object]


def _status(rng: random.Random, style: str) -> str:
    if style == "telerad":
        return pick_weighted(rng, (("preliminary", 4), ("prelim_final", 3), ("final", 3)))
    return pick_weighted(
        rng, (("final", 86), ("preliminary", 5), ("prelim_final", 5), ("final", 4))
    )


def make_encounter(
    rng: random.Random, split: str, names: NameFactory, patient: Patient, index: int
) -> Encounter:
    """Draw the cast and identifiers of one report."""
    plan = patient.exams[index]
    style = pick_weighted(rng, STYLES)
    if style == "outpatient" and plan.setting != "outpatient":
        style = "community"
    ctx = ExamContext(patient.sex, patient.age_on(plan.day), index > 0, plan.setting)
    content = plan.family.make(rng, ctx)
    read_delay = rng.randint(15, 60 * 20)
    facility = patient.home
    if style == "outpatient" or rng.random() < 0.2:
        facility = make_facility(
            rng, split, "imaging_center" if style == "outpatient" else "hospital"
        )
    exam_dt = datetime.combine(plan.day, plan.time)
    dictated = exam_dt + timedelta(minutes=read_delay)
    signed = dictated + timedelta(minutes=rng.randint(0, 180))
    return Encounter(
        rng=rng,
        split=split,
        names=names,
        patient=patient,
        plan=plan,
        index=index,
        content=content,
        style=style,
        facility=facility,
        radiologist=make_clinician(rng, names, "radiologist"),
        resident=make_clinician(rng, names, "resident") if style == "academic" else None,
        tech=make_clinician(rng, names, "tech"),
        ordering=make_clinician(rng, names, "ordering") if rng.random() < 0.8 else patient.pcp,
        nurse=make_clinician(rng, names, "nurse"),
        transcriptionist=make_clinician(rng, names, "transcriptionist"),
        prelim_reader=make_clinician(rng, names, "radiologist"),
        group=make_org(rng, split, "group"),
        telerad=make_org(rng, split, "telerad"),
        practice=make_org(rng, split, "practice"),
        accession=values.accession(rng, plan.day, plan.family.code),
        account=values.account(rng),
        order_no=values.order_number(rng),
        dictated=dictated,
        signed=signed,
        date_habit=values.pick_date_format(rng, split),
        header_habit=values.pick_date_format(rng, split, header=True),
        typo_p=0.03 if rng.random() < 0.3 else 0.0,
    )


def render_report(enc: Encounter) -> Rendered:
    """Write every section of the report; spans are recorded as the text is built."""
    rng, style = enc.rng, enc.style
    if style == "legacy":
        case = "upper"
    else:
        case = pick_weighted(rng, (("", 88), ("upper", 7), ("lower", 5)))
    drop = 0.6 if rng.random() < 0.08 else 0.0
    b = ReportBuilder(case=case, rng=rng, drop_punct=drop)
    status = _status(rng, style)
    layout = choose_layout(enc)

    if (style == "outpatient" and rng.random() < 0.8) or (
        style == "community" and rng.random() < 0.15
    ):
        sections.letterhead(enc, b)
    if status == "preliminary" and rng.random() < 0.5:
        b.add(
            rng.choice(("PRELIMINARY REPORT", "*** PRELIMINARY ***", "Preliminary Report")), "\n\n"
        )
    elif status != "preliminary" and rng.random() < 0.12:
        b.add(rng.choice(("FINAL REPORT", "Final Report", "*** FINAL ***")), "\n\n")
    render_header(enc, b, layout)
    sections.exam_line(enc, b)
    if style == "outpatient" and rng.random() < 0.4:
        sections.letter_open(enc, b)
    sections.history(enc, b)
    if rng.random() < 0.85:
        sections.comparison(enc, b)
    if rng.random() < 0.8 or style == "academic":
        sections.technique(enc, b)
    structured = style in ("academic", "outpatient") or rng.random() < 0.45
    if style == "legacy":
        structured = rng.random() < 0.3
    sections.findings(enc, b, structured=structured)
    sections.impression(enc, b)
    sections.communication(enc, b)
    if status in ("preliminary", "prelim_final"):
        sections.prelim_block(enc, b, final_follows=status == "prelim_final")
    if status != "preliminary" or rng.random() < 0.3:
        sections.signature(enc, b)
    addendum = status != "preliminary" and rng.random() < 0.12
    if addendum:
        sections.addendum(enc, b)
    if rng.random() < 0.3:
        sections.footer(enc, b)

    text = b.text.rstrip() + "\n"
    spans = tuple(s for s in b.spans if s.end <= len(text))
    validate(text, spans)
    p = enc.patient
    meta: dict[str, object] = {
        "modality": enc.content.modality,
        "family": enc.content.family,
        "exam": enc.content.title,
        "style": style,
        "layout": layout,
        "case": case or "mixed",
        "status": status,
        "addendum": addendum,
        "critical": enc.content.critical,
        "setting": enc.plan.setting,
        "exam_date": enc.plan.day.isoformat(),
        "report_index": enc.index,
        "heldout": sorted(set(enc.heldout_used)),
        "known": {
            "patient_name": p.person.last_first,
            "mrn": p.mrn,
            "dob": p.dob.isoformat(),
            "accession": enc.accession,
        },
    }
    return Rendered(text, spans, meta)
