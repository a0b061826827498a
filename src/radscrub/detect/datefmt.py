"""Date templates: the tokens a :class:`~radscrub.spans.DateValue` format is written in.

A template is the date's own text with each date part replaced by a token, so rendering the
original parts gives the original text back (``render(value) == text``) and rendering shifted
parts gives the shifted date in the same format:

==============  ===========================================================================
token           renders
==============  ===========================================================================
``{YYYY}``      four-digit year (``2019``)
``{YY}``        two-digit year (``19``); the text's century is kept in ``DateValue.year``
``{M}``         month number, unpadded (``3``)
``{MM}``        month number, zero-padded (``03``)
``{D}``         day of month, unpadded (``4``)
``{DD}``        day of month, zero-padded (``04``)
``{Dth}``       day with its English ordinal suffix (``4th``, ``21st``)
``{Month}``     full month name (``March``)
``{Mon}``       three-letter month name (``Mar``, ``Sep``)
``{Mon4}``      month abbreviated in the four-letter style (``Sept``, ``June``; else ``Mar``)
``{Weekday}``   full weekday name (``Monday``)
``{Wkd}``       three-letter weekday name (``Mon``, ``Tue``)
``{Wkd4}``      weekday in the longer abbreviated style (``Tues``, ``Thurs``; else ``Mon``)
``{D2}`` ...    ``{D2}`` ``{DD2}`` ``{Dth2}``: the end day of a same-month range (``March 1-4``)
==============  ===========================================================================

Literal ``{`` and ``}`` are doubled. Names render in title case and ordinal suffixes in lower
case, then ``case`` applies: ``"upper"`` (``MARCH 4TH``), ``"lower"`` (``march 4th``) or ``""``.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import regex

from radscrub.errors import RadscrubError
from radscrub.spans import DateValue

MONTH_NAMES = tuple(calendar.month_name[i] for i in range(1, 13))
MONTH_ABBR3 = tuple(name[:3] for name in MONTH_NAMES)
MONTH_ABBR4 = tuple(
    "Sept" if i == 9 else name if len(name) == 4 else name[:3]
    for i, name in enumerate(MONTH_NAMES, 1)
)
WEEKDAY_NAMES = tuple(calendar.day_name[i] for i in range(7))
WEEKDAY_ABBR3 = tuple(name[:3] for name in WEEKDAY_NAMES)
WEEKDAY_ABBR4 = ("Mon", "Tues", "Wed", "Thurs", "Fri", "Sat", "Sun")

#: Month words (lower case) -> (month number, token that renders them back).
MONTH_WORDS: dict[str, tuple[int, str]] = {
    **{name.lower(): (i, "Mon") for i, name in enumerate(MONTH_ABBR3, 1)},
    **{name.lower(): (i, "Mon4") for i, name in enumerate(MONTH_ABBR4, 1) if len(name) == 4},
    **{name.lower(): (i, "Month") for i, name in enumerate(MONTH_NAMES, 1)},
}
#: Weekday words (lower case) -> (weekday, 0 = Monday; token that renders them back).
WEEKDAY_WORDS: dict[str, tuple[int, str]] = {
    **{name.lower(): (i, "Wkd4") for i, name in enumerate(WEEKDAY_ABBR4)},
    **{name.lower(): (i, "Wkd") for i, name in enumerate(WEEKDAY_ABBR3)},
    **{name.lower(): (i, "Weekday") for i, name in enumerate(WEEKDAY_NAMES)},
}

#: Two-digit years below this are 20xx, the rest 19xx (the POSIX ``%y`` rule).
CENTURY_PIVOT = 69
#: Four-digit years outside this range are not taken for dates.
MIN_YEAR, MAX_YEAR = 1900, 2100
#: The year used to check a day that has no year (a leap year, so Feb 29 is valid).
LEAP_YEAR = 2000

_TOKEN = regex.compile(r"\{\{|\}\}|\{(\w+)\}|[{}]")
_NAME_TOKENS = frozenset({"Month", "Mon", "Mon4", "Weekday", "Wkd", "Wkd4"})


class DateFormatError(RadscrubError, ValueError):
    """A date template cannot be rendered (unknown token or a part it needs is missing)."""


@dataclass(frozen=True)
class Parts:
    """The values the tokens render: a date's parts (any may be absent)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    end_day: int | None = None


def expand_year(text: str) -> int:
    """``'19'`` -> 2019, ``'85'`` -> 1985 (see CENTURY_PIVOT), ``'2019'`` -> 2019."""
    year = int(text)
    if len(text) == 2:
        return year + (2000 if year < CENTURY_PIVOT else 1900)
    return year


def valid_day(year: int | None, month: int | None, day: int | None) -> bool:
    """True when the parts can belong to one calendar date (Feb 29 needs a leap or no year)."""
    if month is not None and not 1 <= month <= 12:
        return False
    if year is not None and not 1 <= year <= 9999:
        return False
    if day is None:
        return True
    if month is None:
        return 1 <= day <= 31
    return 1 <= day <= calendar.monthrange(year if year is not None else LEAP_YEAR, month)[1]


def ordinal(day: int) -> str:
    """``1`` -> ``1st``, ``12`` -> ``12th``, ``22`` -> ``22nd``."""
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def token_for(role: str, piece: str, padded: bool = False) -> str:
    """The token that renders ``piece`` (the text of one date part) back, for a part role.

    Roles: ``Y`` year, ``M`` month number, ``D`` day (``D`` + suffix for ordinals), ``N`` month
    name, ``W`` weekday name, ``D2`` range end day. ``padded`` says two-digit numbers belong to
    a zero-padded style (``12/03/2019``: the ``12`` is ``{MM}``), which only matters once shifted.
    """
    if role == "Y":
        return "YYYY" if len(piece) == 4 else "YY"
    if role == "M":
        return "MM" if len(piece) == 2 and (padded or piece[0] == "0") else "M"
    if role in ("D", "D2"):
        suffix = "" if role == "D" else "2"
        if not piece.isdigit():
            return "Dth" + suffix
        return ("DD" if len(piece) == 2 and (padded or piece[0] == "0") else "D") + suffix
    if role == "N":
        return MONTH_WORDS[piece.lower()][1]
    if role == "W":
        return WEEKDAY_WORDS[piece.lower()][1]
    raise DateFormatError(f"unknown date part role {role!r}")


def escape(literal: str) -> str:
    """Double the braces of literal text so it can sit in a template."""
    return literal.replace("{", "{{").replace("}", "}}")


def build_template(
    text: str, start: int, end: int, parts: Iterable[tuple[str, int, int]], padded: bool = False
) -> str:
    """Template for ``text[start:end]`` whose parts ``(role, start, end)`` become tokens."""
    pieces: list[str] = []
    cursor = start
    for role, p_start, p_end in sorted(parts, key=lambda p: p[1]):
        pieces.append(escape(text[cursor:p_start]))
        pieces.append("{" + token_for(role, text[p_start:p_end], padded) + "}")
        cursor = p_end
    pieces.append(escape(text[cursor:end]))
    return "".join(pieces)


def case_of(names: Iterable[str], suffixes: Iterable[str] = ()) -> str:
    """The ``case`` of written names (month/weekday words), else of ordinal suffixes."""
    letters = "".join(n for n in names if any(c.isalpha() for c in n))
    if not letters:
        letters = "".join(suffixes)
        return "upper" if letters and letters.isupper() else ""
    if letters.isupper():
        return "upper"
    if letters.islower():
        return "lower"
    return ""


def _apply_case(word: str, case: str) -> str:
    if case == "upper":
        return word.upper()
    if case == "lower":
        return word.lower()
    return word


def _need(value: int | None, token: str) -> int:
    if value is None:
        raise DateFormatError(f"date template token {{{token}}} has no value to render")
    return value


def _render_token(token: str, parts: Parts, case: str) -> str:
    if token in _NAME_TOKENS:
        if token.startswith("M"):
            month = _need(parts.month, token) - 1
            table = {"Month": MONTH_NAMES, "Mon": MONTH_ABBR3, "Mon4": MONTH_ABBR4}[token]
            return _apply_case(table[month], case)
        day = _need(parts.weekday, token)
        table = {"Weekday": WEEKDAY_NAMES, "Wkd": WEEKDAY_ABBR3, "Wkd4": WEEKDAY_ABBR4}[token]
        return _apply_case(table[day], case)
    if token == "YYYY":
        return f"{_need(parts.year, token):04d}"
    if token == "YY":
        return f"{_need(parts.year, token) % 100:02d}"
    if token in ("M", "MM"):
        month = _need(parts.month, token)
        return f"{month:02d}" if token == "MM" else str(month)
    day_value = parts.end_day if token.endswith("2") else parts.day
    base = token.rstrip("2")
    if base in ("D", "DD"):
        day = _need(day_value, token)
        return f"{day:02d}" if base == "DD" else str(day)
    if base == "Dth":
        text = ordinal(_need(day_value, token))
        return text.upper() if case == "upper" else text
    raise DateFormatError(f"unknown date template token {{{token}}}")


def render_parts(fmt: str, parts: Parts, case: str = "") -> str:
    """Render template ``fmt`` with ``parts``; raise DateFormatError when it cannot."""
    out: list[str] = []
    cursor = 0
    for match in _TOKEN.finditer(fmt):
        out.append(fmt[cursor : match.start()])
        cursor = match.end()
        piece = match.group()
        if piece in ("{{", "}}"):
            out.append(piece[0])
        elif match.group(1) is None:
            raise DateFormatError(f"unbalanced brace in date template {fmt!r}")
        else:
            out.append(_render_token(match.group(1), parts, case))
    out.append(fmt[cursor:])
    return "".join(out)


def render(value: DateValue) -> str:
    """Render a DateValue's own parts in its template (gives back the text it was parsed from)."""
    end_day = None
    if value.span_days and value.day is not None:
        end_day = value.day + value.span_days
    return render_parts(
        value.fmt,
        Parts(value.year, value.month, value.day, value.weekday, end_day),
        value.case,
    )


def tokens(fmt: str) -> frozenset[str]:
    """The tokens a template uses."""
    return frozenset(m.group(1) for m in _TOKEN.finditer(fmt) if m.group(1))


def weekday_of(year: int | None, month: int | None, day: int | None) -> int | None:
    """The weekday (0 = Monday) of a full date, else None."""
    if year is None or month is None or day is None or not valid_day(year, month, day):
        return None
    return datetime.date(year, month, day).weekday()


def lookup(words: Mapping[str, tuple[int, str]], word: str) -> int:
    """Month or weekday number of a written name (KeyError when it is not one)."""
    return words[word.lower().rstrip(".")][0]
