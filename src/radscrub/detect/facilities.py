"""Facility and place names in narrative, found from context (used by ``PlaceDetector``).

Free text such as nursing notes names hospitals, wards and towns without a label and often
without capitals: ``transferred to GH``, ``taken to kernan hosp``, ``TRANSFER TO QUARTERMAIN 2``,
``accepted by St. Agnes``, ``lives in catonsville``, ``works at Blue Ridge Roofing``.

* HOSPITAL: after a transfer or admission phrase (``transferred to/from``, ``admitted from``,
  ``taken to``, ``came into``, ``bed @``, ``followed at``, ``d/c'd to`` ...) a proper-noun-like
  name or a 2-5 letter abbreviation that is not a unit, service or clinical word (``ICU``,
  ``the floor``, ``CT``, ``rehab``: ``data/places/not_facilities.txt``); facility words
  (``Hospital``, ``Hosp``, ``Med Ctr``, ``Memorial``, ``Rehab``, ``Adventist`` ...) extend the
  name. After cues that usually name people (``seen by``, ``sent to``, ``referred to``) only an
  abbreviation or a name with a facility word counts; after a bare ``from``/``at``/``to`` only a
  name followed by a facility word or an emergency-room word (``from kernan ew``). Saint and
  religious names (``St. Agnes``, ``ST. MARY``, ``Holy Cross``, ``Sacred Heart``, ``Good
  Samaritan``) start a name anywhere, not before ECG words (``ST elevation``, ``ST segment``).
  After ``go to`` only capitalised names; a ward name before its number counts after any cue
  (``sent to Brackenridge 2``) or before a staff word (``per Brackenridge 3 RN``).
* LOCATION: a gazetteer town after a residence phrase in any case (``lives with son in
  ROCKVILLE``), after ``from``/``in``/``to`` when the text gives no capitalisation cue, after
  a relative's ``of`` (``nephew ... of Towson``), or before its state (``towson maryland``).
* ORGANIZATION: an employer after ``works at``, ``employed by``, ``CEO of`` ...

Names found after a cue are returned as heads, so the detector flags their other mentions
(``Per Quartermain 3 RN``).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources

import regex

from radscrub.detect.alternation import phrase_alternation
from radscrub.detect.lexicons import name_lexicon
from radscrub.detect.names import DEVICE_WORDS, EPONYM_HEADS
from radscrub.spans import PhiLabel


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _words_tuple(words: str) -> tuple[str, ...]:
    return tuple(words.split())


def _items(text: str, sep: str) -> list[str]:
    return text.split(sep)


_L = PhiLabel
_I = regex.IGNORECASE | regex.VERSION1
_CS = regex.VERSION1

IterFn = Callable[[regex.Pattern[str], str, str, tuple[str, ...]], Iterator[regex.Match[str]]]
"""``PlaceDetector._iter``-like: (pattern, text, what, requires) -> matches (with timeout)."""


@dataclass(frozen=True, slots=True)
class Found:
    """One narrative finding: offsets, label, score, the rule's name and the name's head word."""

    start: int
    end: int
    label: PhiLabel
    score: float
    what: str
    head: str = ""


# ---------------------------------------------------------------- cues
#: Phrases after which a place name follows: (kind, pattern). Kinds: ``place`` (a bare name
#: counts), ``person`` (usually a person follows: only abbreviations and facility names count),
#: ``prep`` (a bare preposition: only names followed by a facility or emergency-room word).
_PLACE_CUE = (
    r"\b(?<!/)(?:(?:trans(?:f(?:e|er)r?(?:ed|ing)?)?|tx'?d|tx|xferr?(?:ed)?|"
    r"medflight(?:ed)?|flown|airlifted|transported)"
    r"(?:[ \t]+(?:back|over|earlier|later|today|yesterday|emergently|urgently|directly|"
    r"via|by|ambulance|amb|helicopter|medflight|flight|ems)){0,3}[ \t]+(?:to|from)|"
    r"(?:admit(?:ted)?|adm|re-?admit(?:ted)?)[ \t]+(?:to|from|at|into)|"
    r"(?:brought|taken|went|came|come)[ \t]+(?:back[ \t]+)?(?:to|into|in[ \t]+to)|"
    r"came[ \t]+from|arriv(?:ed|ing|al)[ \t]+(?:to|at|from)|"
    r"present(?:ed|s|ing)[ \t]+(?:to|at)|return(?:ed|ing|s)?[ \t]+(?:to|from)|"
    r"(?:discharged|d/?c'?d)[ \t]+(?:back[ \t]+)?to|beds?[ \t]+(?:at|@)|bed[ \t]*@|"
    r"followed[ \t]+at|accepted[ \t]+(?:at|to)|en[ \t]*route[ \t]+to)(?![\w])"
)
_PLACE_CUE_REQUIRES = _words_tuple(
    """tr tx xfer flight flown airlift adm brought taken went came come arriv present return
    discharge d/c dc'd dcd bed followed accepted route"""
)
_PERSON_CUE = (
    r"\b(?<!/)(?:seen|screened|evaluated|w/?u'?d?|worked[ \t]+up|followed|accepted|"
    r"referred|sent|consulted|managed)[ \t]+(?:by|to|at)(?![\w])"
)
_PERSON_CUE_REQUIRES = _words_tuple(
    "seen screened evaluated w worked followed accepted referred sent consult managed"
)
#: Phrases after which a place name follows: (kind, pattern, prefilter). Kinds: ``place`` (a
#: bare name counts), ``person`` (usually a person follows: only abbreviations and facility
#: names count), ``prep`` (a bare preposition: only names before a facility or emergency-room
#: word).
_CUES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("place", _PLACE_CUE, _PLACE_CUE_REQUIRES),
    ("person", _PERSON_CUE, _PERSON_CUE_REQUIRES),
    ("go", r"\b(?<!/)(?:go|goes|going)[ \t]+(?:back[ \t]+)?to(?![\w])", ("go",)),
    ("prep", r"\b(?<!/)(?:from|at|to|into)\b|@|->", ()),
)
#: A ward or building number after a name (``Brackenridge 4``), not a dose (``Lasix 40 mg``).
_WARD_NUMBER = regex.compile(
    r"[ \t]+\d{1,2}(?![\d.,:]|[ \t]*(?:mg|mcg|g|gm|gram|grams|units?|u|%|cc|ml|l|kg|meq|mmol|"
    r"mm|cm|x|times|hours?|hrs?|days?|weeks?|min|mins|minutes?|yo|y/o|years?|am|pm)(?![\w]))",
    _I,
)
#: A ward name before its number and a staff word: ``per Brackenridge 3 RN``.
_WARD_STAFF = regex.compile(
    r"\b(?P<name>\p{L}[\p{L}'’-]{3,})[ \t]+\d{1,2}[ \t]+(?i:rn|nurse|nurses|team|staff|charge)\b",
    _CS,
)
_CAMPUS = regex.compile(
    r"\b(?:North|South|East|West)[ \t]+Campus\b|\b(?:NORTH|SOUTH|EAST|WEST)[ \t]+CAMPUS\b", _CS
)
_NOT_A_NAME = _wordset(
    """outside referring referral other another local area nearby same prior previous any
    each my your our his her their this that the a an community's"""
)
_EMPLOYER_CUE = regex.compile(
    r"\b(?:(?:works|worked|working|employed|employee|retired|retiree)[ \t]+"
    r"(?:at|for|by|from|with)|(?:ceo|cfo|president|owner|founder|vp)[ \t]+(?:of|at))(?![\w])",
    _I,
)
_EMPLOYER_REQUIRES = (
    "work", "employ", "retire", "ceo", "cfo", "president", "owner", "founder", "vp",
)  # fmt: skip
_RESIDENCE_CUE = regex.compile(
    r"\b(?:lives|living|lived|live|resides|residing|resided|moved|relocated|born|raised|"
    r"grew[ \t]+up|hails|vacation(?:ing)?|visiting|visited|resident)"
    r"(?:[ \t]+[^\s.,;:!?]+){0,5}?[ \t]+(?:in|to|from|near|of|outside)[ \t]+"
    r"(?:(?:rural|urban|suburban|downtown|central|northern|southern|eastern|western|upstate|"
    r"greater|the[ \t]+town[ \t]+of|the[ \t]+city[ \t]+of)[ \t]+)?",
    _I,
)
_RESIDENCE_REQUIRES = (
    "liv", "resid", "moved", "relocated", "born", "raised", "grew", "hails", "vacation",
    "visit",
)  # fmt: skip
_RELATIVE_CUE = regex.compile(
    r"\b(?:daughter|son|wife|husband|sister|brother|niece|nephew|mother|father|friend|"
    r"family|cousin|aunt|uncle|grand(?:son|daughter|child|children|mother|father)|children|"
    r"kids|parents|neighbou?r|girlfriend|boyfriend|partner|fianc\w{0,3})s?(?:[ \t,]+[^\s.;:!?]+)"
    r"{0,3}?[ \t]+(?:of|from|in)[ \t]+",
    _I,
)
_RELATIVE_REQUIRES = (
    "daughter", "son", "wife", "husband", "sister", "brother", "niece", "nephew", "mother",
    "father", "friend", "family", "cousin", "aunt", "uncle", "grand", "children", "kids",
    "parent", "neighb", "girlfriend", "boyfriend", "partner", "fianc",
)  # fmt: skip
_PLACE_PREPOSITION = regex.compile(r"\b(?<!/)(?:from|in|to|near|outside)[ \t]+", _I)

# ---------------------------------------------------------------- words
#: A word after a cue: letters (``Kessler-Adventist``, ``St.``), digits stuck to it
#: (``QUARTERMAIN7``), and a full stop that may belong to it.
_WORD_AT = regex.compile(
    r"[ \t]{0,3}(?P<w>\p{L}[\p{L}\p{M}'’&]*(?:-\p{L}[\p{L}\p{M}'’]*)*)(?P<digits>\d{1,2})?"
    r"(?P<dot>\.(?!\d))?(?![\w])",
    _CS,
)
_THE = regex.compile(r"[ \t]{1,3}(?:the|THE|The)(?=[ \t])", _CS)
_SAINT_WORDS = frozenset({"st", "saint", "ste", "holy", "sacred", "good", "our"})
_SAINT_NEXT = {"good": frozenset({"samaritan"}), "our": frozenset({"lady"})}
#: Facility words that extend a name (lower case, full stop removed; ``med ctr`` as two words).
_SUFFIX_WORDS = _wordset(
    """hospital hospitals hosp medical med center centre ctr cntr memorial regional
    general rehab rehabilitation clinic health healthcare infirmary adventist manor nursing
    nh snf institute university univ va vamc house pavilion campus"""
)
#: Suffix words that cannot end a name on their own (``Medical`` needs ``Center``).
_SUFFIX_NOT_LAST = frozenset({"medical", "med", "nursing", "university", "univ"})
#: Emergency-room words after a name: ``from kernan ew`` (not part of the span).
_ER_WORDS = frozenset({"er", "ew", "ed", "e.r", "emergency", "micu", "ccu", "icu", "sicu"})
_STOP = _wordset(
    """a an the this that these those his her their its our your my to from at in on by with
    for of and or but via per as is was were are be been being has have had will would can
    could should may might must do does did not no yes so if then than when where which who
    whom while after before during since until today tonight yesterday tomorrow now again
    also still just only am pm p c w s x re s/p w/ w/o d/t r/t pt pt's patient patient's he
    she they we i you him them me us it dr mr mrs ms md rn np pa np-c pa-c who's about around
    approx approximately each every all any some several other another same more most less
    further early late earlier later prior previous prev next last new old over under up
    down out into onto off there here what how why both either neither one two three four five
    six seven eight nine ten first second third mon tue tues wed thu thur thurs fri sat sun
    monday tuesday wednesday thursday friday saturday sunday morning evening afternoon night
    noon midnight week weeks day days month months year years hour hours hr hrs min mins
    minute minutes"""
)
_ECG_WORDS = _wordset(
    """elevation elevations elev elevated depression depressions dep depressed segment segments
    seg change changes chg chgs changed wave waves t t-wave t-waves abnormality
    abnormalities abn abnl interval intervals flattening flattened inversion inversions
    inverted inv sagging scooping coving segment's tachycardia tach brady bradycardia rhythm
    junction junctional"""
)
#: Word endings of clinical vocabulary (``cytology``, ``bronchoscopy``, ``nephrectomy``).
_CLINICAL_ENDING = regex.compile(
    r"(?:ology|ologic|ological|ography|ogram|oscopy|ectomy|otomy|ostomy|plasty|itis|osis|"
    r"emia|pathy|algia|therapy|scopic|graphic|ometry)\Z",
    _CS,
)
_STATE_BY_NAME: dict[str, str] = {
    name.lower(): code
    for code, name in (
        item.split(" ", 1)
        for item in _items(
            "AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|"
            "CT Connecticut|DE Delaware|FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|"
            "IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|"
            "MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana|"
            "NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|"
            "NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|PA Pennsylvania|"
            "RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|"
            "VT Vermont|VA Virginia|WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming|"
            "DC District of Columbia|PR Puerto Rico",
            "|",
        )
    )
}
"""State names (lower case) -> USPS codes."""
_STATE_NAMES = sorted(_STATE_BY_NAME, key=len, reverse=True)
_STATE_ALTERNATION = phrase_alternation(_STATE_NAMES, lower=False)
_STATE_WORD = regex.compile(rf"\b(?:{_STATE_ALTERNATION})(?:'s)?\b", _I)
_STATE_REQUIRES = tuple(sorted({n.split()[-1] for n in _STATE_NAMES}))
#: Before a state's name: ``U Maryland``, ``University of Maryland`` (an institution).
_UNIVERSITY_BEFORE = regex.compile(
    r"\b(?:(?i:university|univ\.?)[ \t]+(?i:of)|U\.?(?:[ \t]*(?:of|OF))?)[ \t]+\Z", _CS
)
_SAINT_ANYWHERE = regex.compile(
    r"\b(?:St\.?|Saint|SAINT|ST\.|saint|Ste\.?|Holy|HOLY|holy|Sacred|SACRED|sacred|"
    r"(?i:good)[ \t]+(?i:samaritan)|(?i:our)[ \t]+(?i:lady)[ \t]+(?i:of))(?=[ \t])",
    _CS,
)
_STATE_CODE_WORDS = frozenset(code.lower() for code in _STATE_BY_NAME.values())
_COMMON_TOP_ABBREV = 5000
"""A 2-5 letter word among this many most frequent English words is a word, not a name."""
_COMMON_TOP_VERB = 2000
"""In text without capitals, a name before a facility word needs a word rarer than this."""
_COMMON_TOP_TITLE = 10000
"""A capitalised word among this many most frequent English words is not a name on its own."""


@functools.lru_cache(maxsize=1)
def not_facilities() -> frozenset[str]:
    """Unit, service and clinical words that follow transfer phrases (data/places)."""
    path = resources.files("radscrub.data") / "places" / "not_facilities.txt"
    return frozenset(
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


CityLookup = Callable[[str], "tuple[frozenset[str], bool] | None"]
"""Lower-case name -> (states, whether every word is ordinary English), or None."""


@dataclass(frozen=True)
class _Word:
    start: int
    end: int  # after the digits and a full stop that belongs to the word
    text: str  # letters only
    dot: bool
    digits: bool

    @property
    def low(self) -> str:
        return self.text.lower()


class NarrativePlaces:
    """The context rules above; ``find`` runs them over one text."""

    def __init__(self, city: CityLookup, max_city_words: int, generic: frozenset[str]) -> None:
        self._city = city
        self._max_city_words = max_city_words
        lexicon = name_lexicon()
        self._common = lexicon.common
        self._first = lexicon.is_first
        self._clinical = not_facilities()
        self._generic = generic | self._clinical
        self._cues = tuple(
            (kind, regex.compile(pattern, _I), requires) for kind, pattern, requires in _CUES
        )

    # ------------------------------------------------------------ entry point
    def find(self, text: str, casing: str, iter_fn: IterFn) -> list[Found]:
        """Every finding of the narrative rules in ``text`` (``casing`` as PlaceDetector's)."""
        found: list[Found] = []
        for kind, pattern, requires in self._cues:
            for m in iter_fn(pattern, text, f"facility_{kind}", requires):
                hit = self._after_cue(text, m.end(), _line_casing(text, m.end(), casing), kind)
                if hit is not None:
                    found.append(hit)
        for m in iter_fn(_SAINT_ANYWHERE, text, "facility_saint", ()):
            hit = self._saint(text, m, casing)
            if hit is not None:
                found.append(hit)
        for m in iter_fn(
            _WARD_STAFF, text, "facility_ward", ("rn", "nurse", "team", "staff", "charge")
        ):
            word = _Word(m.start("name"), m.end("name"), m.group("name"), False, False)
            line_casing = _line_casing(text, m.start(), casing)
            if line_casing == "mixed" and not word.text[0].isupper():
                continue
            if self._proper(word, line_casing):
                head = self._head(word, line_casing)
                found.append(Found(word.start, word.end, _L.HOSPITAL, 0.65, "facility_ward", head))
        for m in iter_fn(_CAMPUS, text, "facility_campus", ("campus",)):
            found.append(Found(m.start(), m.end(), _L.HOSPITAL, 0.6, "facility_campus"))
        for m in iter_fn(_EMPLOYER_CUE, text, "employer", _EMPLOYER_REQUIRES):
            hit = self._employer(text, m.end(), casing)
            if hit is not None:
                found.append(hit)
        found.extend(self._towns(text, casing, iter_fn))
        return found

    # ------------------------------------------------------------ words
    def _words(self, text: str, pos: int, limit: int = 6) -> list[_Word]:
        """Up to ``limit`` words from ``pos`` on one line, single-spaced, up to punctuation."""
        words: list[_Word] = []
        while len(words) < limit:
            m = _WORD_AT.match(text, pos)
            if m is None:
                break
            w = m.group("w")
            if w.endswith(("'", "’")):
                w = w[:-1]
            words.append(
                _Word(m.start("w"), m.end(), w, m.group("dot") is not None, bool(m.group("digits")))
            )
            pos = m.end()
            if m.group("dot") and w.lower() not in _DOT_ABBREVS:
                break  # a full stop after an ordinary word ends the sentence
            if m.group("digits"):
                break
        return words

    def _is_common(self, word: str, top: int | None = None) -> bool:
        key = word.lower().replace("’", "'")
        if key.endswith("'s"):
            key = key[:-2]
        rank = self._common.get(key)
        return rank is not None and (top is None or rank < top)

    def _clinical_word(self, word: str) -> bool:
        low = word.lower().rstrip(".")
        if low in self._clinical or low in _ER_WORDS or low.endswith(("icu", "ccu")):
            return True
        if len(low) > 2 and low.endswith("s") and low[:-1] in self._clinical:
            return True
        parts = _PART_SEP.split(low)
        return any(p in self._clinical for p in parts if p) or (
            len(low) > 5 and _CLINICAL_ENDING.search(low) is not None
        )

    @staticmethod
    def _fits_case(word: str, casing: str) -> bool:
        """Could ``word`` be (part of) a name in a text of this casing?"""
        if casing == "mixed":
            return word[0].isupper()
        if casing == "upper":
            return word.isupper() or word[0].isupper()
        return True

    def _abbreviation(self, word: _Word, casing: str) -> bool:
        """A 2-5 letter facility abbreviation (``GH``, ``GBMC``), not a unit or a word."""
        w = word.text
        if not (2 <= len(w) <= 5 and w.isalpha()) or word.digits:
            return False
        if casing == "mixed" and not w.isupper():
            return False
        low = w.lower()
        if low in _STOP or low in _STATE_CODE_WORDS or self._clinical_word(w):
            return False
        return not self._is_common(low, _COMMON_TOP_ABBREV)

    def _proper(self, word: _Word, casing: str) -> bool:
        """A name word on its own: in mixed text capitalised and not an everyday word; in text
        without capitalisation cues, not an English word at all."""
        w, low = word.text, word.low
        if len(w) < 3 or low in _STOP or self._clinical_word(w) or low in self._generic:
            return False
        if casing == "mixed":
            if w[0].isupper():
                return not self._is_common(low, _COMMON_TOP_TITLE)
            return not self._is_common(low) and len(w) >= 5
        return not self._is_common(low)

    # ------------------------------------------------------------ facility after a cue
    def _after_cue(self, text: str, pos: int, casing: str, kind: str) -> Found | None:
        the = _THE.match(text, pos)
        if the is not None:
            pos = the.end()
        words = self._words(text, pos)
        if not words:
            return None
        first = words[0].low
        if first in _SAINT_WORDS:
            saint = self._saint_words(words, casing, in_context=True)
            if saint is None:
                return None
            end = self._extend_suffix(words, saint)
            return Found(words[0].start, end, _L.HOSPITAL, 0.8, f"facility_{kind}_saint")
        name: list[_Word] = []
        suffix: list[_Word] = []
        suffix_last = ""
        for w in words:
            low = w.low.rstrip(".")
            if name and (low in _SUFFIX_WORDS or (low == "home" and suffix_last == "nursing")):
                suffix.append(w)
                suffix_last = low
                continue
            if suffix or low in _STOP:
                break
            if self._clinical_word(w.text) and low not in _SUFFIX_WORDS:
                break
            if not self._fits_case(w.text, casing) and not self._proper(w, casing):
                break
            name.append(w)
            if w.digits or len(name) >= 4:
                break
        while suffix and suffix[-1].low.rstrip(".") in _SUFFIX_NOT_LAST:
            suffix.pop()
        if not name:
            return None
        end = (suffix[-1] if suffix else name[-1]).end
        distinctive = [w for w in name if w.low not in self._generic and w.low not in _STOP]
        if not distinctive:
            if suffix and kind == "place" and self._generic_name(name, casing):
                return Found(name[0].start, end, _L.HOSPITAL, 0.6, f"facility_{kind}_generic")
            return None
        after = words[len(name) + len(suffix)] if len(words) > len(name) + len(suffix) else None
        head = self._head(distinctive[0], casing)
        if suffix:
            if casing == "mixed":
                ok = all(w.text[0].isupper() or self._proper(w, casing) for w in name)
            else:  # "UNION HOSPITAL", not "TO LEAVE HOSPITAL"
                ok = any(not self._is_common(w.low, _COMMON_TOP_VERB) for w in distinctive)
            if ok:
                return Found(name[0].start, end, _L.HOSPITAL, 0.8, f"facility_{kind}", head)
            return None
        er_after = after is not None and after.low.rstrip(".") in _ER_WORDS
        if kind == "prep" and not er_after:
            return None
        if len(name) == 1 and self._abbreviation(name[0], casing):
            return Found(name[0].start, name[0].end, _L.HOSPITAL, 0.75, f"facility_{kind}", head)
        ward = not name[-1].digits and _WARD_NUMBER.match(text, end) is not None
        if kind in {"person", "go"} and ward and self._plain_name(name, casing, False):
            return Found(name[0].start, end, _L.HOSPITAL, 0.7, f"facility_{kind}_ward", head)
        if kind == "person":
            return None
        if kind == "go" and (casing != "mixed" or not all(w.text[0].isupper() for w in name)):
            return None  # "go to bed", "going to camp": only capitalised names
        if not self._plain_name(name, casing, er_after):
            return None
        key = " ".join(w.low for w in name)
        city = self._city(key)
        if city is not None and not er_after:
            return Found(name[0].start, end, _L.LOCATION, 0.7, f"facility_{kind}_town")
        return Found(name[0].start, end, _L.HOSPITAL, 0.75, f"facility_{kind}", head)

    def _generic_name(self, name: list[_Word], casing: str) -> bool:
        """A facility named only with generic words (``Memorial Hospital``, ``CHILDREN'S
        HOSPITAL``), not a description (``outside hospital``, ``another Hospital``)."""
        if any(w.low in _NOT_A_NAME or w.low in _STOP for w in name):
            return False
        return casing != "mixed" or all(w.text[0].isupper() for w in name)

    def _plain_name(self, name: list[_Word], casing: str, er_after: bool) -> bool:
        """A name without a facility word: every word name-like, one of them not an ordinary
        word (any capitalised name before an emergency-room word: ``Harbor ED``)."""
        if casing == "mixed" and not all(w.text[0].isupper() for w in name):
            return all(self._proper(w, casing) for w in name)
        if any(self._clinical_word(w.text) or w.low in _STOP for w in name):
            return False
        if er_after and casing == "mixed":
            return any(w.low not in self._generic for w in name)
        return any(self._proper(w, casing) for w in name)

    def _head(self, word: _Word, casing: str) -> str:
        """The word to look for elsewhere in the text, or "" when it is too ordinary."""
        if word.digits:
            return ""
        w = word.text
        if 2 <= len(w) <= 5 and w.isupper() and self._abbreviation(word, casing):
            return w
        if len(w) >= 4 and not self._is_common(w) and not self._clinical_word(w):
            return w
        return ""

    def _extend_suffix(self, words: list[_Word], n: int) -> int:
        """End of ``words[:n]`` extended over facility words after it."""
        end = words[n - 1].end
        for w in words[n:]:
            if w.low.rstrip(".") not in _SUFFIX_WORDS:
                break
            end = w.end
        return end

    # ------------------------------------------------------------ saints
    def _saint_words(self, words: list[_Word], casing: str, *, in_context: bool) -> int | None:
        """How many of ``words`` form a saint or religious name (``St. Agnes``, ``Holy Cross``,
        ``Our Lady of Lourdes``), or None."""
        first = words[0]
        low = first.low
        need = _SAINT_NEXT.get(low)
        i = 1
        if need is not None:
            if len(words) < 2 or words[1].low not in need:
                return None
            i = 2
            if low == "our":
                if len(words) < 4 or words[2].low != "of":
                    return None
                i = 3
                if not self._saint_name_word(
                    words[3], casing, True, religious=False, before_suffix=False
                ):
                    return None
                return 4
            return i
        if len(words) <= i:
            return None
        nxt = words[i]
        if low in {"st", "ste"} and not first.dot and not in_context and first.text != "St":
            return None  # "ST" without a full stop is the ECG segment
        religious = low in {"holy", "sacred"}
        before_suffix = len(words) > i + 1 and words[i + 1].low.rstrip(".") in _SUFFIX_WORDS
        if not self._saint_name_word(
            nxt, casing, in_context, religious=religious, before_suffix=before_suffix
        ):
            return None
        return i + 1

    def _saint_name_word(
        self, word: _Word, casing: str, lenient: bool, *, religious: bool, before_suffix: bool
    ) -> bool:
        """Can ``word`` follow a saint word (``Agnes``, ``MARY``, ``Mark's``; after ``Holy``
        and ``Sacred`` any capitalised word)? Never an ECG word (``ST elevation``)."""
        w, low = word.text, word.low
        if len(w) == 1:
            return lenient and w.isupper() and word.dot and not word.digits
        if low in _ECG_WORDS or low in _STOP or word.digits or self._clinical_word(w):
            return False
        if casing == "mixed" and not w[0].isupper():
            return before_suffix  # "holy cross hospital", not "Holy smokes" or "NSR to ST low"
        if casing == "mixed" and not (w[1:].islower() or w[1:].lower() in {"'s", "’s"}):
            return False  # "St. ABGs"
        key = low.replace("’", "'").removesuffix("'s")
        return religious or key != low or self._first(key) or not self._is_common(key)

    def _saint(self, text: str, m: regex.Match[str], casing: str) -> Found | None:
        words = self._words(text, m.start())
        if not words:
            return None
        first = words[0]
        low = first.low
        if low in {"st", "ste"}:
            before = text[max(0, m.start() - 30) : m.start()]
            prev = _STREET_BEFORE.search(before)
            if prev is not None and prev.group(1).lower() not in _STOP:
                return None  # "12 Main St Joseph": a street, not a saint
            if casing == "lower":
                return None
        n = self._saint_words(words, casing, in_context=False)
        if n is None:
            return None
        end = self._extend_suffix(words, n)
        has_suffix = end > words[n - 1].end
        capitalised = first.text[0].isupper() and words[1].text[0].isupper()
        if low in {"good", "holy", "sacred"} and not has_suffix and casing == "lower":
            return None  # no capitals to tell "holy cross" from a phrase
        if low == "good" and not has_suffix and (casing != "mixed" or not capitalised):
            return None  # "a good samaritan called 911"
        if not has_suffix and n < len(words) and words[n].low in EPONYM_HEADS | DEVICE_WORDS:
            return None  # "St. Jude valve", "St. Jude mechanical AVR": a device maker
        key = " ".join(w.low for w in words[:n]).replace("st.", "st")
        if not has_suffix and self._city(key) is not None:
            return None  # "St. Louis": the gazetteer rules decide
        return Found(first.start, end, _L.HOSPITAL, 0.7, "facility_saint")

    # ------------------------------------------------------------ employers
    def _employer(self, text: str, pos: int, casing: str) -> Found | None:
        the = _THE.match(text, pos)
        if the is not None:
            pos = the.end()
        name: list[_Word] = []
        for w in self._words(text, pos, 5):
            if w.low in _STOP and not (name and w.low in {"of", "and", "&"}):
                break
            if casing == "mixed" and not w.text[0].isupper() and w.low not in {"of", "and"}:
                break
            name.append(w)
            if w.digits:
                break
        while name and name[-1].low in {"of", "and", "&"}:
            name.pop()
        if not name or all(w.low in self._generic for w in name):
            return None
        plain = [w for w in name if w.low not in {"of", "and", "&"}]
        if casing == "mixed":
            if len(plain) == 1 and self._is_common(plain[0].low, 2000):
                return None
        elif not any(self._abbreviation(w, casing) or not self._is_common(w.low) for w in plain):
            return None
        return Found(name[0].start, name[-1].end, _L.ORGANIZATION, 0.7, "employer")

    # ------------------------------------------------------------ towns
    def _towns(self, text: str, casing: str, iter_fn: IterFn) -> Iterator[Found]:
        for m in iter_fn(_RESIDENCE_CUE, text, "town_residence", _RESIDENCE_REQUIRES):
            hit = self._town_at(text, m.end(), any_common=True)
            if hit is not None:
                yield Found(hit[0], hit[1], _L.LOCATION, 0.75, "town_residence")
        for m in iter_fn(_RELATIVE_CUE, text, "town_relative", _RELATIVE_REQUIRES):
            hit = self._town_at(text, m.end(), any_common=False)
            if hit is not None:
                yield Found(hit[0], hit[1], _L.LOCATION, 0.7, "town_relative")
        if casing != "mixed":
            for m in iter_fn(_PLACE_PREPOSITION, text, "town_preposition", ()):
                hit = self._town_at(text, m.end(), any_common=False)
                if hit is not None:
                    yield Found(hit[0], hit[1], _L.LOCATION, 0.65, "town_preposition")
        for m in iter_fn(_STATE_WORD, text, "town_state", _STATE_REQUIRES):
            university = _UNIVERSITY_BEFORE.search(text, max(0, m.start() - 20), m.start())
            if university is not None and not m.group().endswith("'s"):
                yield Found(university.start(), m.end(), _L.HOSPITAL, 0.7, "facility_university")
                continue
            hit = self._town_before_state(text, m)
            if hit is not None:
                yield Found(hit[0], hit[1], _L.LOCATION, 0.75, "town_state")

    def _town_at(self, text: str, pos: int, *, any_common: bool) -> tuple[int, int] | None:
        """The longest gazetteer town (any case) starting at ``pos``; ordinary-word towns
        (``Mobile``) only when ``any_common``."""
        words = self._words(" " + text[pos : pos + 80], 0, self._max_city_words)
        for n in range(len(words), 0, -1):
            chunk = words[:n]
            if chunk[-1].digits:
                continue
            key = " ".join(w.low for w in chunk)
            entry = self._city(key)
            if entry is None or (entry[1] and not any_common):
                continue
            if len(chunk) == 1 and len(key) < 4:
                continue
            if n < len(words) and self._clinical_word(words[n].text):
                return None  # "from FOLEY CATH"
            return pos + chunk[0].start - 1, pos + chunk[-1].start - 1 + len(chunk[-1].text)
        return None

    def _town_before_state(self, text: str, m: regex.Match[str]) -> tuple[int, int] | None:
        """``towson maryland``, ``Boston Massachusetts``: a gazetteer town of that state right
        before the state's name (``City, ST`` is PlaceDetector's own rule)."""
        state = _STATE_BY_NAME.get(" ".join(m.group().lower().removesuffix("'s").split()), "")
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - 60) : m.start()]
        gap = regex.search(r"(?:[ \t]*,)?[ \t]+\Z", before)
        if gap is None:
            return None
        stem = before[: gap.start()]
        words = list(regex.finditer(r"\p{L}[\p{L}\p{M}.'’-]*", stem))[-self._max_city_words :]
        offset = m.start() - len(before)
        for i in range(len(words)):
            chunk = words[i:]
            if any(
                text[offset + a.end() : offset + b.start()] not in (" ", "\t")
                for a, b in itertools.pairwise(chunk)
            ):
                continue
            if chunk[-1].end() != len(stem):
                return None
            key = " ".join(w.group().lower() for w in chunk)
            entry = self._city(key)
            if entry is not None and state in entry[0] and not entry[1]:
                return offset + chunk[0].start(), offset + chunk[-1].end()
        return None


def _line_casing(text: str, pos: int, casing: str) -> str:
    """``casing``, or ``lower``/``upper`` when the line around ``pos`` in a mixed text is
    written wholly in one case (notes mix lower-case and capitalised paragraphs)."""
    if casing != "mixed":
        return casing
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    if len(line) < 20:
        return casing
    if line.islower():
        return "lower"
    return "upper" if line.isupper() else casing


_PART_SEP = regex.compile(r"[-/]", _CS)
_STREET_BEFORE = regex.compile(r"(\d+|\p{Lu}\p{Ll}[\p{L}'’-]*)[ \t]+\Z", _CS)
_DOT_ABBREVS = frozenset({"st", "ste", "mt", "ft", "hosp", "med", "ctr", "univ", "gen", "mem"})
