"""Patients and their timelines: one patient owns 1..N exams that share name, DOB, MRN and
relatives, with increasing exam dates (later reports cite the earlier exam dates as priors).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from radscrub.corpus import pools, values
from radscrub.corpus.exams import ExamFamily, choose_family
from radscrub.corpus.facilities import Facility, make_facility, make_org
from radscrub.corpus.people import NameFactory, Person
from radscrub.corpus.split import pick_weighted


@dataclass(frozen=True)
class Clinician:
    """A person with a role and credential (credentials are never part of a NAME span)."""

    person: Person
    credential: str
    role: str


@dataclass(frozen=True)
class Relative:
    """A relative or contact named in history or header (``relation`` as written)."""

    relation: str
    person: Person
    phone: str


@dataclass(frozen=True)
class ExamPlan:
    """One exam in a patient's timeline."""

    family: ExamFamily
    day: date
    time: time
    setting: str  # "ED", "inpatient", "outpatient"


@dataclass(frozen=True)
class OutsideExam:
    """A prior exam done elsewhere (cited in comparisons, not in the corpus)."""

    day: date
    name: str
    facility: Facility


@dataclass(frozen=True)
class Patient:
    """Everything that stays the same across one patient's reports."""

    pid: str
    person: Person
    dob: date
    mrn: str
    ssn: str
    street: str
    city: str
    state: str
    zip: str
    phone: str
    insurer: str
    plan_id: str
    relatives: tuple[Relative, ...]
    pcp: Clinician
    home: Facility
    exams: tuple[ExamPlan, ...]
    outside: tuple[OutsideExam, ...]
    surgeries: tuple[tuple[str, date], ...]

    @property
    def sex(self) -> str:
        """'F' or 'M'."""
        return self.person.sex

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day``."""
        return day.year - self.dob.year - ((day.month, day.day) < (self.dob.month, self.dob.day))


#: Exam dates fall in this window (the corpus is a fixed snapshot, so no exam is in the future).
FIRST_EXAM = date(2004, 1, 1)
LAST_EXAM = date(2025, 6, 30)

_SURGERIES = (
    "cholecystectomy",
    "appendectomy",
    "right total knee arthroplasty",
    "left total hip arthroplasty",
    "CABG",
    "hysterectomy",
    "lumbar fusion L4-S1",
    "ACDF C5-6",
    "right lower lobectomy",
    "partial colectomy",
    "left mastectomy",
    "TURP",
    "aortic valve replacement",
    "Nissen fundoplication",
    "Whipple procedure",
    "ORIF of the right ankle",
    "kyphoplasty at L1",
    "thyroidectomy",
    "sigmoid colectomy with Hartmann pouch",
    "laparoscopic Roux-en-Y gastric bypass",
)


def _age_at_first_exam(rng: random.Random) -> int:
    band = pick_weighted(
        rng,
        (((0, 17), 4), ((18, 39), 14), ((40, 64), 34), ((65, 89), 34), ((90, 104), 14)),
    )
    return rng.randint(*band)


def _n_reports(rng: random.Random) -> int:
    return pick_weighted(rng, ((1, 30), (2, 24), (3, 18), (4, 12), (5, 8), (6, 5), (7, 2), (8, 1)))


def make_clinician(rng: random.Random, names: NameFactory, role: str) -> Clinician:
    """A clinician of ``role`` with a credential fitting the role."""
    person = names.person(rng)
    if role in ("radiologist", "resident", "pcp", "ordering", "fellow"):
        cred = rng.choice(pools.PHYSICIAN_CREDENTIALS)
        if role == "ordering" and rng.random() < 0.25:
            cred = rng.choice(pools.APP_CREDENTIALS)
    elif role == "tech":
        cred = rng.choice(pools.TECH_CREDENTIALS)
    elif role == "nurse":
        cred = rng.choice(pools.NURSE_CREDENTIALS)
    else:
        cred = ""
    return Clinician(person, cred, role)


def make_patient(rng: random.Random, names: NameFactory, pid: str, split: str) -> Patient:
    """A patient with a full timeline of exams."""
    person = names.person(rng)
    age0 = _age_at_first_exam(rng)
    first_day = FIRST_EXAM + timedelta(days=rng.randint(0, (LAST_EXAM - FIRST_EXAM).days - 400))
    dob = first_day - timedelta(days=age0 * 365 + rng.randint(0, 364))
    exams: list[ExamPlan] = []
    day = first_day
    for k in range(_n_reports(rng)):
        if k:
            gap = pick_weighted(
                rng, (((0, 0), 1.5), ((1, 14), 3), ((15, 180), 3), ((181, 1600), 3.5))
            )
            day = day + timedelta(days=rng.randint(*gap))
            if day > LAST_EXAM:
                break
        age = day.year - dob.year
        setting = pick_weighted(rng, (("ED", 3), ("inpatient", 3), ("outpatient", 4)))
        family = choose_family(rng, person.sex, age)
        hour = rng.randint(0, 23) if setting != "outpatient" else rng.randint(7, 18)
        exams.append(
            ExamPlan(family, day, time(hour, rng.randint(0, 59), rng.randint(0, 59)), setting)
        )
    exams.sort(key=lambda e: (e.day, e.time))
    relatives = []
    for _ in range(pick_weighted(rng, ((0, 2), (1, 5), (2, 3), (3, 1)))):
        sex = rng.choice("FM")
        relation = rng.choice(
            (pools.RELATIVES_F if sex == "F" else pools.RELATIVES_M) * 3 + pools.RELATIVES_ANY
        )
        same_family = relation not in pools.RELATIVES_ANY and rng.random() < 0.6
        rel_person = names.person(rng, sex=sex, surname=person.surname if same_family else None)
        relatives.append(Relative(relation, rel_person, values.phone(rng)))
    outside = []
    for _ in range(pick_weighted(rng, ((0, 4), (1, 3), (2, 1.5)))):
        od = first_day - timedelta(days=rng.randint(20, 2500))
        outside.append(
            OutsideExam(
                od,
                rng.choice(("CT", "MRI", "ultrasound", "radiographs", "PET/CT")),
                make_facility(rng, split),
            )
        )
    surgeries = tuple(
        (rng.choice(_SURGERIES), first_day - timedelta(days=rng.randint(30, 6000)))
        for _ in range(pick_weighted(rng, ((0, 3), (1, 3), (2, 1))))
    )
    street = values.street_address(rng)
    city, state, zip_code = values.place(rng, split)
    return Patient(
        pid=pid,
        person=person,
        dob=dob,
        mrn=values.mrn(rng),
        ssn=values.ssn(rng),
        street=street,
        city=city,
        state=state,
        zip=zip_code,
        phone=values.phone(rng),
        insurer=make_org(rng, split, "insurer"),
        plan_id=values.health_plan(rng),
        relatives=tuple(relatives),
        pcp=make_clinician(rng, names, "pcp"),
        home=make_facility(rng, split),
        exams=tuple(exams),
        outside=tuple(sorted(outside, key=lambda o: o.day)),
        surgeries=surgeries,
    )
