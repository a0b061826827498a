"""Synthetic clinical shorthand notes for radscrub-ner: negative-rich text with a few names.

The synthetic radiology corpus is written in full sentences from a closed vocabulary, so a model
trained on it alone reads any unfamiliar word in ALL CAPS or lower case ("REMAINS", "cont",
"COLACE") as a name. These notes are the counterweight: system-by-system progress notes in
nursing/ICU shorthand (headers such as NEURO:, CV:, RESP:, GI/GU:), drug names, abbreviations,
units, vitals, vent settings and lab lists, written ALL CAPS, lower case or mixed, often without
punctuation, with allow-listed clinical terms and random common English words as filler.
Names appear in the same styles, as they do in such notes: sign-offs ("DAN A. SMITH, RRT"),
relatives ("husband Rich in to visit"), clinicians ("dr healey aware").

Everything here is generated from word lists written in this file (generic clinical English),
the package's allow-lists (radscrub/data/allow) and the name/common-word/city lexicons that
augment.py already reads (train-pool names and cities only). No outside corpus text is used.
"""

# Content tables: one phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

import functools
import math
import random
import re
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # augment imports this module; the types only matter to checkers
    from augment import Vocabulary

Span = tuple[int, int, str]
Record = tuple[str, list[Span]]

CASE_STYLES = (("upper", 0.45), ("lower", 0.25), ("mixed", 0.30))
NO_PUNCTUATION_P = 0.3
SENTENCE_CAPITAL_P = 0.6
DRUG_CAPITAL_P = 0.4
WORD_CAPITAL_P = 0.08
"""In mixed-case notes: chance to Capitalise a sentence-initial word, a drug name, another word."""
SIGN_OFF_P = 0.65
NAME_LINE_P = 0.35
"""Chance a note ends with a sign-off, and that a section carries a name mention."""

HEADERS: tuple[str, ...] = (
    "NEURO", "CV", "RESP", "GI", "GU", "GI/GU", "SKIN", "ID", "SOCIAL", "PLAN", "ENDO", "HEME",
    "RENAL", "PAIN", "ACCESS", "LINES", "A/P", "ASSESSMENT", "EVENTS", "PULM", "FEN", "F/E/N",
    "MS", "PSYCH", "DISPO", "LABS", "ACTIVITY", "SAFETY", "CODE", "ALLERGIES", "VENT", "RESP CARE",
    "NEURO/PAIN", "CARDIAC", "RESPIRATORY", "GASTRO", "INTEGUMENT", "WOUND", "FAMILY", "COMFORT",
    "S", "O", "A", "P", "HEENT", "MUSCULOSKELETAL", "LYTES", "NUTRITION", "IV ACCESS", "DRIPS",
)  # fmt: skip

TITLES: tuple[str, ...] = (
    "Nursing Progress Note", "NPN", "Nursing Note", "Respiratory Care Note", "Resp Care",
    "Respiratory Therapy", "MICU Nursing Progress Note", "CCU Nursing Note", "SICU Nursing",
    "CSRU Nursing Progress Note", "Nursing Admission Note", "Nursing Transfer Note",
    "Shift Note 7a-7p", "Shift Note 7p-7a", "Nursing Addendum", "Event Note", "Respiratory Care",
    "Neonatology Nursing", "NICU Nursing Progress Note", "PACU Note", "Social Work Note",
    "Case Management", "Physical Therapy", "Nutrition Follow Up", "Pharmacy Note",
)  # fmt: skip

DRUGS: tuple[str, ...] = (
    "lasix", "furosemide", "colace", "senna", "dulcolax", "lactulose", "miralax", "protonix",
    "pantoprazole", "famotidine", "pepcid", "zantac", "reglan", "zofran", "ondansetron",
    "compazine", "tylenol", "tyl", "acetaminophen", "morphine", "MSO4", "dilaudid",
    "hydromorphone", "fentanyl", "oxycodone", "percocet", "ativan", "lorazepam", "versed",
    "midazolam", "propofol", "precedex", "haldol", "haloperidol", "seroquel", "zyprexa",
    "heparin", "lovenox", "enoxaparin", "coumadin", "warfarin", "aspirin", "ASA", "plavix",
    "integrilin", "nitro", "NTG", "nipride", "labetalol", "lopressor", "metoprolol", "diltiazem",
    "dilt", "amiodarone", "digoxin", "dopamine", "dopa", "dobutamine", "dobut", "levophed",
    "neo", "neosynephrine", "vasopressin", "epinephrine", "milrinone", "insulin", "RISS",
    "NPH", "lantus", "glargine", "humalog", "vanco", "vancomycin", "zosyn", "levaquin",
    "levofloxacin", "cipro", "flagyl", "ceftriaxone", "cefazolin", "kefzol", "gentamicin",
    "meropenem", "bactrim", "fluconazole", "acyclovir", "solumedrol", "prednisone",
    "decadron", "hydrocortisone", "albuterol", "atrovent", "combivent", "MDI", "nebs",
    "KCL", "K-phos", "mag sulfate", "MgSO4", "calcium gluconate", "bicarb", "D5W", "D50",
    "NS", "LR", "1/2NS", "PRBC", "FFP", "platelets", "albumin", "lipitor", "captopril",
    "lisinopril", "hydralazine", "nexium", "sucralfate", "carafate", "keppra", "dilantin",
    "phenytoin", "depakote", "thiamine", "folate", "MVI", "kayexalate", "sevelamer",
    "nicotine patch", "ambien", "trazodone", "benadryl", "narcan", "flumazenil", "mucomyst",
    "TPN", "lipids", "nepro", "promote", "jevity", "impact", "peptamen", "ensure",
)  # fmt: skip

ABBREVIATIONS: tuple[str, ...] = (
    "pt", "pts", "hr", "bp", "sbp", "dbp", "map", "rr", "sat", "sats", "spo2", "o2", "nc",
    "fio2", "peep", "psv", "cpap", "bipap", "ett", "ogt", "ngt", "peg", "foley", "iabp",
    "ccu", "micu", "sicu", "csru", "ed", "or", "icu", "nsr", "sr", "st", "sb", "afib", "aflutter",
    "pvc", "pvcs", "pac", "mae", "perrl", "perrla", "a&ox3", "a+ox3", "oob", "ooc", "npo",
    "prn", "q4h", "q2h", "q1h", "qd", "bid", "tid", "qid", "qhs", "hs", "po", "iv", "ivf",
    "ivp", "sq", "sc", "im", "pr", "gtt", "gtts", "mcg", "mg", "meq", "cc", "ml", "u",
    "cvp", "pad", "pas", "pcwp", "svo2", "co", "ci", "svr", "abg", "vbg", "cxr", "kub", "ekg",
    "ecg", "echo", "ct", "mri", "us", "lis", "lcs", "tf", "tfs", "bm", "bms", "bs", "abd",
    "ls", "le", "ue", "bilat", "rll", "lll", "rul", "lul", "rml", "dsg", "c/d/i", "wnl",
    "d/c", "d/c'd", "dc'd", "s/p", "h/o", "h.o", "c/o", "w/", "w/o", "f/u", "r/o", "s/s",
    "sxn", "sxn'd", "sx'd", "trach", "trached", "vent", "extubated", "intubated", "abx",
    "cx", "bcx", "ucx", "wbc", "hct", "hgb", "plt", "inr", "ptt", "bun", "cr", "lytes",
    "k", "mg", "ca", "phos", "glu", "fs", "fsbs", "bg", "ck", "cpk", "trop", "lfts", "ast",
    "alt", "rass", "gcs", "cam-icu", "hob", "dvt", "ppx", "ivc", "picc", "tlc", "cvl",
    "a-line", "aline", "pa line", "swan", "jp", "chest tube", "ct", "pca", "pcs", "teds",
    "sero/sang", "serosang", "sang", "purulent", "dnr", "dni", "full code", "cmo", "hcp",
    "ms", "vs", "vss", "t", "tmax", "hob>30", "ssi", "cath", "pa", "stas", "pa stas",
    "mmhg", "l/min", "mcg/kg/min", "u/hr", "cc/hr", "ml/hr", "mg/hr", "bpm",
)  # fmt: skip

WORDS: tuple[str, ...] = (
    "remains", "remained", "cont", "conts", "continues", "continue", "continued", "given",
    "received", "recvd", "placed", "started", "stopped", "held", "titrated", "weaned", "wean",
    "weaning", "tolerating", "tolerated", "tol", "draining", "drained", "drainage", "thick",
    "thin", "tan", "yellow", "white", "clear", "cloudy", "amber", "bloody", "blood tinged",
    "coarse", "diminished", "crackles", "rhonchi", "wheezes", "clear", "soft", "firm",
    "distended", "nontender", "tender", "hypoactive", "active", "absent", "present", "alert",
    "awake", "asleep", "sleepy", "lethargic", "sedated", "agitated", "restless", "calm",
    "cooperative", "pleasant", "confused", "oriented", "disoriented", "responds", "stimuli",
    "painful", "verbal", "nods", "mouths", "follows", "commands", "moves", "all", "extremities",
    "afebrile", "febrile", "good", "fair", "poor", "minimal", "moderate", "large", "small",
    "scant", "copious", "strong", "weak", "palpable", "doppler", "dopplerable", "warm", "cool",
    "dry", "moist", "intact", "reddened", "blanchable", "edema", "edematous", "stable",
    "unchanged", "improved", "improving", "worse", "worsening", "appears", "appeared",
    "comfortable", "uncomfortable", "denies", "pain", "nausea", "vomiting", "emesis", "stool",
    "urine", "output", "residuals", "residual", "goal", "rate", "settings", "trial", "tube",
    "site", "sites", "line", "lines", "dressing", "changed", "flushed", "patent", "positional",
    "melena", "guaiac", "positive", "negative", "neg", "pos", "labs", "pending", "sent",
    "drawn", "repleted", "aware", "notified", "paged", "called", "updated", "visit", "visited",
    "bedside", "today", "tonight", "overnight", "this", "am", "pm", "shift", "noc", "days",
    "however", "then", "also", "well", "will", "to", "be", "and", "with", "on", "at", "in",
    "of", "for", "per", "via", "after", "before", "since", "until", "post", "pre", "approx",
    "presently", "currently", "occasional", "occ", "frequent", "freq", "intermittent", "episodes",
    "episode", "brief", "sustained", "runs", "noted", "seen", "heard", "felt", "gurgling",
    "bubbling", "leak", "cuff", "suctioned", "suctioning", "secretions", "sputum", "plugs",
    "mouth care", "turned", "repositioned", "skin care", "back care", "air mattress", "bed",
    "chair", "dangled", "ambulated", "assist", "independent", "bedbound", "restraints",
    "sitter", "safety", "precautions", "isolation", "contact", "droplet", "monitor", "monitoring",
    "closely", "carefully", "follow", "plan", "family", "meeting", "discussed", "questions",
    "answered", "support", "emotional", "teaching", "education", "understands", "agrees",
)  # fmt: skip

RELATIONS: tuple[str, ...] = (
    "husband", "wife", "son", "daughter", "sister", "brother", "mother", "father", "niece",
    "nephew", "grandson", "granddaughter", "friend", "neighbor", "fiance", "partner", "HCP",
    "daughter in law", "son in law", "cousin", "aunt", "uncle", "pastor", "guardian",
)  # fmt: skip

CREDENTIALS: tuple[str, ...] = (
    "RN", "RN", "RN", "RRT", "RRT", "MD", "NP", "PA", "LPN", "CRT", "SN", "RN BSN", "BSN RN",
    "CCRN", "PT", "OT", "SW", "LICSW", "RD", "PharmD", "MSW",
)  # fmt: skip

CLINICIAN_LEADS: tuple[str, ...] = (
    "dr ", "Dr. ", "dr. ", "DR ", "d/w dr ", "per dr ", "seen by dr ", "discussed with Dr ",
    "MD ", "resident ", "per NP ", "fellow ", "attending dr ", "paged dr ", "covering md ",
)  # fmt: skip
CLINICIAN_TAILS: tuple[str, ...] = (
    " aware", " notified", " made aware", " in to see pt", " paged", " at bedside",
    " called back", ", no new orders", " aware of above", " - will follow", "", " updated",
    " re: plan", " ordered ",
)  # fmt: skip
RELATIVE_TAILS: tuple[str, ...] = (
    " in to visit", " called", " at bedside", " visited this eve", " in this am",
    " updated by RN", " called x2 for update", ", updated on plan", " here most of shift",
    " aware of plan", " is HCP", " phone # on chart", " will be in tomorrow",
    " spoke with team", " in and out",
)  # fmt: skip

Piece = tuple[str, str | None]
"""A run of text and its label (None for non-PHI)."""


_DRUG_WORDS = frozenset(w for d in DRUGS for w in d.lower().split())
_WORD = re.compile(r"[a-z][a-z']*")


@functools.lru_cache(maxsize=1)
def allow_terms() -> tuple[str, ...]:
    """Clinical terms and eponyms from the package's allow-lists (comments dropped)."""
    terms: list[str] = []
    for name in ("clinical.txt", "eponyms.txt"):
        text = (resources.files("radscrub") / "data" / "allow" / name).read_text(encoding="utf-8")
        for line in text.splitlines():
            term = line.split("#", 1)[0].strip()
            if term and len(term) <= 30:
                terms.append(term)
    return tuple(terms)


class NoteWriter:
    """Builds one note as a list of pieces; names and places carry their label."""

    def __init__(self, rng: random.Random, vocab: Vocabulary) -> None:
        self.rng = rng
        self.vocab = vocab
        self.pieces: list[Piece] = []

    # -- drawing ---------------------------------------------------------------------------
    def pick(self, items: Sequence[str]) -> str:
        return self.rng.choice(items)

    def num(self, lo: int, hi: int) -> str:
        return str(self.rng.randint(lo, hi))

    def dec(self, lo: float, hi: float, places: int = 1) -> str:
        return f"{self.rng.uniform(lo, hi):.{places}f}"

    def first(self) -> str:
        return _rank_draw(self.rng, self.vocab.first).capitalize()

    def last(self) -> str:
        name = _rank_draw(self.rng, self.vocab.last)
        return name[:1].upper() + name[1:]

    def filler(self, n: int) -> str:
        """Random common English words and clinical words: ordinary text, never names."""
        out = []
        for _ in range(n):
            roll = self.rng.random()
            if roll < 0.4:
                out.append(_rank_draw(self.rng, self.vocab.words))
            elif roll < 0.7:
                out.append(self.pick(WORDS))
            elif roll < 0.85:
                out.append(self.pick(ABBREVIATIONS))
            else:
                out.append(self.pick(DRUGS))
        return " ".join(out)

    # -- writing ---------------------------------------------------------------------------
    def text(self, piece: str) -> None:
        self.pieces.append((piece, None))

    def phi(self, piece: str, label: str) -> None:
        self.pieces.append((piece, label))

    def person(self, style: str | None = None) -> None:
        """A name in one of the shapes notes use, labelled NAME as one span."""
        style = style or self.pick(("first", "last", "full", "full", "initial", "dr"))
        if style == "first":
            self.phi(self.first(), "NAME")
        elif style == "last":
            self.phi(self.last(), "NAME")
        elif style == "initial":
            self.phi(f"{self.first()[0]}. {self.last()}", "NAME")
        elif style == "middle":
            self.phi(f"{self.first()} {self.first()[0]}. {self.last()}", "NAME")
        else:
            self.phi(f"{self.first()} {self.last()}", "NAME")

    def clinician(self) -> None:
        """ "dr healey aware", "d/w Dr. Smith", "per NP Jane" ..."""
        self.text(self.pick(CLINICIAN_LEADS))
        self.person(self.pick(("last", "last", "last", "full", "first")))
        tail = self.pick(CLINICIAN_TAILS)
        self.text(tail + self.pick(DRUGS) if tail.endswith("ordered ") else tail)

    def relative(self) -> None:
        """ "husband Rich in to visit", "pt's daughter Ann called" ..."""
        rel = self.pick(RELATIONS)
        lead = self.pick(("", "pt's ", "Pt's ", "pts ", "her ", "his "))
        self.text(f"{lead}{rel} ")
        self.person(self.pick(("first", "first", "first", "full")))
        self.text(self.pick(RELATIVE_TAILS))

    def sign_off(self) -> None:
        """ "DAN A. SMITH, RRT", "J. Doe RN", "- Kim" at the end of a note."""
        self.text(self.pick(("\n", "\n", "\n- ", "\n", "\n\n")))
        self.person(self.pick(("full", "full", "middle", "initial", "first", "last")))
        self.text(self.pick((", ", " ", ", ", " ")) + self.pick(CREDENTIALS))

    def findings(self, header: str) -> None:
        """A section's body: shorthand phrases for the system named by ``header``."""
        maker = SECTION_MAKERS.get(header.split("/")[0], generic_phrase)
        n = self.rng.randint(1, 4)
        for i in range(n):
            self.text(maker(self))
            if self.rng.random() < NAME_LINE_P / n:
                self.text(self.pick((". ", ", ", " ", "; ")))
                (self.relative if header in ("SOCIAL", "FAMILY") else self.clinician)()
            if i < n - 1:
                self.text(self.pick((". ", ", ", " ", "; ", ". ")))


def _rank_draw(rng: random.Random, items: Sequence[str]) -> str:
    """Frequent entries more often, rare entries too (log-uniform by rank)."""
    return items[min(len(items) - 1, int(math.exp(rng.random() * math.log(len(items)))) - 1)]


def neuro(w: NoteWriter) -> str:
    return w.pick(
        (
            f"{w.pick(('alert', 'awake', 'lethargic', 'sedated', 'drowsy'))} {w.pick(('and oriented x3', 'a+ox3', 'oriented x1', 'not following commands', 'follows commands', 'MAE', 'PERRL'))}",
            f"sedated on {w.pick(('propofol', 'versed', 'fentanyl', 'precedex'))} at {w.num(5, 80)} mcg/kg/min",
            f"responds to {w.pick(('painful stimuli', 'voice', 'touch'))}, {w.pick(('MAE', 'moves all ext', 'no purposeful movement'))}",
            f"RASS {w.num(-5, 2)}, GCS {w.num(3, 15)}",
            f"pupils {w.num(2, 5)}mm brisk, {w.pick(('no seizure activity', 'denies pain', 'c/o HA'))}",
            f"{w.pick(('ativan', 'haldol', 'morphine', 'dilaudid'))} {w.num(1, 4)} mg iv prn for {w.pick(('agitation', 'pain', 'anxiety'))} with {w.pick(('good', 'fair', 'minimal'))} effect",
        )
    )


def cardiac(w: NoteWriter) -> str:
    return w.pick(
        (
            f"{w.pick(('NSR', 'SR', 'ST', 'SB', 'afib', 'AF', 'paced'))} {w.num(50, 130)}s, {w.pick(('no ectopy', 'occ PVCs', 'freq PACs', 'runs of SVT'))}",
            f"SBP {w.num(80, 120)}-{w.num(120, 180)}, MAP > {w.num(55, 70)}",
            f"{w.pick(('levophed', 'neo', 'dopa', 'dobutamine', 'vasopressin'))} gtt at {w.dec(0.01, 10, 2)} mcg/kg/min, {w.pick(('weaning', 'titrated up', 'off at', 'unable to wean'))}",
            f"K {w.dec(3.0, 5.5)} repleted with {w.num(10, 60)} meq KCL",
            f"pulses {w.pick(('palpable', 'dopplerable', 'weak', 'strong'))} {w.pick(('x4', 'bilat', 'DP/PT'))}, ext {w.pick(('warm', 'cool', 'mottled'))}",
            f"{w.pick(('1+', '2+', '3+', 'trace'))} edema {w.pick(('BLE', 'bilat LE', 'all ext', 'UE'))}",
            f"CVP {w.num(2, 20)} PAD {w.num(10, 30)} CI {w.dec(1.5, 4)}",
            f"lasix {w.num(10, 80)} mg iv given with {w.pick(('good', 'minimal', 'fair'))} response",
        )
    )


def resp(w: NoteWriter) -> str:
    return w.pick(
        (
            f"LS {w.pick(('coarse', 'clear', 'diminished', 'crackles', 'rhonchi'))} {w.pick(('bilat', 'at bases', 'throughout', 'RLL', 'LUL'))}",
            f"sx'd for {w.pick(('small', 'mod', 'large', 'copious', 'scant'))} amts {w.pick(('thick', 'thin'))} {w.pick(('tan', 'yellow', 'white', 'blood tinged', 'clear'))} sputum",
            f"vent {w.pick(('AC', 'CMV', 'SIMV', 'PSV', 'CPAP'))} {w.num(10, 24)}x{w.num(350, 650)} / {w.num(30, 100)}% / PEEP {w.num(5, 15)}",
            f"weaned to PS {w.num(5, 20)}/{w.num(5, 10)}, RR {w.num(12, 30)}, TV {w.num(300, 700)}",
            f"ABG {w.dec(7.2, 7.5, 2)}/{w.num(30, 60)}/{w.num(60, 200)}",
            f"sats {w.num(88, 100)}% on {w.num(2, 6)}L NC",
            f"RSBI {w.num(30, 120)}, {w.pick(('plan to extubate in am', 'failed SBT', 'tolerating CPAP trial', 'remains on vent'))}",
            f"nebs {w.pick(('albuterol', 'atrovent', 'combivent'))} q{w.num(2, 6)}h, MDI {w.num(4, 8)} puffs",
            f"trach {w.pick(('site clean', 'care done', 'cuff inflated', 'mask 40%'))}",
        )
    )


def gi(w: NoteWriter) -> str:
    return w.pick(
        (
            f"abd {w.pick(('soft', 'firm', 'distended', 'obese'))}, {w.pick(('nontender', 'tender', 'NT/ND'))}, BS {w.pick(('present', 'hypoactive', 'absent', '+'))}",
            f"TF {w.pick(('nepro', 'promote', 'jevity', 'impact', 'peptamen'))} at {w.num(10, 80)} cc/hr, goal {w.num(40, 90)}, residuals {w.num(0, 200)} cc",
            f"{w.pick(('no BM', 'BM x1', 'loose stool', 'melena', 'guaiac pos stool'))} {w.pick(('this shift', 'today', 'x2', ''))}",
            f"given {w.pick(('colace', 'senna', 'dulcolax', 'lactulose', 'miralax'))} {w.pick(('', 'po', 'pr', 'per OGT'))}",
            f"OGT to LIS draining {w.pick(('bilious', 'green', 'coffee ground', 'minimal'))} {w.pick(('fluid', 'drainage', 'output'))}",
            f"NPO except meds, {w.pick(('protonix', 'pepcid', 'famotidine'))} iv",
        )
    )


def gu(w: NoteWriter) -> str:
    return w.pick(
        (
            f"foley patent draining {w.pick(('clear', 'amber', 'cloudy', 'pink', 'yellow'))} urine {w.num(20, 200)} cc/hr",
            f"UO {w.pick(('adequate', 'marginal', 'poor', 'good'))}, BUN/Cr {w.num(10, 80)}/{w.dec(0.5, 4)}",
            f"{w.pick(('voiding', 'incontinent', 'condom cath'))} {w.pick(('qs', 'x2', 'large amts'))}",
            f"I/O {w.pick(('+', '-', ''))}{w.num(100, 3000)} cc {w.pick(('LOS', 'today', 'since MN'))}",
        )
    )


def skin(w: NoteWriter) -> str:
    return w.pick(
        (
            f"{w.pick(('intact', 'grossly intact', 'warm dry intact'))}",
            f"coccyx {w.pick(('stage 1', 'stage 2', 'reddened', 'blanchable'))}, {w.pick(('barrier cream applied', 'turned q2h', 'duoderm in place'))}",
            f"{w.pick(('dsg', 'dressing'))} {w.pick(('c/d/i', 'dry and intact', 'changed', 'sero/sang drainage'))}",
            f"{w.pick(('JP', 'chest tube', 'drain'))} with {w.num(5, 200)} cc {w.pick(('serosang', 'sero/sang', 'sanguinous', 'purulent'))} drainage",
            f"{w.pick(('PICC', 'TLC', 'A-line', 'PIV'))} site {w.pick(('WNL', 'clean', 'without redness'))}",
        )
    )


def infection(w: NoteWriter) -> str:
    return w.pick(
        (
            f"Tmax {w.dec(97, 103)}, {w.pick(('afebrile', 'febrile', 'cultures sent'))}",
            f"WBC {w.dec(3, 25)}, on {w.pick(('vanco', 'zosyn', 'levaquin', 'flagyl', 'meropenem', 'cipro'))} and {w.pick(('vanco', 'zosyn', 'fluconazole', 'bactrim'))}",
            f"{w.pick(('BCx', 'UCx', 'sputum cx'))} {w.pick(('pending', 'sent', 'neg to date', 'GPC in clusters'))}",
            f"{w.pick(('contact', 'droplet', 'MRSA', 'VRE', 'c diff'))} precautions",
        )
    )


def endo(w: NoteWriter) -> str:
    return w.pick(
        (
            f"FS {w.num(60, 300)}, covered with {w.num(2, 10)} u RISS",
            f"insulin gtt at {w.num(1, 12)} u/hr per protocol",
            f"FSBS q{w.pick(('4', '6', '1'))}h, {w.pick(('NPH', 'lantus', 'humalog'))} {w.num(4, 30)} u",
        )
    )


def labs(w: NoteWriter) -> str:
    items = [
        f"NA {w.num(128, 148)}", f"K {w.dec(3, 6)}", f"CL {w.num(95, 112)}", f"CO2 {w.num(18, 32)}",
        f"BUN {w.num(5, 90)}", f"CR {w.dec(0.4, 5)}", f"GLU {w.num(60, 300)}", f"HCT {w.dec(20, 42)}",
        f"WBC {w.dec(2, 25)}", f"PLT {w.num(40, 400)}", f"INR {w.dec(0.9, 4)}", f"PTT {w.num(25, 120)}",
        f"MG {w.dec(1.2, 3)}", f"CA {w.dec(7, 10.5)}", f"PHOS {w.dec(1.5, 6)}", f"LACTATE {w.dec(0.5, 8)}",
    ]  # fmt: skip
    w.rng.shuffle(items)
    return " ".join(items[: w.rng.randint(3, 9)])


def social(w: NoteWriter) -> str:
    return w.pick(
        (
            f"{w.pick(('family', 'wife', 'husband', 'daughter', 'son'))} {w.pick(('in to visit', 'called for update', 'at bedside', 'updated by team'))}",
            f"{w.pick(('full code', 'DNR/DNI', 'CMO', 'DNR'))}, {w.pick(('family meeting planned', 'HCP aware', 'SW following'))}",
            f"{w.pick(('lives alone', 'lives with wife', 'from rehab', 'from home'))}, {w.pick(('supportive family', 'no family involved', 'family aware of plan'))}",
        )
    )


def plan(w: NoteWriter) -> str:
    return w.pick(
        (
            f"cont to monitor {w.pick(('hemodynamics', 'resp status', 'neuro status', 'UO', 'labs', 'I/O'))}",
            f"wean {w.pick(('vent', 'pressors', 'levophed', 'O2', 'sedation'))} as tol",
            f"{w.pick(('? extubate', 'PT consult', 'OOB to chair', 'call out to floor', 'repeat lytes'))} {w.pick(('in am', 'today', 'tomorrow', 'this eve', 'if stable'))}",
            f"f/u {w.pick(('labs', 'cx data', 'CXR', 'echo', 'CT results'))}, {w.pick(('replete lytes prn', 'support family', 'pain control', 'skin care'))}",
        )
    )


def generic_phrase(w: NoteWriter) -> str:
    roll = w.rng.random()
    if roll < 0.35:
        term = w.pick(allow_terms())
        return f"{w.pick(('hx', 'h/o', 'r/o', 's/p', 'known', 'no evidence of', '?', 'dx'))} {term}"
    if roll < 0.75:
        return w.filler(w.rng.randint(3, 9))
    return f"{w.pick(DRUGS)} {w.num(1, 500)} {w.pick(('mg', 'mcg', 'u', 'meq', 'cc'))} {w.pick(('iv', 'po', 'sq', 'pr', 'prn', 'qd', 'bid'))}"


SECTION_MAKERS: dict[str, Callable[[NoteWriter], str]] = {
    "NEURO": neuro, "MS": neuro, "PAIN": neuro, "PSYCH": neuro, "COMFORT": neuro,
    "CV": cardiac, "CARDIAC": cardiac, "DRIPS": cardiac, "HEME": cardiac,
    "RESP": resp, "PULM": resp, "VENT": resp, "RESPIRATORY": resp, "RESP CARE": resp,
    "GI": gi, "GASTRO": gi, "FEN": gi, "F": gi, "NUTRITION": gi,
    "GU": gu, "RENAL": gu, "SKIN": skin, "INTEGUMENT": skin, "WOUND": skin, "ACCESS": skin,
    "LINES": skin, "IV ACCESS": skin, "ID": infection, "ENDO": endo, "LABS": labs,
    "LYTES": labs, "SOCIAL": social, "FAMILY": social, "PLAN": plan, "A": plan, "DISPO": plan,
}  # fmt: skip


def write_note(rng: random.Random, vocab: Vocabulary) -> Record:
    """One synthetic shorthand note, case-styled, with its NAME spans."""
    w = NoteWriter(rng, vocab)
    if rng.random() < 0.6:
        w.text(w.pick(TITLES) + w.pick((":\n", "\n", " - ", ": ")))
    headers = rng.sample(HEADERS, rng.randint(3, 9))
    if rng.random() < 0.5:  # the usual order: a system-by-system note
        order = {h: i for i, h in enumerate(HEADERS)}
        headers.sort(key=lambda h: order[h])
    for header in headers:
        w.text(header + w.pick((": ", ":", " - ", "- ", " ", ": ")))
        w.findings(header)
        w.text(w.pick(("\n", "\n", ". ", "  ", "\n\n")))
    if rng.random() < SIGN_OFF_P:
        w.sign_off()
    return style(w.pieces, rng)


def style(pieces: Sequence[Piece], rng: random.Random) -> Record:
    """Join pieces in one case style (names follow the text's case), maybe without punctuation."""
    roll, acc, how = rng.random(), 0.0, "mixed"
    for name, share in CASE_STYLES:
        acc += share
        if roll < acc:
            how = name
            break
    strip = rng.random() < NO_PUNCTUATION_P
    text_parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for piece, label in pieces:
        if how == "upper":
            piece = piece.upper()
        elif how == "lower":
            piece = piece.lower()
        elif label is None:
            # mixed: plain text in lower case or as written, with sentence starts, drugs and
            # some other words Capitalised ("Remains", "Started Nepro"): capitals alone are
            # no evidence of a name
            if rng.random() < 0.5 and not piece.isupper():
                piece = piece.lower()
            starts_sentence = pos == 0 or text_parts[-1].endswith(("\n", ". ", ": "))
            piece = _capitalise_some(piece, rng, starts_sentence)
        if strip and label is None:
            piece = "".join(ch for ch in piece if ch not in ".,;")
        if label is not None:
            spans.append((pos, pos + len(piece), label))
        text_parts.append(piece)
        pos += len(piece)
    return "".join(text_parts), spans


def _capitalise_some(piece: str, rng: random.Random, starts_sentence: bool) -> str:
    """Capitalise sentence-initial words (usually) and drug or other words (now and then)."""

    def one(match: re.Match[str]) -> str:
        word = match.group()
        at_start = match.start() == 0 and starts_sentence
        after_stop = match.start() >= 2 and piece[match.start() - 2 : match.start()] in (
            ". ",
            ":\n",
        )
        line_start = match.start() >= 1 and piece[match.start() - 1] == "\n"
        if at_start or after_stop or line_start:
            p = SENTENCE_CAPITAL_P
        else:
            p = DRUG_CAPITAL_P if word.lower() in _DRUG_WORDS else WORD_CAPITAL_P
        return word[:1].upper() + word[1:] if rng.random() < p else word

    return _WORD.sub(one, piece)


def notes(count: int, seed: int, vocab: Vocabulary) -> Iterator[Record]:
    """``count`` notes, reproducibly from ``seed``."""
    rng = random.Random(f"radscrub-notes-{seed}")
    for _ in range(count):
        yield write_note(rng, vocab)
