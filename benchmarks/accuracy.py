"""Accuracy benchmark: score radscrub (or given prediction files) on gold corpora.

Scores ``corpora/test.jsonl`` (when it has been generated) and every corpus named on the command
line, e.g. ``/work/shared/corpora/*/corpus.jsonl``; a built-in label map is chosen from each
corpus' folder name unless ``--label-map`` names one. Writes ``accuracy.md`` and
``accuracy.json`` (with the git commit and date) to ``benchmarks/results/`` or ``--out``.

    python benchmarks/accuracy.py [CORPUS ...] [--pred PRED ...] [--limit N] [--out DIR]

With ``--pred``, the i-th prediction file (``radscrub detect`` JSONL, or any tool's) is scored
against the i-th CORPUS instead of running radscrub, and ``corpora/test.jsonl`` is not added.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from radscrub.errors import RadscrubError
from radscrub.evaluation.matching import MatchMode
from radscrub.evaluation.predict import DetectFn, scrubber_detect
from radscrub.evaluation.report import fmt_rate
from radscrub.evaluation.run import EvaluationRun, evaluate_files

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / "corpora" / "test.jsonl"
DEFAULT_OUT = REPO / "benchmarks" / "results"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit status (1 when any corpus failed)."""
    args = _parser().parse_args(argv)
    corpora: list[Path] = list(args.corpora)
    preds: list[Path | None] = list(args.pred) or [None] * len(corpora)
    if args.pred and len(args.pred) != len(corpora):
        print("error: give one --pred per CORPUS, in the same order", file=sys.stderr)
        return 2
    skipped: list[dict[str, str]] = []
    try:
        config = _config(args.config)
    except RadscrubError as exc:
        print(f"error: bad --config: {exc}", file=sys.stderr)
        return 2
    label_maps: list[str | None] = [args.label_map] * len(corpora)
    if not args.pred:
        if DEFAULT_CORPUS in {c.resolve() for c in corpora}:
            pass  # named on the command line already
        elif DEFAULT_CORPUS.exists():
            corpora.insert(0, DEFAULT_CORPUS)
            preds.insert(0, None)
            # times of day are scored only when radscrub is asked to find them
            label_maps.insert(0, "radscrub" if config.detect.keep_times else "none")
        else:
            skipped.append(
                {"corpus": _rel(DEFAULT_CORPUS), "reason": "not generated yet (radscrub generate)"}
            )
    detect: DetectFn | None = None
    setup_seconds = None
    results: list[dict[str, Any]] = []
    failed = 0
    for corpus, pred, label_map in zip(corpora, preds, label_maps, strict=True):
        if not corpus.exists():
            skipped.append({"corpus": str(corpus), "reason": "not found"})
            continue
        if pred is None and detect is None:  # build radscrub once, and only when needed
            started = time.perf_counter()
            try:
                detect = scrubber_detect(config)
            except RadscrubError as exc:
                print(f"error: cannot build radscrub's Scrubber: {exc}", file=sys.stderr)
                return 2
            setup_seconds = round(time.perf_counter() - started, 2)
        print(f"scoring {corpus} ...", file=sys.stderr)
        try:
            run = evaluate_files(corpus, pred, label_map=label_map, detect=detect, limit=args.limit)
        except RadscrubError as exc:
            print(f"  failed: {exc}", file=sys.stderr)
            skipped.append({"corpus": str(corpus), "reason": f"failed: {exc}"})
            failed += 1
            continue
        results.append(_summary(corpus, pred, run))

    payload = {
        "benchmark": "accuracy",
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain")),
        "radscrub_version": _version(),
        "python": platform.python_version(),
        "limit": args.limit,
        "scrubber_setup_seconds": setup_seconds,
        "corpora": results,
        "skipped": skipped,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "accuracy.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    markdown = render_markdown(payload)
    (args.out / "accuracy.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="gold corpora (any supported format)")
    parser.add_argument(
        "--pred", action="append", type=Path, default=[], help="predictions for the i-th CORPUS"
    )
    parser.add_argument("--label-map", help="label map file or built-in name for every CORPUS")
    parser.add_argument("--limit", type=int, help="score only the first N documents per corpus")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--config", type=Path, help="ScrubConfig TOML for radscrub")
    return parser


def _config(path: Path | None) -> Any:
    from radscrub.config import ScrubConfig

    return ScrubConfig.from_toml(path) if path is not None else ScrubConfig()


def _summary(corpus: Path, pred: Path | None, run: EvaluationRun) -> dict[str, Any]:
    """The per-corpus numbers the benchmark publishes."""
    r = run.report
    entity = {
        mode.value: {
            "any_label": r.entity[mode].any_label.to_dict(),
            "same_label": r.entity[mode].typed.to_dict(),
        }
        for mode in MatchMode
    }
    return {
        "corpus": _rel(corpus),
        "predictions": str(pred) if pred is not None else "radscrub",
        "documents": r.documents,
        "gold_spans": r.gold_spans,
        "predicted_spans": r.predicted_spans,
        "label_map": r.label_map,
        "token": r.token.binary.to_dict(),
        "token_recall_per_label": {k: _r(v.recall) for k, v in r.token.per_label.items()},
        "token_recall_per_source_label": {
            k: _r(v.recall) for k, v in r.token.per_source_label.items()
        },
        "entity": entity,
        "leak": r.leak.to_dict(),
        "spurious": _spurious(run),
        "ignored_gold": r.ignored_gold,
        "unmapped_labels": r.unmapped_labels,
        "docs_per_second": r.extra.get("docs_per_second"),
        "seconds": r.extra.get("seconds"),
    }


def _spurious(run: EvaluationRun) -> dict[str, Any]:
    """Over-scrubbing: predictions that overlap no gold (nor ignored) span, by predicted label."""
    by_label: dict[str, int] = {}
    for case in run.errors(context=0):
        if case.kind == "spurious":
            by_label[case.span.label] = by_label.get(case.span.label, 0) + 1
    total = sum(by_label.values())
    documents = run.report.documents
    return {
        "total": total,
        "per_100_documents": round(100 * total / documents, 2) if documents else None,
        "by_label": dict(sorted(by_label.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def render_markdown(payload: dict[str, Any]) -> str:
    """The benchmark results as a markdown page."""
    lines = [
        "# radscrub accuracy benchmark",
        "",
        f"- date: {payload['date']}",
        f"- git commit: {payload['git_commit'] or 'unknown'}"
        + (" (uncommitted changes)" if payload["git_dirty"] else ""),
        f"- radscrub {payload['radscrub_version']}, Python {payload['python']}"
        + (f", first {payload['limit']} documents per corpus" if payload["limit"] else ""),
        "",
    ]
    for c in payload["corpora"]:
        lines += _corpus_markdown(c)
    for s in payload["skipped"]:
        lines.append(f"- skipped `{s['corpus']}`: {s['reason']}")
    return "\n".join(lines).rstrip() + "\n"


def _corpus_markdown(c: dict[str, Any]) -> list[str]:
    tok, leak = c["token"], c["leak"]
    speed = c["docs_per_second"]
    lines = [
        f"## `{c['corpus']}`",
        "",
        f"{c['documents']} documents, {c['gold_spans']} scored gold spans, "
        f"{c['predicted_spans']} predicted spans ({c['predictions']}"
        + (f", {speed} docs/s" if speed is not None else "")
        + f"); label map `{c['label_map']['name']}`.",
        "",
        "| measure | precision | recall | F1 |",
        "|---|---|---|---|",
        f"| token (PHI or not) | {_f(tok['precision'])} | {_f(tok['recall'])} | {_f(tok['f1'])} |",
    ]
    for mode, sides in c["entity"].items():
        for side, s in sides.items():
            name = f"entity {mode}, {side.replace('_', ' ')}"
            lines.append(f"| {name} | {_f(s['precision'])} | {_f(s['recall'])} | {_f(s['f1'])} |")
    rate = leak["rate"]
    spurious = c["spurious"]
    labels = ", ".join(f"{k} {v}" for k, v in spurious["by_label"].items()) or "none"
    lines += [
        "",
        f"Leak rate: {leak['documents_leaking']} of {leak['documents_with_phi']} documents with "
        f"PHI leak at least one PHI token ({'-' if rate is None else f'{100 * rate:.1f}%'}).",
        "",
        f"Spurious predictions (over-scrubbing: overlapping no gold span): {spurious['total']}, "
        f"{spurious['per_100_documents']} per 100 documents; by label: {labels}.",
        "",
        "| gold label | token recall |",
        "|---|---|",
        *(f"| {k} | {_f(v)} |" for k, v in c["token_recall_per_label"].items()),
        "",
    ]
    lmap = c["label_map"]
    if lmap["mapped"] or lmap["ignored"]:
        mapped = ", ".join(f"{k} → {v}" for k, v in sorted(lmap["mapped"].items()))
        lines.append(f"Mapped labels: {mapped or 'none'}.")
        source_recall = c["token_recall_per_source_label"]
        if lmap["mapped"]:
            lines += [
                "",
                "| their label | token recall |",
                "|---|---|",
                *(f"| {k} | {_f(source_recall.get(k))} |" for k in sorted(lmap["mapped"])),
                "",
            ]
        ignored = ", ".join(
            f"{k} ({c['ignored_gold'].get(k, 0)} spans, token recall {_f(source_recall.get(k))})"
            for k in lmap["ignored"]
        )
        lines.append(f"Ignored labels (neither hits nor misses): {ignored or 'none'}.")
        if lmap["notes"]:
            lines.append(lmap["notes"])
    for side, labels in c["unmapped_labels"].items():
        if labels:
            lines.append(f"Unmapped {side} labels (scored as written): {', '.join(labels)}.")
    lines.append("")
    return lines


def _f(value: float | None) -> str:
    return fmt_rate(value)


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("radscrub")
    except Exception:  # not installed: fall back to the source tree's own number
        import radscrub

        return str(getattr(radscrub, "__version__", "unknown"))


if __name__ == "__main__":
    sys.exit(main())
