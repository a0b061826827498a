"""Structured identifiers: phone/fax/pager, email, URL, IP, SSN and labelled or code-shaped ids.

Labels: PHONE, FAX, EMAIL, URL, IP, SSN, MRN, ACCESSION, ACCOUNT, HEALTH_PLAN, LICENSE, DEVICE_ID,
VEHICLE_ID, ID. Each identifier is found by one pattern of a class-level table; ``make_span``
validates it (IP octets, SSN areas, digit counts, VIN check digit ...) and picks FAX over PHONE
when the words around the number say fax.

Decisions (tests pin both sides):

* Labelled identifiers (``MRN: 12345``) cover the value only, never the label; the value may be
  column-aligned (``Med Rec No:      5119935``) or on the next line after a colon. Weak labels
  (``ID``, ``Order``, ``run``, ``DL`` ...) need an explicit marker (``#``, ``:``, ``No.``,
  ``number``) or a value of five or more characters.
* Licence plates need a vehicle word (``truck plate``) or a plate-shaped value (``plate 532 KKR``,
  two letters and two digits at least); ``plate L4-L5`` and ``growth plate 2 mm`` are anatomy.
* Unlabelled code-shaped tokens (8+ digits, or 1-4 letters + 6+ digits) are ``ID`` with a low
  score; ``YYYYMMDD`` dates and numbers followed by a unit are not.
* Never identifiers: measurements, vertebral levels (T12, L4-L5), scores (BI-RADS 4, Gleason
  3+4=7), doses, lab values, ICD-10 (I63.9) and CPT (71260) codes, years, room and bed
  numbers, series/image numbers, model and lot numbers (they name a product or batch, not a
  device), DICOM standard UIDs (root ``1.2.840.10008``).
* Pagers are PHONE. Short in-house numbers (``x4-5678``, ``ext 45678``, ``pager 1234``) are
  PHONE only next to such a word; ``p4321`` alone is not flagged (too ambiguous).
"""

from __future__ import annotations

import ipaddress

import regex

from radscrub.detect.base import Pattern, PatternDetector
from radscrub.spans import PhiLabel, PhiSpan

L = PhiLabel
_CS = regex.VERSION1  # case-sensitive flags

# ---------------------------------------------------------------- phone numbers
_EXT = r"(?:\s{0,2}(?:x|ext\.?|extension)\s{0,2}\d{1,6})?"
_PHONE_US = (
    r"(?=[\d(+])(?<![\w+.]|\d[ .-]|\d\))"
    r"(?:(?:\+|00)?1[ .-]?|001[ .-]?)?"
    r"(?:\(\d{3}\)\s?|\d{3}(?:[.-]|\s?-\s?| ))"
    r"\d{3}(?:[.-]|\s?-\s?| )\d{4}" + _EXT + r"(?![\w]|[.-]?\d)"
)
_PHONE_INTL = (
    r"(?=[+0])(?<![\w+.])(?:\+|00)[1-9]\d{0,2}[ .-]?(?:\(0\)[ .-]?)?"
    r"(?:\(\d{1,5}\)[ .-]?)?\d{1,10}(?:(?:[ .-]|\s?-\s?)\d{1,10}){0,5}" + _EXT + r"(?![\w]|[.-]?\d)"
)
#: A national number with its trunk 0 and blanks or dashes: "07700 900123", "020 7946 0958".
_PHONE_TRUNK = r"(?<![\w+.,/-]|\d[ .-])0\d{2,4}[ -]\d{3,4}(?:[ -]?\d{3,4})?(?![\w]|[.,/-]?\d)"
_PHONE_ANY = (
    r"(?:(?:\+|00)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?)?(?:\(\d{1,5}\)[ .-]?)?"
    r"\d{1,10}(?:(?:[ .-]|\s?-\s?)\d{1,10}){0,5}" + _EXT
)
_PHONE_CUE = (
    r"(?:tel(?:ephone)?|ph(?:one)?(?:\s*(?:number|no\.?|num))?|cell(?:\s*phone)?|mobile|mob|"
    r"home|work|office|desk|direct|fax|facsimile|pager|beeper|pgr|bpr|contact(?:\s+number)?|"
    r"call(?:ed)?(?:\s+(?:me|us|him|her|them|back))?(?:\s+(?:at|on))?|"
    r"reach(?:ed)?(?:\s+\w+){0,2}\s+at|answering\s+at|text(?:ed)?(?:\s+(?:me|us))?(?:\s+at)?|"
    r"messages\s+to|registered|phone\s+number)"
)
#: Words one of which every ``_PHONE_CUE`` contains (the phone_cued prefilter).
_PHONE_CUE_WORDS = (
    "tel", "ph", "cell", "mob", "home", "work", "office", "desk", "direct", "fax", "facsimile",
    "pager", "beeper", "pgr", "bpr", "contact", "call", "reach", "answering", "text",
    "messages", "registered",
)  # fmt: skip
_TRAIL_CUE = r"(?=\s{0,2}[-,(\\/]{0,2}\s{0,2}(?:office|fax|mobile|cell|home|work|desk|pager)\b)"
_SHORT = r"\d(?:-?\d){3,6}"

PHONE_PATTERNS: tuple[Pattern, ...] = (
    Pattern("phone_us", _PHONE_US, L.PHONE, 0.9),
    Pattern("phone_intl", _PHONE_INTL, L.PHONE, 0.85, requires=("+", "00")),
    Pattern("phone_trunk", _PHONE_TRUNK, L.PHONE, 0.75, requires=("0",)),
    Pattern(
        "phone_cued",
        rf"\b{_PHONE_CUE}\s{{0,3}}[:#.=-]{{0,3}}\s{{0,3}}(?:(?:no|number)\b\.?)?\s{{0,3}}[:#]?"
        rf"\s{{0,3}}(?P<id>{_PHONE_ANY})(?![\w]|[.-]?\d)",
        L.PHONE,
        0.8,
        group="id",
        requires=_PHONE_CUE_WORDS,
    ),
    Pattern(
        "phone_trailed",
        rf"(?=[\d(+])(?<![\w+.]|\d[ .-])(?P<id>{_PHONE_ANY}){_TRAIL_CUE}",
        L.PHONE,
        0.8,
        group="id",
        requires=("office", "fax", "mobile", "cell", "home", "work", "desk", "pager"),
    ),
    Pattern(
        "pager",
        r"\b(?:pager|beeper|pgr|pg|bpr|beep|page)\b\s{0,3}(?:(?:number|no)\b\.?)?\s{0,3}[:#]?"
        rf"\s{{0,3}}#?(?P<id>{_SHORT})(?![\w/]|[.,]\d|\s*/)",
        L.PHONE,
        0.85,
        group="id",
        requires=("pg", "beep", "bpr", "page"),
    ),
    Pattern(
        "extension",
        r"(?:\bext(?:ension)?\.?\s{0,2}#?(?P<id>\d-?\d{2,4}|\d{5})|(?<![\w.])x(?P<id>\d-?\d{3,4}|\d{5}))"
        r"(?![\w]|[.,]\d)",
        L.PHONE,
        0.65,
        group="id",
        requires=("x",),
    ),
    Pattern(
        "phone_short_cued",
        r"\b(?:call|dial|phone|tel|at|page|paged|cell|ext)\s{1,3}(?P<id>\d-\d{4})(?![\w]|[.,-]\d)",
        L.PHONE,
        0.75,
        group="id",
        requires=("call", "dial", "phone", "tel", "at", "page", "cell", "ext"),
    ),
    Pattern(
        "phone_ten_digits",
        r"(?=[\d(])(?<![\w+.]|\d[ .-])\(?(?P<id>[2-9]\d{2,5}[ .-]?\d{2,5}[ .-]?\d{4,5})\)?"
        r"(?![\w]|[.-]?\d)",
        L.PHONE,
        0.6,
        group="id",
    ),
)

# ---------------------------------------------------------------- network identifiers
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_TLD_GENERIC = r"(?:com|org|net|edu|gov|mil|int|info|biz|io|health|museum|aero|coop|app|dev)"
_DOMAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_URL_TAIL = r"(?:[/?#][^\s<>\"'`]*)?"
#: Every bare URL has one of these (a dot, then a top-level domain): url_bare's prefilter.
_TLD_DOTTED = (
    ".com", ".org", ".net", ".edu", ".gov", ".mil", ".in", ".biz", ".io", ".health", ".museum",
    ".aero", ".co", ".app", ".dev", ".ac", ".nhs",
)  # fmt: skip

NETWORK_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "email",
        r"(?=[\w.+%-])(?<![\w.+%-])[\w.+%-]{1,64}@(?:[\w-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w-]|\.\w)",
        L.EMAIL,
        0.95,
        requires=("@",),
    ),
    Pattern(
        "url_scheme",
        r"(?<![\w@/.-])(?:https?|ftp|sftp)://[^\s<>\"'`]{1,2000}",
        L.URL,
        0.95,
        requires=("://",),
    ),
    Pattern(
        "url_www",
        rf"(?<![\w@/.-])www\d?\.(?:{_DOMAIN_LABEL}\.){{1,8}}[A-Za-z]{{2,24}}(?![\w-]){_URL_TAIL}",
        L.URL,
        0.9,
        requires=("www",),
    ),
    Pattern(
        "url_bare",
        rf"(?<![\w@/.-])(?:{_DOMAIN_LABEL}\.){{1,8}}"
        rf"(?:{_TLD_GENERIC}(?:\.[a-z]{{2}})?|(?:com|co|org|net|gov|edu|ac|nhs)\.[a-z]{{2}})"
        rf"(?![\w-]|\.[A-Za-z0-9]){_URL_TAIL}",
        L.URL,
        0.85,
        flags=_CS,
        requires=_TLD_DOTTED,
    ),
    Pattern(
        "url_cc_path",
        rf"(?<![\w@/.-])(?:{_DOMAIN_LABEL}\.){{1,8}}[a-z]{{2}}/[^\s<>\"'`]{{1,2000}}",
        L.URL,
        0.7,
        flags=_CS,
        precheck=r"\.[a-z]{2}/",
    ),
    Pattern(
        "ipv4",
        rf"(?=\d)(?<![\w./]|\d\.)(?P<id>{_OCTET}(?:\.{_OCTET}){{3}}(?:/\d{{1,2}})?)(?![\w]|\.\d)",
        L.IP,
        0.9,
        group="id",
        requires=(".",),
    ),
    Pattern(
        "ipv6",
        r"(?=[0-9a-f:])(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?"
        r"(?:%\w{1,16})?(?![\w:]|\.\d)",
        L.IP,
        0.9,
        requires=(":",),
    ),
    Pattern(
        "mac",
        r"(?=[0-9a-f])(?<![\w:-])[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}(?![\w:-])",
        L.DEVICE_ID,
        0.8,
        precheck=r"(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}",
        anchored=True,
    ),
)

# ---------------------------------------------------------------- SSN
_SSN_LABEL = (
    r"(?:SSN|SS\s?#|SS\s?No\b\.?|Soc(?:ial)?\.?\s*Sec(?:urity)?\.?(?:\s*(?:number|no\b\.?|#))?)"
)
_SSN_WORDS = ("ss", "soc")  # every _SSN_LABEL has one
SSN_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "ssn_dashed",
        r"(?=\d)(?<![\w-])(?P<id>\d{3}-\d{2}-\d{4})(?![\w-]|\.\d)",
        L.SSN,
        0.9,
        "id",
        requires=("-",),
    ),
    Pattern(
        "ssn_spaced",
        r"(?=\d)(?<![\w-]|\d )(?P<id>\d{3} \d{2} \d{4})(?![\w-]| \d)",
        L.SSN,
        0.7,
        "id",
    ),
    Pattern(
        "ssn_labelled",
        rf"\b{_SSN_LABEL}\s{{0,3}}[:#=]?[ \t]{{0,30}}(?:(?<=[:#=])\r?\n[ \t]{{0,30}})?(?:is\s+)?"
        r"(?P<id>\d{3}[- ]?\d{2}[- ]?\d{4}|[x*]{3}-?[x*]{2}-?\d{4})(?![\w-])",
        L.SSN,
        0.95,
        "id",
        requires=_SSN_WORDS,
    ),
    Pattern(
        "ssn_last4",
        rf"\b{_SSN_LABEL}\s{{0,3}}\(?last\s*(?:4|four)(?:\s*digits)?\)?\s{{0,3}}[:#=]?\s{{0,3}}"
        r"(?:is\s+)?(?P<id>\d{4})(?!\w)",
        L.SSN,
        0.9,
        "id",
        requires=_SSN_WORDS,
    ),
)

# ---------------------------------------------------------------- labelled identifiers
_TOKEN = r"(?=[\w-]{0,40}\d)[A-Z0-9](?:[A-Z0-9]|[-/.](?=[A-Z0-9])){2,39}"
_LINK = (
    r"(?:\s{0,3}(?:[#:=-]|\b(?:no|nbr|num|number|is|was|of)\b\.?)){0,3}"
    r"[ \t]{0,30}(?:(?<=[#:=])\r?\n[ \t]{0,30})?"
)
_MARK = r"\s{0,3}(?:[#:=]|\b(?:no|nbr|num|number)\b\.?)" + _LINK
_NO = r"(?:#|No\b\.?|Nbr\b|Num(?:ber)?\b|ID\b)"


_HEALTH_PLAN_WORDS = (
    "member", "ins", "subscriber", "beneficiary", "policy", "group", "plan", "medic", "mbi",
    "hicn",
)  # fmt: skip


def _labelled(
    name: str,
    label: PhiLabel,
    cue: str,
    *,
    strong: bool = True,
    token: str = _TOKEN,
    score: float = 0.9,
    flags: int = regex.IGNORECASE | regex.VERSION1,
    requires: tuple[str, ...],
) -> Pattern:
    """A label cue, a link (``#``, ``:``, ``No.``, ``number``, ``is``), then the identifier.

    Weak cues (``strong=False``) need an explicit marker or a value of at least five characters.
    ``requires``: words one of which every way of writing the cue contains (the prefilter).
    """
    weak = rf"(?:{_MARK}(?P<id>{token})|{_LINK}(?P<id>(?=[\w./-]{{5}}){token}))"
    body = rf"{_LINK}(?P<id>{token})" if strong else weak
    return Pattern(
        name,
        rf"(?<![\w]){cue}{body}(?![\w]|[-/.][\w])",
        label,
        score,
        group="id",
        flags=flags,
        requires=requires,
    )


#: Dictated digits, one group at a time: "medical record number 4 4 7 1 9 2 3".
_SPOKEN_DIGITS = r"\d{1,3}(?:[ ]\d{1,3}){2,11}(?=[ ]\D|[.,;]?$|[.,;]\s)"
_SPOKEN_CUES = (  # (name, label, cue, words one of which every cue holds: the prefilter)
    (
        "mrn_spoken",
        L.MRN,
        r"(?:medical\s+record|MRN|med(?:ical)?\s+rec|unit|chart|patient)",
        ("rec", "mrn", "unit", "chart", "patient"),
    ),
    ("accession_spoken", L.ACCESSION, r"(?:accession)", ("accession",)),
    (
        "account_spoken",
        L.ACCOUNT,
        r"(?:account|encounter|visit)",
        ("account", "encounter", "visit"),
    ),
)


LABELLED_PATTERNS: tuple[Pattern, ...] = (
    _labelled(
        "mrn",
        L.MRN,
        r"(?:MRN|UMRN|EMPI|MR\s?(?:#|No\b\.?|Num(?:ber)?\b)|Med(?:ical)?\.?\s*Rec(?:ord)?s?\.?"
        rf"(?:\s*{_NO})?|Unit\s*(?:#|No\b\.?|Num(?:ber)?\b)|Hosp(?:ital)?\.?\s*{_NO}|"
        rf"Chart\s*{_NO}|Patient\s+(?:#|No\b\.?|Number)|Pt\.?\s*(?:#|No\b\.?))",
        requires=("mr", "empi", "med", "unit", "hosp", "chart", "patient", "pt"),
    ),
    _labelled(
        "accession",
        L.ACCESSION,
        r"(?:Accession(?:\s*(?:#|No\b\.?|Num(?:ber)?\b))?)",
        requires=("accession",),
    ),
    _labelled(
        "accession_short", L.ACCESSION, r"(?:Accn?\b\.?|ACC\b)", strong=False, requires=("acc",)
    ),
    _labelled(
        "account",
        L.ACCOUNT,
        rf"(?:Account|Acct\b\.?|A/C\s*#|Billing\s*{_NO}|CSN\b|HAR\b|"
        rf"Enc(?:ounter)?\.?\s*{_NO}|Visit\s*{_NO})",
        requires=("acc", "a/c", "billing", "csn", "har", "enc", "visit"),
    ),
    _labelled("account_fin", L.ACCOUNT, r"(?:FIN\b)", strong=False, flags=_CS, requires=("fin",)),
    _labelled(
        "health_plan",
        L.HEALTH_PLAN,
        rf"(?:Member\s*{_NO}|Ins\.?\s*{_NO}|Subscriber\s*{_NO}|Beneficiary\s*{_NO}|Insurance\s*(?:{_NO}|policy)|"
        rf"Policy\s*{_NO}|Group\s*(?:#|No\b\.?|Num(?:ber)?\b)|Health\s*plan(?:\s*{_NO})?|"
        rf"Medicare(?:\s*{_NO})?|Medicaid(?:\s*{_NO})?|MBI\b|HICN\b|Plan\s*{_NO})",
        requires=_HEALTH_PLAN_WORDS,
    ),
    _labelled("policy", L.HEALTH_PLAN, r"(?:Policy)", strong=False, requires=("policy",)),
    *(
        _labelled(
            name,
            label,
            cue + r"\s+(?:number|no\.?|#)(?:\s+is)?",
            token=_SPOKEN_DIGITS,
            requires=requires,
        )
        for name, label, cue, requires in _SPOKEN_CUES
    ),
    _labelled(
        "license",
        L.LICENSE,
        r"(?:(?:Driver'?s?\s+)?(?:Licen[cs]e|Lic\b\.?)(?!\s*plate)(?:\s*(?:#|No\b\.?|Num(?:ber)?\b))?|"
        r"Board\s+cert(?:ificate|ification)?(?:\s*(?:#|No\b\.?|Num(?:ber)?\b))?|"
        r"Certificat(?:e|ion)\s*(?:#|No\b\.?|Num(?:ber)?\b)|Permit\s*(?:#|No\b\.?))",
        requires=("lic", "board", "certificat", "permit"),
    ),
    _labelled("license_dl", L.LICENSE, r"(?:DL|CDL)\b", strong=False, flags=_CS, requires=("dl",)),
    _labelled("npi", L.LICENSE, r"NPI\b", token=r"\d{10}", score=0.95, requires=("npi",)),
    _labelled("dea", L.LICENSE, r"DEA\b", token=r"[A-Z][A-Z9]\d{7}", score=0.95, requires=("dea",)),
    _labelled(
        "device",
        L.DEVICE_ID,
        r"(?:S/N|Serial(?:\s*(?:#|No\b\.?|Num(?:ber)?\b))?|UDI\b|IMEI\b|"
        r"Device\s*(?:ID\b|#|Identifier|Serial|No\b\.?)|"
        r"(?:pacemaker|ICD|defibrillator|implant|generator|pump|stimulator)\s+serial)",
        requires=("s/n", "serial", "udi", "imei", "device"),
    ),
    _labelled("device_sn", L.DEVICE_ID, r"SN\b", strong=False, flags=_CS, requires=("sn",)),
    _labelled(
        "vin",
        L.VEHICLE_ID,
        r"VIN\b",
        token=r"[A-HJ-NPR-Z0-9]{11,17}",
        score=0.95,
        requires=("vin",),
    ),
    _labelled(
        "plate",
        L.VEHICLE_ID,
        r"(?:(?:licen[cs]e|vehicle|car|truck|auto)\s*plate|plate\s*(?:#|No\b\.?|Num(?:ber)?\b)|"
        r"tag\s*#)",
        token=r"(?=[\w -]{0,9}\d)[A-Z0-9](?:[A-Z0-9]|[- ](?=[A-Z0-9])){1,9}",
        requires=("plate", "tag"),
    ),
    _labelled(
        "plate_bare",
        L.VEHICLE_ID,
        r"(?i:plate)",
        token=r"(?![CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?(?![\w-]))(?=(?:[\d -]*[A-Z]){2})"
        r"(?=(?:[A-Z -]*\d){2})[A-Z0-9]{2,4}[ -]?[A-Z0-9]{2,4}",
        score=0.7,
        flags=regex.VERSION1,
        requires=("plate",),
    ),
    _labelled(
        "other_id",
        L.ID,
        r"(?:(?:Patient|Pt\.?|Person|Subject|Study|Exam|Examination|Order|Req(?:uisition)?|"
        r"Specimen|Sample|Case|Claim|Job|Run|Trip|Incident|Ref(?:erence)?|Report|Procedure|Record|Document|Confirmation|"
        r"Ticket|Tracking|Employee|Staff|Badge|Student|Passport|Tax|Booking|Reservation|"
        r"Transaction|Invoice|Customer|Client|Lab|Path(?:ology)?|Surgical\s+path(?:ology)?|"
        r"Biopsy|Cytology|Container|Block|Slide|Requisition|Filler|Placer)\s*"
        r"(?:ID\b|UID\b|#|No\b\.?|Num(?:ber)?\b|Identifier)|"
        r"(?:Study|Series|SOP|Instance|Image)\s*(?:Instance\s*)?UID\b|Passport)",
        requires=("id", "#", "no", "num", "passport"),
    ),
    _labelled(
        "run_number",
        L.ID,
        r"(?:run|trip|incident|claim)\b",
        strong=False,
        score=0.7,
        requires=("run", "trip", "incident", "claim"),
    ),
    _labelled(
        "generic_id",
        L.ID,
        r"(?:ID|I\.D\.|UID|Identifier)\b",
        strong=False,
        score=0.8,
        requires=("id", "i.d."),
    ),
)

# ---------------------------------------------------------------- unlabelled code-shaped tokens
CODE_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "dicom_uid",
        r"(?=[12])(?<![\w.])[12](?:\.(?:0|[1-9]\d{0,38})){4,40}(?![\w]|\.\d)",
        L.ID,
        0.8,
        requires=(".",),
    ),
    Pattern(
        "vin_bare",
        r"(?=[A-Z0-9])(?<![\w-])(?=[A-Z0-9]{0,16}[A-Z])(?=[A-Z0-9]{0,16}\d)[A-HJ-NPR-Z0-9]{17}(?![\w-])",
        L.VEHICLE_ID,
        0.7,
        flags=_CS,
        precheck=r"[A-HJ-NPR-Z0-9]{17}",
        anchored=True,
    ),
    Pattern(
        "long_number",
        r"(?=\d)(?<![\w.,/-]|\d[ .-])\d{8,30}[A-Z]{0,2}(?![\w]|[.,]\d|-\d)",
        L.ID,
        0.5,
    ),
    Pattern(
        "letter_code",
        r"(?=[A-Z])(?<![\w.,/-])[A-Z]{1,4}-?\d{6,30}(?![\w]|[.,]\d|-\d)",
        L.ID,
        0.5,
    ),
)

_UNIT_AFTER = regex.compile(
    r"[ \t]{0,2}(?:mm|cm|m|ml|cc|l|mg|g|kg|mcg|ug|µg|mmol|meq|units?|iu|mgy|gy|msv|hu|%|kv|kvp|mas|"
    r"bpm|sec|s|min|hrs?|days?|weeks?|years?|yrs?|x)\b",
    regex.IGNORECASE,
)
_VERSION_BEFORE = regex.compile(r"(?:\bv|\bver\.?|\bversion|\brelease|\bbuild)\s*\Z", regex.I)
_FAX_BEFORE = regex.compile(
    r"(?:\bfax|\bfacsimile|\bF\s*[:#]|\bFX\s*[:#]?)[^\n\d]{0,12}\Z", regex.IGNORECASE
)
_FAX_AFTER = regex.compile(r"[ \t]{0,2}[-,(\\/]{0,2}[ \t]{0,2}fax\b(?!\s*[:#])", regex.I)
_PHONE_BEFORE = regex.compile(
    r"\b(?:tel|phone|ph|cell|mobile|home|work|office|pager|beeper)\b[^\n\d]{0,12}\Z", regex.I
)
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def _phone_label(text: str, start: int, end: int) -> PhiLabel:
    """FAX when the words just before or after the number say fax, else PHONE."""
    before = text[max(0, start - 30) : start]
    if _FAX_BEFORE.search(before) and not _PHONE_BEFORE.search(before):
        return L.FAX
    return L.FAX if _FAX_AFTER.match(text, end, min(len(text), end + 12)) else L.PHONE


def _check_phone(text: str, start: int, end: int, min_digits: int, max_digits: int) -> bool:
    value = text[start:end]
    core = regex.split(r"(?i)\s*(?:x|ext\.?|extension)\s*(?=\d)", value, maxsplit=1)[0]
    n = _digits(core)
    if not min_digits <= n <= max_digits:
        return False
    # a lone decimal or a date-like "12.03.2019" is not a phone number
    if regex.fullmatch(r"\d{1,3}[.,]\d{1,3}", core) or regex.fullmatch(
        r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", core
    ):
        return False
    return _UNIT_AFTER.match(text, end) is None or _digits(core) >= 10


def _ssn_valid(value: str) -> bool:
    digits = "".join(ch for ch in value if ch.isdigit())
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return not (area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000")


def _vin_valid(value: str) -> bool:
    total = sum(_VIN_VALUES[ch] * w for ch, w in zip(value, _VIN_WEIGHTS, strict=True))
    check = total % 11
    return value[8] == ("X" if check == 10 else str(check))


def _plausible_yyyymmdd(value: str) -> bool:
    if len(value) != 8 or not value.isdigit():
        return False
    year, month, day = int(value[:4]), int(value[4:6]), int(value[6:])
    return 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31


class IdentifierDetector(PatternDetector):
    """Phone/fax/pager, email, URL, IP, SSN, MAC, VIN and labelled or code-shaped identifiers."""

    labels = (
        L.PHONE,
        L.FAX,
        L.EMAIL,
        L.URL,
        L.IP,
        L.SSN,
        L.MRN,
        L.ACCESSION,
        L.ACCOUNT,
        L.HEALTH_PLAN,
        L.LICENSE,
        L.DEVICE_ID,
        L.VEHICLE_ID,
        L.ID,
    )
    patterns = PHONE_PATTERNS + NETWORK_PATTERNS + SSN_PATTERNS + LABELLED_PATTERNS + CODE_PATTERNS

    def make_span(self, pattern: Pattern, match: regex.Match[str], text: str) -> PhiSpan | None:
        start, end = match.span(pattern.group)
        if start < 0 or start == end:
            return None
        checked = self._check(pattern, text, start, end)
        if checked is None:
            return None
        start, end, label, score = checked
        if start >= end:
            return None
        source = f"{self.name}.{pattern.name}"
        return PhiSpan(start, end, label, score, source, text[start:end])

    def _check(
        self, pattern: Pattern, text: str, start: int, end: int
    ) -> tuple[int, int, PhiLabel, float] | None:
        """Validate one candidate; return its (possibly trimmed) offsets, label and score."""
        name, value, score = pattern.name, text[start:end], pattern.score
        if name.startswith(("phone", "pager", "extension")):
            limits = {
                "phone_us": (10, 11),
                "phone_intl": (8, 15),
                "phone_ten_digits": (10, 11),
                "phone_trunk": (10, 11),
            }
            low, high = limits.get(name, (7, 15))
            if name in ("pager", "extension", "phone_short_cued"):
                low = 3 if name == "extension" else 4
            if name == "phone_us" and value.startswith("001"):
                high = 13
            if not _check_phone(text, start, end, low, high):
                return None
            return start, end, _phone_label(text, start, end), score
        if name.startswith("url"):
            end = start + len(value.rstrip(".,;:!?)]}'\">"))
            if name == "url_cc_path" and regex.search(r"\.(?:pdf|jpe?g|png|docx?|txt)$", value):
                return None
            return start, end, pattern.label, score
        if name == "ipv4":
            if _VERSION_BEFORE.search(text, max(0, start - 12), start):
                return None
            return start, end, L.IP, score
        if name == "ipv6":
            return self._check_ipv6(value, start, end, score)
        if name in ("ssn_dashed", "ssn_spaced"):
            return (start, end, L.SSN, score) if _ssn_valid(value) else None
        if name == "vin_bare":
            return (start, end, L.VEHICLE_ID, score) if _vin_valid(value) else None
        if name == "dicom_uid":
            if value.startswith("1.2.840.10008.") or len(value) < 10:
                return None
            return start, end, L.ID, score
        if name in ("long_number", "letter_code"):
            core = value.replace("-", "")
            if _plausible_yyyymmdd(core) or _UNIT_AFTER.match(text, end):
                return None
            return start, end, L.ID, score
        if name == "generic_id" and (_digits(value) < 4 or regex.search(r"\d[.,]\d", value)):
            return None
        if pattern in LABELLED_PATTERNS and (
            regex.fullmatch(r"\d{1,3}(?:[.,]\d{1,3})?", value) or _UNIT_AFTER.match(text, end)
        ):
            return None
        return start, end, pattern.label, score

    @staticmethod
    def _check_ipv6(
        value: str, start: int, end: int, score: float
    ) -> tuple[int, int, PhiLabel, float] | None:
        address = value.split("%", 1)[0]
        groups = [g for g in address.split(":") if g]
        if len(groups) < 2 or len(address) < 6:
            return None
        try:
            ipaddress.IPv6Address(address)
        except ValueError:
            return None
        return start, end, L.IP, score
