"""NameDetector: person names (patients, relatives, staff) from context cues and name lexicons.

Evidence, strongest first (each rule is a data table below):

* a title before (Dr., Mr., Mrs.), a credential after (", MD", "RN", "RT(R)"), a role label
  ("Attending:", "cc:"), a report phrase ("dictated by", "discussed with", "per"), a relative
  ("daughter Mary", "wife, Jane"), a patient header ("Patient: SMITH, JOHN"), a header line of the
  form "SMITH, JOHN A" or a DICOM person name "SMITH^JOHN";
* name shapes without a cue: "J. Smith", and (in mixed-case text only) "First Last" where both
  parts are in the lexicons, or a single surname mid-sentence that is not an English word;
* every other mention of a name found from context ("Smith" alone later in the report).

Names that are also words ("Will", "Mark", "Hope", "Brown") need context; eponyms and clinical
vocabulary ("Smith fracture", "Morison pouch", "gray matter") are not names unless a title says
so ("Dr. Smith"). ALL-CAPS text never yields a name without context.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import ClassVar

import regex

from radscrub.config import DetectConfig
from radscrub.detect.allow import CONTEXT_MARK, AllowList
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
from radscrub.detect.lexicons import NameLexicon, country_names, fold, name_lexicon
from radscrub.detect.scan import REMEMBER_CHARS, REMEMBER_TEXTS, timeout_error
from radscrub.spans import PhiLabel, PhiSpan

# --- context tables ---------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A word table written as one whitespace-separated string."""
    return frozenset(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    """A phrase table written as one string, phrases separated by "|"."""
    return tuple(" ".join(p.split()) for p in text.split("|") if p.strip())


#: Titles after which the next word is a name even if it is also a word ("Dr. Young").
STRONG_TITLES = _phrases("dr | drs | doctor | doctors | prof | professor | dra")
#: Words after an undotted "Mr" that make it the MR modality ("MR Brain", "Mr knee"), not a title.
MR_FOLLOWERS = _words(
    """brain head neck spine cervical thoracic lumbar sacrum chest abdomen abd pelvis knee shoulder
    hip ankle wrist elbow foot hand femur humerus forearm leg arm thigh orbit orbits iac iacs sinus
    sinuses face pituitary breast breasts prostate liver pancreas kidney kidneys renal cardiac heart
    angio angiogram angiography venogram venography enterography urography arthrogram mrcp
    extremity extremities joint spectroscopy perfusion diffusion fetal placenta rectum temporal
    w wo with without"""
)

#: Personal titles: strong with a period or in mixed case ("Mr. Lee"), weaker otherwise ("MS").
PERSON_TITLES = _phrases("mr | mrs | ms | miss | mister | mx | messrs | mme | mlle | madam")
#: Credentials after a name; the comma form ("Jane Doe, MD") is stronger.
CREDENTIALS = _phrases(
    """md | m.d. | phd | ph.d. | pa-c | rpa-c | np | n.p. | rn | r.n. | rrt | crt | crna | cnmt |
    rdms | rvt | rdcs | frcr | frcpc | frcp | mbbs | mbchb | facr | facc | facs | dnp | aprn |
    arnp | fnp | fnp-bc | anp | acnp | cnp | cnm | lpn | msn | bsn | pharmd | dpm | dds | dmd |
    lcsw | msw | rt(r) | rt(r)(ct) | rt(r)(mr) | rt(r)(m) | rt(n) | rt(t) | rt(ct) | rt(mr) |
    rt(r)(cv) | rt(r)(vi) | arrt | rn-bc | d.o. | m.b.b.s. | mb bch | mbbch | mb chb | bm bch |
    mb bchir | mrcp | frcs | frcpath | dabr"""
)
#: Credentials that are also ordinary words: only in capitals, after a comma, at a phrase end.
COMMA_CREDENTIALS = _phrases("DO | D.O. | MPH | MBA | CNA")
#: Role labels: followed by ":" (or "-"), the next words are a name.
ROLE_LABELS = _phrases(
    """referring physician | referring provider | referring doctor | referring clinician |
    referring md | referring | ordering physician | ordering provider | ordering doctor |
    ordering clinician | ordering md | ordering | attending physician | attending radiologist |
    attending | consulting physician | consultant | resident | fellow | radiology resident |
    radiology fellow | technologist | tech | technician | sonographer | radiologist |
    reading radiologist | interpreting radiologist | interpreting physician | pcp |
    primary care physician | primary care provider | primary care | cc | copy to | copies to |
    transcriptionist | transcribed by | dictated by | dictating physician | dictating radiologist |
    signed by | electronically signed by | e-signed by | verified by | reviewed by | approved by |
    read by | interpreted by | performed by | provider | physician | surgeon | author |
    authored by | requested by | requesting physician | nurse | case manager | social worker |
    staff | staff member | contact | emergency contact | next of kin | health care proxy |
    healthcare proxy | proxy | hcp | guardian | informant | historian | witness | interpreter |
    dict | dictated | dictator | signed | cosigned by | co-signed by | electronically signed |
    released by | finalized by | preliminary read by | wet read by | read | reader |
    staff radiologist | interpretation by | remote interpretation | attending of record |
    requesting clinician | requesting provider | requesting doctor | referring physician name |
    ordering physician name | referrer | family doctor | family physician | authenticated |
    authenticated by | sent by | scanned by | typed by | voice recognition by | verified"""
)
#: Phrases after which a name may follow; it may be a word missing from the lexicons if it is
#: capitalised ("discussed with Hrbacek").
REPORT_PHRASES = _phrases(
    """dictated by | electronically signed by | signed by | e-signed by | reviewed by | read by |
    interpreted by | performed by | verified by | approved by | transcribed by | read back by |
    readback by | read-back by | seen by | examined by | evaluated by | placed by | ordered by |
    done by | requested by | attested by | covered by | discussed with | discussed w | d/w |
    spoke with | spoke w | spoke to | s/w | talked with | talked to | called to |
    communicated to | communicated with | conveyed to | relayed to | reported to | consult with |
    consulted with | met with | met w | name is | named | spokesperson is | contact is |
    contact person is | interpretation by | preliminary interpretation by |
    interpreted remotely by | wet read by | preliminary read by | final read by | reviewed with |
    discussed directly with | sent by | scanned by | typed by | voice recognition by |
    authenticated by | faxed to | sent to | copied to | routed to | forwarded to"""
)
#: Weaker phrases: the name after them must be in the lexicons ("per Murphy", not "per ABG").
WEAK_PHRASES = _phrases(
    """per | called | notified | informed | paged | page | updated | update | consulted |
    contacted | contacts | contact with | work with | working with | worked with | given to |
    followed by | referred by | accompanied by | visited by | visit from |
    call from | call to | message to | message for | w/ | cc"""
)
#: Words after a name that show it is a person ("Smith aware", "Mary Souza notified").
POSTFIX_CUES = _phrases(
    """aware | made aware | notified | paged | informed | updated | called | phoned | visited |
    in to see | into see | in to visit | at bedside | at the bedside | came in | called in |
    called back | returned call | to call | will call | family aware | family made aware |
    family is aware | family are aware | family notified | family updated | family informed |
    family at bedside | family at the bedside | family in to visit | family visited |
    family called"""
)
#: Role nouns that may directly precede a name ("resident Smith", "NP Carol").
ROLE_NOUNS = _phrases(
    """attending | resident | fellow | intern | radiologist | surgeon | nurse | np | rn | md | pa |
    tech | technologist | physician | pcp | hospitalist | intensivist | cardiologist |
    neurologist | oncologist | nephrologist | urologist | neurosurgeon | anesthesiologist |
    chaplain | social worker | sw | case manager | rrt | crna | dietitian | nutritionist |
    pharmacist | therapist | provider | coordinator | caseworker | case worker | doctor |
    nurse practitioner | physician assistant"""
)
#: Relatives and contacts: "daughter Mary", "pt's wife, Jane", "son is John", "Otto (son)".
RELATIVES = _phrases(
    """daughter | daughters | son | sons | wife | husband | spouse | partner | mother | father |
    mom | dad | sister | sisters | brother | brothers | niece | nephew | granddaughter | grandson |
    grandaughter | grandchild | grandmother | grandfather | grandma | grandpa | aunt | uncle |
    cousin | friend | fiance | fiancee | girlfriend | boyfriend | companion | neighbor |
    neighbour | roommate | stepdaughter | stepson | step-daughter | step-son | step daughter |
    step son | stepmother | stepfather | daughter-in-law | son-in-law | sister-in-law |
    brother-in-law | mother-in-law | father-in-law | dtr | dtrs | dau | hsb | husb | hus | sis |
    grand daughter | grand son | child | children | kid | kids | caregiver | pastor | priest |
    minister | rabbi | family member | family friend | significant other | hcp | proxy | nok |
    poa | health care proxy | healthcare proxy | guardian | twin | goddaughter | godson |
    spokesperson | sibling | siblings | parent | parents | power of attorney |
    health care power of attorney"""
)
#: Patient header labels (followed by ":"): the value is the patient's name in any order.
PATIENT_LABELS = _phrases(
    """patient name | patient's name | pt name | pt. name | name | patient | re | subject |
    full name | legal name | patient full name | last name | first name | surname | given name |
    middle name | maiden name | alias | aka"""
)
#: Words after which an eponym is clinical: "Jones fracture", "Baker cyst", "Murphy sign".
EPONYM_HEADS = _words(
    """fracture fractures disease diseases syndrome sign signs cyst cysts ring rings pouch lesion
    lesions tumor tumour tumors filter catheter cath line lines classification score scale
    criteria procedure operation fundoplication repair node nodes hernia diverticulum duct space
    spaces foramen canal fissure area triangle ligament body bodies cell cells phenomenon effect
    maneuver manoeuvre position view views projection method technique test deformity
    malformation anomaly angle loop lymphoma sarcoma unit units pattern stage grade staging type
    variant nodule joint shunt tube stent valve port drain clip nail rod rods pin pins wire wires
    plate screw screws frame brace collar splint traction harness reservoir bolt device plug
    occluder coil graft mesh incision pyloroplasty gastrostomy jejunostomy anastomosis bypass
    limb esophagus esophagectomy gastrectomy resection thyroiditis encephalopathy palsy
    contracture neuroma abscess fat pad tear injury sequence artifact ratio index zone zones band
    bands arthropathy infraction sinus sinuses triad law number equation principle shelf hump
    capsule fascia plexus gland glands nerve ganglion artery vein tract membrane nucleus circuit
    cistern aqueduct cave cleft segment bundle cannula needle trocar balloon bag drainage
    doctrine pupil column nests annulus aneurysm bar hemiarthroplasty arthroplasty prosthesis
    guideline guidelines category categories lobe
    surgeon surgeons department dept"""
)
#: Words after a saint's or place-like name that make it a device maker's ("St. Jude valve").
DEVICE_WORDS = _words(
    """valve valves prosthesis prosthetic filter catheter stent pacemaker icd lead leads coil
    coils occluder device pump mechanical bileaflet avr mvr aortic mitral"""
)
#: Endings of medical specialties' names, never a person's ("seen by Hepatology").
SPECIALTY_ENDINGS = ("ology", "iatry", "iatrics")
#: Name particles and suffixes that belong to a name next to them.
PARTICLES = _words(
    "van von der den de del della dela di da dos das du la le st ste mac mc ben bin al el ter "
    "ten ibn abu bint dal lo"
)
SUFFIXES = _words("jr sr ii iii iv v 2nd 3rd")
#: Words that are never a name, whatever the context (function words, cue words, abbreviations).
NEVER_NAMES = _words(
    """a an the and or nor but if then than so as at by for from in into of off on onto out over
    per to up via with within without upon under about above after again against all also am any
    are be been before being below between both can could did do does doing down during each
    few further had has have having he her here hers herself him himself his how i is it its
    itself just me more most my myself no not now once only other our ours ourselves own same
    she should some such that their theirs them themselves there these they this those through
    too until very was we were what when where which while who whom why will would you your
    yours yourself may might must shall cannot cant wont dont didnt isnt wasnt aware notified
    paged called informed updated made team service services office oncall on-call covering
    cover today tonight tomorrow yesterday pm hrs hr bedside re regarding pt pts patient
    patients family staff resident residents attending fellow radiologist radiology physician
    physicians doctor doctors nurse nurses rn rns np nps md mds pa dr drs mr mrs ms miss prof
    sir madam please thanks thank keep yes ok okay none unknown na tbd see noted note well
    back since prior plan ortho neuro surgery medicine icu micu sicu ccu nicu er or ir pacu unit
    floor room
    rm bed home said says saw seen spoke stated states report reports reported result results
    findings impression recommend recommended recommendation calling call phone telephone tel
    pager fax email msg message cc bcc nsg am mrn dob acc accession sex age exam fin csn
    id no ssn dos male female gentleman gentlemen woman infant newborn
    neonate toddler adolescent teenager veteran oob riss sero sang"""
)
#: Relatives, roles and titles are cue words, not names ("son aware", "Husband visited").
CUE_WORDS = frozenset(w for p in (*RELATIVES, *ROLE_NOUNS, *STRONG_TITLES) for w in p.split())
#: Ambiguous short words that are names only after a strong title in mixed case ("Dr. May").
MODALS = _words("will may can did must might shall would could should do does")
#: Capitalised words that are never surnames on their own (lexicon-only rules).
NOT_SURNAMES = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec english spanish french german italian portuguese russian chinese mandarin cantonese
    japanese korean vietnamese arabic haitian creole polish greek hindi american african
    european asian hispanic latino caucasian irish scottish welsh british canadian mexican
    cuban jewish catholic protestant baptist methodist christian muslim buddhist hindu god lord
    jesus christ christmas easter thanksgiving halloween hanukkah ramadan"""
)
#: Words that make the capitalised words before them a place or an organisation.
ORG_WORDS = _words(
    """street st avenue ave road rd boulevard blvd drive dr lane ln way court ct place pl parkway
    pkwy highway hwy terrace ter circle cir square sq trail plaza suite teleradiology radiology
    imaging medical hospital hospitals clinic clinics health healthcare center centre associates
    partners services solutions network group institute university college county regional
    memorial general community rehabilitation rehab nursing assisted living care urology
    neurology cardiology oncology orthopedics orthopaedics nighthawk reads reading remote
    diagnostics laboratory laboratories labs pharmacy fire rescue police ems ambulance school
    church llc inc pc pa physicians practice specialists surgery surgical valley heights hills
    park springs village township city"""
)
#: Before a capitalised word, these mark a place rather than a person ("in Charleston").
_PLACE_BEFORE = regex.compile(
    r"(?:^|[^\p{L}])(?:in|at|from|of|near|outside|St\.?|Saint|Mount|Mt\.?|Lake|Fort|"
    r"Port|New|North|South|East|West|Las|Los|San|Santa|El)[ \t]+$",
    regex.IGNORECASE | regex.VERSION1,
)
_STATE_CODES = _words(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR"""
)
#: Common words that rank below this are rare enough to be a name after a strong title.
VERY_COMMON = 10000

STRONG, PERSON, MEDIUM = 3, 2, 1
#: Evidence kinds that come from context: their spans are exempt from the allow-list.
_CONFIRMED_KINDS = _words(
    "title role patient phrase weak relative credential postfix list header dicom"
)
_SCORES: dict[int | str, float] = {
    STRONG: 0.9,
    PERSON: 0.85,
    MEDIUM: 0.8,
    "repeat": 0.75,
    "shape": 0.7,
    "lexicon": 0.6,
    "surname": 0.5,
}


def _phrase_regex(phrases: Sequence[str]) -> str:
    """Alternation of phrases, longest first, spaces matching any run of spaces/tabs."""
    return phrase_alternation(phrases, space=r"[ \t_]+")


_L = r"\p{L}\p{M}*"
_W = r"\m"  # start of a word: like (?<![\p{L}\p{N}]) before a letter, but faster to scan
_E = r"(?![\p{L}\p{N}])"

#: One word: letters (with accents) and inner apostrophes; hyphens separate words.
WORD_PATTERN = rf"{_L}(?:{_L})*(?:['’]{_L}(?:{_L})*)*"
_TITLE_RE = rf"{_W}(?P<cue>{_phrase_regex(STRONG_TITLES)}){_E}\.?"
_PERSON_RE = rf"{_W}(?P<cue>{_phrase_regex(PERSON_TITLES)}){_E}(?P<dot>\.)?"
_ROLE_RE = rf"{_W}(?P<cue>{_phrase_regex(ROLE_LABELS)}){_E}[ \t]*(?:[:=\]]|-(?![\p{{L}}\p{{N}}]))"
_PATIENT_RE = rf"{_W}(?P<cue>{_phrase_regex(PATIENT_LABELS)})[ \t]*[:=\]]"
#: "NAME  SMITH JOHN" / "PT NAME ODETTE FARIAS": a capitalised label opening a header line.
_PATIENT_LINE_RE = (
    r"(?m)^[ \t]*(?:(?:PATIENT NAME|PT NAME|NAME|Patient Name|Name)[ \t]+|PT[ \t]*[:=][ \t]*)"
    r"(?=\p{Lu})"
)
_PHRASE_RE = rf"{_W}(?P<cue>{_phrase_regex(REPORT_PHRASES)}){_E}[ \t]*(?P<colon>:)?"
_WEAK_RE = rf"{_W}(?P<cue>{_phrase_regex(WEAK_PHRASES)})(?![\p{{L}}\p{{N}}])[ \t]*"
_ROLE_NOUN_RE = rf"{_W}(?P<cue>{_phrase_regex(ROLE_NOUNS)}){_E}"
_RELATIVE_RE = (
    rf"{_W}(?:(?:patient|pt|pts|his|her|their)(?:['’]s)?[ \t]+)?"
    rf"(?P<cue>{_phrase_regex(RELATIVES)}){_E}"
    r"(?:[ \t]*[,:(\-][ \t]*|[ \t]+(?:named|name[ \t]+is|is|was|who[ \t]+is)[ \t]+)?"
)
#: "RT(R)(BD)", "R.T.(R)(CT)": ARRT credentials with any discipline codes.
_RT = r"r\.?t\.?(?:[ ]?\([a-z]{1,3}\))+"
_CRED_RE = (
    rf"(?P<comma>[ \t]*,[ \t]*|[ \t]+)(?P<cue>{_RT}|{_phrase_regex(CREDENTIALS)})"
    r"(?![\p{L}\p{N}('’])"
)
_COMMA_CRED_RE = (
    rf"(?P<comma>[ \t]*,[ \t]*)(?P<cue>{_phrase_regex(COMMA_CREDENTIALS)})"
    r"(?=[ \t]*(?:$|[\n\r,.;()|])|[ \t]+(?:at|on)\b)"
)
_POSTFIX_RE = rf"(?P<comma>[ \t]*,?[ \t]*)(?P<cue>{_phrase_regex(POSTFIX_CUES)}){_E}"
#: ``_POSTFIX_RE`` without its leading spaces and comma, which made it slow to search: its
#: matches are found from the cues' (see ``_Run.postfix_starts``).
_POSTFIX_CUE_RE = rf"(?P<cue>{_phrase_regex(POSTFIX_CUES)}){_E}"
#: A phone cue and number right after a name: "Lopie Certusi cell# 410-322-1419".
_PHONE_AFTER_RE = (
    r"(?P<comma>[ \t]*[,:]?[ \t]*)(?P<cue>cell(?:[ \t]?phone)?|mobile|mob|home|work|tel|phone)"
    r"[ \t]*(?:#|no\.?|number)?[ \t]*[:#=]?[ \t]*(?=\(?\+?\d[\d() .-]{6,})"
)
#: An age right after a name: "Kowalski is a 65 yo M", "Robert is a 65-year-old man".
_AGE_AFTER_RE = (
    r"(?P<comma>[ \t]+)(?P<cue>is[ \t]+an?[ \t]+\d{1,3})"
    r"(?=[ \t]*-?[ \t]*(?:y/?o|yo|y\.o\.|years?|yrs?|year-old)(?![\p{L}]))"
)
_PAREN_RELATIVE_RE = rf"(?P<comma>[ \t]*)\([ \t]*(?P<cue>{_phrase_regex(RELATIVES)})[ \t]*\)"
_DICOM_RE = r"(?<![\p{L}\p{N}^])\p{L}[\p{L}'’\-]*\^[\p{L}'’\-]+(?:\^[\p{L}'’.\-]*){0,3}"
_HEADER_RE = (
    r"(?m)^[ \t]*(?:[\p{L}][\p{L} .#]{0,30}[:=][ \t]*)?"
    r"(?P<name>\p{Lu}[\p{L}'’\-]+[ \t]*,[ \t]*\p{Lu}[\p{L}'’\-]+(?:[ \t]+\p{Lu}[\p{L}'’\-]*\.?)?)"
    r"(?=[ \t]*$|[ \t]{2,}|\t|[ \t]*[|;]|[ \t]+/[ \t])"
)

_CREDENTIAL_WORDS = frozenset(
    w
    for c in (*CREDENTIALS, *COMMA_CREDENTIALS)
    for w in regex.split(r"[.()\-]+", c.lower())
    if len(w) > 1
)
_ANY_CREDENTIAL = f"{_RT}|{_phrase_regex(CREDENTIALS)}|{_phrase_regex(COMMA_CREDENTIALS)}"
_CRED_TAIL = regex.compile(
    rf"(?:[ \t]*,[ \t]*|[ \t]+)(?:{_ANY_CREDENTIAL})$", regex.IGNORECASE | regex.VERSION1
)
_CRED_HEAD = regex.compile(  # " MD", ", PhD", " (NP)"
    rf"(?:[ \t]*,[ \t]*|[ \t]+|[ \t]*\([ \t]*)(?:{_ANY_CREDENTIAL})(?![\p{{L}}\p{{N}}])",
    regex.IGNORECASE | regex.VERSION1,
)
_NEWLINE = regex.compile("\n")
_CREDENTIAL_DOTS = regex.compile(r"\p{L}\.[ ]?\p{L}\.", regex.VERSION1)  # "M.D.", "D.O."

#: E-mail addresses and URLs: the words in them are not names here (other detectors own them).
#: An address starts where its run of address characters starts (or where the previous match
#: ended, ``\G``): a later start in the same run could not find an ``@`` the earlier one missed,
#: and trying each one made this pattern quadratic in the length of a word.
#: Case-sensitive but for the scheme: a case-insensitive pattern with ``\G`` has no lower-case
#: twin (see radscrub.detect.scan), and searched four times slower.
_ADDRESS_RE = r"(?:(?<![\w.+\-])|\G)[\w.+\-]++@[\w\-]+(?:\.[\w\-]+)+|\b(?i:https?://|www\.)\S+"

#: Between an eponym and its head: blanks or a hyphen, perhaps around a model or class number
#: ("Simmons 2 catheter", "Garden 3 fracture").
_EPONYM_GAP = regex.compile(r"[ \t-]{0,3}(?:\d{1,2}[a-z]?[ \t-]{1,3})?")
#: A class or type letter or roman numeral between an eponym and its head ("Weber B fracture").
_DESIGNATOR = regex.compile(r"[a-d]|i{1,3}|iv|vi{0,3}|i?x")
#: After a word: a value follows, so the word was a field label ("cell# 410-...", "Unit No:").
LABEL_VALUE = regex.compile(r"[ \t]*(?:[#:]|(?i:no\.?|nr|num(?:ber)?)\b|\(?\d{3})")
_NOCASE = regex.IGNORECASE | regex.VERSION1
_CASE = regex.VERSION1
_PATTERNS: dict[str, tuple[str, int]] = {
    "title": (_TITLE_RE, _NOCASE),
    "person": (_PERSON_RE, _NOCASE),
    "role": (_ROLE_RE, _NOCASE),
    "patient": (_PATIENT_RE, _NOCASE),
    "patient_line": (_PATIENT_LINE_RE, _CASE),
    "phrase": (_PHRASE_RE, _NOCASE),
    "weak": (_WEAK_RE, _NOCASE),
    "role_noun": (_ROLE_NOUN_RE, _NOCASE),
    "relative": (_RELATIVE_RE, _NOCASE),
    "credential": (_CRED_RE, _NOCASE),
    "comma_credential": (_COMMA_CRED_RE, _CASE),
    "postfix_cue": (_POSTFIX_CUE_RE, _NOCASE),
    "paren_relative": (_PAREN_RELATIVE_RE, _NOCASE),
    "phone_after": (_PHONE_AFTER_RE, _NOCASE),
    "age_after": (_AGE_AFTER_RE, _NOCASE),
    "dicom": (_DICOM_RE, _CASE),
    "header": (_HEADER_RE, _CASE),
    "address": (_ADDRESS_RE, _CASE),
}
#: Prefilters (see radscrub.detect.base.Pattern.requires): strings one of which every match of
#: the pattern contains, ignoring case; a text with none of them is not searched.
_REQUIRES: dict[str, tuple[str, ...]] = {
    "address": ("@", "://", "www."),
    "dicom": ("^",),
    "paren_relative": ("(",),
    "phone_after": ("cell", "mob", "home", "work", "tel", "phone"),
    "age_after": ("is a",),
    "comma_credential": (",",),
}

_WORD_RE = regex.compile(WORD_PATTERN, regex.VERSION1)


def word_spans(text: str, timeout: float, where: str) -> tuple[tuple[int, int], ...]:
    """Spans of the words (``WORD_PATTERN``) of ``text``, as ``iter_matches`` finds them.

    The name and known-identifier detectors tokenise the same texts (a batch of them, one
    detector after the other), so the spans of the last texts of ordinary length are remembered.
    """
    try:
        if len(text) > REMEMBER_CHARS:
            return _word_spans.__wrapped__(text, timeout)
        return _word_spans(text, timeout)
    except TimeoutError:
        raise timeout_error(where, timeout, text) from None


@functools.lru_cache(maxsize=REMEMBER_TEXTS)
def _word_spans(text: str, timeout: float) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _WORD_RE.finditer(text, timeout=timeout))


@dataclass(slots=True)  # not frozen: built for every word, and frozen ones build slowly
class _Token:
    """One word of the text (possessive 's excluded from ``end``)."""

    index: int
    start: int
    end: int
    full_end: int
    key: str
    shape: str  # "title", "upper", "lower", "mixed", or "initial" for one letter
    style: str  # case style of the surrounding text: "upper", "lower", "mixed"

    @property
    def cap(self) -> bool:
        """Capitalised in text that is not all capitals: a signal of a proper noun."""
        return self.shape == "title" and self.style != "upper"


@dataclass(frozen=True, slots=True)
class _Cue:
    """A context cue: the name starts at token ``token`` (ends there when ``backward``)."""

    token: int
    strength: int
    kind: str
    backward: bool = False
    comma_ok: bool = False  # "Last, First" order allowed (labels, headers)


class NameDetector(Detector):
    """Finds person names (label NAME); see the module docstring for the rules."""

    labels: ClassVar[tuple[PhiLabel, ...]] = (PhiLabel.NAME,)

    def __init__(self, config: DetectConfig | None = None, *, name: str | None = None) -> None:
        super().__init__(config, name=name)
        self.lexicon: NameLexicon = name_lexicon()
        self.allow: AllowList = AllowList.from_config(self.config)
        self._compiled = {k: compile_pattern(p, f) for k, (p, f) in _PATTERNS.items()}

    def find(self, text: str, context: RecordContext = EMPTY_CONTEXT) -> list[PhiSpan]:
        if not any(c.isalpha() for c in text):
            return []
        return _Run(self, text).spans()

    def matches(self, key: str, text: str) -> Iterator[regex.Match[str]]:
        """Matches of one of the module's patterns, with the configured time budget (none when
        the text fails the pattern's prefilter)."""
        if not may_match(_REQUIRES.get(key, ()), keyword_text(text)):
            return iter(())
        where = f"{self.name}.{key}"
        return iter_matches(self._compiled[key], text, self.config.pattern_timeout, where)


class _Run:
    """The state of one ``find`` call: tokens, cues, accepted name chains."""

    def __init__(self, detector: NameDetector, text: str) -> None:
        self.d = detector
        self.lex = detector.lexicon
        self.text = text
        self.tokens = self._tokenise()
        self.starts = [t.start for t in self.tokens]
        self.by_start = {t.start: t.index for t in self.tokens}
        self.by_end = {t.full_end: t.index for t in self.tokens}
        self.blocked = self._blocked_tokens()
        self.taken: dict[int, float] = {}  # token index -> best score
        self.chains: list[tuple[list[int], float, str]] = []

    def matches(self, key: str) -> Iterator[regex.Match[str]]:
        """The text's matches of one of the module's patterns."""
        return self.d.matches(key, self.text)

    # --- tokens -----------------------------------------------------------------------------

    def _tokenise(self) -> list[_Token]:
        text = self.text
        upper = list(accumulate(map(str.isupper, text), initial=0))
        lower = list(accumulate(map(str.islower, text), initial=0))
        newlines = [m.start() for m in _NEWLINE.finditer(text)]
        n_lines, line = len(newlines), 0  # line: newlines before the token
        tokens: list[_Token] = []
        spans = word_spans(text, self.d.config.pattern_timeout, f"{self.d.name}.token")
        for start, full_end in spans:
            word = text[start:full_end]
            possessive = len(word) > 3 and word[-2] in "'’" and word[-1] in "sS"
            end = full_end - 2 if possessive else full_end
            while line < n_lines and newlines[line] < start:
                line += 1
            line_start = newlines[line - 1] + 1 if line else 0
            line_end = newlines[line] if line < n_lines else len(text)
            lo, hi = max(line_start, start - 60), min(line_end, end + 60)
            n_up, n_low = upper[hi] - upper[lo], lower[hi] - lower[lo]
            style = "mixed"
            if n_up + n_low >= 4 and n_up >= 0.7 * (n_up + n_low):
                style = "upper"
            elif n_up + n_low >= 4 and n_up <= 0.03 * (n_up + n_low):
                style = "lower"
            core = word[:-2] if possessive else word
            tokens.append(
                _Token(len(tokens), start, end, full_end, fold(core), _shape(core), style)
            )
        return tokens

    def _blocked_tokens(self) -> set[int]:
        """Tokens that are never names here: in an allow-listed term, an e-mail address, a URL."""
        blocked: set[int] = set()
        for m in self.matches("address"):  # e-mail addresses and URLs
            blocked.update(self.tokens_in(m.start(), m.end()))
        ranges = iter(self.d.allow.find(self.text))
        current = next(ranges, None)
        for t in self.tokens:  # both sorted by position
            while current is not None and current[1] <= t.start:
                current = next(ranges, None)
            if current is not None and current[0] <= t.start and t.end <= current[1]:
                blocked.add(t.index)
        return blocked

    # --- predicates -------------------------------------------------------------------------

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Indices of the tokens inside ``text[start:end]``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        return [i for i in range(first, last) if self.tokens[i].end <= end]

    def gap(self, a: _Token, b: _Token) -> str:
        return self.text[a.full_end : b.start]

    def sentence_initial(self, t: _Token) -> bool:
        before = self.text[max(0, t.start - 4) : t.start].rstrip(" \t")
        return not before or before[-1] in ".!?:;\n\r*-•>)|" or before[-1].isdigit()

    def eponym_follows(self, t: _Token) -> bool:
        """Followed by an eponym head noun: "Jones fracture", "Murphy's sign"."""
        if t.index + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[t.index + 1]
        gap = self.gap(t, nxt)
        if _DESIGNATOR.fullmatch(nxt.key) and t.index + 2 < len(self.tokens):  # "Weber B fracture"
            after = self.tokens[t.index + 2]
            if _EPONYM_GAP.fullmatch(gap) and _EPONYM_GAP.fullmatch(self.gap(nxt, after)):
                nxt, gap = after, " "
        if not _EPONYM_GAP.fullmatch(gap) or nxt.key not in EPONYM_HEADS:
            return False
        return LABEL_VALUE.match(self.text, nxt.full_end) is None  # not "Certusi cell# 410-..."

    def unusable(self, t: _Token) -> bool:
        """Never part of a name without a strong title: function/cue words, clinical terms."""
        key = t.key
        return (
            len(key) < 2
            or not key[0].isalpha()
            or key in NEVER_NAMES
            or key.endswith(SPECIALTY_ENDINGS)  # "Hepatology", "Psychiatry"
            or key in CUE_WORDS
            or key in NOT_SURNAMES
            or key in _CREDENTIAL_WORDS
            or ("'" in key and not self.lex.is_name(key))  # contractions: "I'm", "pt's"
            or t.index in self.blocked
            or self.eponym_follows(t)
        )

    def name_like(self, t: _Token, strength: int, kind: str) -> bool:
        """Can ``t`` start (or, backward, end) a name after a cue of this strength and kind?"""
        key = t.key
        if len(key) < 2 or not key[0].isalpha():
            return False
        titled = kind == "title" and strength == STRONG
        if self.d.allow.is_abbreviation(self.text[t.start : t.end]) and not self.lex.is_name(key):
            return False  # "DR MRI": a modality or ward, even after a title (not "DR ED SMITH")
        if key in MODALS:  # "Dr. May", "SIGNED BY MAY FERNANDEZ"; never "will call"
            return (titled and t.cap) or ((t.cap or t.shape == "upper") and self._pair_follows(t))
        if key in NEVER_NAMES or (not titled and self.unusable(t)):
            return False
        lex = self.lex
        known, common = lex.is_name(key), lex.is_common(key)
        if titled:
            return known or t.cap or not lex.is_common(key, VERY_COMMON)
        labelled = strength == STRONG and kind in ("role", "patient")
        exempt = (
            labelled
            or kind == "title"
            or (kind == "credential" and strength == PERSON)
            or self._pair_follows(t)  # "discussed with BROWN, GABOR"
        )
        if t.shape == "upper" and t.style == "mixed" and not exempt:
            return False  # an acronym in mixed-case text ("per ABG")
        if kind == "relative":
            if t.shape == "lower" and not known and key.endswith("ed"):
                return False  # a verb: "son and husband visisted", "want their mother trached"
            return (
                (known and not common)
                or t.cap
                or lex.is_first(key)
                or (not common and len(key) >= 3 and t.shape != "mixed")
            )
        if strength == STRONG:  # labels: "Attending:", "Patient:", "Dictated by:"
            return not common or (known and (t.cap or self._pair_follows(t)))
        if strength == PERSON:  # "MS OYELARAN", "Quenneville, MD"
            return not common and (known or (len(key) >= 3 and t.shape in ("title", "upper")))
        if kind == "contact":  # before a phone number or an age: "Lopie Certusi cell# 410-..."
            return not common and (known or t.cap)
        if known:
            return not common or t.cap or self._pair_follows(t)
        # unknown words: capitalised ones after a specific phrase ("discussed with Hrbacek")
        return kind == "phrase" and t.cap and not common

    def _pair_follows(self, t: _Token) -> bool:
        """Followed by an unambiguous name part: "BANKS TERRENCE", "WOLF, ANNIKA"."""
        if t.index + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[t.index + 1]
        if not self.joinable(t, nxt, comma_ok=True):
            return False
        if self.lex.is_name(nxt.key) and not self.lex.is_common(nxt.key):
            return not self.unusable(nxt)
        return "," in self.gap(t, nxt) and bool(self._new_given(nxt.index, t))  # "KIM, SOO-JIN."

    def continues(self, t: _Token, prev: _Token) -> bool:
        """Can ``t`` extend a name next to ``prev`` ("John [Smith]", "[Arthur] Quenneville")?"""
        if t.key in MODALS or self.unusable(t):
            return False
        known, common = self.lex.is_name(t.key), self.lex.is_common(t.key)
        if known:
            hyphen = "-" in (self.gap(prev, t), self.gap(t, prev))  # "Ji-hoon", "LEE-OKAFOR"
            return not common or t.cap or hyphen
        return not common and t.shape == prev.shape and t.shape in ("title", "upper", "lower")

    def joinable(self, a: _Token, b: _Token, comma_ok: bool = False) -> bool:
        """Can ``a`` and ``b`` be parts of one name, given the characters between them?"""
        gap = self.gap(a, b)
        if gap in (" ", "-"):  # two spaces or a tab separate fields in headers
            return True
        if a.shape == "initial" and gap in (".", ". ", ".-"):
            return True
        return comma_ok and gap.strip(" \t") == "," and len(gap) <= 3

    # --- chains -----------------------------------------------------------------------------

    def chain_forward(self, i: int, strength: int, kind: str, comma_ok: bool) -> list[int]:
        """Token indices of the name starting at token ``i`` (empty when it is not a name)."""
        toks = self.tokens
        lead: list[int] = []
        j = i
        # particles / initials need a name after them ("Dr. van der Berg", "Dr. J. Smith")
        while (
            j + 1 < len(toks) and len(lead) < 3 and (toks[j].key in PARTICLES or _initial(toks[j]))
        ):
            if not self.joinable(toks[j], toks[j + 1]):
                break
            lead.append(j)
            j += 1
        if not self.name_like(toks[j], strength, kind):
            initials = [*lead, j] if _initial(toks[j]) else lead
            cued = kind in ("role", "patient", "phrase") and all(
                self.gap(toks[k], toks[k + 1]) == "." for k in initials[:-1]
            )
            if cued and len(initials) >= 2 and all(_initial(toks[k]) for k in initials):
                return initials  # "cc: J.S.", "Typed by C.O."
            return []
        chain = [*lead, j]
        used_comma = False
        while j + 1 < len(toks) and len(chain) < 6:
            a, b = toks[j], toks[j + 1]
            if a.end != a.full_end or not self.joinable(a, b, comma_ok=not used_comma):
                break
            if "," in self.gap(a, b):  # "Last, First": a first name must follow
                labelled = comma_ok and strength == STRONG
                if not (
                    (labelled and (self.name_like(b, MEDIUM, "list") or self._given(b, True)))
                    or (self._given(b) and self._clause_end(b))
                ):
                    new_given = self._new_given(j + 1, a)
                    if not new_given:
                        break
                    chain.extend(new_given)  # "KIM, SOO-JIN (NP)"
                    break
                used_comma = True
                chain.append(j + 1)
                j += 1
                continue
            if b.key in SUFFIXES:
                chain.append(j + 1)
                break
            surname_ok = strength == STRONG or self._credential_at(b.full_end)  # "PAULO STONE DO"
            if self.continues(b, a) or (surname_ok and self._surname_after(a, b)):
                chain.append(j + 1)
                j += 1
                continue
            k = j + 1  # particles or an initial before the rest of the name: "Jan van der Berg"
            while k < len(toks) and k - j <= 2 and (toks[k].key in PARTICLES or _initial(toks[k])):
                if not self.joinable(toks[k - 1], toks[k]):
                    break
                k += 1
            named = k < len(toks) and (
                self.continues(toks[k], a) or self._surname_after(toks[k - 1], toks[k])
            )
            if k > j + 1 and named and self.joinable(toks[k - 1], toks[k]):
                chain.extend(range(j + 1, k + 1))
                j = k
                continue
            if _initial(b) and self._trailing_initial(b, comma_ok):
                chain.append(j + 1)
            break
        return chain

    def _surname_after(self, a: _Token, b: _Token) -> bool:
        """A known surname that is also a word after a first name: "MARIA SNOW", "Mary Young"."""
        return (
            (self._first_before(a) or _initial(a))
            and (b.shape == a.shape or _initial(a))
            and self.lex.is_last(b.key)
            and b.key not in MODALS
            and not self.unusable(b)
        )

    def _clause_end(self, t: _Token) -> bool:
        """``t`` ends a clause or precedes a credential ("ROURKE, INGRID, MBBS at 09:40")."""
        rest = self.text[t.full_end : t.full_end + 2].lstrip(" \t")
        if not rest or rest[0] in ",.;:)|\n\r":
            return True
        return self._credential_at(t.full_end)

    def _new_given(self, i: int, last: _Token) -> list[int]:
        """Tokens of a given name missing from the lexicons after "LAST, " that ends the
        clause ("KIM, SOO-JIN (NP)", "Oyelaran, Temitope."): one word, or two joined by a
        hyphen, written like the surname, no ordinary or excluded word; else empty."""
        toks = self.tokens
        parts = [i]
        if i + 1 < len(toks) and self.gap(toks[i], toks[i + 1]) == "-":
            parts.append(i + 1)
        for k in parts:
            t = toks[k]
            if t.shape != last.shape or t.shape not in ("title", "upper") or len(t.key) < 2:
                return []
            if self.unusable(t) or (self.lex.is_common(t.key) and not self.lex.is_name(t.key)):
                return []
        return parts if self._clause_end(toks[parts[-1]]) else []

    def _given(self, t: _Token, modal_ok: bool = False) -> bool:
        """A first name, even one that is a word ("SMITH, MARK"): for the "Last, First" order.

        ``modal_ok`` also accepts "Will", "May" (after a comma in a labelled name).
        """
        if t.key in MODALS:
            return modal_ok and self.lex.is_first(t.key) and t.index not in self.blocked
        return self.lex.is_first(t.key) and not self.unusable(t)

    def _trailing_initial(self, t: _Token, comma_ok: bool) -> bool:
        """A middle initial closing a "Last, First M" name in a label or header."""
        if (
            not comma_ok
            or not (self.text[t.start].isupper() or t.style == "lower")
            or _CREDENTIAL_DOTS.match(self.text, t.start, timeout=self.d.config.pattern_timeout)
        ):
            return False
        rest = self.text[t.full_end : t.full_end + 2]
        return not rest or rest[0] in ". \t\n\r,;|"

    def chain_backward(self, k: int, strength: int, kind: str) -> list[int]:
        """Token indices of the name ending at token ``k`` (before a credential or a postfix)."""
        toks = self.tokens
        suffix = k > 0 and toks[k].key in SUFFIXES and self.joinable(toks[k - 1], toks[k], True)
        if suffix:  # "tom hale sr., md."
            k -= 1
        last = toks[k]
        prev = toks[k - 1] if k > 0 and self.joinable(toks[k - 1], last) else None
        if not self.name_like(last, strength, kind) and not self._backward_pair(
            prev, last, strength
        ):
            return []
        chain = [k]
        j = k
        used_comma = False
        while j > 0 and len(chain) < 5:
            a, b = toks[j - 1], toks[j]
            if not self.joinable(a, b, comma_ok=not used_comma):
                break
            if "," in self.gap(a, b):  # "Arora, Nina MD"
                if not (self.lex.is_last(a.key) and self.continues(a, b)):
                    break
                used_comma = True
            given = strength >= PERSON and (  # "LANE OSEI, M.D.", "Will Moreau, DO"
                self._given(a, modal_ok=a.cap or a.shape == "upper")
            )
            if _initial(a) or a.key in PARTICLES or given or self.continues(a, b):
                chain.append(j - 1)
                j -= 1
                continue
            break
        while len(chain) > 1 and toks[chain[-1]].key in PARTICLES:
            chain.pop()
        return sorted([*chain, k + 1] if suffix else chain)

    def _first_before(self, prev: _Token) -> bool:
        """An unambiguous first name ("Lorraine", not "Will")."""
        return (
            self.lex.is_first(prev.key)
            and not self.lex.is_common(prev.key)
            and not self.unusable(prev)
        )

    def _backward_pair(self, prev: _Token | None, last: _Token, strength: int) -> bool:
        """A name ending at ``last`` that ``name_like`` alone would refuse.

        "Oscar Foley CRT" (a first name vouches for an eponym), "TOMAS GUY, MD" (for a common
        surname), "LORRAINE VESCOVI called" (for a new word); "K. ROWE rrt" (an initial).
        """
        if prev is None or last.key in MODALS:
            return False
        if self.unusable(last):
            return (
                last.index in self.blocked
                and last.key not in NEVER_NAMES
                and last.key not in CUE_WORDS
                and self._first_before(prev)
            )
        if _initial(prev):  # "k. rowe rrt"; with ", MD" any surname: "M. FROST, MBBS"
            very_common = self.lex.is_common(last.key, VERY_COMMON)
            return self.lex.is_name(last.key) and (not very_common or strength == PERSON)
        if not self._first_before(prev) or prev.shape != last.shape:
            return False
        common = self.lex.is_common(last.key)
        return not common or (strength == PERSON and self.lex.is_last(last.key))

    def add_chain(self, chain: list[int], score: float, kind: str) -> None:
        if not chain or all(self.taken.get(i, -1.0) >= score for i in chain):
            return
        for i in chain:
            self.taken[i] = max(score, self.taken.get(i, -1.0))
        self.chains.append((chain, score, kind))

    def list_tail(self, chain: list[int], kind: str) -> None:
        """Names listed after a name: "Dr. Smith and Jones", "sons Tom, Dick and Harry"."""
        toks = self.tokens
        for _ in range(4):
            nxt = chain[-1] + 1
            if nxt >= len(toks):
                return
            gap = self.gap(toks[nxt - 1], toks[nxt])
            if toks[nxt].key in ("and", "or") and gap.strip(" \t") == "" and nxt + 1 < len(toks):
                if not self.joinable(toks[nxt], toks[nxt + 1]):
                    return
                nxt += 1
            elif "\n" in gap or gap.strip(" \t") not in (",", "&", "/", "+"):
                return
            if toks[nxt].key in _CREDENTIAL_WORDS:  # "Ann Lee, DO, Metro Radiology"
                return
            chain = self.chain_forward(nxt, MEDIUM, "list", False)
            if not chain or self._place_like(toks[chain[0]], toks[chain[-1]]):
                return  # "Dr. Davis, Hartford Neurology Clinic"
            self.add_chain(chain, _SCORES[MEDIUM], kind)

    # --- cues -------------------------------------------------------------------------------

    def token_after(
        self, pos: int, newline_ok: bool = False, skip: str = " \t:,-–(\"'"
    ) -> int | None:
        """Index of the token starting at ``pos`` after at most a short gap of ``skip``."""
        text, j = self.text, pos
        skip += "\n\r" if newline_ok else ""
        limit = pos + (40 if newline_ok else 4)
        while j < len(text) and j < limit and text[j] in skip:
            j += 1
        return self.by_start.get(j)

    def cues(self) -> Iterator[_Cue]:
        for key, strength, kind, newline_ok in (
            ("title", STRONG, "title", False),
            ("role", STRONG, "role", True),
            ("patient", STRONG, "patient", True),
            ("patient_line", STRONG, "patient", False),
            ("weak", MEDIUM, "weak", False),
            ("role_noun", MEDIUM, "weak", False),
            ("relative", MEDIUM, "relative", False),
        ):
            for m in self.matches(key):
                i = self.token_after(m.end(), newline_ok)
                if i is not None:
                    yield _Cue(i, strength, kind, comma_ok=kind in ("role", "patient"))
        for m in self.matches("phrase"):
            i = self.token_after(m.end())
            if i is not None:
                colon = bool(m.group("colon"))
                yield _Cue(
                    i, STRONG if colon else MEDIUM, "role" if colon else "phrase", comma_ok=colon
                )
        for m in self.matches("person"):
            i = self.token_after(m.end(), skip=" \t")
            if i is None:
                continue
            # "Mr"/"Mrs." are titles; "MR." and "ms" may be mitral regurgitation, mental status
            cue = m.group("cue")
            if cue.lower() == "mr" and not m.group("dot") and self.tokens[i].key in MR_FOLLOWERS:
                continue  # "MR Brain", "Mr brain wo contrast": the modality, not a title
            titlecase = cue[:1].isupper() and cue[1:].islower()
            strong = titlecase or (cue.islower() and bool(m.group("dot")) and cue != "ms")
            strength = STRONG if strong and self.tokens[i].style != "upper" else PERSON
            yield _Cue(i, strength, "title")
        for key, kind in (
            ("credential", "credential"),
            ("comma_credential", "credential"),
            ("postfix", "postfix"),
            ("paren_relative", "relative"),
            ("phone_after", "contact"),
            ("age_after", "contact"),
        ):
            for pos, comma in self._backward_cues(key, kind):
                while kind == "credential" and (more := self._credential_before(pos)):
                    pos = more.start()  # "Rao MD, FACR": the name is before the first one
                    comma = "," in more.group()
                k = self.by_end.get(pos)
                if k is not None:
                    yield _Cue(k, PERSON if comma else MEDIUM, kind, backward=True)

    def _backward_cues(self, key: str, kind: str) -> Iterator[tuple[int, bool]]:
        """For each match of a cue that follows a name: where it starts, and for credentials
        whether a comma comes before them (", MD")."""
        if key == "postfix":
            yield from ((start, False) for start in self.postfix_starts())
            return
        for m in self.matches(key):
            yield m.start(), kind == "credential" and "," in m.group("comma")

    def postfix_starts(self) -> Iterator[int]:
        """Where the matches of ``_POSTFIX_RE`` start, found from its cues alone.

        A match is a cue and the spaces, tabs and at most one comma right before it that follow
        the previous match (cues start with a letter, so the prefix is decided by the cue).
        """
        text, pos = self.text, 0
        for m in self.matches("postfix_cue"):
            start = m.start()
            while start > pos and text[start - 1] in " \t":
                start -= 1
            if start > pos and text[start - 1] == ",":
                start -= 1
                while start > pos and text[start - 1] in " \t":
                    start -= 1
            yield start
            pos = m.end()

    def _credential_at(self, pos: int) -> bool:
        """A credential starts at ``pos`` (after spaces): " MD", ", PhD"."""
        timeout = self.d.config.pattern_timeout
        return _CRED_HEAD.match(self.text, pos, timeout=timeout) is not None

    def _credential_before(self, pos: int) -> regex.Match[str] | None:
        """A credential ending at ``pos`` (", MD" before ", FACR")."""
        timeout = self.d.config.pattern_timeout
        return _CRED_TAIL.search(self.text, max(0, pos - 16), pos, timeout=timeout)

    # --- passes -----------------------------------------------------------------------------

    def structural_pass(self) -> None:
        """DICOM person names ("SMITH^JOHN") and header lines ("SMITH, JOHN A")."""
        for m in self.matches("dicom"):
            parts = [p for p in m.group().split("^") if p]
            if len(parts) < 2 or m.group().islower() or min(len(p) for p in parts[:2]) < 2:
                continue
            idx = self.tokens_in(m.start(), m.end())
            self.add_chain(idx, _SCORES[STRONG], "dicom")
        for m in self.matches("header"):
            start, end = m.span("name")
            idx = self.tokens_in(start, end)
            while len(idx) > 2 and self.tokens[idx[-1]].key in _CREDENTIAL_WORDS:
                idx.pop()
            if len(idx) >= 2 and self._header_ok(idx):
                self.add_chain(idx, _SCORES[STRONG], "header")

    def _header_ok(self, idx: list[int]) -> bool:
        last, first = self.tokens[idx[0]], self.tokens[idx[1]]
        if self.unusable(last) or self.unusable(first) or self.lex.is_common(last.key):
            return False
        if self.lex.is_common(first.key):  # "MARTINEZ, MARK"
            return self.lex.is_last(last.key) and self._given(first, True)
        return self.lex.is_last(last.key) or self.lex.is_first(first.key)

    def context_pass(self) -> None:
        for cue in sorted(self.cues(), key=lambda c: (-c.strength, c.token)):
            if cue.backward:
                chain = self.chain_backward(cue.token, cue.strength, cue.kind)
            else:
                chain = self.chain_forward(cue.token, cue.strength, cue.kind, cue.comma_ok)
            weak = cue.kind in ("weak", "phrase", "postfix", "contact")
            if chain and weak and self._place_like(self.tokens[chain[0]], self.tokens[chain[-1]]):
                continue  # "per Dover Fire Rescue"
            if chain:
                self.add_chain(chain, _SCORES[cue.strength], cue.kind)
                self.list_tail(chain, cue.kind)

    def shape_pass(self) -> None:
        """Names without a cue: "J. Smith"; in mixed case "First Last" and lone surnames."""
        toks = self.tokens
        for t in toks:
            if t.index in self.taken:
                continue
            nxt = toks[t.index + 1] if t.index + 1 < len(toks) else None
            if nxt is not None and self._initial_surname(t, nxt):
                self.add_chain([t.index, nxt.index], _SCORES["shape"], "shape")
            elif (
                nxt is not None
                and t.style != "upper"
                and self._first_last(t, nxt)
                and not self._place_like(t, nxt)
            ):
                self.add_chain([t.index, nxt.index], _SCORES["lexicon"], "lexicon")
            elif self._lone_surname(t) and not self._place_like(t, t):
                self.add_chain([t.index], _SCORES["surname"], "surname")

    def _place_like(self, first: _Token, last: _Token) -> bool:
        """Part of a place or organisation name: "in Charleston", "Eastfield Teleradiology",
        "Eureka CA", "University of Akron", "Abd/Pel"."""
        before = self.text[max(0, first.start - 12) : first.start]
        timeout = self.d.config.pattern_timeout
        if before.endswith("/") or _PLACE_BEFORE.search(before, timeout=timeout):
            return True
        if last.index + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[last.index + 1]
        gap = self.gap(last, nxt)
        if gap not in (" ", ", ", "-") or nxt.key in PARTICLES or nxt.key in SUFFIXES:
            return False
        state = nxt.key.upper() in _STATE_CODES and nxt.key not in _CREDENTIAL_WORDS | {"pa", "ms"}
        if nxt.shape == "upper" and state:
            return True  # "Eureka, CA"
        if nxt.key in ORG_WORDS and gap != ", ":
            return True  # "Adams Street", "Eastfield Teleradiology"
        capitalised = nxt.shape == "title" and nxt.style != "upper" and gap != ", "
        return capitalised and not self.lex.is_name(nxt.key)  # "Eastfield After-Hours"

    def _initial_surname(self, t: _Token, nxt: _Token) -> bool:
        """ "J. Smith", "W. CASTELLI", in lower-case notes "d. pratt"."""
        if not _initial(t) or self.gap(t, nxt) not in (". ",):
            return False
        if t.style == "lower":
            ok_case = nxt.shape == "lower" and len(nxt.key) >= 3
        else:
            ok_case = self.text[t.start].isupper() and nxt.shape in ("title", "upper")
        return ok_case and self._surname(nxt)

    def _surname(self, t: _Token) -> bool:
        return (
            self.lex.is_last(t.key)
            and not self.lex.is_common(t.key)
            and t.key not in NOT_SURNAMES
            and not self.unusable(t)
        )

    def _lone_surname(self, t: _Token) -> bool:
        return (
            t.style == "mixed"
            and t.shape == "title"
            and len(t.key) >= 3
            and not self.sentence_initial(t)
            and self._surname(t)
            and not self.lex.is_first(t.key)
            and t.key not in country_names()  # "an outside MRI (Germany)"
        )

    def _first_last(self, a: _Token, b: _Token) -> bool:
        """Two adjacent words forming "First Last" (the last may be a new word if capitalised)."""
        if not self.joinable(a, b) or a.shape != b.shape or a.shape not in ("title", "lower"):
            return False
        if a.style == "mixed" and a.shape != "title":
            return False
        for t in (a, b):
            if t.key in MODALS or t.key in NOT_SURNAMES or t.key in ORG_WORDS or self.unusable(t):
                return False
        lex = self.lex
        if not lex.is_first(a.key):
            return False
        common_a, common_b = lex.is_common(a.key), lex.is_common(b.key)
        if a.shape == "lower":  # lower-case notes: both parts must be unambiguous names
            return (
                lex.is_last(b.key)
                and not (common_a or common_b)
                and min(len(a.key), len(b.key)) >= 3
            )
        if lex.is_last(b.key):
            return not (common_a and common_b)
        return not common_a and not common_b and not lex.is_first(b.key) and len(b.key) >= 3

    def repeat_pass(self) -> None:
        """Other mentions of names found from context ("Dr. Smith ... Smith said")."""
        keys = {
            self.tokens[i].key
            for chain, _, kind in self.chains
            if kind in _CONFIRMED_KINDS
            for i in chain
            if len(self.tokens[i].key) >= 3 and self.tokens[i].key not in PARTICLES
        }
        for t in self.tokens:
            if t.index in self.taken or t.key not in keys or t.key in MODALS or self.unusable(t):
                continue
            if self.lex.is_common(t.key) and not (t.cap and not self.sentence_initial(t)):
                continue
            if not self._place_like(t, t):  # "Akron Teleradiology", "St. Agnes's"
                self.add_chain([t.index], _SCORES["repeat"], "repeat")

    # --- output -----------------------------------------------------------------------------

    def spans(self) -> list[PhiSpan]:
        self.structural_pass()
        self.context_pass()
        self.shape_pass()
        self.repeat_pass()
        out: dict[tuple[int, int], PhiSpan] = {}
        for chain, score, kind in self.chains:
            for run in _runs(sorted(set(chain))):
                start, end = self.tokens[run[0]].start, self.tokens[run[-1]].end
                source = f"{self.d.name}.{kind}" + (
                    CONTEXT_MARK if kind in _CONFIRMED_KINDS else ""
                )
                span = PhiSpan(start, end, PhiLabel.NAME, score, source, self.text[start:end])
                if (start, end) not in out or out[(start, end)].score < score:
                    out[(start, end)] = span
        return sorted(out.values(), key=lambda s: (s.start, s.end))


def _runs(indices: list[int]) -> Iterator[list[int]]:
    """Split sorted token indices into runs of consecutive indices."""
    run: list[int] = []
    for i in indices:
        if run and i != run[-1] + 1:
            yield run
            run = []
        run.append(i)
    if run:
        yield run


@functools.lru_cache(maxsize=16384)
def _shape(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if len(letters) == 1:
        return "initial"
    if all(c.isupper() for c in letters):
        return "upper"
    if all(c.islower() for c in letters):
        return "lower"
    if letters[0].isupper() and any(c.islower() for c in letters[1:3]):
        return "title"
    return "mixed"


def _initial(t: _Token) -> bool:
    return t.shape == "initial"
