"""Dates and times in the formats clinical text uses; each DATE span carries its parsed value.

``DateDetector`` finds ``DATE`` and ``TIME`` spans from two class-level tables: ``patterns``
(what a date looks like) and ``rules`` (when a date-shaped string is something else: a ratio,
a dose, a score, a ventilator setting). Each DATE span's ``value`` is a
:class:`~radscrub.spans.DateValue` whose template (tokens: :mod:`radscrub.detect.datefmt`)
renders the span's exact text back, so a date shift keeps every date in its own format.

Reading rules
- Slashes and dashes are US month-first (``3/4/2019`` is March 4); day-first is taken only when
  month-first is impossible (``14/03/2019``). Dotted dates are day-first (``14.03.2019``) unless
  only month-first is possible. Two-digit years pivot at 69 (``'68`` = 2068, ``'69`` = 1969).
- Month/day without a year (``7/22``) is a date unless the text around it says ratio, score,
  dose or setting (``BP``, ``PS 10/5``, ``pain 5/10``, ``5/5 strength``, ``1/2 NS``); common
  fractions (``1/2``, ``3/4``) and dashed pairs (``7-8``) need a date word before them (``on``,
  ``since``, ``dated`` ...). Month/two-digit-year (``8/87``) is taken when the year cannot be a day.
- ``YYYYMMDD`` is taken only after a label (``DOB:``, ``Date:``, ``on``); a DICOM time glued to
  it (``20190314101400``) becomes a TIME span.
- A date followed by a time (``03/05/2021 10:14``, ``2019-03-14T10:14:00``) gives a DATE span
  and a TIME span: the date shift re-renders the date only, and times follow the TIME action.
- Ranges: each end that can stand alone is its own span (``3/1-3/4/2019``, ``March 1 - April 3,
  2019``), and an end without a year borrows the other end's (it is not rendered). A range whose
  end is only a day (``March 1-4, 2019``, ``1->2 nov, 96``) is one span with ``span_days``.
- A weekday written before a date (``Monday, March 14, 2019``) joins the span and is re-rendered.
- Bare years are kept when ``DetectConfig.keep_years`` (Safe Harbor allows the year); otherwise
  ``2019``, ``'92`` and ``92'`` are DATE spans. Decades (``1990s``, ``80's``) are never dates.
- Holidays (``Christmas``, ``Thanksgiving``) are date elements: DATE with a lower score and no
  value (a shift cannot re-render them, so they are redacted). Seasons (``summer 2019``) are not
  dates: a season is coarser than the month and not a Safe Harbor date element.
- TIME (only when ``DetectConfig.keep_times`` is false; times of day are not Safe Harbor date
  elements, and real de-identification gold standards leave them): ``14:05``, ``14:05:33``,
  ``2:05 PM``, ``2pm``, ``630am``, ``1405 hrs``, ``at 0830``, ``1900-0700``;
  ratios and dilutions (``1:1000``, ``ratio 4:15``) are not times.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import itertools
import time
from dataclasses import dataclass
from typing import ClassVar, TypeAlias

import regex

from radscrub.config import DetectConfig
from radscrub.detect.base import (
    EMPTY_CONTEXT,
    Pattern,
    PatternDetector,
    PatternSearch,
    RecordContext,
)
from radscrub.detect.datefmt import (
    MAX_YEAR,
    MIN_YEAR,
    MONTH_WORDS,
    WEEKDAY_WORDS,
    build_template,
    case_of,
    escape,
    expand_year,
    lookup,
    ordinal,
    valid_day,
)
from radscrub.detect.datepatterns import (
    CONTEXT_SCORED_SHAPES,
    DATE_CONTEXT,
    DEFAULT_PATTERNS,
    DEFAULT_RULES,
    RANGE_BETWEEN,
    WEEKDAY_BEFORE,
    ContextRule,
    DatePattern,
)
from radscrub.errors import DetectionTimeout
from radscrub.spans import DateValue, PhiLabel, PhiSpan

__all__ = ["ContextRule", "DateDetector", "DatePattern", "parse_date"]

_FLAGS = regex.IGNORECASE | regex.VERSION1 | regex.ASCII
_DATE = PhiLabel.DATE
_Re: TypeAlias = "regex.Pattern[str] | None"
_TIME = PhiLabel.TIME
_WEEKDAY_BEFORE = regex.compile(WEEKDAY_BEFORE, _FLAGS)
_RANGE_BETWEEN = regex.compile(RANGE_BETWEEN, _FLAGS)
#: Characters of context looked at on each side of a match.
WINDOW = 48
#: Score of a partial date (month/day, month/year) with a date word before it.
CONTEXT_SCORE = 0.85
#: Shapes whose numbers are zero-padded by convention (``2019-12-31``, ``20191231``).
PADDED_SHAPES = frozenset({"ymd", "compact", "dmy"})
#: All patterns together may take this many times ``DetectConfig.pattern_timeout``.
TOTAL_BUDGET = 3
#: Post-processing time is checked every this many matches of one pattern.
_CHECK_EVERY = 256


# ---------------------------------------------------------------------------------------------
# The detector
# ---------------------------------------------------------------------------------------------


@dataclass
class _Date:
    """A date being assembled from one match (mutable while parsing)."""

    year: int | None
    month: int | None
    day: int | None
    parts: list[tuple[str, int, int]]
    names: list[str]
    suffixes: list[str]
    end_day: int | None = None
    weekday: int | None = None


class DateDetector(PatternDetector):
    """DATE and TIME spans; DATE spans carry a :class:`DateValue` that re-renders their text."""

    labels = (PhiLabel.DATE, PhiLabel.TIME)
    patterns: ClassVar[tuple[Pattern, ...]] = DEFAULT_PATTERNS
    rules: ClassVar[tuple[ContextRule, ...]] = DEFAULT_RULES
    date_context: ClassVar[str] = DATE_CONTEXT

    def __init__(self, config: DetectConfig | None = None, *, name: str | None = None) -> None:
        super().__init__(config, name=name)
        self._context = regex.compile(self.date_context, _FLAGS)
        self._rules: list[tuple[ContextRule, _Re, _Re, _Re]] = [
            (rule, _compile(rule.before), _compile(rule.after), _compile(rule.unless_before))
            for rule in self.rules
        ]

    # -- matching ---------------------------------------------------------------------------

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        """DATE and TIME spans in ``text``; DetectionTimeout when it takes too long.

        Each pattern gets ``pattern_timeout`` seconds (matching and checking its matches), and
        all of them together ``TOTAL_BUDGET`` times that.
        """
        spans: list[PhiSpan] = []
        budget = self.config.pattern_timeout
        deadline = time.monotonic() + budget * TOTAL_BUDGET
        search = PatternSearch(text, budget, self.name)
        for pattern, compiled in self._compiled:
            kind = getattr(pattern, "kind", "")
            if (kind == "year" and self.config.keep_years) or (
                kind == "time" and self.config.keep_times
            ):
                continue
            if not search.allows(pattern):
                continue
            where = f"{self.name}.{pattern.name}"
            limit = min(time.monotonic() + budget, deadline)
            matches = search.matches(pattern, compiled, where)
            for count, match in enumerate(matches, 1):
                spans.extend(self.make_spans(pattern, match, text))
                if count % _CHECK_EVERY == 0 and time.monotonic() > limit:
                    raise _timeout(where, budget, text)
            if time.monotonic() > deadline:
                raise _timeout(self.name, budget * TOTAL_BUDGET, text)
        linked = _link_ranges(_drop_nested(spans), text)
        if self.config.keep_times:  # a date's trailing time ("3/4/21 14:05") is kept as well
            return [s for s in linked if s.label is not _TIME]
        return linked

    def make_span(self, pattern: Pattern, match: regex.Match[str], text: str) -> PhiSpan | None:
        """The first span of ``make_spans`` (PatternDetector's one-span hook)."""
        spans = self.make_spans(pattern, match, text)
        return spans[0] if spans else None

    def make_spans(self, pattern: Pattern, match: regex.Match[str], text: str) -> list[PhiSpan]:
        """Validate one match and turn it into DATE/TIME spans (none when it is a look-alike)."""
        if not isinstance(pattern, DatePattern):
            span = super().make_span(pattern, match, text)
            return [span] if span else []
        source = f"{self.name}.{pattern.name}"
        if pattern.kind == "time":
            return self._times(pattern, match, text, source)
        if pattern.kind == "holiday":
            if self._rejected(pattern, match, text, None, None, None):
                return []
            return [PhiSpan(match.start(), match.end(), _DATE, pattern.score, source, match[0])]
        dates = self._dates(pattern, match)
        if not dates:
            return []
        first = dates[0]
        numbers = _numbers(match)
        if self._rejected(pattern, match, text, first, numbers, _name_case(match)):
            return []
        score = pattern.score
        if pattern.shape in CONTEXT_SCORED_SHAPES and self._has_context(text, _core_start(match)):
            score = max(score, CONTEXT_SCORE)
        spans = [self._date_span(d, pattern, text, score, source) for d in dates]
        if pattern.kind == "single" and (time_span := _group(match, "T")) is not None:
            t0, t1 = time_span
            spans.append(PhiSpan(t0, t1, _TIME, pattern.score, source, text[t0:t1]))
        return spans

    # -- dates ------------------------------------------------------------------------------

    def _dates(self, pattern: DatePattern, match: regex.Match[str]) -> list[_Date]:
        if pattern.kind == "pair":
            first = _numeric_date(match, "M", "D")
            second = _numeric_date(match, "M2", "D2")
            if first is None or second is None:
                return []
            gap = _gap_days(first, second)
            return [first, second] if 0 < gap <= pattern.pair_days else []
        parsed = _parse(match, pattern.order)
        if parsed is None:
            return []
        if pattern.kind == "year":
            parsed.month = parsed.day = None
        return [parsed]

    def _date_span(
        self, date: _Date, pattern: DatePattern, text: str, score: float, source: str
    ) -> PhiSpan:
        start = min(p[1] for p in date.parts)
        end = max(p[2] for p in date.parts)
        if date.day is not None:
            start = _extend_weekday(date, text, start)
        padded = _padded_style(text, date.parts, pattern.shape)
        fmt = build_template(text, start, end, date.parts, padded)
        span_days = date.end_day - date.day if date.end_day and date.day else 0
        value = DateValue(
            date.year,
            date.month,
            date.day,
            fmt,
            case_of(date.names, date.suffixes),
            date.weekday,
            span_days,
        )
        return PhiSpan(start, end, _DATE, score, source, text[start:end], value)

    # -- context ----------------------------------------------------------------------------

    def _has_context(self, text: str, start: int) -> bool:
        return self._context.search(text[max(0, start - WINDOW) : start]) is not None

    def _rejected(
        self,
        pattern: DatePattern,
        match: regex.Match[str],
        text: str,
        date: _Date | None,
        numbers: tuple[int, int] | None,
        name: tuple[str, str] | None,
    ) -> bool:
        """True when a rule says this match is a look-alike (or needs a date word it lacks)."""
        before = text[max(0, match.start() - WINDOW) : _core_start(match)]
        after = text[_core_end(match) : _core_end(match) + WINDOW]
        for rule, before_re, after_re, unless_re in self._rules:
            if pattern.shape not in rule.shapes:
                continue
            if rule.yearless and date is not None and date.year is not None:
                continue
            if rule.pairs is not None and (numbers is None or numbers not in rule.pairs):
                continue
            if rule.words is not None and (
                name is None or name[0] not in rule.words or name[1] not in rule.cases
            ):
                continue
            if before_re is not None and before_re.search(before) is None:
                continue
            if after_re is not None and after_re.match(after) is None:
                continue
            if unless_re is not None and unless_re.search(before) is not None:
                continue
            return True
        return False

    # -- times ------------------------------------------------------------------------------

    def _times(
        self, pattern: DatePattern, match: regex.Match[str], text: str, source: str
    ) -> list[PhiSpan]:
        if self._rejected(pattern, match, text, None, None, None):
            return []
        spans = []
        for group in ("T", "T2"):
            if group in match.re.groupindex and match.start(group) >= 0:
                start, end = match.span(group)
                spans.append(PhiSpan(start, end, _TIME, pattern.score, source, text[start:end]))
        return spans


# ---------------------------------------------------------------------------------------------
# Parsing helpers
# ---------------------------------------------------------------------------------------------


def _timeout(where: str, seconds: float, text: str) -> DetectionTimeout:
    return DetectionTimeout(
        f"date detection ({where}) exceeded {seconds:g}s on a text of {len(text)} characters; "
        "the record is quarantined. Raise detect.pattern_timeout if such texts are expected."
    )


def _compile(pattern: str) -> regex.Pattern[str] | None:
    return regex.compile(pattern, _FLAGS) if pattern else None


def _group(match: regex.Match[str], name: str) -> tuple[int, int] | None:
    if name not in match.re.groupindex:
        return None
    start, end = match.span(name)
    return None if start < 0 else (start, end)


def _core_start(match: regex.Match[str]) -> int:
    """Where the date itself starts (label/context words of the pattern excluded)."""
    starts = [
        s for g in ("A", "M", "D", "N", "Y", "T") if (s := (_group(match, g) or (-1, -1))[0]) >= 0
    ]
    return min(starts) if starts else match.start()


def _core_end(match: regex.Match[str]) -> int:
    ends = [
        e
        for g in ("B", "D", "S", "N", "Y", "D2", "S2", "M2", "T", "T2")
        if (e := (_group(match, g) or (-1, -1))[1]) >= 0
    ]
    return max(max(ends), match.end()) if ends else match.end()


def _numbers(match: regex.Match[str]) -> tuple[int, int] | None:
    """The (first, second) numbers of a numeric date, for ``ContextRule.pairs``."""
    for first, second in (("A", "B"), ("M", "D"), ("M", "Y")):
        a, b = _group(match, first), _group(match, second)
        if a and b and match[first].isdigit() and match[second].isdigit():
            return int(match[first]), int(match[second])
    return None


def _name_case(match: regex.Match[str]) -> tuple[str, str] | None:
    """The month word (lower case) and its case, for ``ContextRule.words``."""
    if _group(match, "N") is None:
        return None
    word = match["N"]
    return word.lower(), case_of([word])


def _numeric_date(match: regex.Match[str], m: str, d: str) -> _Date | None:
    month, day = int(match[m]), int(match[d])
    if not valid_day(None, month, day):
        return None
    return _Date(None, month, day, [("M", *match.span(m)), ("D", *match.span(d))], [], [])


def _gap_days(first: _Date, second: _Date) -> int:
    assert first.month and first.day and second.month and second.day
    a = datetime.date(2000, first.month, first.day)
    b = datetime.date(2000, second.month, second.day)
    return (b - a).days % 366


def _parse(match: regex.Match[str], order: str) -> _Date | None:
    """The date in a match (None when its parts are not a valid date)."""
    parts: list[tuple[str, int, int]] = []
    names: list[str] = []
    suffixes: list[str] = []
    year = month = day = end_day = None
    if (span := _group(match, "Y")) is not None:
        year = expand_year(match["Y"])
        if len(match["Y"]) == 4 and not MIN_YEAR <= year <= MAX_YEAR:
            return None
        parts.append(("Y", *span))
    if (span := _group(match, "M")) is not None:
        month = int(match["M"])
        parts.append(("M", *span))
    if (span := _group(match, "N")) is not None:
        month = lookup(MONTH_WORDS, match["N"])
        parts.append(("N", *span))
        names.append(match["N"])
    if _group(match, "A") is not None:
        a, b = int(match["A"]), int(match["B"])
        options = [(a, b, "M", "D"), (b, a, "D", "M")]
        if order == "dm":
            options.reverse()
        chosen = next((o for o in options if valid_day(year, o[0], o[1])), None)
        if chosen is None:
            return None
        month, day = chosen[0], chosen[1]
        parts.append((chosen[2], *match.span("A")))
        parts.append((chosen[3], *match.span("B")))
    for group, suffix, role in (("D", "S", "D"), ("D2", "S2", "D2")):
        if (span := _group(match, group)) is None:
            continue
        end = span[1]
        value = int(match[group])
        s_span = _group(match, suffix)
        # a wrong suffix ("1th") stays literal text, so the template still renders it back
        if s_span is not None and ordinal(value).endswith(match[suffix].lower()):
            end = s_span[1]
            suffixes.append(match[suffix])
        if role == "D":
            day = value
        else:
            end_day = value
        parts.append((role, span[0], end))
    if not parts or not valid_day(year, month, day):
        return None
    if end_day is not None and (
        day is None or end_day <= day or not valid_day(year, month, end_day)
    ):
        return None
    return _Date(year, month, day, parts, names, suffixes, end_day)


def _extend_weekday(date: _Date, text: str, start: int) -> int:
    """Take a weekday written just before the date into it; return the new start."""
    window_start = max(0, start - 16)
    found = _WEEKDAY_BEFORE.search(text[window_start:start])
    if found is None:
        return start
    w0, w1 = found.span("W")
    date.parts.append(("W", window_start + w0, window_start + w1))
    date.names.append(found["W"])
    date.weekday = lookup(WEEKDAY_WORDS, found["W"])
    return window_start + w0


def _padded_style(text: str, parts: list[tuple[str, int, int]], shape: str) -> bool:
    """True when the date writes its numbers zero-padded (``03/14``, ``14-MAR-2019``).

    Decides whether a two-digit ``12`` is ``{MM}`` or ``{M}``: it is when a sibling number has a
    leading zero, in formats that are padded by convention (ISO, compact, dotted), and for a
    day glued or dashed to a month name.
    """
    numbers = [text[s:e] for role, s, e in parts if role in ("M", "D")]
    if any(len(n) == 2 and n[0] == "0" for n in numbers):
        return True
    if shape in PADDED_SHAPES and numbers and all(len(n) == 2 for n in numbers):
        return True
    has_name = any(role == "N" for role, _, _ in parts)
    for role, start, end in parts:
        glued = end < len(text) and (text[end] == "-" or text[end].isalpha())
        if role == "D" and end - start == 2 and has_name and glued:
            return True
    return False


def _drop_nested(spans: list[PhiSpan]) -> list[PhiSpan]:
    """Drop DATE spans inside a longer DATE span (``March 1`` inside ``March 1-4, 2019``)."""
    dates = sorted(
        (s for s in spans if s.label is PhiLabel.DATE), key=lambda s: (s.start, -s.end, -s.score)
    )
    kept: list[PhiSpan] = []
    reach = -1
    for span in dates:
        if span.end <= reach:
            continue
        kept.append(span)
        reach = span.end
    return kept + [s for s in spans if s.label is not PhiLabel.DATE]


def _link_ranges(spans: list[PhiSpan], text: str) -> list[PhiSpan]:
    """A range end without a year borrows the other end's (``3/1-3/4/2019``): same template."""
    dated = sorted((s for s in spans if s.value is not None), key=lambda s: s.start)
    replaced: dict[int, PhiSpan] = {}
    for first, second in itertools.pairwise(dated):
        a, b = first.value, second.value
        if a is None or b is None or a.year is not None or b.year is None:
            continue
        if a.month is None or a.day is None or b.month is None or b.day is None:
            continue
        if _RANGE_BETWEEN.fullmatch(text, first.end, second.start) is None:
            continue
        year = b.year if (a.month, a.day) <= (b.month, b.day) else b.year - 1
        if valid_day(year, a.month, a.day):
            replaced[id(first)] = dataclasses.replace(
                first, value=dataclasses.replace(a, year=year)
            )
    return [replaced.get(id(s), s) for s in spans]


# ---------------------------------------------------------------------------------------------
# Structured values
# ---------------------------------------------------------------------------------------------

_PARSE_PREFIX = "Date: "
_LEFTOVER = regex.compile(r"[\sT,@]*(?:at[\s]*)?", regex.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _parser() -> DateDetector:
    return DateDetector(DetectConfig(keep_years=False, keep_times=False), name="parse_date")


def parse_date(text: str) -> DateValue | None:
    """Parse a structured date value (``2019-03-14``, ``03/14/1950``, ``20190314``, ``March 2019``).

    The whole text must be one date, optionally followed by a time (``2019-03-14T10:14:00``),
    which is kept verbatim in the template. Bare years parse too. Returns None otherwise.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > 200:
        return None
    return _parse_date(text)


@functools.lru_cache(maxsize=4096)  # known values and their mentions repeat across records
def _parse_date(text: str) -> DateValue | None:
    offset = len(_PARSE_PREFIX)
    spans = [
        dataclasses.replace(s, start=s.start - offset, end=s.end - offset)
        for s in _parser().find(_PARSE_PREFIX + text)
        if s.start >= offset
    ]
    dates = [s for s in spans if s.label is PhiLabel.DATE]
    if len(dates) != 1 or (value := dates[0].value) is None:
        return None
    date = dates[0]
    tail: list[str] = []
    cursor = date.end
    for span in sorted((s for s in spans if s.label is PhiLabel.TIME), key=lambda s: s.start):
        if span.start >= cursor:
            tail.append(text[cursor : span.start])
            cursor = span.end
    tail.append(text[cursor:])
    if text[: date.start].strip() or not _LEFTOVER.fullmatch("".join(tail)):
        return None
    fmt = escape(text[: date.start]) + value.fmt + escape(text[date.end :])
    return dataclasses.replace(value, fmt=fmt)
