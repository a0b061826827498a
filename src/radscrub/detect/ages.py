"""Ages over 89 (Safe Harbor C): ``92-year-old``, ``92 y/o``, ``93 YO``, ``age: 93``, ``aged 95``.

The span covers the age itself (``92`` in ``92-year-old``, ``ninety-two`` in
``ninety-two-year-old``), never the ``-year-old`` words, so a transform can write ``90+`` in
place. Ages of 89 or less are never flagged (Safe Harbor permits them); nor are numbers followed
by other units (``92 mg``, ``92%``). Decade phrases that imply an age over 89 (``in her 90s``,
``in his late nineties``) are flagged, since ``90s`` reveals the age bracket that Safe Harbor
requires to be aggregated (``nonagenarian`` names no number and is left alone). Ages above 125
are taken as not an age.
"""

from __future__ import annotations

import regex

from radscrub.detect.base import Pattern, PatternDetector
from radscrub.spans import PhiLabel, PhiSpan

_NUM = r"(?P<age>\d{2,3})"
_YEARS = r"(?:years?|yrs?\.?|y)"
_UNITS = r"(?:ones?|two|three|four|five|six|seven|eight|nine)"
_WORDS = rf"(?P<age>(?:ninety|one\s+hundred(?:\s+and)?)(?:[-\s]{_UNITS})?|a\s+hundred)"
_TEMP_BEFORE = regex.compile(r"(?:\btemp\w*|\bfever|\bfebrile|\bT\s*max|\bT)\s*[:=]?\s*\Z", regex.I)

AGE_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "year_old",
        rf"(?<![\w.,]){_NUM}\s?-?\s?{_YEARS}\s?-?\s?(?:of\s+age|old|o\b)",
        PhiLabel.AGE,
        0.9,
        "age",
    ),
    Pattern(
        "yo",
        rf"(?<![\w.,]){_NUM}\s?(?:y/o|y\.\s?o\.?|yo|yrs?(?=\s+(?:male|female|man|woman|m|f)\b))"
        r"(?!\w)",
        PhiLabel.AGE,
        0.9,
        "age",
    ),
    Pattern(
        "age_label",
        rf"\b(?:age[ds]?(?:\s*/\s*sex)?|sex\s*/\s*age|aged|at\s+the\s+age\s+of)[ \t]{{0,20}}"
        rf"(?:[:=]|of|is|was)?[ \t]{{0,20}}(?:(?<=[:=])\r?\n[ \t]{{0,20}})?{_NUM}"
        r"(?:\s?(?:y|yo|yr|yrs|years?)\b\.?)?"
        r"(?!\w|[.,]\d|\s*(?:%|mg|kg|cm|mm|ml|months?|mos?|weeks?|wks?|days?)\b)",
        PhiLabel.AGE,
        0.85,
        "age",
    ),
    Pattern(
        "sex_word",
        rf"(?<![\w.,]){_NUM}[ -]?(?:yo[ -]?)?(?:male|female|man|woman|gentleman|lady)\b"
        r"(?!\s+(?:patients|subjects|participants|cases|volunteers))",
        PhiLabel.AGE,
        0.75,
        "age",
    ),
    Pattern(
        "history_sex",
        r"(?<=\b(?:history|hx|indications?(?:\s+for\s+(?:exam|study|examination))?|hpi|"
        r"clinical(?:\s+(?:history|indications?|information|data|details|notes?))?|"
        r"reason(?:\s+for\s+(?:exam|study|examination))?)[ \t]*:[ \t]*\r?\n?[ \t]*)"
        rf"{_NUM}\s?(?:yo\s?)?(?:[MF]|[WBAH]/?[MF])\b",
        PhiLabel.AGE,
        0.8,
        "age",
    ),
    Pattern(
        "sex_suffix",
        rf"(?<![\w.,]){_NUM}\s?(?:yo\s?)?[MF](?=\s*(?:,|with\b|w/|s/p\b|presents|presenting|"
        r"pt\b|patient\b|who\b|here\b|admitted|c/o\b|h/o\b|hx\b))",
        PhiLabel.AGE,
        0.7,
        "age",
        flags=regex.VERSION1,
    ),
    Pattern(
        "words",
        rf"\b{_WORDS}(?:[-\s]{_YEARS}[-\s]old\b|[-\s]?(?:y/o|y\.\s?o\.?|yo)(?!\w))",
        PhiLabel.AGE,
        0.9,
        "age",
    ),
    Pattern(
        "decade",
        r"\b(?:in\s+(?:his|her|their)\s+(?:(?:early|mid|late)[-\s])?)"
        r"(?P<age>(?:9|10|11)0'?s|nineties)(?!\w)",
        PhiLabel.AGE,
        0.8,
        "age",
    ),
)


class AgeDetector(PatternDetector):
    """Ages over 89 written as numbers, number words or decades."""

    labels = (PhiLabel.AGE,)
    patterns = AGE_PATTERNS

    def make_span(self, pattern: Pattern, match: regex.Match[str], text: str) -> PhiSpan | None:
        start, end = match.span("age")
        if start < 0 or start == end:
            return None
        value = text[start:end]
        if value[:2].isdigit():
            age = int(value[:3] if value[:3].isdigit() else value[:2])
            if not 89 < age <= 125:
                return None
            if pattern.name == "sex_suffix" and _TEMP_BEFORE.search(
                text, max(0, start - 12), start
            ):
                return None
        return PhiSpan(
            start, end, PhiLabel.AGE, pattern.score, f"{self.name}.{pattern.name}", value
        )
