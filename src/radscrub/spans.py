"""Plain data flowing through the pipeline: PHI labels, their Safe Harbor categories, spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class SafeHarborCategory(str, Enum):
    """The 18 identifier categories of HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(A)-(R)."""

    A = "Names"
    B = "Geographic subdivisions smaller than a state (street, city, county, ZIP)"
    C = "All elements of dates (except year) related to an individual; ages over 89"
    D = "Telephone numbers"
    E = "Fax numbers"
    F = "Email addresses"
    G = "Social security numbers"
    H = "Medical record numbers"
    I = "Health plan beneficiary numbers"  # noqa: E741 - the regulation's own letter
    J = "Account numbers"
    K = "Certificate/license numbers"
    L = "Vehicle identifiers and serial numbers, including license plates"
    M = "Device identifiers and serial numbers"
    N = "Web URLs"
    O = "IP addresses"  # noqa: E741 - the regulation's own letter
    P = "Biometric identifiers, including finger and voice prints"
    Q = "Full-face photographs and comparable images"
    R = "Any other unique identifying number, characteristic, or code"

    @property
    def letter(self) -> str:
        """The category's letter, A..R."""
        return self.name


class PhiLabel(str, Enum):
    """What kind of identifier a span is. Each label knows its Safe Harbor category."""

    NAME = "NAME"
    DATE = "DATE"
    TIME = "TIME"
    AGE = "AGE"
    PHONE = "PHONE"
    FAX = "FAX"
    EMAIL = "EMAIL"
    URL = "URL"
    IP = "IP"
    SSN = "SSN"
    MRN = "MRN"
    ACCESSION = "ACCESSION"
    ACCOUNT = "ACCOUNT"
    HEALTH_PLAN = "HEALTH_PLAN"
    LICENSE = "LICENSE"
    DEVICE_ID = "DEVICE_ID"
    VEHICLE_ID = "VEHICLE_ID"
    ID = "ID"
    ADDRESS = "ADDRESS"
    LOCATION = "LOCATION"
    ZIP = "ZIP"
    HOSPITAL = "HOSPITAL"
    ORGANIZATION = "ORGANIZATION"

    @property
    def category(self) -> SafeHarborCategory:
        """The Safe Harbor category (A..R) this label falls under."""
        return _CATEGORY[self]

    @classmethod
    def parse(cls, value: str) -> PhiLabel:
        """Look a label up by name, case-insensitively; raise ValueError naming the valid ones."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            valid = ", ".join(m.value for m in cls)
            raise ValueError(f"unknown PHI label {value!r}; valid labels: {valid}") from None


_CATEGORY: dict[PhiLabel, SafeHarborCategory] = {
    PhiLabel.NAME: SafeHarborCategory.A,
    PhiLabel.DATE: SafeHarborCategory.C,
    PhiLabel.TIME: SafeHarborCategory.C,
    PhiLabel.AGE: SafeHarborCategory.C,
    PhiLabel.PHONE: SafeHarborCategory.D,
    PhiLabel.FAX: SafeHarborCategory.E,
    PhiLabel.EMAIL: SafeHarborCategory.F,
    PhiLabel.SSN: SafeHarborCategory.G,
    PhiLabel.MRN: SafeHarborCategory.H,
    PhiLabel.HEALTH_PLAN: SafeHarborCategory.I,
    PhiLabel.ACCOUNT: SafeHarborCategory.J,
    PhiLabel.LICENSE: SafeHarborCategory.K,
    PhiLabel.VEHICLE_ID: SafeHarborCategory.L,
    PhiLabel.DEVICE_ID: SafeHarborCategory.M,
    PhiLabel.URL: SafeHarborCategory.N,
    PhiLabel.IP: SafeHarborCategory.O,
    PhiLabel.ACCESSION: SafeHarborCategory.R,
    PhiLabel.ID: SafeHarborCategory.R,
    PhiLabel.ORGANIZATION: SafeHarborCategory.R,
    PhiLabel.ADDRESS: SafeHarborCategory.B,
    PhiLabel.LOCATION: SafeHarborCategory.B,
    PhiLabel.ZIP: SafeHarborCategory.B,
    PhiLabel.HOSPITAL: SafeHarborCategory.B,
}


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date (or part of one) as written: its parsed parts and the format it was written in.

    ``fmt`` is a template over the tokens documented in :mod:`radscrub.detect.datefmt`
    (e.g. ``"{M}/{D}/{YY}"`` for ``3/14/19``); ``case`` is ``"upper"``, ``"lower"`` or ``""``
    (as the template renders). Parts the text does not carry are ``None``.

    Tokens: ``{YYYY}`` ``{YY}`` year; ``{M}`` ``{MM}`` month number (unpadded/zero-padded);
    ``{D}`` ``{DD}`` ``{Dth}`` day (``{Dth}`` adds the ordinal suffix); ``{Month}`` ``{Mon}``
    ``{Mon4}`` month name (March/Mar/Sept style); ``{Weekday}`` ``{Wkd}`` ``{Wkd4}`` weekday
    (Monday/Mon/Tues style); ``{D2}`` ``{DD2}`` ``{Dth2}`` the end day of a same-month range
    (``March 1-4``). Literal braces are doubled. ``case`` applies to names and ordinal suffixes.

    ``weekday`` (0 = Monday) is the weekday as written, for templates that render one;
    ``span_days`` is the length in days of a same-month range (the end is ``start + span_days``).
    A year or month may be known (e.g. borrowed from the other end of a range) without being
    rendered by ``fmt``.
    """

    year: int | None
    month: int | None
    day: int | None
    fmt: str
    case: str = ""
    weekday: int | None = None
    span_days: int = 0


@dataclass(frozen=True, slots=True)
class PhiSpan:
    """One detected identifier: ``text[start:end]`` (0-based, end-exclusive, str offsets)."""

    start: int
    end: int
    label: PhiLabel
    score: float = 1.0
    source: str = ""
    text: str = field(default="", compare=False, repr=False)
    value: DateValue | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid span offsets start={self.start} end={self.end}")

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start

    def overlaps(self, other: PhiSpan) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def to_json(self) -> dict[str, object]:
        """The span in the stable ``radscrub detect`` JSONL contract (no PHI text)."""
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label.value,
            "score": round(self.score, 4),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Replacement:
    """What one span became: the original span, the action taken, and where the new text sits."""

    span: PhiSpan
    action: str
    new_text: str = field(repr=False)
    out_start: int
    out_end: int


@dataclass(frozen=True)
class ScrubResult:
    """The scrubbed text with the spans found in the original and what replaced each."""

    text: str
    spans: tuple[PhiSpan, ...]
    replacements: tuple[Replacement, ...]
    patient_id: str | None = None
