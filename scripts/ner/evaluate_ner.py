"""Measure a radscrub-ner model on its own: scores on a radscrub corpus, NAME on an outside corpus,
and NerDetector.find_many throughput.

    python scripts/ner/evaluate_ner.py                                 # shipped model, test split
    python scripts/ner/evaluate_ner.py --model /tmp/ner/output/model-best --gold corpora/dev.jsonl
    python scripts/ner/evaluate_ner.py --outside PATH/physionet_deid_dev/corpus.jsonl
    python scripts/ner/evaluate_ner.py --speed-only
    python scripts/ner/evaluate_ner.py --pipeline     # also the default detectors + this model

Scores use radscrub.evaluation: labels the model does not predict are ignored (predictions
overlapping them are not false positives). The outside corpus is only measured, never trained on.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from radscrub.config import DEFAULT_DETECTORS, DetectConfig
from radscrub.detect.base import EMPTY_CONTEXT
from radscrub.detect.ner import SHIPPED_MODEL, NerDetector
from radscrub.evaluation import (
    Document,
    LabelMap,
    evaluate,
    find_errors,
    read_documents,
    resolve_label_map,
    spans_from_objects,
)
from radscrub.evaluation.matching import MatchMode
from radscrub.spans import PhiLabel

ROOT = Path(__file__).resolve().parents[2]
NER_LABELS = ("NAME", "HOSPITAL", "LOCATION", "ORGANIZATION")


def predict(detector: NerDetector, gold: list[Document], batch: int = 64) -> list[Document]:
    """The detector's spans for every gold text, as prediction documents."""
    out: list[Document] = []
    for i in range(0, len(gold), batch):
        part = gold[i : i + batch]
        found = detector.find_many([d.text for d in part], [EMPTY_CONTEXT] * len(part))
        out.extend(
            Document(d.id, "", spans_from_objects(spans), d.patient_id)
            for d, spans in zip(part, found, strict=True)
        )
    return out


def own_corpus_map() -> LabelMap:
    """Keep the NER labels, ignore every other PhiLabel."""
    table = {label.value: label.value for label in PhiLabel}
    table.update({label.value: "ignore" for label in PhiLabel if label.value not in NER_LABELS})
    return LabelMap.from_dict(table, name="ner-only")


def fmt(score: dict) -> str:
    return (
        f"P {score['precision'] or 0:.4f}  R {score['recall'] or 0:.4f}  F1 {score['f1'] or 0:.4f}"
        f"  (gold {score['gold']}, predicted {score['predicted']})"
    )


def score_own(detector: NerDetector, path: Path, errors: Path | None) -> dict:
    gold = read_documents(path)
    pred = predict(detector, gold)
    report = evaluate(gold, pred, own_corpus_map())
    strict = report.entity[MatchMode.STRICT].to_dict()
    token = report.token.to_dict()
    print(f"== {path} (model alone, entity strict / token) ==")
    print(f"  all entities strict typed: {fmt(strict['typed'])}")
    for label in NER_LABELS:
        if label in strict["per_label"]:
            print(f"  {label:13s} strict {fmt(strict['per_label'][label])}")
            print(f"  {'':13s} token  {fmt(token['per_label'][label])}")
    if errors:
        aligned_errors = find_errors(gold, pred, own_corpus_map())
        with open(errors, "w", encoding="utf-8") as handle:
            for case in aligned_errors:
                handle.write(json.dumps(case.to_json(), ensure_ascii=False) + "\n")
        print(f"  errors written to {errors}")
    return {"strict": strict, "token": token["per_label"]}


def score_outside(detector: NerDetector, path: Path, errors: Path | None) -> dict:
    gold = read_documents(path)
    pred = predict(detector, gold)
    label_map = resolve_label_map(None, path)
    report = evaluate(gold, pred, label_map)
    token = report.token.to_dict()
    print(f"== {path} (label map {label_map.name}; MEASURE ONLY) ==")
    for label in ("NAME", "LOCATION"):
        if label in token["per_label"]:
            print(f"  {label:9s} token {fmt(token['per_label'][label])}")
    for source in ("HCPName", "PTName", "RelativeProxyName", "Location"):
        if source in token["per_source_label"]:
            print(f"  recall of {source:18s} {token['per_source_label'][source]['recall']}")
    for letter, what in (("A", "names"), ("B", "places")):
        if letter in token["per_category"]:
            print(f"  category {letter} ({what}) token {fmt(token['per_category'][letter])}")
    if errors:
        with open(errors, "w", encoding="utf-8") as handle:
            for case in find_errors(gold, pred, label_map):
                handle.write(json.dumps(case.to_json(), ensure_ascii=False) + "\n")
        print(f"  errors written to {errors}")
    return token


def speed(detector: NerDetector, path: Path, repeats: int) -> dict:
    texts = [d.text for d in read_documents(path)]
    detector.find_many(texts[:64], [EMPTY_CONTEXT] * 64)  # warm-up
    best = best_cpu = float("inf")
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(texts), 64):
            part = texts[i : i + 64]
            detector.find_many(part, [EMPTY_CONTEXT] * len(part))
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "reports": len(texts),
        "seconds": round(best, 3),
        "reports_per_s": round(len(texts) / best, 1),
        "cpu_seconds": round(best_cpu, 3),
        "reports_per_cpu_s": round(len(texts) / best_cpu, 1),
        "peak_rss_mb": round(rss_mb, 1),
    }
    print(f"== speed on {path}: {json.dumps(result)} (best of {repeats}, batches of 64) ==")
    return result


def score_pipeline(model: str, path: Path) -> dict:
    """Token scores and speed of Scrubber.detect_many: the default detectors plus "ner" (opt-in)."""
    from radscrub import Scrubber, ScrubConfig

    detectors = (*(d for d in DEFAULT_DETECTORS if d != "ner"), "ner")
    scrubber = Scrubber(ScrubConfig(detect=DetectConfig(detectors=detectors, ner_model=model)))
    gold = read_documents(path)
    texts = [d.text for d in gold]
    list(scrubber.detect_many(texts[:64]))  # warm-up
    start, start_cpu = time.perf_counter(), time.process_time()
    found = list(scrubber.detect_many(texts))
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    pred = [
        Document(d.id, "", spans_from_objects(s), d.patient_id)
        for d, s in zip(gold, found, strict=True)
    ]
    token = evaluate(gold, pred, resolve_label_map(None, path)).token.to_dict()
    speed = {
        "reports_per_s": round(len(gold) / seconds, 1),
        "reports_per_cpu_s": round(len(gold) / cpu, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(f"== Scrubber, detectors {', '.join(detectors)}, on {path} ==")
    print(f"  speed {json.dumps(speed)}")
    print(f"  all PHI token {fmt(token['binary'])}")
    for label in NER_LABELS:
        if label in token["per_label"]:
            print(f"  {label:13s} token  {fmt(token['per_label'][label])}")
    return {"speed": speed, "token": token}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=SHIPPED_MODEL, help="model path or 'radscrub-ner'")
    parser.add_argument("--gold", type=Path, default=ROOT / "corpora" / "test.jsonl")
    parser.add_argument("--outside", type=Path, default=None, help="outside corpus, measure only")
    parser.add_argument("--errors", type=Path, default=None, help="folder for error JSONL files")
    parser.add_argument("--speed-only", action="store_true")
    parser.add_argument("--pipeline", action="store_true", help="also score the full Scrubber")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, help="write all numbers here")
    args = parser.parse_args(argv)

    detector = NerDetector(DetectConfig(detectors=(), ner_model=args.model))
    results: dict = {"model": args.model}
    if args.errors:
        args.errors.mkdir(parents=True, exist_ok=True)
    if not args.speed_only:
        results["own"] = score_own(
            detector, args.gold, args.errors / f"{args.gold.stem}.jsonl" if args.errors else None
        )
        if args.outside:
            results["outside"] = score_outside(
                detector, args.outside, args.errors / "outside.jsonl" if args.errors else None
            )
    results["speed"] = speed(detector, args.gold, args.repeats)
    if args.pipeline:
        results["pipeline"] = score_pipeline(args.model, args.gold)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
