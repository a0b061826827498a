"""Identifiers in structured header fields and header/value tables, whatever their layout.

A field is a key and its value: ``KEY: value``, ``KEY value`` (a known key at the start of a
line or after two spaces), ``[KEY] value``, ``KEY=value;`` / ``key=value`` pairs. A table is a
header line of keys and the next line of values, both split by `` / `` or ``|``
(``Subject / ID# / Birth / Years`` then ``Jenny Church / 1721258 / 06/10/1929 / 85/F``).

The key is normalised (case, ``_``, ``.``, ``#`` -> ``no``, ``number`` -> ``no``) and looked up
in a small vocabulary (:data:`KEYS`); it says what the value must be:

* ids (MRN, ACCESSION, ACCOUNT, HEALTH_PLAN, LICENSE, ID): one code-like token with at least
  three digits that is not a date, a decimal or a small number;
* AGE: a number of years, optionally with a unit and sex (``091Y``, ``96Y M``, ``103 yrs``);
  flagged only over 89 (Safe Harbor keeps younger ages);
* HOSPITAL: one to six name words for facility keys (``Performed at``, ``Institution``); for
  ``Location``/``Site`` (often anatomy) words that are capitalised in mixed-case text and are no
  anatomy, laterality, ward or clinical-vocabulary word (``Site: right breast`` is not PHI);
* NAME: a person's name (title and credentials trimmed) for patient and clinician keys.

Unknown keys and values that do not look like what their key promises give nothing. Pager
numbers after ``paged``/``pager``/``beeper`` (``was paged (60543)``) are PHONE; a transcriptionist's
initials after a footer's ``T:`` time are NAME. Dates are left
to the dates detector (date keys only help recognise a table header).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from radscrub.config import DetectConfig
from radscrub.detect.allow import CONTEXT_MARK, AllowList
from radscrub.detect.base import (
    EMPTY_CONTEXT,
    Pattern,
    PatternDetector,
    PatternSearch,
    RecordContext,
)
from radscrub.detect.lexicons import fold, name_lexicon
from radscrub.spans import PhiLabel, PhiSpan

L = PhiLabel
_CS = regex.VERSION1

# ---------------------------------------------------------------- the key vocabulary
#: Kinds a key can promise besides a PhiLabel: recognised only (dates, sex ...), a facility
#: (strong key) or a maybe-facility (``location``/``site``: anatomy too), a person.
DATE, OTHER, SITE, WEAK_SITE, NAME, AGE = "date", "other", "site", "weak_site", "name", "age"
Kind = PhiLabel | str


def _keys(kind: Kind, words: str) -> dict[str, Kind]:
    return {" ".join(key.split()): kind for key in words.split(",") if key.strip()}


#: Normalised key (see :func:`normalise_key`) -> what its value is.
KEYS: dict[str, Kind] = {
    **_keys(
        L.MRN,
        """mrn, mrn no, mr no, mrno, umrn, empi, medical record, medical record no, medical
        records no, med rec, med rec no, med record no, medical rec no, record no, unit no,
        hospital no, hosp no, hospital id, patient id, patient id no, pt id, ptid, patient no,
        pt no, id no, chart no, patient identifier, medical record id, health record no,
        patient record no, mrn id, person id""",
    ),
    **_keys(
        L.ACCESSION,
        """acc, acc no, accno, accn, accn no, accession, accession no, accession id, study no,
        study accession, exam no, examination no, exam id, exam accession, procedure no,
        imaging no""",
    ),
    **_keys(
        L.ID,
        """id, order no, order id, req no, req id, requisition, requisition no, requisition id,
        study id, order""",
    ),
    **_keys(
        L.ACCOUNT,
        """account, account no, acct, acct no, acctno, billing no, billing account, billing id,
        billing account no, visit no, visit id, encounter no, encounter id, enc no, enc id, csn,
        har, fin, fin no, episode no""",
    ),
    **_keys(
        L.HEALTH_PLAN,
        """policy no, policy id, member id, member no, subscriber id, subscriber no, beneficiary
        no, beneficiary id, ins id, ins no, insurance id, insurance no, group no, medicare no,
        medicaid no, mbi, hicn, plan id, plan no, health plan no, health plan id""",
    ),
    **_keys(
        L.LICENSE,
        """credential no, credential, credential id, credentials no, license, license no,
        licence, licence no, lic no, npi, npi no, dea, dea no, state license no, medical license
        no, certificate no""",
    ),
    **_keys(
        AGE,
        """age, years, yrs, age/sex, sex/age, age/gender, gender/age, age sex, years old, age
        yrs, age years, age at exam, age at study""",
    ),
    **_keys(
        SITE,
        """institution, facility, performed at, performing facility, performing institution,
        performing site, performing location, performing hospital, hospital, hospital name,
        facility name, institution name, sending facility, sending hospital, referring
        facility, referring hospital, referring institution, imaging center, imaging site,
        imaging facility, site of service, place of service, exam location, study location,
        scanned at, acquired at""",
    ),
    **_keys(WEAK_SITE, "location, site, loc"),
    **_keys(
        NAME,
        """name, patient, pt, patient name, pt name, full name, patient full name, subject,
        patient's name, last name/first name, name of patient, referrer, referring, referring
        physician, referring doctor, referring provider, referring clinician, ref phys, ref dr,
        ref md, ordering physician, ordering provider, ordering clinician, ordering doctor,
        ordering md, ordered by, requested by, requesting physician, requesting clinician,
        requesting provider, requesting doctor, sent by, referred by, attending, attending
        physician, attending radiologist, radiologist, reading radiologist, interpreting
        radiologist, physician, provider, doctor, pcp, primary care, primary care physician,
        family doctor, family physician, gp, technologist, tech, sonographer, interpreted by,
        read by, dictated by, signed by, reported by, performed by, verified by""",
    ),
    **_keys(
        DATE,
        """dob, d o b, birth, born, birth date, birthdate, date of birth, date, exam date, study
        date, service date, date of service, dos, performed, acquired, exam date/time, study
        date/time, date/time, date of exam, date of study, scan date, visit date""",
    ),
    **_keys(OTHER, "sex, gender, sex at birth, exam, study, modality, procedure, examination"),
}

_NO_WORDS = regex.compile(r"\b(?:number|num|nbr|nr)\b")
_KEY_PUNCT = regex.compile(r"[_.:()\[\]]+")
_PREFIX = regex.compile(r"^(?:patient'?s?|pt)\s+")


@functools.lru_cache(maxsize=4096)
def normalise_key(key: str) -> str:
    """A key's lookup form: ``"ACC._NO"`` -> ``"acc no"``, ``"MR Number"`` -> ``"mr no"``,
    ``"Age / Sex"`` -> ``"age/sex"``."""
    k = _KEY_PUNCT.sub(" ", key.lower().replace("#", " no "))
    k = _NO_WORDS.sub("no", k)
    k = " ".join(k.split()).replace(" / ", "/").replace(" /", "/").replace("/ ", "/")
    return k.replace("no no", "no")


def key_kind(key: str) -> Kind | None:
    """What a key's value is (see :data:`KEYS`), or None for a key outside the vocabulary."""
    k = normalise_key(key)
    kind = KEYS.get(k)
    if kind is None and _PREFIX.match(k):
        kind = KEYS.get(_PREFIX.sub("", k))
    return kind


# ---------------------------------------------------------------- field shapes
# a field starts a line, or follows two spaces, a tab, a pipe or a semicolon
_START = r"(?<=(?:^|[\n\r|;\t]|[ ]{2})[ \t]{0,40})"
#: Where fields may start (``_START``), found once per text; colon and spaced fields are tried
#: only there.
_FIELD_STARTS = r"(?m)(?:^[ \t]{0,40}|[\r|;\t][ \t]{0,40}|[ ]{2}[ \t]{0,40})\K[A-Za-z]"
_VALUE_END = r"(?=[ \t]*(?:\r?\n|$|[|;])|[ \t]{2,})"
_COLON_KEY = r"[A-Za-z][\w.#/()'&-]{0,30}(?:[ \t][\w.#/()'&-]{1,30}){0,4}?"
_EQ_KEY = r"[A-Za-z][\w.#/-]{0,40}"


def _key_regex(key: str) -> str:
    """A regex for one normalised key as it may be written (``acc no`` ~ ``ACC#``, ``Acc. No.``)."""
    parts = []
    for i, word in enumerate(key.split(" ")):
        if word == "no":
            parts.append(r"[ \t._]{0,2}(?:no\b\.?|#|number\b|num\b|nbr\b)")
            continue
        body = r"[ \t]{0,2}/[ \t]{0,2}".join(regex.escape(w) for w in word.split("/"))
        parts.append(body if i == 0 else r"[ \t._]{1,2}" + body)
    return "".join(parts)


#: Keys that may stand without a colon before their value: the id, age and facility ones.
_SPACED_KEYS = sorted(
    (k for k, kind in KEYS.items() if isinstance(kind, PhiLabel) or kind in (AGE, SITE, WEAK_SITE)),
    key=len,
    reverse=True,
)
_SPACED_KEY = "|".join(_key_regex(k) for k in _SPACED_KEYS)
_VALUE = r"(?P<val>[^\s|;\[\]](?:[^\n|;\[\]]{0,78}?[^\s|;\[\]])??)"

FIELD_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "bracket",
        r"\[[ \t]{0,2}(?P<key>[A-Za-z][^\[\]\n]{0,40}?)[ \t]{0,2}\][ \t]{0,40}"
        + _VALUE
        + _VALUE_END,
        L.ID,
        requires=("[",),
    ),
    Pattern(
        "equals",
        rf"(?<![\w.#/?&-])(?P<key>{_EQ_KEY})[ \t]{{0,3}}=[ \t]{{0,3}}"
        r"(?P<val>[^\s;=|](?:[^\n;=|]{0,78}?[^\s;=|,])??)"
        rf"(?=[ \t]*(?:\r?\n|$|[;|]|,[ \t]*{_EQ_KEY}[ \t]*=)|[ \t]+{_EQ_KEY}[ \t]*=)",
        L.ID,
        requires=("=",),
    ),
    Pattern(
        "colon",
        rf"{_START}(?P<key>{_COLON_KEY})[ \t]{{0,3}}:[ \t]{{0,40}}(?:\r?\n[ \t]{{0,40}})?"
        + _VALUE
        + _VALUE_END,
        L.ID,
        requires=(":",),
        precheck=_FIELD_STARTS,
        anchored=True,
    ),
    Pattern(
        "spaced",
        rf"{_START}(?P<key>{_SPACED_KEY})(?![\w:])[ \t]{{1,40}}" + _VALUE + _VALUE_END,
        L.ID,
        precheck=_FIELD_STARTS,
        anchored=True,
    ),
)

_PAGER_NUMBER = r"\d(?:-?\d){3,6}"
PAGER_PATTERN = Pattern(
    "pager",
    r"\b(?P<cue>paged|pager|beeper|beeped|pgr|bpr)\b(?:[ \t]{1,3}(?:no\b\.?|number))?[ \t]{0,3}"
    rf"(?:\([ \t]{{0,2}}(?P<id>{_PAGER_NUMBER})[ \t]{{0,2}}\)|(?P<mark>[#:])[ \t]{{0,2}}"
    rf"(?P<id>{_PAGER_NUMBER})|(?:(?:at|on|to|via)[ \t]{{1,3}})?(?P<id>{_PAGER_NUMBER}))"
    r"(?![\w]|[.,:]\d|-\d|[ \t]{0,2}(?:a\.?m\b|p\.?m\b|hours?\b|hrs?\b|h\b))",
    L.PHONE,
    0.85,
    group="id",
    requires=("page", "beep", "pgr", "bpr"),
)
"""Pager numbers: ``paged (60543)``, ``pager 4-1139``, ``beeper #2418``. After the verbs
(``paged at``) a bare number must look like a pager (``4-1856`` or five digits), not a time."""

TRANSCRIBER_PATTERN = Pattern(
    "transcriber",
    r"(?m)\bT:[ \t]*(?=[^\n]{0,16}?(?:\d[/:\-.]\d|\d{4}))[0-9A-Za-z/,:.\- \t]{4,44}?[ \t]+"
    r"(?!(?:AM|PM|A\.M\.|P\.M\.|HRS|HR|HOURS|AT|ON|EST|EDT|CST|CDT|PST|PDT|MST|MDT|UTC|GMT"
    r"|CT|CTA|MR|MRI|MRA|US|XR|PET|NM|IR|CR|DX|RF|MG|ED|ER|OR|ICU)"
    r"(?![A-Z]))(?P<id>[A-Z]{2,4}|(?:[A-Z]\.){2,4})(?=[ \t]*\r?$|[ \t]{2,}|[ \t]+JOB\b)",
    L.NAME,
    0.8,
    group="id",
    flags=_CS,
    requires=("t:",),
)
"""A transcriptionist's initials at the end of a dictation footer's ``T:`` (transcribed) time:
``D: 04/25/2009 2:43 AM  T: 04/25/09 9:12 AM  AG  JOB #: 986302``."""

_TABLE_LINE = Pattern(
    "table",
    r"(?m)^[^\n]*(?:[ \t]/[ \t]|\|)[^\n]*$",
    L.ID,
    flags=_CS,
    requires=("/", "|"),
)
"""Lines that may be a table's header or values (cells split by `` / `` or ``|``)."""

# ---------------------------------------------------------------- values
_ID_VALUE = regex.compile(r"[A-Z0-9](?:[A-Z0-9]|[-./](?=[A-Z0-9])){3,39}", regex.I | _CS)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_NOT_ID = regex.compile(
    rf"\d{{1,4}}(?:[.,]\d{{1,3}})?|{_DAY}[-/.]{_DAY}[-/.](?:\d{{2}}|\d{{4}})|\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    rf"|(?:19|20)\d{{2}}[-/.]?(?:0[1-9]|1[0-2])[-/.]?{_DAY}",
    _CS,
)
_AGE_VALUE = regex.compile(
    r"(?:(?:m|f|male|female)[ \t]{0,2}[/,]?[ \t]{0,2})?(?P<age>\d{2,3})[ \t]{0,2}"
    r"(?:(?:y|yo|y\.o\.?|yr|yrs|years?)\.?(?:[ \t]{0,2}old)?)?"
    r"(?:[ \t]{0,2}[/,]?[ \t]{0,2}(?:m|f|male|female|man|woman|u|x|o|other|unknown)\b\.?)?",
    regex.I | _CS,
)
_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’.-]*|&", _CS)
_TITLE = regex.compile(
    r"^(?:(?:dr|doctor|prof|professor|tech|arrt|rn|nurse)\b\.?[ \t]*)+", regex.I | _CS
)
_CREDENTIALS = (
    r"md|m\.d|d\.o|phd|ph\.d|mbbs|mb[ \t]?bs|mbchb|"
    r"mb[ \t]?bch|bch|mph|mba|mha|mhs|msc|bsc|ms|ma|"
    r"facr|frcr|frcpc|frcp|frcs|fracr|facp|facc|fccp|mrcp|dabr|rn|lpn|np|np-c|pa|pa-c|dnp|crna|"
    r"arnp|aprn|fnp|fnp-bc|fnp-c|agnp|acnp|anp|cnm|cnmt|rt|rt\(r\)|rdms|rdcs|rvt|rrt|bsn|msn|"
    r"dpm|dds|dmd|od|pharmd|dpt|arrt|cns"
)
_CREDENTIAL = regex.compile(
    rf"(?:[ \t]*,?[ \t]*\b(?:{_CREDENTIALS})(?![\w-])\.?)+$",
    regex.I | _CS,
)
_BARE_DO = regex.compile(r"[ \t]*(,)?[ \t]*\bdo$", regex.I | _CS)
#: After a name not in capitals, trailing capitals after a comma are credentials (``, CNMT``).
_CAPS_TAIL = regex.compile(r"(?:[ \t]*,[ \t]*\p{Lu}{2,6}(?:-\p{Lu}{1,3})?\.?)+$", _CS)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words that make a value prose, a setting or anatomy rather than a facility or a person.
_STOP = _wordset(
    """the a an was were is are be been has have had with without for to in on at no not none
    unknown n/a na nil see per as by from this that there these those it its he she they his her
    their patient pt please pending"""
)
_NOT_SITE = _wordset(
    """right left bilateral bilat lt rt upper lower anterior posterior lateral medial proximal
    distal superior inferior mid central dorsal ventral volar palmar plantar apex base breast
    lobe arm leg chest abdomen abdominal pelvis pelvic head neck spine knee hip shoulder wrist
    ankle foot feet hand liver kidney renal lung thyroid quadrant clock brain heart bone skin
    soft tissue tissues mass lesion nodule node nodes biopsy injection puncture access
    radiology ct cta mri mr us ultrasound xr x-ray pet nuclear fluoro fluoroscopy room dept
    department ed er icu ccu nicu picu pacu or floor ward unit bed bay main outpatient inpatient
    emergency home outside portable bedside clinic suite level wing same other multiple various
    n/a before after contrast"""
)
_GENERIC_SITE = _wordset(
    """hospital hospitals medical center centre health healthcare clinic clinics imaging
    radiology diagnostic diagnostics university college general regional community memorial
    county city state national main campus institute infirmary associates group services
    department dept of the and & outside referring local site facility institution hq
    network system"""
)
_CONNECTORS = _wordset("of the and & for de at")
_PARTICLES = _wordset(
    "de la le du del della der den van von da di dos das st st. bin al el ter ten"
)


def _words(value: str) -> list[str] | None:
    """The value's words, or None when it holds anything but words (digits, other marks)."""
    words = value.replace(",", " ").split()
    if not words or len(words) > 6 or any(_WORD.fullmatch(w) is None for w in words):
        return None
    return words


def id_value(value: str) -> bool:
    """A code-like identifier: one token, three or more digits, no date/time/small number."""
    if _ID_VALUE.fullmatch(value) is None or _NOT_ID.fullmatch(value) is not None:
        return False
    return sum(ch.isdigit() for ch in value) >= 3


def age_value(value: str) -> tuple[int, int] | None:
    """Offsets of an age over 89 (and at most 125) inside ``value``, else None."""
    m = _AGE_VALUE.fullmatch(value)
    if m is None or not 89 < int(m.group("age")) <= 125:
        return None
    return m.span("age")


def site_value(value: str, weak: bool, casing: str, allow: AllowList) -> bool:
    """A facility name: name words, not all generic; weak keys also exclude anatomy."""
    words = _words(value)
    if words is None or "," in value:
        return False
    lower = [w.lower().rstrip(".") for w in words]
    if any(w in _STOP or w in _NOT_SITE for w in lower if w not in _CONNECTORS):
        return False
    if lower[0] in _CONNECTORS or lower[-1] in _CONNECTORS:
        return False
    if all(w in _GENERIC_SITE for w in lower):
        return False
    if weak:
        if casing == "mixed" and not all(
            w[0].isupper() for w, k in zip(words, lower, strict=True) if k not in _CONNECTORS
        ):
            return False
        if value in allow or any(w in allow for w in words):
            return False
    return True


def name_bounds(value: str, casing: str) -> tuple[int, int] | None:
    """Offsets of a person's name inside ``value`` (title and credentials cut), else None."""
    start, end = 0, len(value)
    title = _TITLE.match(value)
    if title:
        start = title.end()
    while True:  # credentials, then a bare "DO" (also a surname: "Lisa Do")
        cut = _CREDENTIAL.search(value, start, end)
        if cut and cut.start() > start:
            end = cut.start()
        do = _BARE_DO.search(value, start, end)
        if do is None or not (do.group(1) or len(value[start : do.start()].split()) >= 2):
            break
        end = do.start()
    cut = _CAPS_TAIL.search(value, start, end) if casing == "mixed" else None
    if cut and cut.start() > start and not value[start : cut.start()].isupper():
        end = cut.start()
    name = value[start:end].rstrip(" ,")
    end = start + len(name)
    words = _words(name)
    if words is None or name.count(",") > 1:
        return None
    lower = [w.lower() for w in words]
    if any(
        w in _STOP or w in _NOT_SITE or w in _GENERIC_SITE for w in lower if w not in _PARTICLES
    ):
        return None
    if not any(len(w.strip(".")) > 1 for w in words):
        return None
    if casing == "mixed" and not all(
        w[0].isupper() for w, k in zip(words, lower, strict=True) if k not in _PARTICLES
    ):
        return None
    lexicon = name_lexicon()
    keys = [fold(w.strip(".")) for w in words if len(w.strip(".")) > 1]
    if not any(lexicon.is_name(k) or not lexicon.is_common(k) for k in keys):
        return None
    return start, end


# ---------------------------------------------------------------- tables
_CELL_SPLIT = {
    "/": regex.compile(r"[ \t]+/[ \t]+", _CS),
    "|": regex.compile(r"[ \t]*\|[ \t]*", _CS),
}
_HEADER_CELL = regex.compile(r"[A-Za-z][\w.#'()-]*(?:/[\w.#'()-]+)?(?:[ \t][\w.#'()/-]+){0,4}", _CS)


@dataclass(frozen=True)
class _Field:
    """One key and the offsets of its value."""

    key: str
    start: int
    end: int
    form: str


class FieldDetector(PatternDetector):
    """Values of known keys in header fields (``KEY: value``, ``[KEY] value``, ``KEY=value;``)
    and header/value tables, labelled by what the key says they are; pager numbers."""

    labels = (
        L.MRN,
        L.ACCESSION,
        L.ACCOUNT,
        L.HEALTH_PLAN,
        L.LICENSE,
        L.ID,
        L.AGE,
        L.HOSPITAL,
        L.NAME,
        L.PHONE,
    )
    patterns = (*FIELD_PATTERNS, PAGER_PATTERN, TRANSCRIBER_PATTERN, _TABLE_LINE)

    def __init__(self, config: DetectConfig | None = None, *, name: str | None = None) -> None:
        super().__init__(config, name=name)
        self._allow = AllowList.from_config(self.config)

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        casing = _casing(text)
        search = PatternSearch(text, self.config.pattern_timeout, self.name)
        spans: list[PhiSpan] = []
        lines: list[tuple[int, int]] = []
        for pattern, compiled in self._compiled:
            if not search.allows(pattern):
                continue
            for m in search.matches(pattern, compiled, f"{self.name}.{pattern.name}"):
                if pattern is _TABLE_LINE:
                    lines.append(m.span())
                elif pattern is TRANSCRIBER_PATTERN:
                    start, end = m.span("id")
                    form = "transcriber" + CONTEXT_MARK
                    spans.append(self._span(start, end, L.NAME, 0.8, form, text))
                elif pattern is PAGER_PATTERN:
                    if _pager_number(m):
                        start, end = m.span("id")
                        spans.append(self._span(start, end, L.PHONE, 0.85, "pager", text))
                else:
                    start, end = m.span("val")
                    field = _Field(m.group("key"), start, end, pattern.name)
                    spans.extend(self._classify(field, text, casing))
        for field in _table_fields(text, lines):
            spans.extend(self._classify(field, text, casing))
        return spans

    def _classify(self, field: _Field, text: str, casing: str) -> Iterator[PhiSpan]:
        span = self._classify_one(field, text, casing)
        if span is not None:
            yield span

    def _classify_one(self, field: _Field, text: str, casing: str) -> PhiSpan | None:
        kind = key_kind(field.key)
        if kind is None or kind in (DATE, OTHER):
            return None
        value = text[field.start : field.end]
        if isinstance(kind, PhiLabel):
            if not id_value(value):
                return None
            return self._span(field.start, field.end, kind, 0.9, field.form, text)
        if kind == AGE:
            bounds = age_value(value)
            if bounds is None:
                return None
            s, e = bounds
            return self._span(field.start + s, field.start + e, L.AGE, 0.9, field.form, text)
        if kind in (SITE, WEAK_SITE):
            weak = kind == WEAK_SITE
            if not site_value(value, weak, casing, self._allow):
                return None
            source = field.form if weak else field.form + CONTEXT_MARK
            score = 0.7 if weak else 0.8
            return self._span(field.start, field.end, L.HOSPITAL, score, source, text)
        bounds = name_bounds(value, casing)
        if bounds is None:
            return None
        s, e = bounds
        start, end = field.start + s, field.start + e
        return self._span(start, end, L.NAME, 0.85, field.form + CONTEXT_MARK, text)

    def _span(
        self, start: int, end: int, label: PhiLabel, score: float, form: str, text: str
    ) -> PhiSpan:
        return PhiSpan(start, end, label, score, f"{self.name}.{form}", text[start:end])


def _pager_number(m: regex.Match[str]) -> bool:
    """False for a bare number after ``paged``/``beeped`` that could be a time (``paged 1530``)."""
    if m.group("mark") or m.group("cue").lower() not in ("paged", "beeped"):
        return True
    number = m.group("id")
    before = m.string[m.start() : m.start("id")]
    return "(" in before or "-" in number or len(number) >= 5


def _table_fields(text: str, lines: list[tuple[int, int]]) -> Iterator[_Field]:
    """Cells of a value line under a header line of known keys, both with the same cells."""
    for (h_start, h_end), (v_start, v_end) in itertools.pairwise(lines):
        if text[h_end:v_start] not in ("\n", "\r\n"):
            continue
        head, vals = text[h_start:h_end], text[v_start:v_end]
        split = _CELL_SPLIT["|" if "|" in head else "/"]
        keys = split.split(head.strip())
        if len(keys) < 3 or not all(_HEADER_CELL.fullmatch(k) for k in keys):
            continue
        if sum(key_kind(k) is not None for k in keys) < 2:
            continue
        pos, cells = 0, []
        for cut in split.finditer(vals):
            cells.append((pos, cut.start()))
            pos = cut.end()
        cells.append((pos, len(vals)))
        if len(cells) != len(keys):
            continue
        for key, (s, e) in zip(keys, cells, strict=True):
            cell = vals[s:e]
            s, e = s + len(cell) - len(cell.lstrip()), s + len(cell.rstrip())
            if e > s:
                yield _Field(key, v_start + s, v_start + e, "table")


def _casing(text: str) -> str:
    """``upper`` or ``lower`` for text written wholly in one case, else ``mixed``."""
    if text.isupper():
        return "upper"
    return "lower" if text.islower() else "mixed"
