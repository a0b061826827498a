"""KnownDetector: the record's own identifiers, and a staff roster, found in its text.

``RecordContext.known`` maps a kind to the record's structured values (the export's own
columns), e.g. ``{"name": ("SMITH, JOHN A",), "mrn": ("00123456",), "dob": ("1950-03-14",)}``.
Kinds map to labels by :func:`label_for` (``name``, ``*_name``, ``*provider``, ``*physician``
... -> NAME; ``mrn`` -> MRN; ``dob``/``*date`` -> DATE; ``phone`` -> PHONE ...).

Names match exactly or with one typo (parts of 5+ letters), in any order ("SMITH, JOHN" /
"John Smith"), by parts ("Smith", "Smith's"), and by initials ("J. Smith", "J.S.", "JAS", "JS/mk").
A part that is an English word or shorter than 3 letters ("Will", "Li") counts only next to
another part of the same name or after a title ("Mr. Brown"). Numbers match with or without
leading zeros and separators; dates match in any common format and carry their parsed value.
``DetectConfig.staff_roster`` (one name per line) adds names matched in every record.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, TypeVar

import regex

from radscrub.config import DetectConfig
from radscrub.detect.allow import CONTEXT_MARK, AllowList
from radscrub.detect.base import (
    EMPTY_CONTEXT,
    Detector,
    RecordContext,
)
from radscrub.detect.dates import parse_date
from radscrub.detect.lexicons import NameLexicon, fold, name_lexicon
from radscrub.detect.names import (
    CREDENTIALS,
    CUE_WORDS,
    EPONYM_HEADS,
    NEVER_NAMES,
    PARTICLES,
    PERSON_TITLES,
    STRONG_TITLES,
    SUFFIXES,
    WORD_PATTERN,
    word_spans,
)
from radscrub.detect.valuematch import (
    LETTER_OR_DIGIT,
    Chars,
    Group,
    Item,
    Lit,
    NotAt,
    Text,
    ValuePattern,
)
from radscrub.errors import ConfigError
from radscrub.spans import DateValue, PhiLabel, PhiSpan

# --- kinds -> labels ---------------------------------------------------------------------------

#: Exact kind names and their labels (kinds are lower-cased by the pipeline).
KIND_LABELS: dict[str, PhiLabel] = {
    "name": PhiLabel.NAME,
    "patient": PhiLabel.NAME,
    "surname": PhiLabel.NAME,
    "alias": PhiLabel.NAME,
    "mrn": PhiLabel.MRN,
    "medical_record_number": PhiLabel.MRN,
    "accession": PhiLabel.ACCESSION,
    "accession_number": PhiLabel.ACCESSION,
    "acc": PhiLabel.ACCESSION,
    "date": PhiLabel.DATE,
    "dob": PhiLabel.DATE,
    "birth_date": PhiLabel.DATE,
    "birthdate": PhiLabel.DATE,
    "date_of_birth": PhiLabel.DATE,
    "phone": PhiLabel.PHONE,
    "telephone": PhiLabel.PHONE,
    "mobile": PhiLabel.PHONE,
    "cell": PhiLabel.PHONE,
    "pager": PhiLabel.PHONE,
    "fax": PhiLabel.FAX,
    "email": PhiLabel.EMAIL,
    "url": PhiLabel.URL,
    "ip": PhiLabel.IP,
    "ssn": PhiLabel.SSN,
    "account": PhiLabel.ACCOUNT,
    "account_number": PhiLabel.ACCOUNT,
    "health_plan": PhiLabel.HEALTH_PLAN,
    "insurance_id": PhiLabel.HEALTH_PLAN,
    "member_id": PhiLabel.HEALTH_PLAN,
    "license": PhiLabel.LICENSE,
    "device_id": PhiLabel.DEVICE_ID,
    "serial_number": PhiLabel.DEVICE_ID,
    "vehicle_id": PhiLabel.VEHICLE_ID,
    "address": PhiLabel.ADDRESS,
    "street": PhiLabel.ADDRESS,
    "city": PhiLabel.LOCATION,
    "town": PhiLabel.LOCATION,
    "county": PhiLabel.LOCATION,
    "location": PhiLabel.LOCATION,
    "zip": PhiLabel.ZIP,
    "zip_code": PhiLabel.ZIP,
    "postal_code": PhiLabel.ZIP,
    "hospital": PhiLabel.HOSPITAL,
    "facility": PhiLabel.HOSPITAL,
    "institution": PhiLabel.HOSPITAL,
    "organization": PhiLabel.ORGANIZATION,
    "employer": PhiLabel.ORGANIZATION,
    "id": PhiLabel.ID,
}
#: Words in a kind that make it a person's name ("ordering_provider", "referring_physician").
NAME_KIND_WORDS = (
    "name", "provider", "physician", "clinician", "doctor", "radiologist", "surgeon", "nurse",
    "technologist", "attending", "resident", "referrer", "author", "signer", "staff",
    "relative", "contact", "proxy", "guardian",
)  # fmt: skip
_DATE_KIND_WORDS = ("date", "dob", "birth")
_SEP = Chars(r"[\s\-./]", 0, 1)
_NUMERIC_LABELS = frozenset(
    {
        PhiLabel.MRN, PhiLabel.ACCESSION, PhiLabel.SSN, PhiLabel.ACCOUNT, PhiLabel.HEALTH_PLAN,
        PhiLabel.LICENSE, PhiLabel.DEVICE_ID, PhiLabel.VEHICLE_ID, PhiLabel.ID, PhiLabel.ZIP,
        PhiLabel.IP,
    }
)  # fmt: skip
COMMON_TOP = 30000
"""A known name part among this many most frequent English words ("Will") needs a neighbour."""
INITIALS_COMMON_TOP = 10000
"""Initials that spell one of this many most frequent words ("AS", "IT") are never matched."""
MIN_ID_CHARS = 4
"""Identifier values with fewer significant characters are too ambiguous to search for."""


def label_for(kind: str) -> PhiLabel:
    """The label of a ``known`` kind; kinds not recognised are generic identifiers (ID)."""
    kind = kind.strip().lower().replace("-", "_").replace(" ", "_")
    if kind in KIND_LABELS:
        return KIND_LABELS[kind]
    if any(word in kind for word in NAME_KIND_WORDS):
        return PhiLabel.NAME
    if any(word in kind for word in _DATE_KIND_WORDS):
        return PhiLabel.DATE
    if "phone" in kind:
        return PhiLabel.PHONE
    if "fax" in kind:
        return PhiLabel.FAX
    if "mrn" in kind or "record" in kind:
        return PhiLabel.MRN
    if "accession" in kind:
        return PhiLabel.ACCESSION
    if "email" in kind:
        return PhiLabel.EMAIL
    if "address" in kind:
        return PhiLabel.ADDRESS
    return PhiLabel.ID


# --- names -------------------------------------------------------------------------------------

_TITLE_WORDS = frozenset(STRONG_TITLES) | frozenset(PERSON_TITLES)
_DROP_WORDS = _TITLE_WORDS | frozenset(c.replace(".", "") for c in CREDENTIALS) | SUFFIXES
_WORD = regex.compile(WORD_PATTERN, regex.VERSION1)
T = TypeVar("T")
_DOTTED_CREDENTIAL = regex.compile(
    r"(?<![\p{L}])(?:"
    + "|".join(regex.escape(c) for c in sorted(CREDENTIALS, key=len, reverse=True) if "." in c)
    + r")(?![\p{L}])",
    regex.IGNORECASE | regex.VERSION1,
)
_WORD_GAP = regex.compile(r"[^\p{L}\p{N}'’]+", regex.VERSION1)
_TITLE_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:mr|mrs|ms|miss|mx|dr|prof|patient|pt)\.?[ \t]*$", regex.IGNORECASE
)


@dataclass(frozen=True)
class PersonName:
    """A structured name split into folded keys: given names (first, middles) and surname words."""

    given: tuple[str, ...]
    surname: tuple[str, ...]

    @property
    def initials(self) -> tuple[str, ...]:
        """Initials strings that stand for this name: "js" and, with middles, "jas"."""
        if not self.given or not self.surname:
            return ()
        last = self.surname[-1][0]
        forms = {self.given[0][0] + last, "".join(g[0] for g in self.given) + last}
        return tuple(sorted(forms))


def parse_name(value: str) -> PersonName | None:
    """Split "SMITH, JOHN A", "John A. Smith MD", "SMITH^JOHN^A", "van der Berg, Jan" into parts."""
    value = value.strip()
    if "^" in value:  # DICOM PN: family^given^middle^prefix^suffix
        fields = value.split("^")
        value = f"{fields[0]}, {' '.join(fields[1:3])}"
    surname_text, _, given_text = value.partition(",")
    if "," in value and _words(given_text):  # "Doe, Jane" (not "Jane Doe, MD")
        surname, given = _words(surname_text), _words(given_text)
    else:
        value = surname_text
        chunks = [c for c in value.replace(".", ". ").split() if _words(c)]
        if not chunks:
            return None
        cut = len(chunks) - 1
        while cut > 1 and _words(chunks[cut - 1])[0] in PARTICLES:
            cut -= 1
        given = _words(" ".join(chunks[:cut]))
        surname = _words(" ".join(chunks[cut:]))
    if not surname and not given:
        return None
    return PersonName(tuple(given), tuple(surname))


def _words(text: str) -> list[str]:
    """Folded words of a name, without titles, credentials ("M.D.") and suffixes."""
    text = _DOTTED_CREDENTIAL.sub(" ", text).replace(".", ". ")
    words = [fold(m.group()) for m in _WORD.finditer(text)]
    return [w for w in words if w not in _DROP_WORDS]


@dataclass(slots=True)  # not frozen: built for every word, and frozen ones build slowly
class _Word:
    start: int
    end: int  # possessive 's excluded
    full_end: int
    key: str
    raw: str


@dataclass
class _NameIndex:
    """Name parts by key, with a deletion index for one-typo matches."""

    lexicon: NameLexicon
    names: list[PersonName] = field(default_factory=list)
    exact: dict[str, set[tuple[int, str]]] = field(default_factory=dict)
    deletes: dict[str, set[str]] = field(default_factory=dict)
    letters: dict[str, set[int]] = field(default_factory=dict)
    initials: dict[str, set[int]] = field(default_factory=dict)

    def add(self, name: PersonName) -> None:
        """Index one more name (copy-on-write: sets shared with a :meth:`copy` are not changed)."""
        nid = len(self.names)
        self.names.append(name)
        roles = [(g, "given") for g in name.given] + [(s, "surname") for s in name.surname]
        for key, role in roles:
            _put(self.exact, key, (nid, role))
            if (
                len(key) >= 5
                and not self.lexicon.is_common(key, COMMON_TOP)
                and key not in PARTICLES
            ):
                for d in _deletes(key):
                    _put(self.deletes, d, key)
        for key in name.given:
            _put(self.letters, key[0], nid)
        for form in name.initials:
            _put(self.initials, form, nid)

    def copy(self) -> _NameIndex:
        """A new index holding the same names, to extend with one record's names."""
        return _NameIndex(
            self.lexicon,
            list(self.names),
            dict(self.exact),
            dict(self.deletes),
            dict(self.letters),
            dict(self.initials),
        )

    def roles(self, key: str) -> tuple[dict[int, set[str]], bool]:
        """Name id -> roles ``key`` plays in it, and whether the match needed a typo."""
        hits = self.exact.get(key)
        typo = False
        if not hits and len(key) >= 4:
            hits = set()
            for d in (key, *_deletes(key)):
                for part in self.deletes.get(d, ()):
                    if part[0] == key[0] and _within_one(key, part):
                        hits |= self.exact[part]
            typo = bool(hits)
        roles: dict[int, set[str]] = {}
        for nid, role in hits or ():
            roles.setdefault(nid, set()).add(role)
        if len(key) == 1:
            for nid in self.letters.get(key, ()):
                roles.setdefault(nid, set()).add("initial")
        return roles, typo


def _put(table: dict[str, set[T]], key: str, item: T) -> None:
    table[key] = table.get(key, set()) | {item}


@functools.lru_cache(maxsize=16384)  # ~1 KB each: a bound of ~20 MB however long the stream
def _deletes(word: str) -> frozenset[str]:
    return frozenset(word[:i] + word[i + 1 :] for i in range(len(word)))


def _within_one(a: str, b: str) -> bool:
    """Edit distance at most 1 (insertion, deletion, substitution or adjacent transposition)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        if len(diff) != 2:
            return False
        i, j = diff
        return j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# --- the detector -------------------------------------------------------------------------------


class KnownDetector(Detector):
    """Finds the record's known identifiers and roster names; labels by kind (see label_for)."""

    labels: ClassVar[tuple[PhiLabel, ...]] = tuple(PhiLabel)

    def __init__(self, config: DetectConfig | None = None, *, name: str | None = None) -> None:
        super().__init__(config, name=name)
        self.lexicon = name_lexicon()
        self.allow = AllowList.from_config(self.config)
        self.roster = _NameIndex(self.lexicon)
        for person in _roster(self.config.staff_roster):
            self.roster.add(person)

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        if not text.strip():
            return []
        spans: list[PhiSpan] = []
        names: list[PersonName] = []
        prepared: Text | None = None
        for kind, values in context.known.items():
            label = label_for(kind)
            for value in values:
                if label is PhiLabel.NAME:
                    parsed = parse_name(value)
                    if parsed is not None:
                        names.append(parsed)
                else:
                    prepared = prepared or Text(text)
                    spans.extend(self._value_spans(kind, label, value, prepared))
        if names or self.roster.names:
            spans.extend(self._name_spans(text, names))
        return spans

    # --- names ---------------------------------------------------------------------------------

    def _name_spans(self, text: str, names: list[PersonName]) -> Iterator[PhiSpan]:
        index = self.roster.copy() if names else self.roster
        for person in names:
            index.add(person)
        words = list(self._words(text))
        blocked = self._blocked(text, words)
        memo: dict[str, tuple[dict[int, set[str]], bool]] = {}  # words repeat in a text
        found = [memo.get(w.key) or memo.setdefault(w.key, index.roles(w.key)) for w in words]
        cands = [roles for roles, _ in found]
        typos = [typo for _, typo in found]
        runs: set[tuple[int, int]] = set()
        for i, w in enumerate(words):
            for nid, roles in cands[i].items():
                paired = (
                    i + 1 < len(words)
                    and nid in cands[i + 1]
                    and bool((roles | cands[i + 1][nid]) - {"initial"})
                    and self._ordered(words, cands, nid, i, text)
                    and not {i, i + 1} & blocked
                )
                if paired or self._alone_ok(w, roles, typos[i], i in blocked, text):
                    run = self._extend(words, cands, nid, i, text)
                    runs.add((min(run), max(run)))
        for first, last in sorted(runs):
            yield self._name_span(text, words, list(range(first, last + 1)), typos)
        yield from self._initials(text, words, index)

    def _words(self, text: str) -> Iterator[_Word]:
        timeout = self.config.pattern_timeout
        for start, full_end in word_spans(text, timeout, f"{self.name}.words"):
            raw = text[start:full_end]
            end = full_end - 2 if len(raw) > 3 and raw[-2] in "'’" and raw[-1] in "sS" else full_end
            yield _Word(start, end, full_end, fold(text[start:end]), raw)

    def _blocked(self, text: str, words: list[_Word]) -> set[int]:
        """Words in eponyms: "Parkinson disease", "Brown fat" (for a patient Parkinson, Brown)."""
        ranges = [(s, e) for s, e in self.allow.find(text) if _WORD_GAP.search(text, s, e)]
        starts = [s for s, _ in ranges]  # sorted, and the ranges do not overlap
        blocked = set()
        for i, w in enumerate(words):
            k = bisect.bisect_right(starts, w.start) - 1  # the one range that could hold w
            if (k >= 0 and w.end <= ranges[k][1]) or (
                i + 1 < len(words)
                and words[i + 1].key in EPONYM_HEADS
                and not text[w.full_end : words[i + 1].start].strip(" \t-")
            ):
                blocked.add(i)
        return blocked

    def _alone_ok(self, w: _Word, roles: set[str], typo: bool, blocked: bool, text: str) -> bool:
        """Can this word be a name on its own (without another part next to it)?"""
        key = w.key
        if not roles & {"given", "surname"}:
            return False
        weak = (
            len(key) < 3
            or key in NEVER_NAMES
            or key in CUE_WORDS
            or key in PARTICLES
            or self.lexicon.is_common(key, COMMON_TOP)
            or blocked
        )
        if typo and (weak or not (w.raw[0].isupper())):
            return False
        return not weak or bool(_TITLE_BEFORE.search(text, max(0, w.start - 10), w.start))

    def _extend(
        self, words: list[_Word], cands: list[dict[int, set[str]]], nid: int, i: int, text: str
    ) -> set[int]:
        """The word ``i`` plus neighbouring words that are parts of the same name, in order."""
        run = {i}
        j = i
        while (
            j + 1 < len(words) and nid in cands[j + 1] and self._ordered(words, cands, nid, j, text)
        ):
            j += 1
            run.add(j)
        j = i
        while j > 0 and nid in cands[j - 1] and self._ordered(words, cands, nid, j - 1, text):
            j -= 1
            run.add(j)
        return run

    def _ordered(
        self, words: list[_Word], cands: list[dict[int, set[str]]], nid: int, j: int, text: str
    ) -> bool:
        """Do words ``j``, ``j + 1`` read as one name ("John Smith", "Smith, John", "J. Smith")?"""
        gap = text[words[j].full_end : words[j + 1].start]
        a, b = cands[j][nid], cands[j + 1][nid]
        after_first = bool(a & {"given", "initial"}) and bool(b & {"given", "surname", "initial"})
        if gap in (" ", "-"):
            return after_first or ("surname" in a and "surname" in b)
        if gap in (".", ". ") and len(words[j].key) == 1:
            return after_first
        if gap.strip(" \t") == "," and len(gap) <= 3:
            return "surname" in a and bool(b & {"given", "initial"})
        return False

    def _name_span(
        self, text: str, words: list[_Word], run: list[int], fuzzy: list[bool]
    ) -> PhiSpan:
        start, end = words[run[0]].start, words[run[-1]].end
        score = 0.85 if any(fuzzy[i] for i in run) else 0.95
        source = f"{self.name}.name{CONTEXT_MARK}"
        return PhiSpan(start, end, PhiLabel.NAME, score, source, text[start:end])

    def _initials(self, text: str, words: list[_Word], index: _NameIndex) -> Iterator[PhiSpan]:
        """ "J.S." / "J. S." (dotted), "JAS" (3+ capitals) or "JS/mk" (2 capitals at a slash)."""
        if not index.initials:
            return
        i = 0
        while i < len(words):
            w = words[i]
            j = i
            letters = [w.key] if len(w.key) == 1 else []
            while letters and j + 1 < len(words) and len(words[j + 1].key) == 1:
                if text[words[j].full_end : words[j + 1].start] not in (".", ". "):
                    break
                j += 1
                letters.append(words[j].key)
            if len(letters) >= 2 and text[words[j].full_end : words[j].full_end + 1] == ".":
                if "".join(letters) in index.initials:
                    end = words[j].full_end + 1
                    yield self._initials_span(text, w.start, end)
                i = j + 1
                continue
            raw = w.raw
            if raw.isupper() and w.key in index.initials and self._initials_alone(text, w):
                yield self._initials_span(text, w.start, w.full_end)
            i += 1

    def _initials_alone(self, text: str, w: _Word) -> bool:
        common = self.lexicon.is_common(w.key, INITIALS_COMMON_TOP)
        if w.raw in self.allow or w.key in NEVER_NAMES or common:
            return False
        if len(w.key) >= 3:
            return True
        return (
            text[w.full_end : w.full_end + 1] == "/" or text[max(0, w.start - 1) : w.start] == "/"
        )

    def _initials_span(self, text: str, start: int, end: int) -> PhiSpan:
        source = f"{self.name}.initials{CONTEXT_MARK}"
        return PhiSpan(start, end, PhiLabel.NAME, 0.7, source, text[start:end])

    # --- other identifiers ---------------------------------------------------------------------

    def _value_spans(
        self, kind: str, label: PhiLabel, value: str, prepared: Text
    ) -> Iterator[PhiSpan]:
        pattern = _value_pattern(label, value, kind)
        if pattern is None:
            return
        text = prepared.text
        where = f"{self.name}.{kind}"
        for start, end in pattern.finditer(prepared, self.config.pattern_timeout, where):
            if start == end:
                continue
            found = text[start:end]
            parsed: DateValue | None = parse_date(found) if label is PhiLabel.DATE else None
            source = f"{self.name}.{label.value.lower()}{CONTEXT_MARK}"
            yield PhiSpan(start, end, label, 0.95, source, found, parsed)


@functools.lru_cache(maxsize=4096)
def _value_pattern(label: PhiLabel, value: str, kind: str) -> ValuePattern | None:
    """A pattern finding ``value`` as written in running text, or None if it is too short."""
    value = value.strip()
    precheck = ""
    if label is PhiLabel.DATE:
        items = _date_pattern(value)
        if items:
            precheck = _DATE_SHAPE
        else:
            items = _text_pattern(value)
    elif label in (PhiLabel.PHONE, PhiLabel.FAX):
        items = _phone_pattern(value)
    elif label in _NUMERIC_LABELS:
        items = _id_pattern(value)
    elif label in (PhiLabel.EMAIL, PhiLabel.URL):
        items = _text_pattern(value)
    elif any(c.isdigit() for c in value) and len([c for c in value if c.isalnum()]) >= MIN_ID_CHARS:
        items = _id_pattern(value) if " " not in value.strip() else _text_pattern(value)
    else:
        items = _text_pattern(value) if label is not PhiLabel.ID else None
    return ValuePattern(items, precheck) if items else None


_BEFORE = NotAt(LETTER_OR_DIGIT, behind=True)
_AFTER = NotAt(LETTER_OR_DIGIT, behind=False)


def _id_pattern(value: str) -> tuple[Item, ...] | None:
    """Digits/letters of an identifier, each optionally separated, leading zeros optional."""
    chars = [c for c in value if c.isalnum()]
    lead: tuple[Item, ...] = ()
    if chars and all(c.isdigit() for c in chars):
        while len(chars) > 1 and chars[0] == "0":
            chars.pop(0)
        lead = (Group(((Lit("0"), _SEP),), lo=0, hi=None),)  # (?:0[\s\-./]?)*
    if len(chars) < MIN_ID_CHARS:
        return None
    return (_BEFORE, *lead, *_joined([Lit(c) for c in chars], _SEP), _AFTER)


def _phone_pattern(value: str) -> tuple[Item, ...] | None:
    digits = [c for c in value if c.isdigit()]
    if len(digits) < 7:
        return None
    country: tuple[Item, ...] = ()
    if len(digits) > 10:
        digits = digits[-10:]
    if len(digits) == 10:  # (?:\+?1[\s\-.]*)?
        country = (Group(((Chars(r"\+", 0, 1), Lit("1"), Chars(r"[\s\-.]", 0, None)),), 0, 1),)
    body = _joined([Lit(d) for d in digits], Chars(r"[\s\-.()]", 0, 2))
    return (
        NotAt(r"[\p{N}+]", behind=True),
        *country,
        Chars(r"\(", 0, 1),
        *body,
        NotAt(r"[\p{N}]", behind=False),
    )


def _text_pattern(value: str) -> tuple[Item, ...] | None:
    """The value's words in order, any spacing/punctuation between them, case-insensitive."""
    parts = [p for p in regex.split(r"[\s,;]+", value) if p]
    if sum(len(p) for p in parts) < 3:
        return None
    return (_BEFORE, *_joined([Lit(p) for p in parts], Chars(r"[\s,;]", 1, None)), _AFTER)


def _joined(items: list[Item], sep: Item) -> list[Item]:
    """``items`` with ``sep`` between each two."""
    out: list[Item] = []
    for i, item in enumerate(items):
        if i:
            out.append(sep)
        out.append(item)
    return out


_MONTHS = (
    "january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun", "july|jul",
    "august|aug", "september|sept|sep", "october|oct", "november|nov", "december|dec",
)  # fmt: skip


#: Where any full date of :func:`_date_pattern` can start (a value-independent precheck, so its
#: walk runs only at date-shaped places): digits, a separator, digits, a separator and a year
#: (or a day); eight digits; a day and a month name; a month name.
_MONTH_START = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_DATE_SHAPE = (
    r"\d{1,4}[\s/\-.]{1,2}\d{1,3}[\s/\-.]{1,2}'?\d|\d{8}"
    rf"|\d{{1,3}}(?:st|nd|rd|th)?(?:[\s\-]+of)?[\s\-]*{_MONTH_START}|{_MONTH_START}"
)


def _either(*options: str) -> Group:
    return Group(tuple((Lit(o),) for o in options))


def _date_pattern(value: str) -> tuple[Item, ...] | None:
    """Every common rendering of a full date (numeric in three orders, month names, compact)."""
    parsed = parse_date(value)
    if parsed is None or None in (parsed.year, parsed.month, parsed.day):
        return None
    y, m, d = parsed.year, parsed.month, parsed.day
    assert y is not None and m is not None and d is not None  # for mypy
    zero = Chars("0", 0, 1)
    year = Group(((Lit(f"{y:04d}"),), (Chars("'", 0, 1), Lit(f"{y % 100:02d}"))))
    mon = (_either(*_MONTHS[m - 1].split("|")), Chars(r"\.", 0, 1))  # (?:march|mar)\.?
    mm = (zero, Lit(str(m)))  # 0?3
    dd = (zero, Lit(str(d)), Group(((Lit("st"),), (Lit("nd"),), (Lit("rd"),), (Lit("th"),)), 0, 1))
    day = (zero, Lit(str(d)))
    sep = Chars(r"[\s/\-.]", 1, 2)
    spaces = Chars(r"[\s\-]", 0, None)
    commas = Chars(r"[\s,\-]", 0, None)
    of = Group(((Chars(r"[\s\-]", 1, None), Lit("of")),), 0, 1)  # (?:[\s\-]+of)?
    forms: tuple[tuple[Item, ...], ...] = (
        (*mm, sep, *day, sep, year),
        (*day, sep, *mm, sep, year),
        (Lit(f"{y:04d}"), sep, *mm, sep, *day),
        (Lit(f"{y:04d}{m:02d}{d:02d}"),),
        (Lit(f"{m:02d}{d:02d}{y:04d}"),),
        (*dd, of, spaces, *mon, commas, year),
        (*mon, spaces, *dd, commas, year),
    )
    return (_BEFORE, Group(forms), _AFTER)


# --- staff roster ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _roster(path: str | None) -> tuple[PersonName, ...]:
    """Names of the roster file (one per line, '#' comments), parsed once per process."""
    if not path:
        return ()
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(
            f"detect.staff_roster: {path} not found; give a UTF-8 file with one name per line"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"detect.staff_roster: cannot read {path}: {exc}") from None
    return tuple(_parse_lines(lines))


def _parse_lines(lines: Iterable[str]) -> Iterator[PersonName]:
    for line in lines:
        value = line.split("#", 1)[0].strip()
        parsed = parse_name(value) if value else None
        if parsed is not None:
            yield parsed
