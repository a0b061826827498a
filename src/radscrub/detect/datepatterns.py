"""The date and time pattern tables and the look-alike rules of :mod:`radscrub.detect.dates`.

Everything here is data: ``DEFAULT_PATTERNS`` (what a date or time looks like, with named groups
for its parts) and ``DEFAULT_RULES`` (when a date-shaped string is something else). Extend the
detector by subclassing ``DateDetector`` with longer tables, not by editing code paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from radscrub.detect.alternation import phrase_alternation
from radscrub.detect.base import Pattern
from radscrub.detect.datefmt import MONTH_WORDS, WEEKDAY_WORDS
from radscrub.spans import PhiLabel

# ---------------------------------------------------------------------------------------------
# Regex building blocks
# ---------------------------------------------------------------------------------------------


def _words(words: Iterable[str]) -> str:
    return phrase_alternation(words, space=r"\ ", lower=False)


_MON = rf"(?=[a-z])(?<![a-z])(?P<N>{_words(MONTH_WORDS)})(?![a-z])"
_MON3 = rf"(?=[a-z])(?<![a-z])(?P<N>{_words(w for w in MONTH_WORDS if len(w) == 3)})(?![a-z])"
_WEEKDAY = rf"(?=[a-z])(?<![a-z])(?P<W>{_words(WEEKDAY_WORDS)})(?![a-z])"
_M = r"0?[1-9]|1[0-2]"
_D = r"0?[1-9]|[12]\d|3[01]"
_Y4 = r"19\d\d|20\d\d|2100"
_SFX = r"st|nd|rd|th"
_RANGE_SEP = r"[ \t]*(?:\-|–|—|\->|to|through|thru)[ \t]*"
#: Left edge of a numeric date: no digit or number punctuation before it, and not glued to a
#: single letter (``L4/5``, ``x12/10``); a longer word may be glued (``on3/14/19``).
_NL = r"(?<![\d/.+#^_])(?<!(?<![a-z])[a-z])"
#: Right edge: no further digits, slashes, decimals or percent.
_NR = r"(?![\d/%]|[.,:]\d|[ \t]*%)"
#: Right edge of a partial or two-digit-year date: nor glued to a word (``10/5PEEP``).
_NR_WORD = r"(?![\w/%]|[.,:]\d|[ \t]*%)"
#: A year after a month name or day: ``, 2019`` / `` 2019`` / ``, '19`` / `` '19`` / ``, 19``.
_NAME_YEAR = (
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+)(?P<Y>{_Y4})(?![\w])"
    r"|[ \t]*,?[ \t]*'(?P<Y>\d\d)(?![\w'])"
    r"|[ \t]*,[ \t]*(?P<Y>\d\d)(?![\w':]))"
)
_DAY_FIRST_YEAR = (
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+|[ \t]*\-[ \t]*|/|)(?P<Y>{_Y4})(?![\w])"
    r"|(?:[ \t]*,[ \t]*|\-|/|(?<=[a-z]))'?(?P<Y>\d\d)(?![\w':]))"
)
_LABEL = (
    r"(?=[a-z])(?<![a-z])(?:dob|d\.o\.b\.?"
    r"|date(?:[ \t]+of[ \t]+(?:birth|service|exam|study|procedure))?|dated|birth[ \t]*date"
    r"|dos|born|birth|on|performed|acquired|(?:exam|study|series|acquisition|content)[ \t_]*date)"
    r"[ \t:=#\-\]]*(?:\n[ \t]*)?"
)
_HHMM = r"(?:[01]\d|2[0-3])[0-5]\d"
_AMPM = r"[ \t]*(?:[ap]\.m\.?|[ap]m)(?![a-z])"

# ---------------------------------------------------------------------------------------------
# Pattern and rule tables
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatePattern(Pattern):
    """A date or time pattern. Named groups are the date's parts.

    Groups: ``Y`` year, ``M`` month, ``D`` day, ``S`` ordinal suffix of ``D``, ``N`` month name,
    ``A``/``B`` the first/second number of an ambiguous numeric date (read as ``order`` says
    when possible), ``M2``/``D2``/``S2`` the second date of a ``pair`` or the end day of a
    ``range``, ``T``/``T2`` times (TIME spans). ``shape`` names the pattern for ``rules``.
    """

    flags: int = regex.IGNORECASE | regex.VERSION1 | regex.ASCII
    """ASCII: only ASCII digits and letters make dates, so every template renders them back."""
    kind: str = "single"  # single | range | pair | time | holiday | year
    shape: str = ""
    order: str = "md"  # md: month-first when valid; dm: day-first when valid
    pair_days: int = 0  # pair: the second date must follow the first within this many days


#: Date words that make a bare month/day a date (and exempt it from ``needs-context`` rules):
#: the word, then at most two other words (``s/p extubation 3/8``).
DATE_CONTEXT = (
    r"(?:(?<![a-z])(?:on|since|prior|dated?|from|compared|comparison|seen|until|till|thru"
    r"|through|by|s/p|last|dob|dos|admitted|admission|adm|discharged?|started|began|begun"
    r"|performed|done|completed|rec'?d|received|d/?c'?d|dc'?ed|due|scheduled|planned|before"
    r"|after|between|exam|study|visit|today|yesterday|tomorrow|tonight)|@)"
    r"(?:[ \t]+[a-z][a-z'/]*){0,2}[ \t:=#\-]*$"
)
#: Ventilator words: a/b after them (within a clause) is a setting (``PSV increased to 10/5``).
_VENT = (
    r"peep|ps|psv|cpap|bipap|ipap|epap|ips|imv|simv|cmv|a/c|vent|vented|ventilator|ventilation"
    r"|settings?|mode|flowby|flow\-by|weaning|wean|weaned|trial|abg"
)
#: Date words strong enough to outweigh a ventilator word before them (not one after them).
STRONG_DATE_CONTEXT = (
    r"(?<![a-z])(?:since|prior[ \t]+to|dated?|s/p|status[ \t]+post|until|till|admitted|dob|dos"
    r"|on[ \t]+the|started|began|begun|performed|completed|scheduled|planned|due|placed"
    r"|inserted|removed|extubat\w*|intubat\w*|trach(?:ed|eostomy)?|surgery|transferred)"
    rf"(?:[ \t]+(?!(?:{_VENT})(?![a-z]))[a-z][a-z'/]*){{0,2}}[ \t:=#\-]*$"
)
#: A dashed month-day (``7-8``) is a date only right after one of these words ...
DASH_DATE_CONTEXT = r"(?<![a-z])(?:on|since|dated?|until|till|s/p|dob|dos)[ \t:]*$"
#: ... and when what follows it is not a noun it counts (``on 1-2 pillows``).
_DASH_DATE_FOLLOWERS = (
    r"(?![ \t]*(?:[.,;:)\n]|$|(?:for|at|and|or|with|to|when|where|in|from|via|s/p|pt|patient"
    r"|the|he|she|they|after|before|until|#)(?![a-z])))"
)


@dataclass(frozen=True)
class ContextRule:
    """When a date-shaped match is something else: it is rejected when all conditions hold.

    ``shapes``: the patterns (``DatePattern.shape``) it applies to. ``before`` is searched in the
    text just before the match (anchor it with ``$``); ``after`` is matched at the start of the
    text just after it. ``pairs`` limits the rule to these (first number, second number) values;
    ``words`` to these month words (lower case) written in one of the ``cases``; ``yearless``
    to dates without a year. ``unless_before``: the rule does not apply when this is found just
    before the match (e.g. a date word: fractions need one to be dates).
    """

    name: str
    shapes: frozenset[str]
    before: str = ""
    after: str = ""
    pairs: frozenset[tuple[int, int]] | None = None
    words: frozenset[str] | None = None
    cases: frozenset[str] = frozenset({"", "upper", "lower"})
    yearless: bool = False
    unless_before: str = ""


_DATE = PhiLabel.DATE
_TIME = PhiLabel.TIME

_PARTIAL = frozenset({"md", "md_dash", "my2", "md_pair"})
_NUM2 = _PARTIAL | {"mdy2"}
_NAMES = frozenset({"name", "name_range", "dmy_name", "dmy_name_range"})
_UNITS = (
    r"(?:mg|mcg|ug|g|gm|gms|grams?|kg|lbs?|ml|cc|cc's|l|liters?|litres?|units?|u|meq|mmol"
    r"|mmhg|cm|mm|inch(?:es)?|ft|feet|%|tabs?|tablets?|caps?|capsules?|pills?|puffs?|drops?"
    r"|gtts?|amps?|hours?|hrs?|h|mins?|minutes?|secs?|seconds?|days?|wks?|weeks?|mos?"
    r"|months?|years?|yrs?|x|times|bpm|beats?|breaths?|lpm|l/min|lnc|nc|cmh2o|ns|d5|strength"
    r"|power|murmur|sem|pain|scale|lungs?|way|up|cups?|gallons?|bottles?|sets?|doses?|ratio"
    r"|split|points?|pts|pillows?|o'?clock|nodes?|lymph|cores?|lesions?|samples?|specimens?"
    r"|biopsies|ribs?|segments?|levels?|vessels?|fragments?|positive|negative"
    r"|of(?![ \t]+(?:19|20)\d\d))"
)
_NAME_UNITS = (
    r"(?:mg|mcg|g|kg|ml|cc|units?|u|meq|%|points?|pts|mmhg|cm|mm|hours?|hrs?|mins?|x|times"
    r"|beats?|breaths?|bpm|lpm|l)"
)
#: Measurements and scores written as a/b (``BP 90/60``, ``CO/CI 4/2``, ``GCS 3/15``).
_MEASURES = (
    r"bp|b/p|nbp|abp|sbp|dbp|map|maps|pap|paps|pas|pad|pads|pa|cvp|rap|pcwp|pcw|wedge|co/ci|co"
    r"|ci|svr|sat|sats|spo2|sao2|rr|tv|vt|tvs|fio2|gcs|apgar|rass|score|grade|ratio|strength"
    r"|power|motor|grips?|mae|dose|sig|tabs?|percocet|vicodin|norco|lortab|series|ser|se|image"
    r"|img|im|slice|level|vision|va|rads|category|cat|stage|tr/te|tr|te|aspects|nihss|mmse|moca"
    r"|kps|ecog"
)
_VENT_AFTER = (
    r"[ \t,]*(?:c|with|w/?|@|and|&)?[ \t]*(?:[\d.]+[ \t]*%|(?:fio2|fi02|ips|psv|ps|cpap|bipap"
    r"|peep|vent|mode|sats?|sao2|spo2|tv|vt|ventilation|mask)(?![a-z]))"
)
_TENTHS = frozenset((m, 10) for m in range(1, 13))
_FIFTHS = frozenset((m, 5) for m in range(1, 6))
_SIXTHS = frozenset((m, 6) for m in range(1, 7))
#: Common fractions: as month/day they are dates only after a date word (``on 1/2``).
FRACTIONS = frozenset((n, d) for d in (2, 3, 4, 8) for n in range(1, d))
#: Month words that are also clinical words or names when written in lower case.
AMBIGUOUS_MONTHS = frozenset({"may", "mar", "march", "dec", "jan", "jun", "aug"})

DEFAULT_RULES: tuple[ContextRule, ...] = (
    ContextRule(
        "units_after", _NUM2, after=rf"[ \t]{{0,2}}(?:\-[ \t]*\d+(?:/\d+)?[ \t]*)?{_UNITS}(?![a-z])"
    ),
    ContextRule("plural_after", _NUM2, after=r"'?s(?![a-z])"),
    ContextRule("inch_after", _PARTIAL, after=r"[ \t]*[\"”]"),
    ContextRule(
        "measure_before",
        _NUM2,
        before=rf"(?<![a-z])(?:{_MEASURES})(?![a-z])[ \t:=#()/+\-]*(?:[\d.]+[ \t]*%?[ \t,&]*)?$",
    ),
    ContextRule(
        "vent_before",
        _NUM2,
        before=rf"(?<![a-z])(?:{_VENT})(?![a-z])(?:[^.;]|\.\d){{0,30}}$",
        unless_before=STRONG_DATE_CONTEXT,
    ),
    ContextRule("vent_after", _NUM2, after=_VENT_AFTER),
    ContextRule("multiplier_before", _NUM2, before=r"\d[ \t]*[x×*][ \t]*$"),
    ContextRule(
        "number_range_before", _NUM2 | {"mdy4"}, before=r"(?<![/\d.])\d+(?:\.\d+)?[ \t]*\-[ \t]*$"
    ),
    ContextRule("hash_before", _NUM2, before=r"#[ \t]*$"),
    ContextRule(
        "fraction", frozenset({"md", "md_pair"}), pairs=FRACTIONS, unless_before=DATE_CONTEXT
    ),
    ContextRule(
        "pain_before",
        frozenset({"md"}),
        pairs=_TENTHS,
        before=r"(?<![a-z])(?:pain|cp|c/o|scale|discomfort|pressure|rates?|rated|score|level"
        r"|severe)(?![a-z])[^.;\n]{0,30}$",
    ),
    ContextRule(
        "pain_after",
        frozenset({"md"}),
        pairs=_TENTHS,
        after=r"[^.;\n]{0,30}(?<![a-z])(?:pain|cp|scale|discomfort|pressure|ache|headache|angina)"
        r"(?![a-z])",
    ),
    ContextRule(
        "strength_before",
        frozenset({"md"}),
        pairs=_FIFTHS,
        before=r"(?<![a-z])(?:strength|motor|power|grips?|grasps?|mae|rue|lue|rle|lle|ues?|les?"
        r"|extremit(?:y|ies)|bilat(?:eral(?:ly)?)?|hands?|legs?|arms?)(?![a-z])[^.;\n]{0,20}$",
    ),
    ContextRule(
        "strength_after",
        frozenset({"md"}),
        pairs=_FIFTHS,
        after=r"[ \t]*(?:strength|motor|power|grips?|bilat|throughout|in[ \t]+all|x[ \t]*4|rue|lue"
        r"|rle|lle|ue|le|upper|lower)(?![a-z])",
    ),
    ContextRule(
        "murmur",
        frozenset({"md", "my2"}),
        pairs=_SIXTHS,
        after=r"[ \t]*(?:sem|hsm|sm|murmur|systolic|diastolic|holosystolic|m)(?![a-z])",
    ),
    ContextRule("murmur_grade", frozenset({"md"}), pairs=_SIXTHS, before=r"(?:\+|grade[ \t]*)$"),
    ContextRule("dashed_month_day", frozenset({"md_dash"}), unless_before=DASH_DATE_CONTEXT),
    ContextRule("dashed_month_day_noun", frozenset({"md_dash"}), after=_DASH_DATE_FOLLOWERS),
    ContextRule(
        "name_units_after",
        _NAMES,
        yearless=True,
        after=rf"[ \t]*(?:\-[ \t]*\d+[ \t]*)?{_NAME_UNITS}(?![a-z])",
    ),
    ContextRule(
        "ambiguous_month_word",
        _NAMES | {"month"},
        words=AMBIGUOUS_MONTHS,
        cases=frozenset({"lower"}),
        yearless=True,
        unless_before=DATE_CONTEXT,
    ),
    ContextRule(
        "augmentation",
        _NAMES,
        words=frozenset({"aug"}),
        cases=frozenset({"upper"}),
        yearless=True,
        unless_before=DATE_CONTEXT,
    ),
    ContextRule(
        "medication_record",
        _NAMES,
        words=frozenset({"mar"}),
        cases=frozenset({"upper"}),
        yearless=True,
        before=r"(?<![a-z])(?:per|see|in|the|on|check(?:ed)?|from)[ \t]*$",
    ),
    ContextRule(
        "bare_abbreviation",
        frozenset({"month"}),
        words=frozenset(w for w in MONTH_WORDS if len(w) == 3),
        cases=frozenset({"lower", "upper"}),
    ),
    ContextRule(
        "ratio",
        frozenset({"clock"}),
        before=r"(?<![a-z])(?:ratio|i:e|i/e|iabp|dilution|titer|titre|epi|epinephrine|lidocaine"
        r"|concentration|mix(?:ture)?|scale|score)(?![a-z])[^.;\n]{0,15}$",
    ),
    ContextRule(
        "ratio_after",
        frozenset({"clock"}),
        after=r"[ \t]*(?:ratio|dilution|epi|epinephrine|lidocaine|concentration|mix)(?![a-z])",
    ),
    ContextRule(
        "military_units_after",
        frozenset({"military", "year"}),
        after=r"[ \t]*(?:\-[ \t]*\d+[ \t]*)?(?:mg|mcg|g|kg|ml|cc|cc's|l|units?|u|meq|%|cal|kcal"
        r"|calories|points?|mmhg|cm|mm|x|times|lbs?|grams?|ft|feet|miles|m)(?![a-z])",
    ),
    ContextRule("military_then_number", frozenset({"military"}), after=r"[ \t]+\d"),
    ContextRule("year_range_time", frozenset({"year"}), after=r"[ \t]*(?:\-|to)[ \t]*0\d\d\d\b"),
    ContextRule("year_in_number", frozenset({"year"}), before=r"(?:\d[ \t]*\-|[$#])[ \t]*$"),
    ContextRule(
        "year_is_clock_time",
        frozenset({"year"}),
        before=r"(?:(?<![a-z])(?:at|by|until|till|around|approx\.?|aprox|about|due|from|to|between)"
        r"|[@~])[ \t]*$",
    ),
)

#: Prefilters of the month-name patterns: a text without a month word is not searched for them,
#: and the patterns that start with the month word are tried only where one starts.
_MONTH_WORD = rf"(?<![a-z])(?:{_words(MONTH_WORDS)})(?![a-z])"
_MONTH_KEYS = tuple(sorted({w[:3] for w in MONTH_WORDS}))
_COMPACT_DATE = rf"(?:{_Y4})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_HOLIDAY_WORDS = (
    "christmas", "xmas", "thanksgiving", "easter", "friday", "halloween", "hanukkah", "chanukah",
    "passover", "kippur", "hashanah", "year", "independence", "july", "memorial", "labo",
    "veteran", "president", "valentine", "mother", "father", "patrick", "mlk", "king", "columbus",
)  # fmt: skip
_AT_WORDS = (
    "at", "by", "until", "till", "since", "around", "approx", "about", "before", "after", "from",
    "between", "@", "~",
)  # fmt: skip

DEFAULT_PATTERNS: tuple[DatePattern, ...] = (
    # --- numeric --------------------------------------------------------------------------
    DatePattern(
        "mdy4",
        rf"{_NL}(?P<A>\d{{1,2}})(?P<sep>[/\-])(?P<B>\d{{1,2}})(?P=sep)(?P<Y>{_Y4}){_NR}",
        _DATE,
        0.95,
        shape="mdy4",
        requires=("/", "-"),
    ),
    DatePattern(
        "mdy2",
        rf"{_NL}(?P<A>\d{{1,2}})(?P<sep>[/\-])(?P<B>\d{{1,2}})(?P=sep)(?P<Y>\d\d){_NR_WORD}",
        _DATE,
        0.9,
        shape="mdy2",
        requires=("/", "-"),
    ),
    DatePattern(
        "ymd",
        rf"(?<![\w./\-])(?P<Y>{_Y4})(?P<sep>[\-/.])(?P<M>{_M})(?P=sep)(?P<D>{_D})"
        r"(?![\d]|[.\-/]\d)",
        _DATE,
        0.95,
        shape="ymd",
        requires=("-", "/", "."),
    ),
    DatePattern(
        "dmy_dotted",
        rf"(?<![\w.])(?P<A>\d{{1,2}})\.(?P<B>\d{{1,2}})\.(?P<Y>{_Y4})(?![\w]|\.\d)",
        _DATE,
        0.9,
        shape="dmy",
        order="dm",
        requires=(".",),
    ),
    DatePattern(
        "dmy_dotted2",
        r"(?<![\w.])(?P<A>\d\d)\.(?P<B>\d\d)\.(?P<Y>\d\d)(?![\w]|\.\d)",
        _DATE,
        0.7,
        shape="dmy",
        order="dm",
        requires=(".",),
    ),
    DatePattern(
        "ymd_compact",
        rf"{_LABEL}(?P<Y>{_Y4})(?P<M>0[1-9]|1[0-2])(?P<D>0[1-9]|[12]\d|3[01])"
        rf"(?:(?P<T>{_HHMM}(?:[0-5]\d)?)(?:\.\d{{1,6}})?)?(?!\d)",
        _DATE,
        0.9,
        shape="compact",
        precheck=_COMPACT_DATE,
    ),
    DatePattern(  # a DICOM-style stamp needs no label: "20220202 083000"
        "ymd_compact_stamp",
        rf"(?<![\w.])(?P<Y>{_Y4})(?P<M>0[1-9]|1[0-2])(?P<D>0[1-9]|[12]\d|3[01])"
        rf"[ T](?P<T>{_HHMM}[0-5]\d)(?:\.\d{{1,6}})?(?!\d)",
        _DATE,
        0.85,
        shape="compact",
        precheck=_COMPACT_DATE,
    ),
    DatePattern(
        "md_pair",
        rf"{_NL}(?P<M>{_M})/(?P<D>{_D})/(?P<M2>{_M})/(?P<D2>{_D}){_NR_WORD}",
        _DATE,
        0.8,
        kind="pair",
        shape="md_pair",
        pair_days=31,
        requires=("/",),
    ),
    DatePattern(
        "md", rf"{_NL}(?P<M>{_M})/(?P<D>{_D}){_NR_WORD}", _DATE, 0.6, shape="md", requires=("/",)
    ),
    DatePattern(
        "md_dot_year",
        rf"{_NL}(?P<M>{_M})/(?P<D>{_D})\.(?P<Y>\d\d)(?![\w/%]|[.,:]\d)",
        _DATE,
        0.6,
        shape="mdy2",
        requires=("/",),
    ),
    DatePattern(
        "md_dash",
        rf"(?<![\w.\-/:+#])(?P<M>{_M})\-(?P<D>{_D})(?![\w\-/%]|[.,:]\d|[ \t]*%)",
        _DATE,
        0.6,
        shape="md_dash",
        requires=("-",),
    ),
    DatePattern(
        "month_year2",
        rf"{_NL}(?P<M>{_M})/(?P<Y>3[2-9]|[4-9]\d){_NR_WORD}",
        _DATE,
        0.6,
        shape="my2",
        requires=("/",),
    ),
    DatePattern(
        "month_year4",
        rf"{_NL}(?P<M>{_M})/(?P<Y>{_Y4}){_NR_WORD}",
        _DATE,
        0.85,
        shape="my4",
        requires=("/",),
    ),
    # --- month names ----------------------------------------------------------------------
    DatePattern(
        "name_day_range",
        rf"{_MON}\.?[ \t]*(?P<D>{_D})(?P<S>{_SFX})?{_RANGE_SEP}(?P<D2>{_D})(?P<S2>{_SFX})?"
        rf"(?![\d])(?:{_NAME_YEAR})?(?![\w])",
        _DATE,
        0.85,
        kind="range",
        shape="name_range",
        requires=_MONTH_KEYS,
        precheck=_MONTH_WORD,
        anchored=True,
    ),
    DatePattern(
        "name_day",
        rf"{_MON}\.?[ \t]*(?:the[ \t]+)?(?P<D>{_D})(?P<S>{_SFX})?(?![\d])"
        rf"(?:{_NAME_YEAR})?(?![\w])(?![.:,]\d|[ \t]*%)",
        _DATE,
        0.9,
        shape="name",
        requires=_MONTH_KEYS,
        precheck=_MONTH_WORD,
        anchored=True,
    ),
    DatePattern(
        "day_name_range",
        rf"(?=\d)(?<![\w.])(?P<D>{_D})(?P<S>{_SFX})?{_RANGE_SEP}(?P<D2>{_D})(?P<S2>{_SFX})?"
        rf"(?:[ \t]+of[ \t]+|[ \t]*\-?[ \t]*){_MON}\.?(?:{_DAY_FIRST_YEAR})?(?![\w])",
        _DATE,
        0.85,
        kind="range",
        shape="dmy_name_range",
        requires=_MONTH_KEYS,
        precheck=_MONTH_WORD,
    ),
    DatePattern(
        "day_name",
        rf"(?=\d)(?<![\w.])(?P<D>{_D})(?P<S>{_SFX})?(?:[ \t]*[\-/.][ \t]*|[ \t]+of[ \t]+|[ \t]*)"
        rf"{_MON}"
        rf"\.?(?:{_DAY_FIRST_YEAR})?(?![\w])",
        _DATE,
        0.9,
        shape="dmy_name",
        requires=_MONTH_KEYS,
        precheck=_MONTH_WORD,
    ),
    DatePattern(
        "month_year",
        rf"{_MON}\.?(?:[ \t]*,[ \t]*|[ \t]+(?:of[ \t]+)?|[ \t]*[\-/][ \t]*|)(?P<Y>{_Y4})(?![\w])"
        rf"|{_MON}\.?[ \t]*,?[ \t]*(?:of[ \t]+)?'(?P<Y>\d\d)(?![\w'])",
        _DATE,
        0.85,
        shape="month_year",
        requires=_MONTH_KEYS,
        precheck=_MONTH_WORD,
        anchored=True,
    ),
    DatePattern(
        "month_year_dash2",
        rf"{_MON3}\-(?P<Y>\d\d)(?![\w\-/]|[.:]\d)",
        _DATE,
        0.7,
        shape="month_year",
        requires=_MONTH_KEYS,
        precheck=_MONTH_WORD,
        anchored=True,
    ),
    DatePattern(
        "month_alone",
        r"(?=[a-z])(?<![a-z])(?:in|since|during|until|till|by|from|early|late|mid|end[ \t]+of"
        r"|beginning[ \t]+of|start[ \t]+of|middle[ \t]+of|last|next|this|before|after|through"
        rf"|thru|of)(?:[ \t]+|\-){_MON}(?![ \t]*,?[ \t]*'?\d)",
        _DATE,
        0.6,
        shape="month",
        requires=_MONTH_KEYS,
        precheck=_MONTH_WORD,
    ),
    DatePattern(
        "ordinal_day",
        r"(?=[a-z])(?<![a-z])(?:on|by|since|until|till|before|after|from|it'?s|it[ \t]+is"
        rf"|today[ \t]+is|was|is|(?:mon|tues|wednes|thurs|fri|satur|sun)day,?)"
        rf"[ \t]+the[ \t]+(?P<D>{_D})(?P<S>{_SFX})"
        r"(?=[ \t]*(?:[.,;:!?)\"'\n]|$|(?:at|in|and|when|@)(?![a-z])))",
        _DATE,
        0.55,
        shape="ordinal",
        requires=("the",),
        precheck=rf"the[ \t]+(?:{_D})(?:{_SFX})",
    ),
    DatePattern(
        "holiday",
        r"(?=[a-z])(?<![a-z])(?:christmas(?:[ \t]+(?:eve|day))?|xmas|thanksgiving(?:[ \t]+day)?"
        r"|easter(?:[ \t]+(?:sunday|monday))?|good[ \t]+friday|halloween|hanukkah|chanukah"
        r"|passover|yom[ \t]+kippur|rosh[ \t]+hashanah|new[ \t]+year'?s(?:[ \t]+(?:day|eve))?"
        r"|independence[ \t]+day|fourth[ \t]+of[ \t]+july|memorial[ \t]+day|labou?r[ \t]+day"
        r"|veterans'?[ \t]+day|presidents'?[ \t]+day|valentine'?s[ \t]+day|mother'?s[ \t]+day"
        r"|father'?s[ \t]+day|st\.?[ \t]+patrick'?s[ \t]+day|mlk[ \t]+day"
        r"|martin[ \t]+luther[ \t]+king[ \t]+day|columbus[ \t]+day)(?![a-z])",
        _DATE,
        0.5,
        kind="holiday",
        shape="holiday",
        requires=_HOLIDAY_WORDS,
    ),
    # --- bare years (only when DetectConfig.keep_years is False) ---------------------------
    DatePattern(
        "year",
        rf"(?<![\w'/.\-:,])(?P<Y>{_Y4})(?![\w/%'’]|[.,:\-]\d)",
        _DATE,
        0.5,
        kind="year",
        shape="year",
    ),
    DatePattern(
        "year_apostrophe",
        r"(?=[\d'])(?:(?<![\w'])'(?P<Y>\d\d)(?![\w'’/]|[.,:]\d)"
        r"|(?<![\w'\-./])(?P<Y>\d\d)'(?![\w'’]|[.,]\d))",
        _DATE,
        0.45,
        kind="year",
        shape="year",
        requires=("'",),
    ),
    # --- times ----------------------------------------------------------------------------
    DatePattern(
        "clock",
        # not glued to letters (hex in ``c11:40d2``), except ISO's ``T`` and a ``Z`` after
        r"(?=\d)(?<![\d:.])(?<!(?<!\d)[a-z])"
        r"(?P<T>(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:" + _AMPM + r")?)"
        r"(?![\d:]|[a-y])",
        _TIME,
        0.85,
        kind="time",
        shape="clock",
        requires=(":",),
    ),
    DatePattern(
        "hour_ampm",
        rf"(?=\d)(?<![\d:./])(?P<T>(?:1[0-2]|0?[1-9])(?:[0-5]\d)?{_AMPM})",
        _TIME,
        0.85,
        kind="time",
        shape="ampm",
        requires=("am", "pm", "a.m", "p.m"),
    ),
    DatePattern(
        "military_hours",
        rf"(?<![\d.:])(?P<T>{_HHMM}[ \t]*(?:hours|hrs|hr|h)(?![a-z]))",
        _TIME,
        0.85,
        kind="time",
        shape="military",
        requires=("h",),
        precheck=rf"{_HHMM}[ \t]*h",
        anchored=True,
    ),
    DatePattern(
        "military_at",
        r"(?=[a-z@~])(?:(?<![a-z])(?:at|by|until|till|since|around|approx\.?|approximately|about|before"
        rf"|after|from|between)|@|~)[ \t]*(?P<T>{_HHMM})(?![\d.:])",
        _TIME,
        0.7,
        kind="time",
        shape="military",
        requires=_AT_WORDS,
    ),
    DatePattern(
        "military_range",
        rf"(?=\d)(?<![\d.:/])(?P<T>{_HHMM}){_RANGE_SEP}(?P<T2>{_HHMM})(?![\d.:])",
        _TIME,
        0.7,
        kind="time",
        shape="military",
        requires=("-", "–", "—", "to", "thr"),
    ),
)

#: A weekday written just before a date (``Monday, March 14``): joins the date's span.
WEEKDAY_BEFORE = rf"{_WEEKDAY}\.?,?[ \t]+(?:the[ \t]+)?$"
#: What may stand between the two ends of a date range (``3/1 - 3/4/2019``).
RANGE_BETWEEN = r"[ \t]*(?:\-|–|—|\->|to|through|thru|until|till)[ \t]*"
#: Shapes whose score rises to ``CONTEXT_SCORE`` when a date word comes before them.
CONTEXT_SCORED_SHAPES = _PARTIAL | {"ordinal", "month"}
