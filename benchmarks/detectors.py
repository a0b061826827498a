"""Time of each rule-based detector, in ms per report, on the synthetic test split.

Usage::

    python benchmarks/detectors.py                      # first 300 reports of corpora/test.jsonl
    python benchmarks/detectors.py --limit 1200 --rounds 5
    python benchmarks/detectors.py --against /tmp/old/src   # A/B: this tree vs another src dir

Each detector runs ``find`` over the reports (with the record's known values as context, as
the pipeline passes them); the table shows the best of ``--rounds`` passes (the least disturbed
by other load on the machine), then ``Scrubber.detect_many`` with all of them (detect + resolve)
as ms/report and reports/s. With ``--against DIR`` every round runs this tree and ``DIR`` (a
``src`` directory holding another ``radscrub``) one after the other, each in a fresh process, so
both see the same machine load; the last column is the speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DETECTORS = ("dates", "identifiers", "ages", "places", "names", "known")
TOTAL = "all (detect_many)"


def load_reports(path: Path, limit: int) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(text, patient_id, known) of the first ``limit`` records of a corpus JSONL file."""
    reports = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            known = (record.get("meta") or {}).get("known") or {}
            reports.append((record["text"], record.get("patient_id"), known))
            if len(reports) >= limit:
                break
    return reports


def measure(path: Path, limit: int, rounds: int, names: tuple[str, ...]) -> dict[str, float]:
    """Best-of-``rounds`` ms per report of each detector, and of the whole detect step."""
    from radscrub.config import DetectConfig, ScrubConfig
    from radscrub.detect import build_detectors
    from radscrub.pipeline import Scrubber, make_context

    reports = load_reports(path, limit)
    texts = [text for text, _, _ in reports]
    contexts = [make_context(pid, known) for _, pid, known in reports]
    config = DetectConfig(detectors=names)
    detectors = build_detectors(config)
    scrubber = Scrubber(ScrubConfig(detect=config))
    for detector in detectors:  # warm up: lexicons, compiled patterns, caches of pure helpers
        for text, context in zip(texts[:5], contexts[:5], strict=True):
            detector.find(text, context)
    best: dict[str, float] = {}
    for _ in range(rounds):
        for detector in detectors:
            start = time.perf_counter()
            for text, context in zip(texts, contexts, strict=True):
                detector.find(text, context)
            ms = (time.perf_counter() - start) * 1000 / len(texts)
            best[detector.name] = min(ms, best.get(detector.name, ms))
        start = time.perf_counter()
        pids = [pid for _, pid, _ in reports]
        knowns = [known for _, _, known in reports]
        for _ in scrubber.detect_many(texts, patient_ids=pids, known=knowns):
            pass
        ms = (time.perf_counter() - start) * 1000 / len(texts)
        best[TOTAL] = min(ms, best.get(TOTAL, ms))
    return best


def run_child(src: Path | None, args: argparse.Namespace) -> dict[str, float]:
    """One ``measure`` round in a fresh process whose ``radscrub`` comes from ``src``."""
    env = dict(os.environ)
    if src is not None:
        paths = [str(src), env.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    cmd = [sys.executable, __file__, "--json", "--rounds", "1", "--limit", str(args.limit)]
    cmd += ["--corpus", str(args.corpus), "--detectors", ",".join(args.detectors)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def print_table(columns: dict[str, dict[str, float]], n: int) -> None:
    heads = list(columns)
    rows = list(next(iter(columns.values())))
    print(f"ms per report, best of the rounds, {n} reports")
    line = f"{'detector':<22}" + "".join(f"{h:>14}" for h in heads)
    if len(heads) == 2:
        line += f"{'speed-up':>10}"
    print(line)
    for row in rows:
        values = [columns[h][row] for h in heads]
        line = f"{row:<22}" + "".join(f"{v:>14.2f}" for v in values)
        if len(heads) == 2:
            line += f"{values[1] / values[0]:>9.1f}x"
        print(line)
    for head in heads:
        print(f"{head}: detect_many {1000 / columns[head][TOTAL]:.0f} reports/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "test.jsonl")
    parser.add_argument("--limit", type=int, default=300, help="reports to time (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="passes; the best one counts")
    parser.add_argument(
        "--detectors",
        type=lambda s: tuple(s.split(",")),
        default=DETECTORS,
        help="comma-separated built-in detector names (default: all rule-based ones)",
    )
    parser.add_argument("--against", type=Path, help="another src dir to compare with (A/B)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus} not found; generate it (see corpora/README.md) or pass --corpus")
    if args.against is None:
        result = measure(args.corpus, args.limit, args.rounds, args.detectors)
        if args.json:
            print(json.dumps(result))
        else:
            print_table({"this tree": result}, args.limit)
        return
    columns: dict[str, dict[str, float]] = {"this tree": {}, "against": {}}
    for _ in range(args.rounds):  # interleaved, so both see the same load
        for head, src in (("this tree", ROOT / "src"), ("against", args.against)):
            for key, ms in run_child(src, args).items():
                columns[head][key] = min(ms, columns[head].get(key, ms))
    print_table(columns, args.limit)
    print(f"against = {args.against}")


if __name__ == "__main__":
    main()
