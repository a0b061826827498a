"""Report sections that carry PHI: letterhead, history, comparison, body, communication,
signature, addendum and footers. Each writes into a :class:`ReportBuilder` via templates whose
slots are filled lazily (in template order, so randomness is consumed deterministically).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from radscrub.corpus import phrases as P
from radscrub.corpus import pools, values
from radscrub.corpus.builder import Frag, Phi, ReportBuilder, _parse
from radscrub.corpus.encounter import Encounter
from radscrub.corpus.facilities import make_facility, make_org
from radscrub.corpus.patients import OutsideExam
from radscrub.corpus.split import Variants, pick_weighted
from radscrub.spans import PhiLabel as L

Slots = dict[str, Callable[[], Frag]]


def _default_slots(enc: Encounter) -> Slots:
    rng, p = enc.rng, enc.patient

    def past_date() -> Frag:
        return enc.date(enc.plan.day - timedelta(days=rng.randint(1, 700)))

    def surgery() -> str:
        return rng.choice(p.surgeries)[0] if p.surgeries else "cholecystectomy"

    def device_serial() -> Frag:
        return Phi(values.device_serial(rng), L.DEVICE_ID)

    def email() -> Frag:
        if rng.random() < 0.7:
            return enc.email_of(rng.choice((enc.radiologist, enc.ordering)))
        return Phi(values.generic_email(rng, enc.facility.domain), L.EMAIL)

    def ip() -> Frag:
        return Phi(values.ipv4(rng) if rng.random() < 0.93 else values.ipv6(rng), L.IP)

    return {
        "dr": lambda: enc.dr(enc.ordering),
        "dr2": lambda: enc.dr(enc.ordering),
        "rad": lambda: enc.signer(enc.radiologist),
        "nurse": lambda: enc.staff(enc.nurse),
        "ts": lambda: enc.staff(enc.transcriptionist),
        "tech": lambda: enc.staff(enc.tech),
        "phone": lambda: enc.phone(enc.facility.phone if rng.random() < 0.3 else None),
        "fax": lambda: enc.fax(enc.facility.fax),
        "pager": lambda: Phi(values.pager(rng), L.PHONE),
        "ext": lambda: Phi(values.extension(rng), L.PHONE),
        "bare_ext": lambda: Phi(values.bare_extension(rng), L.PHONE),
        "email": email,
        "url": lambda: Phi(values.url(rng, enc.facility.domain, enc.accession), L.URL),
        "ip": ip,
        "uid": lambda: Phi(values.study_uid(rng), L.ID),
        "order": lambda: Phi(enc.order_no, L.ID),
        "station": lambda: (
            f"{enc.plan.family.code}{rng.choice(('01', '02', '_ED', '_AWS', 'ROOM3'))}"
        ),
        "hospital": lambda: enc.hospital(make_facility(rng, enc.split)),
        "practice": lambda: enc.org(enc.practice),
        "org": lambda: enc.org(enc.telerad),
        "date": past_date,
        "time": lambda: enc.time(enc.later(10, 300).time()),
        "surgery": surgery,
        "year": lambda: str(enc.plan.day.year - rng.randint(2, 15)),
        "city": lambda: enc.phi(p.city, L.LOCATION),
        "county": lambda: enc.phi(rng.choice(pools.COUNTIES), L.LOCATION),
        "state": lambda: p.state,
        "zip": lambda: enc.phi(p.zip, L.ZIP),
        "street": lambda: enc.phi(p.street, L.ADDRESS),
        "care_facility": lambda: enc.hospital(make_facility(rng, enc.split, "care_facility")),
        "ems": lambda: enc.org(make_org(rng, enc.split, "ems")),
        "run": lambda: Phi(values.digits(rng, rng.choice((6, 7, 8)), lead_zero=False), L.ID),
        "vehicle": lambda: rng.choice(pools.VEHICLE_MAKES),
        "employer": lambda: enc.org(make_org(rng, enc.split, "employer")),
        "claim": lambda: Phi(values.other_id(rng)[1], L.ID),
        "device": lambda: rng.choice(pools.DEVICES)[0],
        "model": lambda: values.device_model(rng),
        "serial": device_serial,
        "insurer": lambda: enc.org(p.insurer),
        "plan": lambda: Phi(p.plan_id, L.HEALTH_PLAN),
        "finding": lambda: enc.content.critical or "finding",
        "summary": lambda: enc.content.impression[0],
        "exam": lambda: rng.choice(enc.plan.family.prior_names),
        "last": lambda: enc.name(enc.ordering.person, (("Last", 1),)),
        "patient": lambda: enc.patient_name(),
        "dob": lambda: enc.date(p.dob, full=True),
        "reason": lambda: enc.content.indication,
        "relation": lambda: rng.choice(pools.RELATIVES_ANY),
    }


def fill(enc: Encounter, b: ReportBuilder, template: str, slots: Slots | None = None) -> None:
    """Append ``template``, computing each slot's fragment lazily in template order."""
    defaults = _default_slots(enc)
    merged = {**defaults, **(slots or {})}
    values_: dict[str, Frag] = {}
    for _, fld in _parse(template):
        if fld is not None and fld not in values_:
            values_[fld] = merged[fld]()
    b.fill(template, **values_)


def fill_pick(
    enc: Encounter, b: ReportBuilder, table: Variants, slots: Slots | None = None
) -> None:
    """Pick a template from ``table`` and fill it."""
    fill(enc, b, enc.pick(table), slots)


# --- letterhead ----------------------------------------------------------------------------------


def letterhead(enc: Encounter, b: ReportBuilder) -> None:
    """Facility name, street, city/state/ZIP, phone and fax lines."""
    f, rng = enc.facility, enc.rng
    b.line(enc.hospital())
    if rng.random() < 0.4:
        b.line(enc.org(enc.group))
    b.line(enc.phi(f.street, L.ADDRESS))
    b.line(enc.phi(f.city, L.LOCATION), f", {f.state} ", enc.phi(f.zip, L.ZIP))
    tel = rng.choice(("Phone: ", "Tel ", "P: ", "Ph. "))
    fax = rng.choice(("Fax: ", "Fax ", "F: "))
    b.line(tel, enc.phone(f.phone), rng.choice(("  ", " | ", "   ")), fax, enc.fax(f.fax))
    if rng.random() < 0.3:
        b.line(Phi(f"www.{f.domain}", L.URL))
    b.add("\n")


# --- history -------------------------------------------------------------------------------------

_SEXW = {"F": ("female", "woman", "female", "lady"), "M": ("male", "man", "male", "gentleman")}
_SEXW_CHILD = {"F": ("girl", "female"), "M": ("boy", "male")}
_SEXA = {"F": ("F", "female", "F", "W/F"), "M": ("M", "male", "M", "W/M")}


def history(enc: Encounter, b: ReportBuilder, *, label: bool = True) -> None:
    """Clinical history: an age/sex/indication opener plus PHI-bearing extras."""
    rng, p, content = enc.rng, enc.patient, enc.content
    if label:
        b.add(enc.pick(P.LABEL_HISTORY), "\n" if rng.random() < 0.3 else " ")
    age = enc.age_value()
    sexw = rng.choice((_SEXW_CHILD if age < 18 else _SEXW)[p.sex])
    if rng.random() < 0.78:
        fill_pick(
            enc,
            b,
            P.HISTORY_AGE,
            {
                "age": enc.age,
                "sexw": lambda: sexw,
                "sexw_cap": lambda: sexw.capitalize(),
                "sexa": lambda: rng.choice(_SEXA[p.sex]),
            },
        )
    else:
        b.add(content.indication[0].upper() + content.indication[1:] + ".")
    extras: list[Callable[[], object]] = []
    if p.relatives and rng.random() < 0.25:
        rel = rng.choice(p.relatives)

        def relative() -> None:
            forms = (("First", 5), ("First Last", 3), ("Last, First", 0.5))
            fill_pick(
                enc,
                b,
                P.HISTORY_RELATIVE,
                {
                    "relation": lambda: rel.relation,
                    "rel": lambda: enc.name(rel.person, forms),
                    "event": lambda: rng.choice(P.RELATIVE_EVENTS),
                    "phone": lambda: enc.phone(rel.phone),
                },
            )

        extras.append(relative)
    if enc.plan.setting != "outpatient" and rng.random() < 0.1:
        extras.append(lambda: fill_pick(enc, b, P.HISTORY_TRANSFER))
    if p.surgeries and rng.random() < 0.25:
        surg, sday = rng.choice(p.surgeries)
        extras.append(
            lambda: fill_pick(
                enc,
                b,
                P.HISTORY_SURGERY,
                {
                    "surgery": lambda: surg,
                    "date": lambda: enc.date(sday),
                    "year": lambda: str(sday.year),
                },
            )
        )
    if rng.random() < (0.14 if age > 75 else 0.05):
        slots: Slots = {}
        if p.relatives:
            slots["relation"] = lambda: p.relatives[0].relation
        extras.append(lambda: fill_pick(enc, b, P.HISTORY_RESIDENCE, slots))
    if enc.plan.setting == "ED" and age < 90 and rng.random() < 0.1:
        kind, vid = values.vehicle_id(rng)
        extras.append(
            lambda: fill_pick(
                enc,
                b,
                P.HISTORY_TRAUMA,
                {
                    "kind": lambda: "plate" if kind == "plate" else "VIN",
                    "vid": lambda: Phi(vid, L.VEHICLE_ID),
                },
            )
        )
    if rng.random() < 0.03:
        extras.append(lambda: fill_pick(enc, b, P.HISTORY_EMPLOYER))
    if rng.random() < 0.08:
        extras.append(lambda: fill_pick(enc, b, P.HISTORY_PCP, {"dr": lambda: enc.dr(p.pcp)}))
    if rng.random() < (0.2 if content.modality == "MR" else 0.03):
        extras.append(lambda: fill_pick(enc, b, P.HISTORY_DEVICE))
    if rng.random() < 0.025:
        extras.append(lambda: fill_pick(enc, b, P.HISTORY_HEALTH_PLAN))
    if rng.random() < 0.02:  # holidays are date elements: DATE
        holiday = rng.choice(values.HOLIDAYS)
        extras.append(
            lambda: b.add(
                rng.choice(("Fell on ", "Symptoms began on ", "Injured on ")),
                Phi(holiday, L.DATE),
                ".",
            )
        )
    if rng.random() < 0.03:  # a season and a bare year are not PHI
        season = f"{rng.choice(values.SEASONS)} {enc.plan.day.year - rng.randint(0, 3)}"
        extras.append(
            lambda: b.add(
                rng.choice(("Symptoms since ", "Intermittent pain since ", "Last imaged ")),
                season,
                ".",
            )
        )
    if extras and b.last_char() not in ".:":
        b.add(".")
    for extra in extras:
        b.add(" ")
        extra()
    b.add("\n\n")


# --- comparison ----------------------------------------------------------------------------------


def comparison(enc: Encounter, b: ReportBuilder) -> None:
    """Comparison line citing this patient's earlier exams (and outside exams) by date."""
    rng, p = enc.rng, enc.patient
    label = enc.pick(P.LABEL_COMPARISON)
    priors = [e for e in p.exams[: enc.index] if (e.day, e.time) < (enc.plan.day, enc.plan.time)]
    same = [e for e in priors if e.family.name == enc.plan.family.name]
    chosen = list(reversed(same or priors))[: rng.randint(1, 4)]
    outside = [o for o in p.outside if o.day < enc.plan.day] if rng.random() < 0.5 else []
    if not chosen and not outside:
        b.add(label, " ")
        fill_pick(enc, b, P.COMPARISON_NONE)
        b.add("\n\n")
        return
    items: list[Callable[[], object]] = []
    for prior in chosen:
        name = rng.choice(prior.family.prior_names)
        if prior.day.year < enc.plan.day.year - 2 and rng.random() < 0.12:
            items.append(partial(b.add, f"{name} {prior.day.year}"))  # a bare year: not PHI
        else:
            items.append(partial(_prior_item, enc, b, name, prior.day))
    for o in outside[:1]:
        items.append(partial(_outside_item, enc, b, o))
    if rng.random() < 0.08:
        items.append(lambda: _date_range(enc, b))
    sep = rng.choice(("; ", ", ", "\n", "; "))
    numbered = sep == "\n" and rng.random() < 0.5
    b.add(label, "\n" if sep == "\n" else " ")
    for i, item in enumerate(items):
        if i:
            b.add(sep)
        if numbered:
            b.add(f"{i + 1}. ")
        item()
    b.add("." if sep != "\n" and rng.random() < 0.5 else "")
    b.add("\n\n")


def _prior_item(enc: Encounter, b: ReportBuilder, name: str, day: date) -> None:
    slots: Slots = {"exam": lambda: name, "date": lambda: enc.date(day)}
    fill_pick(enc, b, P.COMPARISON_ITEM, slots)


def _outside_item(enc: Encounter, b: ReportBuilder, outside: OutsideExam) -> None:
    slots: Slots = {
        "exam": lambda: outside.name,
        "date": lambda: enc.date(outside.day),
        "hospital": lambda: enc.hospital(outside.facility),
    }
    fill_pick(enc, b, P.COMPARISON_OUTSIDE, slots)


def _date_range(enc: Encounter, b: ReportBuilder) -> None:
    """A range of serial exams. Two spans (one per side), except 'March 1-4, 2019' (one)."""
    rng = enc.rng
    end = enc.plan.day - timedelta(days=rng.randint(1, 60))
    start = end - timedelta(days=rng.randint(1, 6))
    name = rng.choice(
        (
            "serial chest radiographs",
            "serial abdominal films",
            "multiple prior CTs",
            "serial ultrasounds",
        )
    )
    form = rng.choice(("short", "full", "words", "month"))
    b.add(name, " ")
    if form == "month" and start.month == end.month:
        b.add(Phi(f"{values.MONTHS[start.month - 1]} {start.day}-{end.day}, {end.year}", L.DATE))
    elif form == "short" and start.year == end.year:
        b.add(
            Phi(f"{start.month}/{start.day}", L.DATE),
            "-",
            Phi(f"{end.month}/{end.day}/{end.year}", L.DATE),
        )
    elif form == "words":
        b.add(
            "from ",
            enc.date(start, full=True),
            rng.choice((" to ", " through ")),
            enc.date(end, full=True),
        )
    else:
        fmt = rng.choice(("mm/dd/yyyy", "m/d/yy", "yyyy-mm-dd"))
        b.add(
            Phi(values.render_date(start, fmt), L.DATE),
            rng.choice((" - ", "-", " to ")),
            Phi(values.render_date(end, fmt), L.DATE),
        )


# --- body ---------------------------------------------------------------------------------------


def technique(enc: Encounter, b: ReportBuilder) -> None:
    """Technique paragraph."""
    if enc.content.technique:
        b.add(enc.pick(P.LABEL_TECHNIQUE), " ", enc.content.technique, "\n\n")


def findings(enc: Encounter, b: ReportBuilder, *, structured: bool) -> None:
    """Findings, organ-by-organ (structured) or as prose paragraphs."""
    rng = enc.rng
    label = enc.pick(P.LABEL_FINDINGS)
    b.add(label, "\n" if structured or rng.random() < 0.5 or not label.endswith(":") else " ")
    insert_at = rng.randrange(len(enc.content.findings)) if rng.random() < 0.12 else -1
    for i, (heading, text) in enumerate(enc.content.findings):
        if i and not structured:
            b.add(" ")
        if structured and heading:
            b.add(heading.upper() if rng.random() < 0.3 else heading, ": ", text)
        else:
            b.add(text)
        if i == insert_at:
            b.add(" ")
            fill_pick(enc, b, P.IMPRESSION_INSERT)
        if structured:
            b.add("\n")
    b.add("\n\n" if not structured else "\n")


def impression(enc: Encounter, b: ReportBuilder) -> None:
    """Impression: numbered list or prose, maybe with a PHI-bearing insert."""
    rng = enc.rng
    label = enc.pick(P.LABEL_IMPRESSION)
    b.add(label, "\n" if rng.random() < 0.6 or not label.endswith(":") else " ")
    items = list(enc.content.impression)
    numbered = len(items) > 1 and rng.random() < 0.7
    mark = "." if rng.random() < 0.8 else ")"
    for i, item in enumerate(items):
        if numbered:
            b.add(f"{i + 1}{mark} ", item, "\n")
        else:
            b.add(item, " " if i + 1 < len(items) else "\n")
    if rng.random() < 0.18:
        fill_pick(enc, b, P.IMPRESSION_INSERT)
        b.add("\n")
    b.add("\n")


def communication(enc: Encounter, b: ReportBuilder) -> None:
    """Critical-result communication, or a routine notification line."""
    rng = enc.rng
    if enc.content.critical and rng.random() < 0.92:
        call = enc.later(5, 240)
        fill_pick(
            enc,
            b,
            P.CRITICAL,
            {
                "time": lambda: enc.time(call.time()),
                "date": lambda: enc.date(call.date(), full=rng.random() < 0.7),
            },
        )
        b.add("\n\n")
    elif rng.random() < 0.2:
        fill_pick(enc, b, P.NOTIFY, {"practice": lambda: enc.org(enc.practice)})
        b.add("\n\n")


# --- signature, prelim, addendum, footer ---------------------------------------------------------


def prelim_block(enc: Encounter, b: ReportBuilder, *, final_follows: bool) -> None:
    """A preliminary read (teleradiology or resident wet read), optionally with the final read."""
    prelim_at = enc.later(20, 120)
    slots: Slots = {
        "dr": lambda: enc.dr(enc.prelim_reader),
        "time": lambda: enc.time(prelim_at.time()),
        "date": lambda: enc.date(prelim_at.date(), full=True),
    }
    fill_pick(enc, b, P.PRELIM, slots)
    b.add("\n\n")
    if final_follows:
        fill_pick(enc, b, P.FINAL_AFTER_PRELIM, {**slots, "dr2": lambda: enc.dr(enc.ordering)})
        b.add("\n\n")


def signature(enc: Encounter, b: ReportBuilder) -> None:
    """Dictation / attestation / e-signature block, with technologist and contact lines."""
    rng, style = enc.rng, enc.style
    signed = enc.signed
    sig_slots: Slots = {
        "date": lambda: enc.date(signed.date(), full=True),
        "time": lambda: enc.time(signed.time()),
    }
    if style == "legacy":
        initials = (("Initials", 1),)
        b.add(
            "DICT: ",
            enc.name(enc.radiologist.person, initials),
            "  D: ",
            enc.stamp(enc.dictated),
            "  T: ",
        )
        b.add(enc.stamp(enc.dictated + timedelta(minutes=rng.randint(20, 600))))
        b.add("  ", enc.name(enc.transcriptionist.person, initials))
        if rng.random() < 0.6:
            b.add("  JOB #: ", Phi(values.digits(rng, 6, lead_zero=False), L.ID))
        b.add("\n")
        fill(enc, b, "SIGNED: {rad} {date} {time}", sig_slots)
        b.add("\n")
        return
    if style == "academic" and enc.resident is not None:
        b.add(
            rng.choice(("Resident: ", "Dictated by resident: ", "Resident/Fellow: ")),
            enc.signer(enc.resident),
            "\n",
        )
        b.add(
            rng.choice(("Attending: ", "Staff: ", "Attending radiologist: ")),
            enc.signer(enc.radiologist),
            "\n",
        )
        fill_pick(enc, b, P.ATTESTATION)
        b.add("\n")
    elif rng.random() < 0.5:
        fill_pick(
            enc,
            b,
            P.DICTATED,
            {
                "date": lambda: enc.date(enc.dictated.date(), full=True),
                "time": lambda: enc.time(enc.dictated.time()),
            },
        )
        b.add("\n")
    if style == "telerad":
        b.add(
            rng.choice(("Interpreted remotely by ", "Remote interpretation: ", "Read by ")),
            enc.signer(enc.radiologist),
            ", ",
            enc.org(enc.telerad),
            "\n",
        )
    fill_pick(enc, b, P.SIGNED, sig_slots)
    b.add("\n")
    if rng.random() < 0.12:
        kind, number = values.license_number(rng)
        fill_pick(enc, b, P.LICENSE, {"kind": lambda: kind, "npi": lambda: Phi(number, L.LICENSE)})
        b.add("\n")
    if rng.random() < 0.35:
        table = P.TECHNOLOGIST if enc.content.modality == "US" else P.TECHNOLOGIST_NON_US
        fill_pick(
            enc,
            b,
            table,
            {
                "date": lambda: enc.date(enc.plan.day, full=True),
                "time": lambda: enc.time(enc.plan.time),
            },
        )
        b.add("\n")
    if rng.random() < 0.15:
        fill_pick(
            enc,
            b,
            P.TRANSCRIBED,
            {
                "date": lambda: enc.date(enc.dictated.date(), full=True),
                "time": lambda: enc.time(enc.dictated.time()),
            },
        )
        b.add("\n")
    if rng.random() < 0.22:
        fill_pick(enc, b, P.CONTACT)
        b.add("\n")


def addendum(enc: Encounter, b: ReportBuilder) -> None:
    """An addendum signed after the original report."""
    rng = enc.rng
    at = enc.signed + timedelta(minutes=rng.randint(30, 60 * 24 * 3))
    if b.tail(2) != "\n\n":
        b.add("\n")
    fill_pick(
        enc,
        b,
        P.ADDENDUM_HEAD,
        {"date": lambda: enc.date(at.date(), full=True), "time": lambda: enc.time(at.time())},
    )
    b.add("\n" if rng.random() < 0.5 else " ")
    fill_pick(
        enc,
        b,
        P.ADDENDUM_BODY,
        {
            "time": lambda: enc.time((at - timedelta(minutes=rng.randint(5, 60))).time()),
            "date": lambda: enc.date(
                at.date() - timedelta(days=rng.randint(0, 400)), full=rng.random() < 0.6
            ),
        },
    )
    b.add("\n")
    fill_pick(
        enc,
        b,
        P.SIGNED,
        {"date": lambda: enc.date(at.date(), full=True), "time": lambda: enc.time(at.time())},
    )
    b.add("\n")


def footer(enc: Encounter, b: ReportBuilder) -> None:
    """One or two technical footer lines (URLs, PACS IPs, study UIDs, order numbers)."""
    if b.tail(2) != "\n\n":
        b.add("\n")
    for _ in range(enc.rng.choice((1, 1, 2))):
        fill_pick(enc, b, P.FOOTER)
        b.add("\n")


def letter_open(enc: Encounter, b: ReportBuilder) -> None:
    """Outpatient letter salutation to the referring physician."""
    fill_pick(
        enc,
        b,
        P.LETTER_OPEN,
        {
            "patient": lambda: (
                enc.mr_ms()
                if enc.rng.random() < 0.5
                else enc.patient_name((("First Last", 3), ("First M. Last", 1)))
            ),
            "dr": lambda: enc.dr(enc.ordering),
        },
    )
    b.add("\n\n")


def exam_line(enc: Encounter, b: ReportBuilder) -> None:
    """'EXAM: CT HEAD WITHOUT CONTRAST' with or without a date/time."""
    rng = enc.rng
    title = enc.content.title
    if rng.random() < 0.15:
        title = title.title()
    label = pick_weighted(
        rng,
        (
            ("EXAM: ", 5),
            ("EXAMINATION: ", 2),
            ("Exam: ", 2),
            ("PROCEDURE: ", 1),
            ("STUDY: ", 1),
            ("", 2),
        ),
    )
    b.add(label, title)
    if rng.random() < 0.35:
        b.add(
            rng.choice((" ", "  ", " - ", "\nDATE: ", "   DATE OF EXAM: ")),
            enc.stamp(enc.exam_dt) if rng.random() < 0.5 else enc.date(enc.plan.day, full=True),
        )
    b.add("\n\n")
