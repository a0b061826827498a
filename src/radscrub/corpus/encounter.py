"""One report's cast and identifiers, plus helpers that turn them into labelled fragments.

Every PHI value in a report is produced here (or in ``values.py``) and wrapped in :class:`Phi`,
so a section template never writes an identifier as plain text by accident.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from radscrub.corpus import values
from radscrub.corpus.builder import Frag, Phi
from radscrub.corpus.exams import ExamContent
from radscrub.corpus.facilities import Facility
from radscrub.corpus.patients import Clinician, ExamPlan, Patient
from radscrub.corpus.people import (
    CLINICIAN_FORMS,
    PATIENT_FORMS,
    SHORT_FORMS,
    NameFactory,
    Person,
    render_checked,
)
from radscrub.corpus.split import Variants, pick_weighted
from radscrub.spans import PhiLabel as L


@dataclass
class Encounter:
    """Everything one report may mention. ``rng`` drives all remaining choices."""

    rng: random.Random
    split: str
    names: NameFactory
    patient: Patient
    plan: ExamPlan
    index: int
    content: ExamContent
    style: str
    facility: Facility
    radiologist: Clinician
    resident: Clinician | None
    tech: Clinician
    ordering: Clinician
    nurse: Clinician
    transcriptionist: Clinician
    prelim_reader: Clinician
    group: str
    telerad: str
    practice: str
    accession: str
    account: str
    order_no: str
    dictated: datetime
    signed: datetime
    date_habit: str
    header_habit: str
    typo_p: float
    heldout_used: list[str] = field(default_factory=list)

    # --- generic ---------------------------------------------------------------------------------
    def pick(self, table: Variants) -> str:
        """Choose from a phrase table for this report's split (records held-out use)."""
        choice = table.pick(self.rng, self.split)
        if choice in table.heldout:
            self.heldout_used.append(choice)
        return choice

    @property
    def exam_dt(self) -> datetime:
        """When the exam was performed."""
        return datetime.combine(self.plan.day, self.plan.time)

    # --- dates and times -------------------------------------------------------------------------
    def date(self, d: date, *, header: bool = False, full: bool = False) -> Phi:
        """A DATE fragment; partial formats only for dates in the exam's year."""
        rng = self.rng
        if header:
            fmt = (
                self.header_habit
                if rng.random() < 0.8
                else values.pick_date_format(rng, self.split, header=True)
            )
        else:
            fmt = (
                self.date_habit if rng.random() < 0.55 else values.pick_date_format(rng, self.split)
            )
        partial = fmt in values.PARTIAL_DATE_FORMATS or fmt == "Month the dth"
        no_year = fmt in ("m/d", "mm/dd", "Mon dth", "Month d", "Month the dth")
        if (partial and full) or (no_year and d.year != self.plan.day.year):
            fmt = rng.choice(("mm/dd/yyyy", "m/d/yyyy", "m/d/yy", "Month d, yyyy"))
        text = values.render_date(d, fmt)
        if not header and not partial and rng.random() < 0.03:
            text = values.with_weekday(d, text, rng)  # the weekday joins the DATE span
        return Phi(text, L.DATE)

    def time(self, t: time) -> Phi:
        """A TIME fragment."""
        return Phi(values.render_time(t, self.rng), L.TIME)

    def stamp(self, dt: datetime, *, header: bool = False) -> Frag:
        """A date and time, e.g. ``03/05/2021 10:14`` (two spans)."""
        sep = self.rng.choice((" ", " ", " at ", ", ", "  "))
        return (self.date(dt.date(), header=header, full=True), sep, self.time(dt.time()))

    def later(self, minutes_lo: int, minutes_hi: int) -> datetime:
        """A moment after the exam."""
        return self.exam_dt + timedelta(minutes=self.rng.randint(minutes_lo, minutes_hi))

    # --- ages ------------------------------------------------------------------------------------
    def age_value(self) -> int:
        """The patient's age on the exam day."""
        return self.patient.age_on(self.plan.day)

    def age(self, text: str | None = None) -> Frag:
        """The age as written: labelled AGE only when over 89 (Safe Harbor)."""
        text = text if text is not None else str(self.age_value())
        return Phi(text, L.AGE) if self.age_value() > 89 else text

    # --- people ----------------------------------------------------------------------------------
    def name(self, person: Person, forms: tuple[tuple[str, float], ...] = CLINICIAN_FORMS) -> Phi:
        """A NAME fragment for ``person`` in one of ``forms`` (split-safe, maybe a typo)."""
        text = render_checked(person, forms, self.rng, self.split, typo_p=self.typo_p)
        return Phi(text, L.NAME)

    def patient_name(self, forms: tuple[tuple[str, float], ...] = PATIENT_FORMS) -> Phi:
        """The patient's name as a header or letter writes it."""
        text = render_checked(
            self.patient.person, forms, self.rng, self.split, typo_p=self.typo_p / 2
        )
        return Phi(text, L.NAME)

    def dr(self, clin: Clinician) -> Frag:
        """A physician reference: 'Dr. Smith', 'John Smith, MD', 'SMITH, JOHN MD'..."""
        rng = self.rng
        form = pick_weighted(
            rng,
            (
                ("dr_short", 5),
                ("dr_full", 3),
                ("full_cred", 5),
                ("full_cred_nocomma", 1.5),
                ("lastfirst_cred", 1),
                ("plain", 1.5),
                ("dr_nodot", 0.8),
            ),
        )
        cred = clin.credential or "MD"
        if form == "dr_short":
            return ("Dr. ", self.name(clin.person, SHORT_FORMS))
        if form == "dr_nodot":
            return ("Dr ", self.name(clin.person, SHORT_FORMS))
        if form == "dr_full":
            return (
                "Dr. ",
                self.name(clin.person, (("First Last", 5), ("First M. Last", 1), ("F. Last", 1))),
            )
        if form == "full_cred":
            return (self.name(clin.person), f", {cred}")
        if form == "full_cred_nocomma":
            return (self.name(clin.person), f" {cred}")
        if form == "lastfirst_cred":
            return (self.name(clin.person, (("Last, First", 2), ("LAST, FIRST", 1))), f" {cred}")
        return self.name(clin.person)

    def signer(self, clin: Clinician) -> Frag:
        """How a signature line writes the radiologist: 'John Smith, MD' and variants."""
        cred = clin.credential or "MD"
        form = pick_weighted(self.rng, (("full_cred", 6), ("nocomma", 2), ("dr", 1), ("plain", 1)))
        if form == "full_cred":
            return (self.name(clin.person), f", {cred}")
        if form == "nocomma":
            return (self.name(clin.person), f" {cred}")
        if form == "dr":
            return ("Dr. ", self.name(clin.person, (("First Last", 3), ("F. Last", 1))))
        return self.name(clin.person)

    def staff(self, clin: Clinician) -> Frag:
        """A nurse, technologist or transcriptionist: 'Jane Doe, RN', 'RN Jane Doe', 'JD'."""
        rng = self.rng
        cred = clin.credential
        form = pick_weighted(
            rng,
            (
                ("full_cred", 5),
                ("cred_first", 2 if clin.role == "nurse" else 0.01),
                ("initials", 2 if clin.role != "nurse" else 0.3),
                ("first", 1 if clin.role == "nurse" else 0.2),
                ("plain", 2),
            ),
        )
        if form == "full_cred" and cred:
            return (
                self.name(clin.person, (("First Last", 5), ("F. Last", 1), ("Last, First", 1))),
                f", {cred}",
            )
        if form == "cred_first" and cred:
            return (
                f"{cred.split(',')[-1].strip()} ",
                self.name(clin.person, (("First Last", 3), ("First", 1))),
            )
        if form == "initials":
            return self.name(clin.person, (("Initials", 1),))
        if form == "first":
            prefix = {"nurse": "nurse ", "tech": "tech "}.get(clin.role, "")
            return (prefix, self.name(clin.person, (("First", 1),)))
        return self.name(clin.person, (("First Last", 3), ("F. Last", 1)))

    def mr_ms(self) -> Frag:
        """'Mr. Smith' / 'Ms. Smith' for letters and procedure notes."""
        title = "Mr." if self.patient.sex == "M" else self.rng.choice(("Ms.", "Mrs.", "Ms."))
        return (f"{title} ", self.name(self.patient.person, SHORT_FORMS[:1]))

    # --- identifiers ----------------------------------------------------------------------------
    def phi(self, text: str, label: L) -> Phi:
        """Shorthand for a labelled value."""
        return Phi(text, label)

    def phone(self, text: str | None = None) -> Phi:
        """A PHONE fragment."""
        return Phi(text or values.phone(self.rng), L.PHONE)

    def fax(self, text: str | None = None) -> Phi:
        """A FAX fragment."""
        return Phi(text or values.phone(self.rng), L.FAX)

    def hospital(self, fac: Facility | None = None, *, short: bool = False) -> Phi:
        """A HOSPITAL fragment (the facility's full or short name)."""
        fac = fac or self.facility
        return Phi(fac.short if short and len(fac.short) > 3 else fac.name, L.HOSPITAL)

    def org(self, name: str) -> Phi:
        """An ORGANIZATION fragment."""
        return Phi(name, L.ORGANIZATION)

    def email_of(self, clin: Clinician, domain: str | None = None) -> Phi:
        """An EMAIL built from a clinician's name."""
        dom = domain or self.facility.domain
        return Phi(values.email(self.rng, clin.person.given, clin.person.surname, dom), L.EMAIL)
