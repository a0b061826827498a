"""Places smaller than a state (Safe Harbor B): street addresses, ZIP codes, cities, hospitals.

* ADDRESS: one span per address block: the street line (``12 Main St``, ``Rue de Virton 38``,
  ``Kiannonkatu 98``, ``PO Box 12``, ``PSC 3294, Box 9168``), units (``Apt 4B``) and the city,
  region, postal code and country that follow on the same line or the next lines. Weaker street
  shapes (``5366 Pivovarska 276``, ``176 Pinto Hill``) count only next to an address word
  (``address:``, ``lives at``) or when a unit, postal code or further address line follows.
* ZIP: labelled (``ZIP: 02115``, ``postal code``), after a state (``MA 02115``), ZIP+4, or after
  a place name (``in Springfield 62704``); never a bare number.
* LOCATION: cities and counties: labelled (``City:``), after residence words (``lives alone in``,
  ``resides at X in``), ``<City>, <ST>`` gazetteer pairs, ``Polk County`` and multi-word
  gazetteer names (``data/places``); single words that are ordinary English (``Mobile``,
  ``Reading``, ``Normal``) need a label or a state after them. States and countries are never
  flagged (Safe Harbor keeps them).
* HOSPITAL: a name before a facility word (``Calvert Hospital``, ``Mayo Clinic``, ``St. Mary's
  Medical Center``, ``Rochester VA``, ``Sunrise Assisted Living``), ``Hospital of <Name>``, and
  ``Hospital:``/``Facility:``/``Location:``/``Site:`` labels (not anatomy: ``Site: left
  breast``); generic phrases (``outside hospital``, ``Department of Radiology``) are not names.
  A found name's distinctive first word is flagged elsewhere in the text too (``AT CALVERT``).
* Narrative context (:mod:`radscrub.detect.facilities`): names after transfer and admission
  phrases (``transferred to GH``, ``taken to kernan hosp``), saint and religious names
  (``St. Agnes``, ``Holy Cross``), ward names (``per Brackenridge 3 RN``), towns after residence
  phrases in any case (``LIVES WITH SON IN ROCKVILLE``) and employers (ORGANIZATION:
  ``works at Zylotech``).

Text written wholly in capitals (nursing notes) or wholly in lower case gives no
capitalisation cue: there only the stronger shapes are used (street suffixes written out, PO
boxes, labels, multi-word facility names, a single-word name only after ``from``/``at``/``of``
or alone on its line as a letterhead).

Safe Harbor ZIP rule (45 CFR 164.514(b)(2)(i)(B)): the first three digits of a ZIP code may be
kept only if the area formed by all ZIP codes with those three digits holds more than 20,000
people; otherwise they become ``000``. With 2000 census data the restricted three-digit areas
are :data:`RESTRICTED_ZIP3` (use :func:`safe_harbor_zip3`).
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

import regex

from radscrub.config import DetectConfig
from radscrub.detect.alternation import phrase_alternation
from radscrub.detect.base import (
    EMPTY_CONTEXT,
    Detector,
    RecordContext,
    compile_pattern,
    iter_matches,
    keyword_text,
    may_match,
)
from radscrub.detect.facilities import NarrativePlaces
from radscrub.detect.lexicons import country_names
from radscrub.spans import PhiLabel, PhiSpan


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _split(items: str, sep: str) -> list[str]:
    return items.split(sep)


RESTRICTED_ZIP3: frozenset[str] = _wordset(
    "036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893"
)
"""Three-digit ZIP areas with 20,000 people or fewer (2000 census): they generalise to 000."""


def safe_harbor_zip3(zip_code: str) -> str:
    """The Safe Harbor form of a US ZIP: its first three digits, or ``000`` if restricted."""
    digits = "".join(ch for ch in zip_code if ch.isdigit())[:3]
    if len(digits) < 3 or digits in RESTRICTED_ZIP3:
        return "000"
    return digits


US_STATES: dict[str, str] = dict(
    item.split(" ", 1)
    for item in _split(
        "AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|"
        "DE Delaware|FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|"
        "KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|MA Massachusetts|MI Michigan|"
        "MN Minnesota|MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|"
        "NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|NC North Carolina|"
        "ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|PA Pennsylvania|RI Rhode Island|"
        "SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|VT Vermont|VA Virginia|"
        "WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming|DC District of Columbia|"
        "PR Puerto Rico|GU Guam|VI Virgin Islands|AS American Samoa",
        "|",
    )
)
"""USPS state and territory codes -> names."""

_L = PhiLabel
_I = regex.IGNORECASE | regex.VERSION1
_CS = regex.VERSION1
_STATE_CODES = phrase_alternation(US_STATES, lower=False)
_STATE_NAMES = phrase_alternation(US_STATES.values(), space=r"\ ", lower=False)
_STATE = rf"(?:(?-i:{_STATE_CODES})(?![\w])|(?i:{_STATE_NAMES})(?![\w]))\.?"
_LETTERS = r"[\p{L}\p{M}∆'’-]"
_TITLE = rf"\p{{Lu}}(?:[\p{{Ll}}\p{{M}}'’-]{_LETTERS}*)?\.?"  # Title word or initial ("St.")
_NAMEWORD = rf"(?:\p{{Lu}}[\p{{Ll}}\p{{M}}'’-]{_LETTERS}*\.?|[dl]['’]\p{{Lu}}{_LETTERS}*)"
_CAPS = r"\p{Lu}[\p{Lu}\p{M}∆'’-]*\.?"
_ANYCASE = rf"(?:[\p{{Lu}}∆]{_LETTERS}*\.?|[dl]['’]\p{{Lu}}{_LETTERS}*)"  # Title or CAPS
_PARTICLES = (
    r"de|da|do|dos|das|del|dei|degli|delle|della|dello|di|du|des|la|le|les|los|las|e|y|van|von|"
    r"der|den|het|ten|ter|am|an|im|na|nad|pod|u|v|z|w|i|sur|sous|en|aan|op|upon|on|of"
)
_LOWER = rf"\p{{Ll}}{_LETTERS}*\.?"
_CAPS_NAME = r"(?!(?:IN|ON|AT|TO|OF|THE|AND|WITH|FOR|FROM|BY|OFF|PER|VIA|IS|WAS)\b)\p{Lu}{2,}"
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)"

# ---------------------------------------------------------------- street vocabulary
_SUFFIX_STRONG = (
    r"Street|Str|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Pl|"
    r"Parkway|Pkwy|Highway|Hwy|Terrace|Ter|Terr|Circle|Cir|Square|Sq|Trail|Trl|Turnpike|Tpke|"
    r"Plaza|Plz|Crescent|Cres|Way|Expressway|Expy|Freeway|Fwy|Causeway|Alley|Aly|Row|Close|Mews|"
    r"Gardens|Grove|Heights|Hts|Ridge|Pike|Route|Rte|Loop|Path|Commons|Crossing|Xing|Landing|"
    r"Hollow|Cove|Manor|Estates|Parade|Walk|Wharf|Quay|Junction|Bypass|Mall|Union|Points|"
    r"Streets|Avenues|Roads|Drives|Lanes|Courts|Squares|Terraces|Trails|Ways|Broadway|Crossroad|"
    r"Extensions|Junctions|Parkways|Circles|Coves|Manors|Ridges|Passage|Viaduct|Stravenue"
)
_SUFFIX_WEAK = (
    r"Parks?|Greens?|Hills?|Falls?|Fields?|Forest|Forges?|Forks?|Harbou?rs?|Haven|Islands?|Isle|"
    r"Keys?|Knolls?|Lakes?|Lights?|Locks?|Lodge|Meadows?|Mills?|Mission|Mount|Mountains?|Neck|"
    r"Orchard|Oval|Pass|Pines?|Plains?|Ports?|Prairie|Ranch|Rapids?|Rest|River|Run|Shoals?|"
    r"Shores?|Springs?|Spurs?|Station|Stream|Summit|Trace|Track|Tunnel|Valleys?|Views?|Villages?|"
    r"Ville|Vista|Walls?|Wells?|Cent(?:er|re)s?|Club|Common|Corners?|Course|Creek|Crest|Curve|"
    r"Dale|Dam|Divide|Estate|Extension|Ferry|Flats?|Fords?|Fort|Garden|Gateway|Glens?|Groves|"
    r"Inlet|Land|Loaf|Motorway|Overpass|Radial|Ramp|Skyway|Throughway|Trafficway|Underpass|"
    r"Burgs?|Branch|Bridge|Brooks?|Bluffs?|Bottom|Bend|Beach|Camp|Canyon|Cape|Cliffs?|Point|"
    r"Unions|Walks"
)
_SUFFIX_CAPS = (
    r"STREET|ST|DR|LN|PL|TER|CIR|PLACE|COURT|CIRCLE|WAY|ROUTE|PIKE|TRAIL|AVENUE|AVE|ROAD|RD|BOULEVARD|BLVD|DRIVE|LANE|LN|COURT|PLACE|PARKWAY|PKWY|"
    r"HIGHWAY|HWY|TERRACE|CIRCLE|SQUARE|TRAIL|TURNPIKE|PLAZA|CRESCENT|WAY|EXPRESSWAY|FREEWAY"
)
_SUFFIX_WORD = regex.compile(rf"(?:{_SUFFIX_STRONG}|(?i:street|avenue|road))", _CS)
_SUFFIX_UPPER = (
    r"STREET|AVENUE|AVE|ROAD|RD|BOULEVARD|BLVD|DRIVE|LANE|PARKWAY|PKWY|HIGHWAY|HWY|TERRACE|"
    r"TURNPIKE|COURT|CIRCLE|SQUARE|PLAZA|CRESCENT"
)
_PREFIX_LOWER = r"rue|rua|avenue|avenida|calle|viale|piazza|strada|chemin|estrada|travessa|rambla"
_PREFIX = (
    r"Rue|Rua|Rúa|Viale|Vicolo|Piazza|Piazzetta|Piazzale|Corso|Calle|Carrer|Avenida|Avenue|"
    r"Avda\.|Av\.?|Avd\.|Paseo|Passeig|Camino|Travessa|Travesía|Praça|Praca|Estrada|Alameda|"
    r"Chemin|Allée|Impasse|Quai|Strada|Bulevardul|Calea|Splaiul|Λ\.|Λεωφ\.|Λεωφόρος|Οδός|Quadra|"
    r"Rambla|Jalan|Jl\.|C/|ul\.|ulica|al\.|aleja|os\.|Via|Largo|Plac|Trg"
)
_COMPOUND = (
    r"strasse|straße|straat|gasse|graben|weg|vej|veien|vegen|vägen|väg|gatan|gata|gade|katu|"
    r"tie|kuja|polku|allee|platz|damm|laan|plein|gracht|dijk|kade|steeg|braut|stræti|straeti|"
    r"vegur|iela|gatvė|cesta|utca|stien|bakken|gränd|torget|vænget|rinne|hove|wei|plass|"
    r"svingen|haugen|lia|tún|götu"
)
_TYPE_STRONG = (
    r"Strasse|Straße|Str\.|strasse|straße|str\.|tér|út|útja|u\.|utca|krt\.|körút|rkp\.|iela|"
    r"ulica|Gasse|gasse|Allee|Platz|Straat|straat"
)
_TYPE_WEAK = (
    r"sor|köz|sétány|trg|tee|maantee|cesta|gata|gate|vei|veg|vej|gade|terrasse|plass|allé|alle|"
    r"ut\.|pst\.|Weg|weg|Gate|Vei|Vej|Gade|Gata"
)
_NUMBER = r"\d{1,6}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?"
_NUM_START = r"(?<![\w.,/-])"
_UNIT = (
    r"(?:Apt|Apartment|Suite|Ste|Unit|Rm|Room|Fl|Floor|Bldg|Building|Flat|Lot|Space|Trlr|Dept|"
    r"Box|PSC|CMR|P\.?\s?O\.?\s?Box|Postbox|Post\s?Box)\.?\s{0,2}#?\s{0,2}[A-Z0-9][\w-]{0,5}"
    r"(?![\w])|#\s?\d{1,5}[A-Z]?(?![\w])"
)
_POSTAL = (
    r"(?:\d{5}-\d{4}|\d{5}-\d{3}|\d{2}-\d{3}|\d{4}-\d{3}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|"
    r"[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|\d{4}\s?[A-Z]{2}(?![\w])|\d{3}\s\d{2}(?!\d)|\d{3,6})"
    r"(?![\w])"
)


@dataclass(frozen=True)
class _Core:
    """One street shape: its pattern, whether it needs confirmation, and the casings it runs in."""

    name: str
    pattern: str
    flags: int = _CS
    confirm: bool = False
    casings: frozenset[str] = frozenset({"mixed"})
    requires: tuple[str, ...] = ()  # prefilters, as in radscrub.detect.base.Pattern
    precheck: str = ""


_ALL = frozenset({"mixed", "upper", "lower"})
#: Prechecks: the street word and house number every match of the shape has. Each number check
#: is written as a space and a digit, then a look-behind for the word, which searches faster.
_PREFIX_WORD = rf"(?<![\w])(?:{_PREFIX}|{_PREFIX_LOWER}|Rue|Rua|Avenue|Avenida|Calle)[ \t]"
_COMPOUND_NUMBER = rf"[ \t]\d(?<=(?:{_COMPOUND})[ \t]+\d)"
_TYPE_STRONG_NUMBER = rf"[ \t]\d(?<=[ \t](?:{_TYPE_STRONG})[ \t]+\d)"
_TYPE_WEAK_NUMBER = rf"[ \t]\d(?<=[ \t](?:{_TYPE_WEAK})[ \t]+\d)"
_STREET_WORDS = (
    "street", "avenue", "road", "boulevard", "drive", "lane", "parkway", "highway", "terrace",
    "turnpike",
)  # fmt: skip
_ADDRESS_CORES: tuple[_Core, ...] = (
    _Core(
        "street",
        rf"{_NUM_START}{_NUMBER}[ \t]{{1,3}}(?:(?:[NSEW]\.?|North|South|East|West)[ \t]+)?"
        rf"(?:(?:{_TITLE}|{_CAPS}|{_ORDINAL})[ \t]+){{1,4}}(?:{_SUFFIX_STRONG})(?![\w])\.?",
    ),
    _Core(
        "street_weak",
        rf"{_NUM_START}{_NUMBER}[ \t]{{1,3}}(?:(?:{_TITLE}|{_ORDINAL})[ \t]+){{1,4}}"
        rf"(?:{_SUFFIX_WEAK})(?![\w])\.?",
        confirm=True,
    ),
    _Core(
        "street_caps",
        rf"{_NUM_START}{_NUMBER}[ \t]{{1,3}}(?:(?:[NSEW]\.?|NORTH|SOUTH|EAST|WEST)[ \t]+)?"
        rf"(?:(?:{_CAPS_NAME}|{_ORDINAL})[ \t]+){{1,4}}(?:{_SUFFIX_CAPS})(?![\w])\.?",
    ),
    _Core(
        "street_upper",
        rf"{_NUM_START}{_NUMBER}[ \t]{{1,3}}(?:(?:[NSEW]\.?|NORTH|SOUTH|EAST|WEST)[ \t]+)?"
        rf"(?:(?:{_CAPS_NAME}|{_ORDINAL})[ \t]+){{1,4}}(?:{_SUFFIX_UPPER})(?![\w])\.?",
        casings=frozenset({"upper"}),
    ),
    _Core(
        "street_upper_abbrev",
        rf"{_NUM_START}{_NUMBER}[ \t]{{1,3}}(?:(?:[NSEW]\.?|NORTH|SOUTH|EAST|WEST)[ \t]+)?"
        rf"(?:{_CAPS_NAME}[ \t]+){{1,3}}(?:ST|DR|CT|PL|LN|TER|CIR|SQ|TRL|WAY)(?![\w])\.?",
        confirm=True,
        casings=frozenset({"upper"}),
    ),
    _Core(
        "street_lower",
        rf"{_NUM_START}{_NUMBER}[ \t]{{1,3}}(?:(?:{_LOWER}|{_ORDINAL})[ \t]+){{1,3}}"
        r"(?:street|avenue|road|boulevard|blvd|highway|parkway|terrace|drive|lane)(?![\w])\.?",
        casings=frozenset({"lower"}),
    ),
    _Core(
        "street_lower_mixed",
        rf"{_NUM_START}{_NUMBER}[ \t]{{1,3}}(?:(?:[nsew]\.?|north|south|east|west)[ \t]+)?"
        rf"(?:(?:\p{{Ll}}{{2,}}|{_ORDINAL})[ \t]+){{1,3}}"
        r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|place|pl|"
        r"parkway|pkwy|highway|hwy|terrace|circle|pike|trail|path|row|loop|square|crescent)"
        r"(?![\w])\.?",
        confirm=True,
        casings=frozenset({"mixed", "lower"}),
    ),
    _Core(
        "prefix",
        rf"(?<![\w])(?:(?<![.,/-])\d{{1,6}}[ \t]{{1,3}}(?:\d{{1,5}}[ \t]{{1,3}})?)?"
        rf"(?:(?:{_PREFIX})(?:[ \t]+(?:{_ANYCASE}|{_PARTICLES})){{1,5}}?|"
        rf"(?:{_PREFIX_LOWER}|Rue|Rua|Avenue|Avenida|Calle)"
        rf"(?:[ \t]+(?:{_ANYCASE}|\p{{Ll}}+)){{1,5}}?)"
        rf"[ \t]+\d{{1,5}}[A-Za-z]?(?![\w]|[.,]\d)",
        precheck=_PREFIX_WORD,
    ),
    _Core(
        "prefix_numbered",
        rf"{_NUM_START}\d{{1,6}}[ \t]{{1,3}}(?:\d{{1,5}}[ \t]{{1,3}})?"
        rf"(?:(?:{_PREFIX})(?:[ \t]+(?:{_ANYCASE}|{_PARTICLES}))*[ \t]+{_ANYCASE}|"
        rf"(?:{_PREFIX_LOWER}|Rue|Rua|Avenue|Avenida|Calle)"
        rf"(?:[ \t]+(?:{_ANYCASE}|\p{{Ll}}+)){{0,4}}"
        rf"[ \t]+(?:{_ANYCASE}|\p{{Ll}}{{4,}}))",
    ),
    _Core(
        "compound",
        rf"(?<![\w])(?:(?<![.,/-])\d{{1,6}}[ \t]{{1,3}})?(?:{_TITLE}[ \t]+){{0,2}}"
        rf"\p{{Lu}}[\p{{Ll}}\p{{M}}'’-]{{2,}}(?:{_COMPOUND})[ \t]+\d{{1,5}}[A-Za-z]?\.?"
        r"(?![\w]|[.,]\d)",
        precheck=_COMPOUND_NUMBER,
    ),
    _Core(
        "type_word",
        rf"(?<![\w])(?:(?<![.,/-])\d{{1,6}}[ \t]{{1,3}})?{_ANYCASE}"
        rf"(?:[ \t]+(?:{_ANYCASE}|\p{{Ll}}+)){{0,2}}"
        rf"[ \t]+(?:{_TYPE_STRONG})[ \t]+\d{{1,5}}[A-Za-z]?\.?(?![\w]|[.,]\d)",
        precheck=_TYPE_STRONG_NUMBER,
    ),
    _Core(
        "type_word_weak",
        rf"(?<![\w])(?:(?<![.,/-])\d{{1,6}}[ \t]{{1,3}})?(?:{_ANYCASE}[ \t]+){{1,3}}"
        rf"(?:{_TYPE_WEAK})[ \t]+\d{{1,5}}[A-Za-z]?\.?(?![\w]|[.,]\d)",
        confirm=True,
        precheck=_TYPE_WEAK_NUMBER,
    ),
    _Core(
        "numbered_name",
        rf"{_NUM_START}\d{{1,6}}[A-Za-z]?[ \t]{{1,3}}(?:\d{{1,5}}[ \t]+)?"
        rf"(?:{_NAMEWORD}[ \t]+(?:(?:{_PARTICLES})[ \t]+)?){{0,3}}"
        rf"{_NAMEWORD}[ \t]+\d{{1,5}}[A-Za-z]?\.?(?![\w]|[.,]\d)",
        confirm=True,
    ),
    _Core(
        "compound_lower",
        rf"{_NUM_START}\d{{1,6}}[ \t]{{1,3}}\p{{Ll}}{{3,}}(?:{_COMPOUND})[ \t]+\d{{1,5}}[a-z]?"
        r"(?![\w]|[.,]\d)",
        casings=frozenset({"lower"}),
        precheck=_COMPOUND_NUMBER,
    ),
    _Core(
        "type_word_lower",
        rf"(?<![\w])\p{{Ll}}+(?:[ \t]+\p{{Ll}}+){{0,2}}[ \t]+(?:{_TYPE_STRONG})"
        r"[ \t]+\d{1,5}[a-z]?\.?"
        r"(?![\w]|[.,]\d)",
        casings=frozenset({"lower"}),
        precheck=_TYPE_STRONG_NUMBER,
    ),
    _Core(
        "prefix_lower",
        rf"{_NUM_START}\d{{1,6}}[ \t]{{1,3}}(?:\d{{1,5}}[ \t]{{1,3}})?(?:{_PREFIX_LOWER})"
        r"(?:[ \t]+\p{Ll}+){1,4}",
        casings=frozenset({"lower"}),
    ),
    _Core(
        "po_box",
        r"(?<![\w])(?:P\.?\s?O\.?\s?Box|Post(?:al)?\s?(?:Office\s)?Box|Postbox|Postfach|"
        r"Apartado|Casilla|Caixa\s+Postal)\s{0,2}#?\s{0,2}\d{1,6}(?![\w])",
        _I,
        casings=_ALL,
        requires=("box", "postfach", "apartado", "casilla", "caixa"),
    ),
    _Core(
        "military",
        r"(?<![\w])(?:(?:PSC|Unit|CMR)\s{1,2}\d{3,5},?\s{1,2}Box\s{1,2}\d{1,5}|"
        r"(?:USNS|USNV|USS|USCGC)\s{1,2}\p{Lu}[\p{L}'-]+)(?![\w])",
        _I,
        casings=_ALL,
        requires=("box", "usn", "uss", "uscgc"),
    ),
    _Core(
        "apo",
        r"(?<![\w])(?:APO|FPO|DPO)\s{1,2}(?:AA|AE|AP)\s{1,2}\d{5}(?:-\d{4})?(?![\w])",
        _I,
        casings=_ALL,
        requires=("apo", "fpo", "dpo"),
    ),
    _Core(
        "corner",
        r"(?<![\w])(?:the\s+)?corner\s+of\s+(?=[^\n]{0,60}?[\p{Lu}\d])[^\n,;?!]{2,60}?\s+"
        rf"(?:and|&)\s+(?:[a-z]{{2,3}}[ \t]+)?(?:{_ANYCASE}|\d{{1,5}})"
        rf"(?:[ \t]+(?:{_ANYCASE}|\d{{1,5}}|[a-z]{{2,3}})){{0,4}}",
        requires=("corner",),
    ),
    _Core(
        "corner_lower",
        r"(?<![\w])(?:the\s+)?corner\s+of\s+(?=[^\n]{0,40}?\d)[^\n,;?!]{2,60}?\s+(?:and|&)\s+"
        r"\p{Ll}+(?:[ \t]+\p{Ll}+){0,3}",
        casings=frozenset({"lower"}),
        requires=("corner",),
    ),
    _Core(
        "named_street",
        rf"(?<=\b(?:on|at|of)[ \t]{{1,3}})(?:{_TITLE}[ \t]+){{1,3}}(?:Street|Avenue|Road|"
        r"Boulevard|Drive|Lane|Parkway|Highway|Terrace|Turnpike)(?![\w])",
        requires=_STREET_WORDS,
    ),
    _Core(
        "route",
        r"(?<![\w])(?i:Route|Rte\.?|Highway|Hwy\.?|Interstate)\s?\d{1,3}(?![\w])",
        casings=_ALL,
        requires=("route", "rte", "highway", "hwy", "interstate"),
    ),
    _Core(
        "cued_name_number",
        r"(?<=\b(?:address(?:es)?[ \t]*[:=]?|(?:lives?|lived|living|resides?|residing|located|"
        r"situated)[ \t]+(?:at|on|in)|corner\s+of)[ \t]{1,3})"
        rf"(?:{_TITLE}[ \t]+){{0,3}}{_TITLE}[ \t]+\d{{1,5}}[A-Za-z]?(?![\w]|[.,]\d)",
        requires=("address", "liv", "resid", "located", "situated", "corner"),
    ),
)
_ADDRESS_CUE = regex.compile(
    r"(?:\baddress(?:es)?\b(?:\s+(?:is|was|of\s+[^:\n]{1,40}?\s+is|here\s+they\s+are))?"
    r"|\b(?:lives?|lived|living|resides?|residing|located|situated|deliver(?:ed)?|ship(?:ped)?"
    r"|mail(?:ed)?|sen[dt]|return(?:ed)?|move[sd]?|taxi)\b[^\n.?!]{0,30}?\b(?:at|on|to|in)\b"
    r"|\b(?:meet\s+(?:me|us|you)|stop|arrived|it'?s|i\s+am|we\s+are)\s+(?:at|on|in|to)\b)"
    r"[\s:=-]{0,4}\Z",
    _I,
)
_ADDRESS_LABEL_LINE = regex.compile(
    r"\b(?:(?:home|mailing|billing|street|postal|permanent|current|new|primary|residential)\s+)?"
    r"(?:address(?:es)?\b(?:[^\n:?.\d]{0,30}?[ \t]*[:=]|"
    r"[ \t]+(?=\d{1,6}[A-Za-z]?[ \t]+\p{L})|\?[ \t]+it\s+is|"
    r"(?:\s+of\s+[^\n:]{1,40}?)?\s+(?:is|was)(?=\s+\d))|home[ \t]*:(?=[ \t]*\d))"
    r"[ \t]*\n?[ \t]*(?P<rest>[^\n?!]{3,120})",
    _I,
)
_PIECE_END = r"(?=[\s,;:?!)]|\.(?:\s|$)|$)"
_PIECE_MIXED = regex.compile(
    rf"(?P<sep>[ \t]*(?:,[ \t]*)?)(?:(?P<unit>(?i:{_UNIT}))|"
    r"(?P<region>(?<=,[ \t]{0,3})(?:[A-Z]{2,3}(?![\w])|\d{1,2}(?=[ \t]*(?:\n|$)|[ \t]+\d{3})))|"
    rf"(?P<postal>{_POSTAL})|"
    r"(?P<housenum>(?<=\p{L}\.?[ \t])\d{1,5}[A-Za-z]?(?![\w]|[.,]\d))|"
    rf"(?P<word>{_ANYCASE})|(?P<particle>(?:{_PARTICLES})(?=[ \t]+\p{{Lu}}))|"
    r"(?P<missing>nan|n/a|none|null)(?=[ \t]*(?:$|\n|,|\d)|[ \t]+\p{Ll})|"
    r"(?P<paren>\([\p{L} ]{2,20}\)))" + _PIECE_END,
    _CS,
)
_PIECE_LOWER = regex.compile(
    rf"(?P<sep>[ \t]*(?:,[ \t]*)?)(?:(?P<unit>(?i:{_UNIT}))|(?P<postal>(?i:{_POSTAL}))|"
    r"(?P<region>(?<=,[ \t]{0,3})\p{Ll}{2}(?![\w]))|"
    rf"(?P<word>\p{{L}}{_LETTERS}*\.?)|(?P<paren>\([\p{{L}} ]{{2,20}}\)))" + _PIECE_END,
    _CS,
)
_LINE_BREAK = regex.compile(r"[ \t.,]*\r?\n", _CS)
_BLANK_LINE = regex.compile(r"[ \t]*\r?\n", _CS)
_POSTAL_AT_END = regex.compile(r"[ \t]*(?:\([^)]*\))?[ \t]*" + _POSTAL + r"\Z", _CS)
_SHORT_PLACE = regex.compile(r"\p{Lu}[\p{L}\p{M}'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’-]*){0,2}", _CS)
_LINE_DECOR = regex.compile(r"[ \t]*(?:[>|*•?-]+[ \t]*)*", _CS)
_BEFORE_CORE = regex.compile(
    r"(?:(?:Apt|Apartment|Suite|Ste|Unit)\.?[ \t]*#?[ \t]*[A-Z0-9][\w-]{0,5}[ \t]+)?"
    r"(?:(?<![\w.,/-])\d{1,6}[A-Za-z]?[ \t]+){1,2}\Z",
    _CS,
)
_WORDS_BEFORE_CORE = regex.compile(r"(?:(?<![\w.,/-])\p{Lu}[\p{L}\p{M}'’.-]*[ \t]+){1,2}\Z", _CS)
_TAIL_OK = regex.compile(r"[ \t]*(?:$|[.?!;,](?:\s|$)|[ \t]+\p{Ll})", _CS)
_STOP_WORDS = _wordset(
    """mobile desk fax phone tel telephone cell email e-mail website web name date time
    impression findings history indication technique comparison clinical report exam
    examination procedure conclusion recommendation recommendations signed dictated
    electronically the this that please patient pt i we you he she it they my our your his
    her their is was are were and or but for with after before last next during since from in
    at on to by of as if so thank thanks hello hi dear regards sincerely office mr mrs ms dr
    prof miss"""
)
_LAST_WORD_DOT = regex.compile(r"(\w+)\.\Z", _CS)
_ABBREV_END = _wordset("st rd ave av dr ln ct pl blvd apt ste u rkp krt str ut pst jl")

#: Prefilters of module-level patterns, by the name ``_iter`` is given (see base.Pattern).
_REQUIRES: dict[str, tuple[str, ...]] = {
    "address_label": ("address", "home"),
    "zip_label": ("zip", "post"),
    "zip_plus4": ("-",),
    "city_label": ("city", "town", "birthplace", "place", "county", "village", "municipality"),
    "residence": ("liv", "resid", "moved", "relocated", "born", "raised", "grew", "hails"),
    "county": ("county", "parish", "borough"),
    "hospital_label": ("hospital", "facility", "institution", "site"),
    "site_label": ("location", "site", "hospital", "facility", "institution"),
}

# ---------------------------------------------------------------- ZIP codes
_ZIP_PATTERNS: tuple[tuple[str, str, float], ...] = (
    (
        "zip_label",
        r"\b(?:zip(?:\s*code)?|zipcode|postal\s*code|post\s*code|postcode)\b"
        r"\s{0,3}(?:is|was|[:#=])?\s{0,3}(?P<zip>" + _POSTAL + ")",
        0.95,
    ),
    (
        "zip_state",
        rf"(?<![\w])(?:,[ \t]*|[ \t]){_STATE},?[ \t]{{1,3}}(?P<zip>\d{{5}}(?:-\d{{4}})?)"
        r"(?![\w]|[.,:/-]\d)",
        0.9,
    ),
    ("zip_plus4", r"(?<![\w.,/-])(?P<zip>\d{5}-\d{4})(?![\w]|[.,/-]\d)", 0.6),
    (  # a UK postcode after a town: "Leicester LE2 7LX" (inward letters never C I K M O V)
        "postcode_uk",
        r"(?-i:(?<=\p{Lu}[\p{L}'’.-]+,?[ \t]{1,2})"
        r"(?P<zip>[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[ABD-HJLNP-UW-Z]{2}))(?![\w])",
        0.85,
    ),
)
_ZIP_AFTER_PLACE = regex.compile(
    rf"\b(?i:in|at|from|near)[ \t]+(?P<place>\p{{Lu}}{_LETTERS}{{2,}}(?:[ \t]+(?:{_ANYCASE}"
    r"|de|da|do|dos|del|di|la|le|sur|am|an)){0,3})"
    r"[ \t]+(?P<zip>\d{4,5}(?:-\d{3,4})?|\d{3}[ \t]\d{2})(?![\w]|[.,:/-]\d|\s*(?:%|mm|cm|mg|ml|"
    r"kg|units?|mcg|cc|hu|x)\b)",
    _CS,
)
_NOT_PLACES = _wordset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday series image images segment segments slice slices level levels room rm bed
    suite unit floor ward building lot page figure table study exam case ref version volume
    grade stage type phase day week month year hour cycle dose lesion lesions rib ribs zone
    area region score"""
)

# ---------------------------------------------------------------- cities
_CITY_LABEL = regex.compile(
    r"\b(?:City|Town|Hometown|Home\s+town|Birthplace|Place\s+of\s+birth|County|Village|"
    r"Municipality)[ \t]*[:=][ \t]*(?P<loc>\p{L}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{L}[\p{L}\p{M}'’.-]*)"
    r"{0,3})",
    _I,
)
_RESIDENCE = regex.compile(
    r"\b(?i:(?:lives|living|lived|live|resides|residing|resided|moved|relocated|born|raised|"
    r"grew\s+up|hails)(?:\s+(?:here|alone|independently|locally|nearby|with\s+(?:\w+\s+)?\w+))?"
    r"(?:\s+at(?:\s+[^\s.,;]+){1,6}?)?\s+(?:in|to|from)|resident\s+of)\s+(?i:(?:rural|urban|suburban|downtown|central|northern|"
    r"southern|eastern|western|upstate|greater)\s+)?"
    rf"(?P<loc>\p{{Lu}}{_LETTERS}+(?:[ \t]+(?:\p{{Lu}}{_LETTERS}*|de|del|la|le)){{0,3}})",
    _CS,
)
_CITY_STATE = regex.compile(
    rf"(?P<loc>\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*(?:[ \t]\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*){{0,3}}),[ \t]*"
    rf"(?P<state>{_STATE})(?P<zip>,?[ \t]{{1,3}}\d{{5}}(?:-\d{{4}})?)?(?![\w])",
    _CS,
)
#: ``_CITY_STATE``'s precheck: a comma, then a state.
_COMMA_STATE = rf",[ \t]*{_STATE}"
_LOWER_STATE_CODES = phrase_alternation([code.lower() for code in US_STATES], lower=False)
#: "eugene, or 97401" in a lower-case line: kept only for a gazetteer city of that state.
_CITY_STATE_ZIP_LOWER = regex.compile(
    rf"(?<![\w])(?P<loc>\p{{Ll}}[\p{{Ll}}'’.-]*(?:[ \t]\p{{Ll}}[\p{{Ll}}'’.-]*){{0,3}}),[ \t]*"
    rf"(?P<state>{_LOWER_STATE_CODES})[ \t]{{1,3}}(?P<zip>\d{{5}}(?:-\d{{4}})?)(?![\w]|[.,:/-]\d)",
    _CS,
)
_COMMA_LOWER_STATE_ZIP = rf",[ \t]*(?:{_LOWER_STATE_CODES})[ \t]{{1,3}}\d{{5}}"
_COUNTY = regex.compile(
    r"(?<![\w])(?P<loc>(?:\p{Lu}[\p{Ll}'’.-]+[ \t]){1,2}(?:County|Parish|Borough)|"
    r"(?:\p{Lu}[\p{Lu}'’.-]+[ \t]){1,2}(?:COUNTY|PARISH)|"
    r"(?<=\b(?:in|of|from)[ \t]+(?:rural[ \t]+)?)(?!rural\b)\p{Ll}{3,}(?:[ \t]\p{Ll}{3,})?"
    r"[ \t]county)"
    r"(?![\w])",
    _CS,
)
_CAP_RUN = regex.compile(
    r"(?<![\w])\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’.-]*|of|de|del|la|le))*",
    _CS,
)
_PREPOSITION_BEFORE = regex.compile(
    r"\b(?:in|from|to|at|near|outside|visiting|visited|around)[ \t]+\Z", _I
)
#: "from the Boston area": a town between "the" and an area word counts as after a preposition.
_PREPOSITION_THE_BEFORE = regex.compile(
    r"\b(?:in|from|to|at|near|outside|visiting|visited|around|of)[ \t]+the[ \t]+\Z", _I
)
_AREA_AFTER = regex.compile(
    r"[ \t]+(?:(?:greater|metro(?:politan)?)[ \t]+)?(?:area|region|suburbs?|vicinity)\b", _I
)
_RESIDENCE_STOP = _wordset(
    """home house apartment assisted nursing group facility shelter care rehab rehabilitation
    the a an his her their this that same hospital room bed icu unit ward floor"""
)

# ---------------------------------------------------------------- hospitals
_FACILITY_STRONG = (
    r"Hospitals?|(?:Medical|Health|Cancer|Radiology|Imaging|Diagnostic|Surgery|Surgical|Care|"
    r"Rehabilitation)\s+Cent(?:er|re)|Med\.?\s+Ctr\.?|Infirmary|Clinic|Health\s+System|"
    r"Healthcare|Medical\s+(?:Group|Pavilion)|Cancer\s+Institute|Nursing\s+Home|Sanatorium|"
    r"Senior\s+Living|Assisted\s+Living|(?:Skilled\s+)?Nursing\s+Facility|(?-i:VA)|"
    r"Nursing\s+and\s+Rehabilitation(?:\s+Cent(?:er|re))?|(?:Imaging|Radiology)\s+Associates|"
    r"Diagnostic\s+Imaging|Open\s+MRI|Outpatient\s+Imaging"
)
_FACILITY = regex.compile(
    rf"(?<![\w-])(?:{_FACILITY_STRONG}|Health\s+(?:Network|Sciences\s+Center|Services)|"
    r"Health\s*[Cc]are(?:\s+System)?|Clinics|Imaging(?:\s+Cent(?:er|re))?|"
    r"Radiology(?:\s+Associates)?|Memorial|Health|Medical\s+(?:Associates|Clinic|Campus)|"
    r"Institute|Hospice|Care\s+Center|(?:Medical\s+)?Pavilion|Cent(?:er|re)|Senior\s+Living|"
    r"Assisted\s+Living|(?:Skilled\s+)?Nursing\s+(?:Facility|and\s+Rehabilitation)|Manor|"
    r"(?-i:VA)(?![ \t]*,?[ \t]*\d))(?![\w])",
    _I,
)
_FACILITY_STRONG_RE = regex.compile(rf"(?:{_FACILITY_STRONG})", _I)
_FACILITY_NOT_BEFORE = regex.compile(
    r"[ \t]+(?:proxy|agent|decisions?|power|maintenance|provider|record|records|insurance|"
    r"coverage|needs|status|team|aide?s?)\b",
    _I,
)
_FACILITY_TAIL = regex.compile(
    r"[ \t]+(?i:of|at|in)[ \t]+(?i:the[ \t]+)?(?P<tail>\p{Lu}[\p{L}\p{M}'’.-]*"
    r"(?:[ \t]+(?i:of[ \t]+)?\p{Lu}[\p{L}\p{M}'’.-]*){0,3})",
    _CS,
)
_NAME_PREPOSITION = regex.compile(r"(?:\b(?:from|at|of|in)[ \t]+|\()\Z", _I)
_NAME_WORD = regex.compile(r"(?i:St|Mt|Ft|Pt)\.|[\p{L}\p{M}\d'’&-]+", _CS)
_FACILITY_LABEL = regex.compile(
    r"\b(?:(?:Hospital|Facility|Institution|(?:Referring|Performing|Outside)\s+(?:hospital|"
    r"facility|institution|site))[ \t]*:|(?:Referring|Performing)\s+(?:facility|institution|site)"
    r"(?=[ \t]+\p{Lu}))[ \t]*(?P<val>\p{Lu}[^\n:;|]{1,60}?)(?=[ \t]*(?:\n|$|;|\||"
    r"[ \t]{2,}|(?<!\b(?i:st|mt|ft))\.(?:\s|$)))",
    _I,
)
_SITE_LABEL = regex.compile(
    r"\b(?:Location|Site|Hospital|Facility|Institution)[ \t]*:[ \t]*\r?\n?[ \t]*"
    r"(?P<val>\p{Lu}[\p{L}\p{M}'’.&-]*"
    r"(?:[ \t]\p{Lu}[\p{L}\p{M}'’.&-]*){0,3})(?=[ \t]*(?:\r?\n|$|[;|]|[ \t]{2,}))",
    _I,
)
_NOT_SITES = _wordset(
    """right left bilateral upper lower anterior posterior lateral medial proximal distal superior
    inferior mid central breast lobe arm leg chest abdomen pelvis head neck spine knee hip
    shoulder wrist ankle foot hand liver kidney lung thyroid quadrant clock radiology ct mri mr
    brain heart before after without with contrast
    us ultrasound xr x-ray pet nuclear room department dept ed er icu floor ward unit main
    outpatient inpatient emergency home outside n/a none unknown"""
)
_SAINT = regex.compile(
    r"(?<![\w])(?:(?:St\.?|Saint|Mount|Mt\.?)[ \t]+\p{Lu}\p{Ll}+['’]s|"
    r"(?:ST\.?|SAINT|MOUNT|MT\.?)[ \t]+\p{Lu}{2,}['’]S)(?![\w])",
    _CS,
)
_CONNECTORS = _wordset("and & of the for de")
_HARD_STOP = _wordset(
    """from to at in on by with for this that these those transfer transferred transferring
    admitted admit seen sent went go going was were is are be been being via per during after
    before since until while when where who which our your his her their its a an pt pt's
    patient patient's md do rn np pa pa-c phd mph mba facr dr dr. mr mrs ms location site
    performing institution him them us me it leave leaving left works worked called calls
    arrived discharged returned visit visited back"""
)
_LEADING_TRIM = _wordset(
    """and & of the for de outside referring referral prior previous other another local area
    nearby same any each my your our his her their this that a an"""
)
_SAINTS = _wordset("st st. saint mount mt mt.")
_GENERIC = _wordset(
    """outside referring referral prior previous other another local area nearby community
    general regional university medical memorial county city state national veterans va
    children's childrens women's womens pediatric teaching academic private public district
    center centre health healthcare care clinic clinics hospital hospitals imaging radiology
    diagnostic diagnostics interventional nuclear medicine emergency department dept ed er
    icu unit ward floor this that the our your his her their a an same any each at from to in
    of and for with by on transfer transferred transferring admitted admit seen outpatient
    inpatient rehab rehabilitation nursing home surgery surgical cancer heart cardiac
    cardiology oncology orthopedic orthopaedic neurology neuro spine breast chest body ct cta
    mri mr mra pet pet/ct us xr x-ray ultrasound mammography women family primary urgent
    walk-in sleep vascular vein eye dental wound dialysis kidney behavioral mental
    psychiatric physical therapy fertility maternity birth specialty specialist physicians
    associates group institute system network services service main north south east west
    campus pavilion tower building wing annex satellite affiliated hospitalist trauma level
    molecular functional musculoskeletal abdominal thoracic cardiothoracic neuroradiology
    pain sports cardiovascular pulmonary lung liver transplant stroke neonatal newborn infant
    adult geriatric senior portable critical access acute long-term skilled advanced
    integrated comprehensive total complete
    full new old my hospice infirmary sanatorium institution facility facilities practice
    office radiologist radiologists report reports study studies exam findings impression
    history indication technique comparison clinical right left bilateral upper lower home
    legal social neurosurgery urology gastroenterology gi ent ortho orthopaedics endocrine
    endocrinology rheumatology dermatology nephrology hepatology hematology ob gyn obgyn ob/gyn
    pediatrics psychiatry podiatry ophthalmology audiology allergy immunology infectious
    anticoagulation coumadin diabetes lipid memory movement headache epilepsy bone joint
    fracture bariatric weight smoking cessation lactation prenatal wellness open mri/ct ct/mri
    outpatient's resident residents"""
)


@dataclass(frozen=True)
class Gazetteer:
    """US city names (lower case) -> (states, population, whether every word is ordinary)."""

    cities: dict[str, tuple[frozenset[str], int, bool]]
    countries: frozenset[str]
    max_words: int
    first_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read the packaged city and country lists once per process."""
    base = resources.files("radscrub.data") / "places"
    cities: dict[str, tuple[frozenset[str], int, bool]] = {}
    for line in (base / "us_cities.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, state, population, common = line.split("\t")
        for key in _city_keys(name):
            states, pop, flag = cities.get(key, (frozenset(), 0, True))
            cities[key] = (states | {state}, max(pop, int(population)), flag and common == "1")
    return Gazetteer(
        cities,
        country_names(),
        max(len(k.split()) for k in cities),
        frozenset(k.split()[0] for k in cities),
    )


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary English words (lower case) from the name lexicon build; empty if absent."""
    try:
        path = resources.files("radscrub.data") / "names" / "common_words.txt.gz"
        with gzip.open(str(path), "rt", encoding="utf-8") as fh:
            return frozenset(fh.read().split())
    except OSError:
        return frozenset()


def _city_keys(name: str) -> tuple[str, ...]:
    key = name.lower()
    if key.startswith("saint "):
        return key, "st. " + key[6:], "st " + key[6:]
    if key.startswith("st. "):
        return key, "saint " + key[4:], "st " + key[4:]
    return (key,)


_NON_SPACE = regex.compile(r"\S+")
_UPPER_CHAR = regex.compile(r"\p{Lu}")
_UPPER_RUN = regex.compile(r"\p{Lu}+")
_LOWER_RUN = regex.compile(r"\p{Ll}+")


def _casing(text: str) -> str:
    """``upper`` for text written in capitals, ``lower`` for text without any, else ``mixed``."""
    upper = sum(map(len, _UPPER_RUN.findall(text)))
    lower = sum(map(len, _LOWER_RUN.findall(text)))
    if upper == 0:
        return "lower"
    return "upper" if upper > 2 * lower and upper + lower >= 24 else "mixed"


@functools.lru_cache(maxsize=256)
def _head_pattern(head: str) -> regex.Pattern[str]:
    """A found hospital name's first word, to find its other mentions."""
    return regex.compile(rf"(?<![\w]){regex.escape(head)}(?![\w])", _I)


@functools.lru_cache(maxsize=1)
def _compiled_cores() -> tuple[tuple[_Core, regex.Pattern[str]], ...]:
    return tuple((core, regex.compile(core.pattern, core.flags)) for core in _ADDRESS_CORES)


@functools.lru_cache(maxsize=1)
def _compiled_zips() -> tuple[tuple[str, regex.Pattern[str], float], ...]:
    return tuple((n, regex.compile(p, _I), s) for n, p, s in _ZIP_PATTERNS)


class PlaceDetector(Detector):
    """Street addresses (one span per block), ZIP codes, cities and hospital names."""

    labels = (_L.ADDRESS, _L.ZIP, _L.LOCATION, _L.HOSPITAL, _L.ORGANIZATION)

    def __init__(self, config: DetectConfig | None = None, *, name: str | None = None) -> None:
        super().__init__(config, name=name)
        self.gazetteer = load_gazetteer()
        self.common = common_words()
        self._cores = _compiled_cores()
        self._zips = _compiled_zips()
        self._not_locations = (
            frozenset(s.lower() for s in US_STATES.values())
            | frozenset(code.lower() for code in US_STATES)
            | self.gazetteer.countries
        )
        self._narrative = NarrativePlaces(self._city_entry, self.gazetteer.max_words, _GENERIC)

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        casing = _casing(text)
        spans: list[PhiSpan] = []
        spans.extend(self._addresses(text, casing))
        spans.extend(self._zip_codes(text, casing))
        spans.extend(self._cities(text, casing))
        heads: set[str] = set()
        for found in self._narrative.find(text, casing, self._iter):
            span = self._span(found.start, found.end, found.label, found.score, found.what, text)
            if span is None or span.text.lower().rstrip(".") in self._not_locations:
                continue  # states and countries are larger than Safe Harbor's places
            spans.append(span)
            if found.head:
                heads.add(found.head)
        spans.extend(self._hospitals(text, casing, heads))
        return spans

    def _city_entry(self, key: str) -> tuple[frozenset[str], bool] | None:
        """(states, whether every word is ordinary English) of a lower-case town name."""
        entry = self.gazetteer.cities.get(key)
        return None if entry is None else (entry[0], entry[2])

    def _iter(
        self,
        pattern: regex.Pattern[str],
        text: str,
        what: str,
        requires: tuple[str, ...] = (),
        precheck: str = "",
    ) -> Iterator[regex.Match[str]]:
        """Matches of ``pattern``; none when a prefilter (see base.Pattern) or ``_REQUIRES``
        says the text cannot hold one."""
        requires = requires or _REQUIRES.get(what, ())
        if not may_match(requires, keyword_text(text)):
            return iter(())
        where = f"{self.name}.{what}"
        timeout = self.config.pattern_timeout
        if precheck:
            found = iter_matches(compile_pattern(precheck, pattern.flags), text, timeout, where)
            if next(found, None) is None:
                return iter(())
        return iter_matches(pattern, text, timeout, where)

    def _span(
        self, start: int, end: int, label: PhiLabel, score: float, what: str, text: str
    ) -> PhiSpan | None:
        while end > start and text[end - 1] in " \t\r\n,;:":
            end -= 1
        if end > start and text[end - 1] == "." and not self._keeps_dot(text, start, end):
            end -= 1
        if end <= start:
            return None
        return PhiSpan(start, end, label, score, f"{self.name}.{what}", text[start:end])

    @staticmethod
    def _keeps_dot(text: str, start: int, end: int) -> bool:
        word = _LAST_WORD_DOT.search(text, max(start, end - 12), end)
        return word is not None and (
            word.group(1).lower() in _ABBREV_END or word.group(1).isdigit()
        )

    # ------------------------------------------------------------ addresses
    def _addresses(self, text: str, casing: str) -> list[PhiSpan]:
        spans = []
        for core, compiled in self._cores:
            if casing not in core.casings:
                continue
            matches = self._iter(
                compiled, text, f"address_{core.name}", core.requires, core.precheck
            )
            for match in matches:
                core_casing = casing if _UPPER_CHAR.search(match.group()) else "lower"
                start, end, confirmed = self._grow_block(
                    text, match.start(), match.end(), core_casing
                )
                if core.confirm and not confirmed and not self._address_cue(text, start):
                    continue
                span = self._span(start, end, _L.ADDRESS, 0.85, f"address_{core.name}", text)
                if span is not None:
                    spans.append(span)
        for match in self._iter(_ADDRESS_LABEL_LINE, text, "address_label"):
            first = text[match.start("rest")]
            if first.isdigit() or first.isupper() or casing == "lower":
                start, end = match.span("rest")
                end = self._continue_lines(text, end, casing)
                span = self._span(start, end, _L.ADDRESS, 0.85, "address_label", text)
                if span is not None:
                    spans.append(span)
        return spans

    @staticmethod
    def _address_cue(text: str, start: int) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        return _ADDRESS_CUE.search(text, max(line_start, start - 60), start) is not None

    def _grow_block(self, text: str, start: int, end: int, casing: str) -> tuple[int, int, bool]:
        """Extend a street core left over house numbers (and a unit), right over unit, city,
        region, postal and country pieces on its line, then over following address lines.
        Returns the block and whether anything but plain words confirmed it as an address."""
        end, confirmed = self._consume(text, end, casing, same_line=True)
        if not text[end : self._line_end(text, end)].strip(" \t\r.,"):
            new_end = self._continue_lines(text, end, casing)
            confirmed = confirmed or new_end > end
            end = new_end
        before = _BEFORE_CORE.search(text, max(0, start - 40), start)
        if before is not None:
            start = before.start()
        if confirmed and text[start].isdigit():
            words = _WORDS_BEFORE_CORE.search(text, max(0, start - 40), start)
            if words is not None and not any(
                w.lower().rstrip(".") in _STOP_WORDS | _HARD_STOP for w in words.group().split()
            ):
                start = words.start()
        return start, end, confirmed

    def _consume(self, text: str, pos: int, casing: str, *, same_line: bool) -> tuple[int, bool]:
        """Take address pieces on one line from ``pos``: (new end, whether a unit, region or
        postal code was among them)."""
        piece_re = _PIECE_LOWER if casing == "lower" else _PIECE_MIXED
        timeout = self.config.pattern_timeout
        end, count, words, postal, confirmed = pos, 0, 0, False, False
        while count < 12:
            m = piece_re.match(text, end, timeout=timeout)
            if m is None or m.end() == end:
                break
            value = text[m.start(0) + len(m.group("sep")) : m.end()]
            key = value.rstrip(".").lower()
            if m.group("word") is not None:
                if key in _STOP_WORDS or text.startswith(":", m.end()) or words >= 5:
                    break
                if same_line and casing == "upper" and key in self.common:
                    break
                if postal and key in self.common:
                    break  # "salem, or 97301 today"

                words += 1
                confirmed = confirmed or _SUFFIX_WORD.fullmatch(value.rstrip(".")) is not None
            elif m.groupdict().get("housenum") is not None:
                if count:
                    break
            elif m.group("postal") is not None:
                if postal:
                    break
                postal, words, confirmed = True, 0, True
                country_end = self._country_end(text, m.end())
                if country_end is not None:  # "NW1 6XE, United Kingdom" ends the line's address
                    end = country_end
                    break
            else:
                words = 0
                found = m.groupdict()
                confirmed = confirmed or bool(found.get("unit") or found.get("region"))
            end = m.end()
            count += 1
        return end, confirmed

    def _country_end(self, text: str, pos: int) -> int | None:
        """The end of the longest country name ("United Kingdom") that is the first word after
        ``pos`` (blanks and a comma between), or None."""
        window = text[pos : pos + 60]
        rest = window.lstrip(" \t,")
        start = pos + len(window) - len(rest)
        rest = rest.lower()
        ends = [
            start + len(country)
            for country in self.gazetteer.countries
            if rest.startswith(country) and not rest[len(country) : len(country) + 1].isalpha()
        ]
        return max(ends, default=None)

    def _continue_lines(self, text: str, end: int, casing: str) -> int:
        """Extend ``end`` over following lines that hold only address pieces."""
        for _ in range(8):
            nxt = self._next_line(text, end, casing)
            if nxt is None:
                break
            end, last = nxt
            if last:
                break
        return end

    def _next_line(self, text: str, end: int, casing: str) -> tuple[int, bool] | None:
        """(end, is last) of the next line if it continues the address block, else None."""
        rest = _LINE_BREAK.match(text, end, min(len(text), end + 200))
        if rest is None:
            return None
        line_start = rest.end()
        blank = _BLANK_LINE.match(text, line_start, min(len(text), line_start + 100))
        if blank is not None:  # one blank line, only before a "Country [postal]" line
            line_start = blank.end()
            line_end = min(self._line_end(text, line_start), line_start + 120)
            line = _LINE_DECOR.sub("", text[line_start:line_end], 1).strip()
            country = _POSTAL_AT_END.sub("", line)
            place_postal = country != line and _SHORT_PLACE.fullmatch(country) is not None
            if country.lower() not in self.gazetteer.countries and not place_postal:
                return None
        decor = _LINE_DECOR.match(text, line_start)
        content_start = decor.end() if decor is not None else line_start
        line_end = self._line_end(text, line_start)
        if content_start >= line_end:
            return None
        new_end, confirmed = self._consume(text, content_start, casing, same_line=False)
        if new_end == content_start or text.startswith(":", new_end):
            return None
        if casing != "mixed" and not confirmed and not self._is_place(text[content_start:new_end]):
            return None
        if not text[new_end:line_end].strip(" \t\r.,"):
            return new_end, False
        if _TAIL_OK.match(text, new_end) or text[new_end - 1] == ".":
            return new_end, True
        return None

    def _is_place(self, value: str) -> bool:
        """A gazetteer city or a country, ignoring case and trailing punctuation."""
        key = " ".join(value.split()).strip(" .,").lower()
        return key in self.gazetteer.cities or key in self.gazetteer.countries

    @staticmethod
    def _line_end(text: str, pos: int) -> int:
        nl = text.find("\n", pos)
        return len(text) if nl < 0 else nl

    # ------------------------------------------------------------ ZIP codes
    def _zip_codes(self, text: str, casing: str) -> list[PhiSpan]:
        spans = []
        for name, compiled, score in self._zips:
            for m in self._iter(compiled, text, name):
                start, end = m.span("zip")
                span = self._span(start, end, _L.ZIP, score, name, text)
                if span is not None:
                    spans.append(span)
        spans.extend(self._lower_city_state_zips(text))
        if casing != "mixed":
            return spans
        for m in self._iter(_ZIP_AFTER_PLACE, text, "zip_after_place"):
            place, code = m.group("place"), m.group("zip")
            words = [w.lower().rstrip(".") for w in place.split()]
            if words[0] in _NOT_PLACES or any(w in _STOP_WORDS for w in words):
                continue
            if place.isupper() and words[0] in self.common:
                continue
            if len(code) == 4 and 1900 <= int(code) <= 2099:
                continue
            for group, label, score in (("zip", _L.ZIP, 0.7), ("place", _L.LOCATION, 0.6)):
                start, end = m.span(group)
                span = self._span(start, end, label, score, "zip_after_place", text)
                if span is not None:
                    spans.append(span)
        return spans

    def _lower_city_state_zips(self, text: str) -> Iterator[PhiSpan]:
        """The town and ZIP of a lower-case "eugene, or 97401" (a known town of that state)."""
        matches = self._iter(
            _CITY_STATE_ZIP_LOWER, text, "city_state_zip_lower", precheck=_COMMA_LOWER_STATE_ZIP
        )
        for m in matches:
            town = self._city_suffix(m.group("loc"), m.start("loc"), m.group("state").upper())
            if town is None:
                continue
            for start, end, label in ((*town, _L.LOCATION), (*m.span("zip"), _L.ZIP)):
                span = self._span(start, end, label, 0.85, "city_state_zip_lower", text)
                if span is not None:
                    yield span

    # ------------------------------------------------------------ cities
    def _cities(self, text: str, casing: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []

        def add(start: int, end: int, score: float, what: str) -> None:
            span = self._span(start, end, _L.LOCATION, score, what, text)
            if span is not None and span.text.lower().rstrip(".") not in self._not_locations:
                spans.append(span)

        for m in self._iter(_CITY_LABEL, text, "city_label"):
            start, end = m.span("loc")
            add(start, end, 0.9, "city_label")
        for m in self._iter(_RESIDENCE, text, "residence"):
            start = m.start("loc")
            end = start
            for w in _NON_SPACE.finditer(m.group("loc")):
                if w.group().lower().rstrip(".,") in _RESIDENCE_STOP | _STOP_WORDS:
                    break
                end = start + w.end()
            if end > start:
                add(start, end, 0.75, "residence")
        for m in self._iter(_CITY_STATE, text, "city_state", precheck=_COMMA_STATE):
            state = self._state_code(m.group("state"))
            found = self._city_suffix(m.group("loc"), m.start("loc"), state)
            if found is not None:
                add(found[0], found[1], 0.85, "city_state")
            elif m.group("zip"):
                last = m.group("loc").split()[-1]
                add(m.end("loc") - len(last), m.end("loc"), 0.7, "city_state_zip")
        for m in self._iter(_COUNTY, text, "county"):
            words = m.group("loc").split()
            if words[0].lower() not in _HARD_STOP | _STOP_WORDS | _GENERIC:
                start, end = m.span("loc")
                add(start, end, 0.8, "county")
        for m in self._iter(_CAP_RUN, text, "city_gazetteer"):
            for start, end, score in self._gazetteer_hits(text, m, casing):
                add(start, end, score, "city_gazetteer")
        return spans

    @staticmethod
    def _state_code(value: str) -> str:
        value = value.rstrip(".")
        if value.upper() in US_STATES:
            return value.upper()
        for code, name in US_STATES.items():
            if name.lower() == value.lower():
                return code
        return value

    def _city_suffix(self, loc: str, loc_start: int, state: str) -> tuple[int, int] | None:
        """The longest trailing word sequence of ``loc`` that is a gazetteer city of ``state``."""
        words = list(_NON_SPACE.finditer(loc))
        for i in range(max(0, len(words) - self.gazetteer.max_words), len(words)):
            key = " ".join(w.group() for w in words[i:]).lower()
            entry = self.gazetteer.cities.get(key)
            if entry is not None and state in entry[0]:
                return loc_start + words[i].start(), loc_start + len(loc)
        return None

    def _gazetteer_hits(
        self, text: str, match: regex.Match[str], casing: str
    ) -> Iterator[tuple[int, int, float]]:
        """Gazetteer cities inside one run of capitalised words, longest first."""
        words = list(_NON_SPACE.finditer(match.group()))
        base, i = match.start(), 0
        first_words = self.gazetteer.first_words
        while i < len(words):
            hit = None
            if words[i].group().lower().rstrip(".,") not in first_words:
                i += 1
                continue
            for n in range(min(self.gazetteer.max_words, len(words) - i), 0, -1):
                raw = " ".join(w.group() for w in words[i : i + n]).rstrip(".,")
                entry = self.gazetteer.cities.get(raw.lower())
                if entry is None:
                    continue
                start = base + words[i].start()
                common, title = entry[2], raw.replace(".", "").istitle()
                after_preposition = _PREPOSITION_BEFORE.search(text, max(0, start - 14), start) or (
                    _PREPOSITION_THE_BEFORE.search(text, max(0, start - 18), start)
                    and _AREA_AFTER.match(text, start + len(raw))
                )
                if n > 1 and (not common or (title and casing == "mixed" and after_preposition)):
                    hit = (start, start + len(raw), 0.6 if common else 0.7)
                elif n == 1 and not common and casing == "mixed" and title and after_preposition:
                    hit = (start, start + len(raw), 0.6)
                if hit is not None:
                    yield hit
                    i += n
                    break
            if hit is None:
                i += 1

    # ------------------------------------------------------------ hospitals
    def _hospitals(self, text: str, casing: str, heads: set[str]) -> list[PhiSpan]:
        """Facility names; ``heads`` (names found from context) are looked for again too."""
        spans: list[PhiSpan] = []
        for m in self._iter(_FACILITY, text, "facility"):
            found = self._facility_name(text, m, casing)
            if found is None:
                continue
            start, end, head = found
            span = self._span(start, end, _L.HOSPITAL, 0.85, "hospital", text)
            if span is not None:
                spans.append(span)
                if head:
                    heads.add(head)
        for m in self._iter(_FACILITY_LABEL, text, "hospital_label"):
            start, end = m.span("val")
            span = self._span(start, end, _L.HOSPITAL, 0.85, "hospital_label", text)
            if span is not None:
                spans.append(span)
        for m in self._iter(_SITE_LABEL, text, "site_label"):
            words = [w.lower().strip(".,") for w in m.group("val").split()]
            if not any(w in _NOT_SITES for w in words):
                start, end = m.span("val")
                span = self._span(start, end, _L.HOSPITAL, 0.7, "site_label", text)
                if span is not None:
                    spans.append(span)
        if casing != "lower":
            for m in self._iter(_SAINT, text, "hospital_saint"):
                span = self._span(m.start(), m.end(), _L.HOSPITAL, 0.6, "hospital_saint", text)
                if span is not None:
                    spans.append(span)
        for head in sorted(heads):
            pattern = _head_pattern(head)
            for m in self._iter(pattern, text, "hospital_repeat"):
                span = self._span(m.start(), m.end(), _L.HOSPITAL, 0.6, "hospital_repeat", text)
                if span is not None:
                    spans.append(span)
        return spans

    def _facility_name(
        self, text: str, m: regex.Match[str], casing: str
    ) -> tuple[int, int, str] | None:
        """Walk left from a facility word over name words: (start, end, head) or None when the
        name is generic (``outside hospital``, ``Interventional Radiology``)."""
        facility = m.group()
        caps = facility.isupper()
        strong = _FACILITY_STRONG_RE.fullmatch(facility) is not None
        if casing == "lower":
            if not facility.islower():
                return None
        elif not (caps or all(w[0].isupper() for w in facility.split() if w not in _CONNECTORS)):
            return None
        if _FACILITY_NOT_BEFORE.match(text, m.end()):
            return None
        name = self._name_before(text, m.start(), casing, caps)
        end = m.end()
        tail_end, tail_ok = self._facility_tail(text, end) if strong else (end, False)
        generic = _GENERIC | _CONNECTORS
        distinctive = [w.group() for w in name if w.group().lower() not in generic]
        if casing != "lower" and tail_ok:
            end = tail_end
        elif not distinctive or (
            casing != "mixed" and not self._plain_name_ok(text, name, distinctive, strong, m.end())
        ):
            return None
        start = name[0].start() if name else m.start()
        head = distinctive[0] if distinctive else ""
        if (
            len(head) < 4
            or head.lower() in self.common
            or head.lower() in self._not_locations
            or head.lower() in _SAINTS
        ):
            head = ""
        return start, end, head

    @staticmethod
    def _facility_tail(text: str, end: int) -> tuple[int, bool]:
        """``of the University of Pennsylvania`` after a facility word, cut before words that
        describe the study (``of Fresno ED``): (end, whether it holds a distinctive word)."""
        tail = _FACILITY_TAIL.match(text, end)
        if tail is None:
            return end, False
        tail_end, distinctive = end, False
        for w in _NON_SPACE.finditer(text, tail.start("tail"), tail.end()):
            low = w.group().lower().strip(".,")
            if low in _NOT_SITES:
                break
            tail_end = w.end()
            distinctive = distinctive or low not in _GENERIC | _CONNECTORS
        return tail_end, distinctive

    def _name_before(self, text: str, pos: int, casing: str, caps: bool) -> list[regex.Match[str]]:
        """The name words right before ``pos`` on its line (generic leading words trimmed)."""
        line_start = text.rfind("\n", 0, pos) + 1
        words = list(_NAME_WORD.finditer(text, max(line_start, pos - 80), pos))
        name: list[regex.Match[str]] = []
        limit = 6 if casing == "mixed" else 4
        for w in reversed(words):
            gap = text[w.end() : (name[0].start() if name else pos)]
            if gap.strip(" \t") or "  " in gap or "\t" in gap:
                break  # punctuation or a column gap between words ends the name
            value, low = w.group(), w.group().lower()
            if low in _CONNECTORS and (
                value.islower() or value == "&" or (caps and value.isupper())
            ):
                name.insert(0, w)
                continue
            if casing == "lower":
                fits = value.islower()
            else:
                fits = value[0].isupper() and (not caps or value.isupper())
            if not fits or low in _HARD_STOP or (low in _STOP_WORDS and low not in _GENERIC):
                break
            name.insert(0, w)
            if len(name) >= limit:
                break
        while name and name[0].group().lower() in _LEADING_TRIM:
            name.pop(0)
        return name

    def _plain_name_ok(
        self,
        text: str,
        name: list[regex.Match[str]],
        distinctive: list[str],
        strong: bool,
        end: int,
    ) -> bool:
        """Without capitalisation cues (all capitals or all lower case): a strong facility word
        with two name words or one that is not an ordinary word; otherwise the name must follow
        ``from``/``at``/``of``/``in`` (``FROM PRAIRIE HOSPITAL``, ``from fairview manor``)."""
        words = [w.group() for w in name if w.group().lower() not in _CONNECTORS]
        if strong and (len(words) >= 2 or distinctive[0].lower() not in self.common):
            return True
        start = name[0].start()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = self._line_end(text, end)
        if not text[line_start:start].strip(" \t>|*-") and not text[end:line_end].strip(" \t.,"):
            return True  # a letterhead: the name is the whole line
        return _NAME_PREPOSITION.search(text, max(0, start - 8), start) is not None
