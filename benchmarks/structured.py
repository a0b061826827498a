"""Score the structured-identifier detectors (identifiers, ages, places) on annotated corpora.

Usage::

    python benchmarks/structured.py PRESIDIO_SYNTH.jsonl [--physionet PHYSIONET.jsonl]

Corpora are JSONL lines ``{"id", "text", "spans": [{"start", "end", "label"}]}``. Their labels
are mapped to ours (printed); unmapped labels are ignored. A gold span counts as found when a
predicted span of the same Safe Harbor category covers it (PHONE and FAX count as one, as the
corpus does not tell fax from phone). Token recall counts alphanumeric tokens; entity recall
counts gold spans with any overlap. Precision counts predicted tokens inside a gold span of the
same category ("strict") or of any label, mapped or not ("lenient"). Self-contained on purpose:
it does not depend on radscrub.evaluation.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import regex

from radscrub.config import DetectConfig
from radscrub.detect.ages import AgeDetector
from radscrub.detect.base import Detector
from radscrub.detect.identifiers import IdentifierDetector
from radscrub.detect.places import PlaceDetector
from radscrub.resolve import resolve
from radscrub.spans import PhiLabel, PhiSpan

PRESIDIO_MAP: dict[str, PhiLabel] = {
    "EMAIL_ADDRESS": PhiLabel.EMAIL,
    "IP_ADDRESS": PhiLabel.IP,
    "US_SSN": PhiLabel.SSN,
    "PHONE_NUMBER": PhiLabel.PHONE,
    "STREET_ADDRESS": PhiLabel.ADDRESS,
    "ZIP_CODE": PhiLabel.ZIP,
    "URL": PhiLabel.URL,
    "DOMAIN_NAME": PhiLabel.URL,
    "US_DRIVER_LICENSE": PhiLabel.LICENSE,
}
PHYSIONET_MAP: dict[str, PhiLabel] = {"Phone": PhiLabel.PHONE}
TARGETS = ("EMAIL", "IP", "SSN", "PHONE", "ADDRESS", "ZIP")
_TOKEN = regex.compile(r"[^\W_]+")


def family(label: PhiLabel) -> str:
    """The Safe Harbor category letter; phone (D) and fax (E) are one family here."""
    letter = label.category.letter
    return "D" if letter == "E" else letter


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def detect(detectors: list[Detector], text: str, min_score: float) -> list[PhiSpan]:
    raw = [span for d in detectors for span in d.find(text)]
    return resolve(raw, text, min_score=min_score)


def _covered(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def score(docs: list[dict], mapping: dict[str, PhiLabel], detectors: list[Detector]) -> None:
    min_score = DetectConfig().min_score
    tok = defaultdict(lambda: [0, 0])  # gold label -> [found, total]
    ent = defaultdict(lambda: [0, 0])
    prec = defaultdict(lambda: [0, 0, 0])  # our label -> [strict, lenient, total] tokens
    predicted = Counter()
    elapsed = 0.0
    for doc in docs:
        text = doc["text"]
        t0 = time.perf_counter()
        spans = detect(detectors, text, min_score)
        elapsed += time.perf_counter() - t0
        by_family: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for span in spans:
            by_family[family(span.label)].append((span.start, span.end))
            predicted[span.label.value] += 1
        gold_family: dict[str, list[tuple[int, int]]] = defaultdict(list)
        gold_any = [(g["start"], g["end"]) for g in doc["spans"]]
        for g in doc["spans"]:
            ours = mapping.get(g["label"])
            if ours is None:
                continue
            fam = family(ours)
            gold_family[fam].append((g["start"], g["end"]))
            hits = by_family.get(fam, [])
            ent[g["label"]][1] += 1
            ent[g["label"]][0] += _covered(g["start"], g["end"], hits)
            for m in _TOKEN.finditer(text, g["start"], g["end"]):
                tok[g["label"]][1] += 1
                tok[g["label"]][0] += _covered(m.start(), m.end(), hits)
        for span in spans:
            fam = family(span.label)
            for m in _TOKEN.finditer(text, span.start, span.end):
                counts = prec[span.label.value]
                counts[2] += 1
                counts[0] += _covered(m.start(), m.end(), gold_family.get(fam, []))
                counts[1] += _covered(m.start(), m.end(), gold_any)
    print(f"  {len(docs)} documents, detection {elapsed:.2f}s")
    print(f"  {'gold label':<20}{'ours':<10}{'tok recall':>16}{'entity recall':>18}")
    for label in sorted(ent):
        t, e = tok[label], ent[label]
        print(f"  {label:<20}{mapping[label].value:<10}{_ratio(*t):>16}{_ratio(*e):>18}")
    print(f"  {'our label':<20}{'spans':>8}{'strict tok prec':>18}{'lenient tok prec':>18}")
    for label in sorted(predicted):
        strict, lenient, total = prec[label]
        print(
            f"  {label:<20}{predicted[label]:>8}{_ratio(strict, total):>18}"
            f"{_ratio(lenient, total):>18}"
        )


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("presidio", type=Path, help="presidio synth_dataset_v2 as corpus JSONL")
    parser.add_argument("--physionet", type=Path, help="PhysioNet deid corpus JSONL")
    args = parser.parse_args()
    config = DetectConfig()
    detectors: list[Detector] = [
        IdentifierDetector(config),
        AgeDetector(config),
        PlaceDetector(config),
    ]
    docs = load(args.presidio)
    labels = Counter(s["label"] for d in docs for s in d["spans"])
    print(f"{args.presidio}")
    print("  mapping: " + ", ".join(f"{k}->{v.value}" for k, v in PRESIDIO_MAP.items()))
    ignored = sorted(set(labels) - set(PRESIDIO_MAP))
    print("  ignored: " + ", ".join(f"{k} ({labels[k]})" for k in ignored))
    score(docs, PRESIDIO_MAP, detectors)
    if args.physionet:
        print(f"{args.physionet}")
        print("  mapping: Phone->PHONE; other labels count only for lenient precision")
        score(load(args.physionet), PHYSIONET_MAP, detectors)
    print(f"targets: recall >= 0.97 for {', '.join(TARGETS)}")


if __name__ == "__main__":
    main()
