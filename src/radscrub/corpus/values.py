"""Factories for synthetic identifier values (plain strings; the caller labels them).

Every function takes the ``random.Random`` to draw from and nothing global. Date and time
renderers cover the formats radiology reports actually use; :data:`HELDOUT_DATE_FORMATS` are
rendered only in the test split.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from datetime import date, time

from radscrub.corpus import pools
from radscrub.corpus.split import fits_split, pick_weighted

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _mon(d: date) -> str:
    return MONTHS[d.month - 1][:3]


#: Full dates (day, month and year).
FULL_DATE_FORMATS: dict[str, Callable[[date], str]] = {
    "mm/dd/yyyy": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    "m/d/yyyy": lambda d: f"{d.month}/{d.day}/{d.year}",
    "m/d/yy": lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
    "mm/dd/yy": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
    "yyyy-mm-dd": lambda d: d.isoformat(),
    "mm-dd-yyyy": lambda d: f"{d.month:02d}-{d.day:02d}-{d.year}",
    "dd-MON-yyyy": lambda d: f"{d.day:02d}-{_mon(d).upper()}-{d.year}",
    "dd-Mon-yyyy": lambda d: f"{d.day:02d}-{_mon(d)}-{d.year}",
    "Month d, yyyy": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "Mon d, yyyy": lambda d: f"{_mon(d)} {d.day}, {d.year}",
    "Mon. d, yyyy": lambda d: f"{_mon(d)}. {d.day}, {d.year}",
    "Month dth, yyyy": lambda d: f"{MONTHS[d.month - 1]} {_ordinal(d.day)}, {d.year}",
    "d Month yyyy": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "dd.mm.yyyy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "yyyymmdd": lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
    "ddMONyyyy": lambda d: f"{d.day:02d}{_mon(d).upper()}{d.year}",
}
#: Partial dates (month+day or month+year): still PHI, the year alone is not.
PARTIAL_DATE_FORMATS: dict[str, Callable[[date], str]] = {
    "m/d": lambda d: f"{d.month}/{d.day}",
    "mm/dd": lambda d: f"{d.month:02d}/{d.day:02d}",
    "Mon dth": lambda d: f"{_mon(d)} {_ordinal(d.day)}",
    "Month d": lambda d: f"{MONTHS[d.month - 1]} {d.day}",
    "Month yyyy": lambda d: f"{MONTHS[d.month - 1]} {d.year}",
    "Mon yyyy": lambda d: f"{_mon(d)} {d.year}",
    "m/yyyy": lambda d: f"{d.month}/{d.year}",
}
#: Rendered only in the test split.
HELDOUT_DATE_FORMATS: dict[str, Callable[[date], str]] = {
    "yyyy/mm/dd": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    "dd-Mon-yy": lambda d: f"{d.day:02d}-{_mon(d)}-{d.year % 100:02d}",
    "Month the dth": lambda d: f"{MONTHS[d.month - 1]} the {_ordinal(d.day)}",
}

_ALL_FORMATS: dict[str, Callable[[date], str]] = {
    **FULL_DATE_FORMATS,
    **PARTIAL_DATE_FORMATS,
    **HELDOUT_DATE_FORMATS,
}

HEADER_DATE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("mm/dd/yyyy", 10),
    ("m/d/yyyy", 3),
    ("yyyy-mm-dd", 2),
    ("mm-dd-yyyy", 1.2),
    ("dd-MON-yyyy", 1.5),
    ("Month d, yyyy", 1),
    ("mm/dd/yy", 1),
    ("yyyymmdd", 0.4),
    ("dd-Mon-yyyy", 0.5),
    ("ddMONyyyy", 0.3),
)
PROSE_DATE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("mm/dd/yyyy", 5),
    ("m/d/yyyy", 4),
    ("m/d/yy", 4),
    ("mm/dd/yy", 1.5),
    ("yyyy-mm-dd", 1.5),
    ("mm-dd-yyyy", 0.8),
    ("dd-MON-yyyy", 1.5),
    ("dd-Mon-yyyy", 0.6),
    ("Month d, yyyy", 3),
    ("Mon d, yyyy", 1.2),
    ("Mon. d, yyyy", 0.5),
    ("Month dth, yyyy", 0.8),
    ("d Month yyyy", 0.6),
    ("dd.mm.yyyy", 0.4),
    ("m/d", 1.5),
    ("mm/dd", 0.4),
    ("Mon dth", 0.7),
    ("Month d", 0.6),
    ("Month yyyy", 1.2),
    ("Mon yyyy", 0.4),
    ("m/yyyy", 0.4),
)


def render_date(d: date, fmt: str) -> str:
    """Render ``d`` in the named format (a key of the FORMAT tables above)."""
    return _ALL_FORMATS[fmt](d)


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HOLIDAYS = (
    "Christmas Eve",
    "Christmas",
    "Christmas Day",
    "Thanksgiving",
    "New Year's Eve",
    "New Year's Day",
    "Easter Sunday",
    "Labor Day",
    "the Fourth of July",
    "Memorial Day weekend",
)
SEASONS = ("spring", "summer", "fall", "winter", "early spring", "late summer")


def with_weekday(d: date, text: str, rng: random.Random) -> str:
    """Prefix a rendered date with its weekday: 'Monday, March 14, 2019', 'Mon 3/14/2019'."""
    name = WEEKDAYS[d.weekday()]
    return rng.choice((f"{name}, {text}", f"{name[:3]} {text}", f"{name} {text}"))


def pick_date_format(rng: random.Random, split: str, *, header: bool = False) -> str:
    """A date format name for a header field or for prose; test may draw held-out formats."""
    if split == "test" and rng.random() < 0.12:
        return rng.choice(sorted(HELDOUT_DATE_FORMATS))
    return pick_weighted(rng, HEADER_DATE_WEIGHTS if header else PROSE_DATE_WEIGHTS)


def render_time(t: time, rng: random.Random) -> str:
    """A clock time as written in reports: 14:05, 2:05 PM, 1405 hours, 14:05:33, ..."""
    h12 = t.hour % 12 or 12
    ampm = "AM" if t.hour < 12 else "PM"
    return pick_weighted(
        rng,
        (
            (f"{t.hour:02d}:{t.minute:02d}", 6),
            (f"{h12}:{t.minute:02d} {ampm}", 4),
            (f"{h12}:{t.minute:02d} {ampm.lower()[0]}.m.", 1),
            (f"{h12}:{t.minute:02d}{ampm.lower()}", 0.8),
            (f"{t.hour:02d}{t.minute:02d} hours", 1.5),
            (f"{t.hour:02d}{t.minute:02d} hrs", 0.8),
            (f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}", 1.2),
            (f"{t.hour:02d}{t.minute:02d}", 0.6),
            (
                f"{h12}{ampm.lower()}" if t.minute == 0 else f"{h12}:{t.minute:02d}{ampm.lower()}",
                0.4,
            ),
        ),
    )


def random_time(rng: random.Random, *, night: bool = False) -> time:
    """A time of day; ``night`` skews to off-hours (teleradiology, critical calls)."""
    hour = rng.choice((22, 23, 0, 1, 2, 3, 4, 5, 6)) if night else rng.randint(6, 23)
    return time(hour, rng.randint(0, 59), rng.randint(0, 59))


# --- numbers -------------------------------------------------------------------------------------


def digits(rng: random.Random, n: int, *, lead_zero: bool = True) -> str:
    """``n`` random digits (the first non-zero unless ``lead_zero``)."""
    first = rng.choice(string.digits if lead_zero else "123456789")
    return first + "".join(rng.choice(string.digits) for _ in range(n - 1))


def letters(rng: random.Random, n: int) -> str:
    """``n`` random capital letters."""
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(n))


_AREA_CODES = (
    "217",
    "309",
    "312",
    "414",
    "517",
    "608",
    "612",
    "614",
    "616",
    "702",
    "717",
    "734",
    "801",
    "803",
    "804",
    "813",
    "859",
    "865",
    "901",
    "907",
    "913",
    "916",
    "919",
    "937",
    "941",
    "971",
    "203",
    "207",
    "208",
    "210",
    "215",
    "225",
    "228",
    "251",
    "256",
    "304",
    "316",
    "319",
    "330",
    "402",
    "405",
    "406",
    "410",
    "413",
    "417",
    "419",
    "423",
    "501",
    "502",
    "505",
    "509",
    "513",
)


def phone(rng: random.Random) -> str:
    """A ten-digit US phone number in one of the usual layouts."""
    a, b, c = rng.choice(_AREA_CODES), digits(rng, 3, lead_zero=False), digits(rng, 4)
    return pick_weighted(
        rng,
        (
            (f"({a}) {b}-{c}", 5),
            (f"{a}-{b}-{c}", 5),
            (f"{a}.{b}.{c}", 1.5),
            (f"{a} {b} {c}", 0.7),
            (f"1-{a}-{b}-{c}", 0.6),
            (f"+1 {a} {b} {c}", 0.4),
            (f"({a}){b}-{c}", 0.8),
            (f"{a}{b}{c}", 0.4),
        ),
    )


def extension(rng: random.Random) -> str:
    """An internal extension as written after a number or alone: x4-5678, x45678, 2231."""
    return pick_weighted(
        rng,
        (
            (f"x{rng.randint(2, 8)}-{digits(rng, 4)}", 3),
            (f"x{digits(rng, 5, lead_zero=False)}", 2),
            (f"x{digits(rng, 4, lead_zero=False)}", 2),
            (f"{rng.randint(2, 8)}-{digits(rng, 4)}", 2),
        ),
    )


def bare_extension(rng: random.Random) -> str:
    """The digits after 'ext.' / 'extension'."""
    return digits(rng, rng.choice((3, 4, 5)), lead_zero=False)


def pager(rng: random.Random) -> str:
    """A pager number as dictated (short internal or a full number)."""
    return pick_weighted(
        rng,
        (
            (digits(rng, 4, lead_zero=False), 4),
            (digits(rng, 5, lead_zero=False), 2),
            (f"{rng.randint(2, 9)}-{digits(rng, 4)}", 1.5),
            (phone(rng), 1),
        ),
    )


def ssn(rng: random.Random) -> str:
    """A synthetic SSN-shaped number (area never 000, 666 or 9xx)."""
    area = rng.choice([n for n in range(1, 900) if n != 666])
    group, serial = rng.randint(1, 99), rng.randint(1, 9999)
    return pick_weighted(
        rng,
        (
            (f"{area:03d}-{group:02d}-{serial:04d}", 8),
            (f"{area:03d} {group:02d} {serial:04d}", 1),
            (f"{area:03d}{group:02d}{serial:04d}", 1),
            (f"XXX-XX-{serial:04d}", 1.5),
            (f"***-**-{serial:04d}", 0.7),
        ),
    )


def mrn(rng: random.Random) -> str:
    """A medical record number in one institution's style."""
    return pick_weighted(
        rng,
        (
            (digits(rng, 8, lead_zero=False), 4),
            (digits(rng, 7, lead_zero=False), 3),
            ("00" + digits(rng, 7), 2),
            (digits(rng, 10, lead_zero=False), 1.5),
            ("E" + digits(rng, 7, lead_zero=False), 1.2),
            ("MR" + digits(rng, 6), 0.8),
            (f"{digits(rng, 2)}-{digits(rng, 2)}-{digits(rng, 3)}", 0.7),
            ("M" + digits(rng, 9), 0.6),
            (f"{letters(rng, 3)}{digits(rng, 6)}", 0.5),
        ),
    )


def accession(rng: random.Random, exam_day: date, modality_code: str) -> str:
    """An accession number; some embed the exam date or a modality code, like real RIS do."""
    ymd = f"{exam_day.year % 100:02d}{exam_day.month:02d}{exam_day.day:02d}"
    return pick_weighted(
        rng,
        (
            (digits(rng, 8, lead_zero=False), 4),
            (digits(rng, 9, lead_zero=False), 2),
            ("A" + digits(rng, 8), 1.5),
            (f"{modality_code}{digits(rng, 7)}", 1.5),
            (f"{modality_code}-{exam_day.year % 100:02d}-{digits(rng, 6)}", 1),
            (f"RAD{ymd}{digits(rng, 4)}", 0.8),
            (f"{ymd}{digits(rng, 4)}", 0.8),
            (f"ACC{digits(rng, 7)}", 0.6),
        ),
    )


def account(rng: random.Random) -> str:
    """A visit / financial / encounter number."""
    return pick_weighted(
        rng,
        (
            (digits(rng, 10, lead_zero=False), 3),
            (digits(rng, 9, lead_zero=False), 2),
            ("V" + digits(rng, 10), 1.2),
            ("FIN" + digits(rng, 8), 0.6),
            (digits(rng, 12, lead_zero=False), 0.8),
            (f"{digits(rng, 4, lead_zero=False)}-{digits(rng, 6)}", 0.8),
        ),
    )


def health_plan(rng: random.Random) -> str:
    """A health plan member / beneficiary id."""
    mbi = (
        f"{rng.randint(1, 9)}{letters(rng, 2)}{rng.randint(0, 9)}-{letters(rng, 1)}"
        f"{letters(rng, 1)}{rng.randint(0, 9)}-{letters(rng, 2)}{digits(rng, 2)}"
    )
    return pick_weighted(
        rng,
        (
            (letters(rng, 3) + digits(rng, 9), 3),
            ("W" + digits(rng, 9), 1.5),
            (mbi, 1.5),
            (f"{letters(rng, 3)}{digits(rng, 9)}-0{rng.randint(1, 4)}", 1),
            (digits(rng, 11, lead_zero=False) + letters(rng, 1), 0.8),
            (f"{letters(rng, 1)}{digits(rng, 8)}", 1),
        ),
    )


def license_number(rng: random.Random) -> tuple[str, str]:
    """``(kind, number)``: an NPI, DEA or state licence number for a clinician."""
    kind = pick_weighted(rng, (("NPI", 5), ("DEA", 1.5), ("License", 2), ("Lic #", 0.8)))
    if kind == "NPI":
        return kind, digits(rng, 10, lead_zero=False)
    if kind == "DEA":
        return kind, letters(rng, 2) + digits(rng, 7)
    return kind, pick_weighted(
        rng,
        (
            (f"{letters(rng, 1)}{digits(rng, 5)}", 2),
            (f"MD-{digits(rng, 6)}", 1),
            (f"{digits(rng, 2)}.{digits(rng, 6)}", 1),
            (f"DO{digits(rng, 5)}", 0.5),
        ),
    )


def device_serial(rng: random.Random) -> str:
    """An implanted device serial number."""
    return pick_weighted(
        rng,
        (
            (f"{letters(rng, 3)}{digits(rng, 6)}{letters(rng, 1)}", 3),
            (f"{letters(rng, 2)}{digits(rng, 7)}", 2),
            (digits(rng, 9, lead_zero=False), 1.5),
            (f"{rng.randint(1, 9)}{letters(rng, 1)}{digits(rng, 2)}{letters(rng, 2)}", 1),
            (f"{letters(rng, 1)}{digits(rng, 2)}-{digits(rng, 5)}", 1),
        ),
    )


def device_model(rng: random.Random) -> str:
    """A device model designation (not an identifier: it names a product line)."""
    return pick_weighted(
        rng,
        (
            (f"Model {digits(rng, 4, lead_zero=False)}", 2),
            (f"Model {letters(rng, 1)}{digits(rng, 3)}", 1),
            (f"{letters(rng, 2)}{rng.randint(1, 9)}", 1),
        ),
    )


_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def vehicle_id(rng: random.Random) -> tuple[str, str]:
    """``(kind, id)``: a licence plate or a VIN."""
    if rng.random() < 0.7:
        plate = pick_weighted(
            rng,
            (
                (f"{rng.randint(1, 9)}{letters(rng, 3)}{digits(rng, 3)}", 2),
                (f"{letters(rng, 3)}-{digits(rng, 4)}", 2),
                (f"{letters(rng, 3)} {digits(rng, 3)}", 1),
                (f"{digits(rng, 3)} {letters(rng, 3)}", 1),
            ),
        )
        return "plate", plate
    return "VIN", "".join(rng.choice(_VIN_CHARS) for _ in range(17))


def order_number(rng: random.Random) -> str:
    """A radiology order / requisition number."""
    return pick_weighted(
        rng,
        (
            (digits(rng, 8, lead_zero=False), 3),
            ("ORD" + digits(rng, 7), 1.5),
            (f"ORD-{digits(rng, 7)}", 1),
            (f"{letters(rng, 2)}{digits(rng, 8)}", 1),
            (f"REQ{digits(rng, 6)}", 0.8),
        ),
    )


def study_uid(rng: random.Random) -> str:
    """A DICOM Study Instance UID under a vendor-like root (digits and dots, <= 64 chars)."""
    root = rng.choice(
        (
            "1.2.840.113619.2.55.3",
            "1.3.12.2.1107.5.1.4",
            "1.2.840.113704.1.111",
            "1.3.46.670589.11",
            "1.2.392.200036.9116.2.6.1.48",
            "1.2.826.0.1.3680043.8.498",
        )
    )
    tail = ".".join(
        [digits(rng, rng.randint(4, 10), lead_zero=False) for _ in range(rng.randint(2, 4))]
    )
    return f"{root}.{tail}"[:64].rstrip(".")


def other_id(rng: random.Random) -> tuple[str, str]:
    """``(kind, id)``: a miscellaneous identifying number (specimen, employee, case, EMS run)."""
    kind = rng.choice(("specimen", "employee ID", "case number", "EMS run number", "claim number"))
    value = pick_weighted(
        rng,
        (
            (f"{letters(rng, 1)}{rng.randint(10, 25)}-{digits(rng, 5)}", 2),
            (f"{letters(rng, 2)}{digits(rng, 6)}", 1),
            (digits(rng, 7, lead_zero=False), 1),
            (f"{digits(rng, 3)}-{digits(rng, 4)}", 1),
        ),
    )
    return kind, value


def ipv4(rng: random.Random) -> str:
    """A private or public IPv4 address."""
    first = pick_weighted(rng, (("10", 4), ("192.168", 3), ("172", 2), ("public", 2)))
    if first == "10":
        return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if first == "192.168":
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if first == "172":
        return f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return (
        f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    )


def ipv6(rng: random.Random) -> str:
    """A compressed IPv6 address."""
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(4)]
    return "fd00:" + ":".join(groups[:2]) + "::" + groups[3]


# --- places ------------------------------------------------------------------------------------


def street_address(rng: random.Random) -> str:
    """A street line: number, optional direction, street name and type, optional unit."""
    number = str(
        rng.choice((rng.randint(1, 99), rng.randint(100, 9999), rng.randint(10000, 49999)))
    )
    name = rng.choice(pools.STREET_NAMES)
    parts = [number]
    if rng.random() < 0.2:
        parts.append(rng.choice(pools.STREET_DIRECTIONS))
    parts.append(name)
    has_type = any(w in name for w in ("Road", "Route", "Highway"))
    if (not name[0].isdigit() or rng.random() < 0.9) and not has_type:
        parts.append(rng.choice(pools.STREET_TYPES))
    line = " ".join(parts)
    if rng.random() < 0.25:
        unit = rng.choice(pools.UNITS)
        sep = "" if unit == "#" else " "
        number = rng.choice(
            (
                str(rng.randint(1, 40)),
                str(rng.randint(100, 450)),
                f"{rng.randint(1, 12)}{rng.choice('ABCD')}",
            )
        )
        line += f"{rng.choice((', ', ' '))}{unit}{sep}{number}"
    if rng.random() < 0.04:
        line = f"PO Box {rng.randint(10, 9999)}"
    return line


def zip_code(rng: random.Random, prefix: str) -> str:
    """A ZIP (sometimes ZIP+4) with the given 3-digit prefix."""
    z = prefix + digits(rng, 2)
    return z + "-" + digits(rng, 4) if rng.random() < 0.2 else z


def place(rng: random.Random, split: str) -> tuple[str, str, str]:
    """``(city, state, zip)`` from the city pool; cities are partitioned by split like names."""
    for _ in range(60):
        city, state, prefix = rng.choice(pools.CITIES)
        if fits_split(city, split):
            break
    return city, state, zip_code(rng, prefix)


def _domain_from(name: str, rng: random.Random) -> str:
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in name).split() if w]
    stop = {"of", "the", "and", "s", "hospital", "center", "medical", "llc", "p", "c"}
    core = [w.lower() for w in words if w.lower() not in stop][:2] or ["radiology"]
    stem = rng.choice(pools.EMAIL_DOMAIN_STEMS)
    return f"{''.join(core)}{stem}.{rng.choice(pools.TLDS)}"


def domain_for(org_name: str, rng: random.Random) -> str:
    """A plausible web/email domain for an organisation name."""
    return _domain_from(org_name, rng)


def email(rng: random.Random, given: str, surname: str, domain: str) -> str:
    """An email address built from a person's name at ``domain``."""
    g = "".join(ch for ch in fold_ascii(given).lower() if ch.isalpha())
    s = "".join(ch for ch in fold_ascii(surname).lower() if ch.isalpha())
    g = g or "staff"
    s = s or "office"
    local = pick_weighted(
        rng,
        (
            (f"{g}.{s}", 4),
            (f"{g[0]}{s}", 3),
            (f"{s}.{g}", 1),
            (f"{g[0]}{s}{rng.randint(1, 99)}", 1),
            (f"{g}_{s}", 0.5),
        ),
    )
    return f"{local}@{domain}"


def generic_email(rng: random.Random, domain: str) -> str:
    """A departmental mailbox."""
    box = rng.choice(
        ("radiology", "readingroom", "imaging.results", "rad.scheduling", "pacs-support")
    )
    return f"{box}@{domain}"


def url(rng: random.Random, domain: str, acc: str) -> str:
    """A results / PACS / portal URL at ``domain``."""
    return pick_weighted(
        rng,
        (
            (f"https://pacs.{domain}/viewer?accession={acc}", 3),
            (f"https://portal.{domain}/results/{digits(rng, 7)}", 2),
            (f"http://{domain}/radiology", 1),
            (f"www.{domain}", 1.5),
            (f"https://{domain}/imaging/request-images", 1),
            (f"https://images.{domain}/share/{letters(rng, 3).lower()}{digits(rng, 5)}", 1),
        ),
    )


def fold_ascii(text: str) -> str:
    """Strip diacritics (ASCII-only systems write José as Jose)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return (
        out.replace("ı", "i")
        .replace("ł", "l")
        .replace("Ł", "L")
        .replace("ø", "o")
        .replace("ß", "ss")
    )
