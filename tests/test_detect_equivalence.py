"""The detectors' speed-ups never change what is found.

Each speed-up rests on an invariant tested here against the plain way of matching:

* prefilters (``Pattern.requires`` / ``precheck``, the names and places tables): a text in which
  a pattern matches always passes its prefilter, whatever the case or spelling of the word;
* ``anchored`` patterns start only where their precheck matches;
* lower-case twins (``radscrub.detect.scan``): ``iter_matches`` gives exactly ``finditer``'s
  matches, including on texts with characters that case folding relates to ASCII letters;
* the record-value walk (``radscrub.detect.valuematch``) finds what the rendered regex finds;
* the postfix cues of names are found from the cue alone.
"""

from __future__ import annotations

import itertools

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import radscrub.detect.names as names
from radscrub.config import DetectConfig
from radscrub.detect import build_detectors
from radscrub.detect.base import Pattern, PatternDetector, PatternSearch
from radscrub.detect.dates import DateDetector
from radscrub.detect.identifiers import IdentifierDetector
from radscrub.detect.known import _value_pattern, label_for
from radscrub.detect.places import _ADDRESS_CORES, _COMMA_STATE, _REQUIRES, PlaceDetector
from radscrub.detect.scan import (
    _lowercase_twin,
    iter_matches,
    keyword_text,
    lowercase_pattern,
    lowered_text,
    may_match,
    unsafe_for_twins,
)
from radscrub.detect.valuematch import FLAGS, Text

#: Texts with the characters case-insensitive matching treats specially.
FOLDING = [
    *"ßẞﬁﬆÉé’",
    "\u017f",  # long s
    "\u212a",  # Kelvin sign
    "\u0130",  # capital I with dot
    "\u0131",  # dotless i
    "\u03b9",  # Greek iota
    "\u0345",  # combining iota
    "\u00a0",
]


def _table() -> list[tuple[Pattern, regex.Pattern[str]]]:
    detectors = build_detectors(DetectConfig(detectors=("dates", "identifiers", "ages")))
    return [pc for d in detectors if isinstance(d, PatternDetector) for pc in d._compiled]


PATTERNS = _table()
FILTERED = [(p, c) for p, c in PATTERNS if p.requires or p.precheck]

#: Text made of the words the prefilters look for, in any case, with digits and separators.
_KEYWORDS = sorted({w for p, _ in FILTERED for w in p.requires} | {"VA", "plate", "Str."})
_PIECES = [*_KEYWORDS, *FOLDING, "1234567", "12", "2019", "03/14", ":", "#", " ", "-", ".", "\n"]
words = st.lists(
    st.sampled_from(_PIECES).flatmap(
        lambda w: st.sampled_from([w, w.upper(), w.title(), w.swapcase()])
    ),
    max_size=12,
).map(" ".join)


# ---------------------------------------------------------------------------------------------
# Prefilters
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("mRn: 1234567", "IdentifierDetector.mrn"),
        ("MED. REC. NO. 5119935", "IdentifierDetector.mrn"),
        ("acCeSSion # RAD1106294077", "IdentifierDetector.accession"),
        ("SOC. SEC. NO. 123-45-6789", "IdentifierDetector.ssn_labelled"),
        ("\u017f\u017fn: 123-45-6789", "IdentifierDetector.ssn_labelled"),  # long s folds to s
        ("Insurance POLICY A1234567", "IdentifierDetector.health_plan"),
        ("MB\u0131 1EG4TE5MK73", "IdentifierDetector.health_plan"),  # dotless i matches I
        ("PAGER #4321", "IdentifierDetector.pager"),
        ("Contact: MARY@EXAMPLE.ORG", "IdentifierDetector.email"),
        ("see www.Example.COM/x", "IdentifierDetector.url_www"),
        ("tel 617-555-0123 (OFFICE)", "IdentifierDetector.phone_trailed"),
        ("MAC 00:1A:2B:3C:4D:5E", "IdentifierDetector.mac"),
        ("VIN 1HGCM82633A004352", "IdentifierDetector.vin"),
        ("truck vin 1HGCM82633A004352", "IdentifierDetector.vin_bare"),
    ],
)
def test_labelled_identifier_in_any_case_is_found(text: str, source: str) -> None:
    assert source in {s.source for s in IdentifierDetector().find(text)}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("seen on MARCH 14, 2019", "DateDetector.name_day"),
        ("in early sept 2019", "DateDetector.month_year"),
        ("exam DOB: 19500314", "DateDetector.ymd_compact"),
        ("done at 1400 HRS", "DateDetector.military_hours"),
        ("since the 21ST.", "DateDetector.ordinal_day"),
        ("on CHRISTMAS EVE", "DateDetector.holiday"),
    ],
)
def test_date_shapes_in_any_case_are_found(text: str, source: str) -> None:
    detector = DateDetector(DetectConfig(keep_times=False))
    assert source in {s.source for s in detector.find(text)}


def test_text_without_trigger_words_runs_no_filtered_pattern() -> None:
    text = "Lungs are clear. No acute findings. Heart size normal."
    search = PatternSearch(text, 1.0, "test")
    skipped = {p.name for p, _ in FILTERED if not search.allows(p)}
    assert {"mrn", "accession", "ssn_labelled", "email", "holiday"} <= skipped
    for pattern, compiled in FILTERED:
        if pattern.name in skipped:
            assert compiled.search(text) is None


@given(words)
def test_prefilters_never_skip_a_matching_pattern(text: str) -> None:
    search = PatternSearch(text, 5.0, "test")
    for pattern, compiled in FILTERED:
        if compiled.search(text) is not None:
            assert search.allows(pattern), pattern.name


@given(words)
def test_anchored_patterns_start_where_their_precheck_matches(text: str) -> None:
    for pattern, compiled in PATTERNS:
        if pattern.anchored:
            search = PatternSearch(text, 5.0, "test")
            expected = [m.span() for m in compiled.finditer(text)]
            assert [m.span() for m in search.matches(pattern, compiled, "t")] == expected


@given(words)
def test_place_prefilters_never_skip_a_matching_pattern(text: str) -> None:
    folded = keyword_text(text)
    for core in _ADDRESS_CORES:
        if core.requires or core.precheck:
            if regex.search(core.pattern, text, core.flags) is None:
                continue
            assert may_match(core.requires, folded), core.name
            if core.precheck:
                assert regex.search(core.precheck, text, core.flags), core.name
    import radscrub.detect.places as places

    tables = {
        "address_label": places._ADDRESS_LABEL_LINE,
        "city_label": places._CITY_LABEL,
        "residence": places._RESIDENCE,
        "county": places._COUNTY,
        "hospital_label": places._FACILITY_LABEL,
        "site_label": places._SITE_LABEL,
    }
    for what, compiled in tables.items():
        if compiled.search(text):
            assert may_match(_REQUIRES[what], folded), what
    if places._CITY_STATE.search(text):
        assert regex.search(_COMMA_STATE, text, places._CITY_STATE.flags)


@pytest.mark.parametrize(
    "text",
    [
        "Lives at 12 Main St, Springfield, IL 62704",
        "Rue de Virton 38\nKiannonkatu 98",
        "PO BOX 123, Boston VA Medical Center",
        "transferred from St. Mary's Hospital",
    ],
)
def test_place_detector_unchanged_by_its_prefilters(text: str) -> None:
    """The same spans as with every pattern searched (prefilters switched off)."""
    detector = PlaceDetector()
    plain = PlaceDetector()
    plain._iter = lambda pattern, text, what, requires=(), precheck="": iter_matches(  # type: ignore[method-assign]
        pattern, text, 5.0, what
    )
    assert detector.find(text) == plain.find(text)


def test_keyword_text_folds_like_case_insensitive_matching() -> None:
    assert keyword_text("MRN") == "mrn"
    assert "ss" in keyword_text("STRAẞE") and "fi" in keyword_text("ﬁn")
    assert "id" in keyword_text("İD")  # dotted capital I matches i
    assert "mbi" in keyword_text("MB\u0131")  # and I matches the dotless i
    assert may_match((), "anything") and not may_match(("mrn",), "accession")


# ---------------------------------------------------------------------------------------------
# Lower-case twins
# ---------------------------------------------------------------------------------------------


def _twinned() -> list[regex.Pattern[str]]:
    compiled = [c for _, c in PATTERNS] + [regex.compile(p, f) for p, f in names._PATTERNS.values()]
    return [c for c in compiled if c.flags & regex.IGNORECASE]


TWINNED = _twinned()
mixed_text = st.lists(
    st.sampled_from([*_PIECES, *FOLDING, "Dr", "SMITH", "discussed with", "aware", "Jones"]),
    max_size=14,
).map(lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts)))


@given(mixed_text)
def test_iter_matches_equals_finditer(text: str) -> None:
    for compiled in TWINNED:
        expected = [m.span() for m in compiled.finditer(text)]
        assert [m.span() for m in iter_matches(compiled, text, 5.0, "t")] == expected


def test_twins_are_used_and_refused_where_they_should_be() -> None:
    assert lowercase_pattern(r"(?P<N>MRN)\s*[A-Z0-9]\p{L}\S(?i:X)") == (
        r"(?P<N>mrn)\s*[a-z0-9]\p{L}\S(?i:x)"
    )
    assert lowercase_pattern(r"(?-i:VA)x") == "(?:va)x"  # may match more: callers check
    for refused in (r"\p{Lu}", r"\p{IsUpper}", "straße", r"\x41", "[[:upper:]]", r"\k<N>"):
        assert lowercase_pattern(refused) is None
    assert lowercase_pattern(r"(?(N)A|B)") is None
    assert lowercase_pattern(r"\(?(?P<id>\d+)\)?X") == r"\(?(?P<id>\d+)\)?x"  # "\(?" is no "(?("


def test_every_case_insensitive_builtin_pattern_has_a_twin() -> None:
    """A pattern without one is searched several times slower (phone_ten_digits once was)."""
    assert [c.pattern for c in TWINNED if _lowercase_twin(c.pattern, c.flags) is None] == []
    assert lowered_text("Plain ASCII") == "plain ascii"
    assert lowered_text("Müller é") == "müller é"
    assert all(lowered_text(f"x{c}y") is None for c in "ßﬁ\u017f\u212aİ\u0131\u03b9")


def test_unsafe_characters_cover_everything_related_to_ascii_letters() -> None:
    """Every non-ASCII character that case-insensitive ``regex`` matches to an ASCII letter or
    letter string (literal or class, either case) is unsafe for twins."""
    alphabet = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    cased = "".join(c for c in alphabet if c.lower() != c or c.upper() != c or c.casefold() != c)
    related: set[str] = set()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for form in (letter, letter.upper(), f"[{letter}]", f"[{letter.upper()}]"):
            related |= set(regex.findall(form, cased, flags=FLAGS))
    letters = "abcdefghijklmnopqrstuvwxyz"
    for pair in itertools.product(letters, repeat=2):
        related |= {m for m in regex.findall("".join(pair), cased, flags=FLAGS) if len(m) == 1}
    assert related <= unsafe_for_twins()


# ---------------------------------------------------------------------------------------------
# Record values
# ---------------------------------------------------------------------------------------------

values = st.sampled_from(
    [
        ("mrn", "0012345"),
        ("mrn", "1234"),
        ("accession", "RAD1106294077"),
        ("accession", "RadI1234"),  # dotless i matches I case-insensitively
        ("phone", "617-555-1234"),
        ("phone", "+1 (617) 555 1234"),
        ("dob", "1998-07-10"),
        ("dob", "2001-01-01"),
        ("dob", "1919-09-19"),
        ("city", "St Louis"),
        ("email", "a.b@c.com"),
    ]
)
value_text = st.lists(
    st.sampled_from(
        [
            "0", "00", "1", "12", "1234", "0012345", "RAD", "1106294077", "617", "555", "1234",
            "+1", "(", ")", "-", "/", ".", " ", "  ", "\t", ",", "'", "98", "1998", "07", "7",
            "10", "10th", "July", "JUL.", "jul", "of", "Sept", "St", "LOUIS", "a.b@c.com",
            "x", "ß", "ﬁ", "É", "\u0345", "٣", "\u0131", "RAD", "rad", "I1234",
        ]
    ),
    max_size=16,
).map("".join)  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "raw", "text"),
    [
        ("accession", "RadI1234", "acc RAD\u01311234 x"),  # dotless i ~ I
        ("accession", "RADi1234", "acc RAD\u01301234 x"),  # dotted I ~ i
        ("accession", "KS1234", "acc \u212a\u017f1234"),  # Kelvin sign ~ k, long s ~ s
        ("city", "Strasse", "lives in STRAẞE"),  # sharp s ~ ss
        ("email", "fin@x.org", "mail \ufb01n@x.org"),  # ligature ~ fi
        ("dob", "1998-07-10", "born 10th July 1998, 07/10/98"),
        ("mrn", "0012345", "MRN 0-0-1-2-3-4-5, 12345"),
    ],
)
def test_value_walk_on_folding_characters(kind: str, raw: str, text: str) -> None:
    pattern = _value_pattern(label_for(kind), raw, kind)
    assert pattern is not None
    expected = [m.span() for m in regex.compile(pattern.regex, FLAGS).finditer(text)]
    assert expected  # each case is a match the walk must not miss
    assert list(pattern.finditer(Text(text), 5.0, "t")) == expected


@given(values, value_text)
def test_value_walk_finds_what_the_regex_finds(value: tuple[str, str], text: str) -> None:
    kind, raw = value
    pattern = _value_pattern(label_for(kind), raw, kind)
    assert pattern is not None
    expected = [m.span() for m in regex.compile(pattern.regex, FLAGS).finditer(text)]
    assert list(pattern.finditer(Text(text), 5.0, "t")) == expected


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

postfix_text = st.lists(
    st.sampled_from(
        [" ", "\t", ",", " , ", ",,", "x", "Smith", "\n", ".", "AWARE", *names.POSTFIX_CUES]
    ),
    max_size=10,
).map("".join)


@given(postfix_text)
def test_postfix_cues_start_where_the_full_pattern_starts(text: str) -> None:
    full = regex.compile(names._POSTFIX_RE, regex.IGNORECASE | regex.VERSION1)
    run = names._Run(names.NameDetector(), text)
    assert list(run.postfix_starts()) == [m.start() for m in full.finditer(text)]


def test_postfix_cues_start_with_a_letter() -> None:
    """postfix_starts relies on it: the spaces and comma before a cue are not part of it."""
    assert all(cue[0].isalpha() for cue in names.POSTFIX_CUES)


def test_address_pattern_is_linear_in_word_length() -> None:
    """Once quadratic: a 3000-letter word timed out the whole record."""
    assert names.NameDetector(DetectConfig(pattern_timeout=0.5)).find("A" * 3000) == []
