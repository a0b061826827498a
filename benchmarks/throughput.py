"""Throughput of radscrub, side by side with presidio's own batch engines and the same spaCy model.

Usage::

    python benchmarks/throughput.py           # detection + 20,000-row export, 1 and 2 workers
    python benchmarks/throughput.py --ner     # the same with the NER model on (issue 6 targets)
    python benchmarks/throughput.py --quick   # small sizes, for a smoke run
    python benchmarks/throughput.py --n 50000 --workers 1,2,4 --config radscrub.toml

presidio is measured in two set-ups (``--presidio``), both with the same spaCy pipeline as its
NLP engine when NER is configured (a blank English tokenizer otherwise): ``builtin``, presidio
as it comes (its predefined recognizers, and the model's entities through its SpacyRecognizer),
the comparison issue 6 sets its target against; and ``radscrub``, presidio running radscrub's
own detectors as recognizers (no per-row known identifiers: presidio has no way to pass them).

(a) Detection, one process: ``Scrubber.detect_many`` over report texts (``corpora/test.jsonl``
when it exists, else generated ``test``-split reports) against presidio's
``BatchAnalyzerEngine``: reports/s and peak RSS.

(b) Batch, end to end: a generated CSV export (>= 20,000 rows by default) scrubbed by
``radscrub.io.batch.run_batch`` (read, scrub text + structured columns, pseudonymise ids, write,
journal) with each worker count, against a plain presidio pipeline (``BatchAnalyzerEngine`` +
``AnonymizerEngine`` over the text column, csv in and out) on the same number of processes:
reports/s, MB/s of input, peak RSS of the driver and of the largest worker. With several
workers presidio is also run its own way, one ``BatchAnalyzerEngine(n_process=N)``.

(c) Memory as the input grows: the 1-worker radscrub run repeated on a smaller export
(``--memory-n`` rows): a streamed run peaks at about the same RSS for both sizes.

Each measurement runs in a fresh Python process, so peak RSS figures do not mix. Results go to
``benchmarks/results/throughput.md`` and ``throughput.json`` (``results/with_ner/`` with
``--ner``). The detectors are whatever the config enables, plus ``ner`` with ``--ner``; if the
NER model is configured but not installed, NER is left out (noted in the results).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
KEY = "bench-key-" + "x" * 40  # benchmark only: a fixed, public key
PRESIDIO_BATCH = 64
TARGET_RATE = 150.0
"""Issue 6: reports/s of ``radscrub scrub`` with NER on and 2 workers ..."""
NATIVE = "builtin, n_process"
"""presidio's own way to use N processes: one BatchAnalyzerEngine(n_process=N), which runs the
spaCy pipeline in N processes and its recognizers and the anonymizer in the calling one."""
TARGET_RATIO = 2.0
"""... and at least this many times presidio's batch engines on the same processes."""


# -- setup shared by the measurements ---------------------------------------------------------


def load_config(path: str | None, ner: bool = False) -> tuple[Any, list[str]]:
    """The ScrubConfig to measure (pseudonymise mode; ``ner`` adds the NER detector), without
    NER if its model is absent."""
    import dataclasses

    from radscrub.config import ScrubConfig
    from radscrub.errors import ModelLoadError
    from radscrub.pipeline import Scrubber

    config = ScrubConfig.from_toml(path) if path else ScrubConfig()
    config = dataclasses.replace(
        config, transform=dataclasses.replace(config.transform, mode="pseudonymise")
    )
    if ner and "ner" not in config.detect.detectors:
        detectors = (*config.detect.detectors, "ner")
        config = dataclasses.replace(
            config, detect=dataclasses.replace(config.detect, detectors=detectors)
        )
    notes: list[str] = []
    try:
        Scrubber(config, key=_key())
    except ModelLoadError as exc:
        detectors = tuple(d for d in config.detect.detectors if d != "ner")
        config = dataclasses.replace(
            config, detect=dataclasses.replace(config.detect, detectors=detectors)
        )
        notes.append(f"NER left out: {str(exc).split(';')[0]}")
    return config, notes


def _key() -> Any:
    from radscrub.transform.keys import SecretKey

    return SecretKey(KEY.encode())


def _config_from(data: dict[str, Any]) -> Any:
    from radscrub.config import ScrubConfig

    return ScrubConfig.from_dict(data)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (Linux reports KB; macOS bytes)."""
    value = resource.getrusage(who).ru_maxrss
    return round(value / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class BlankNlpEngine:
    """A presidio NlpEngine that only tokenises (spaCy blank English), for configs without NER."""

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.blank("en")

    def _artifacts(self, doc: Any, language: str) -> Any:
        from presidio_analyzer.nlp_engine import NlpArtifacts

        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[t.idx for t in doc],
            lemmas=[t.lemma_ or t.text for t in doc],
            nlp_engine=self,
            language=language,
        )

    def process_text(self, text: str, language: str) -> Any:
        return self._artifacts(self.nlp(text), language)

    def process_batch(
        self, texts: Sequence[str], language: str, batch_size: int = 1, **kwargs: Any
    ) -> Iterator[tuple[str, Any]]:
        texts = [str(text) for text in texts]  # presidio may pass a one-shot iterator
        for text, doc in zip(texts, self.nlp.pipe(texts, batch_size=batch_size), strict=True):
            yield text, self._artifacts(doc, language)

    def is_loaded(self) -> bool:
        return True

    def load(self) -> None:
        return None

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return ["en"]

    def is_stopword(self, word: str, language: str) -> bool:
        return bool(self.nlp.vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        return bool(self.nlp.vocab[word].is_punct)


PRESIDIO_SETUPS = {
    "builtin": "presidio's predefined recognizers + the same spaCy model",
    "radscrub": "presidio running radscrub's detectors as recognizers",
}


def presidio_engines(config: Any, setup: str = "builtin") -> tuple[Any, Any]:
    """(BatchAnalyzerEngine, AnonymizerEngine) with the scrubber's spaCy model and either
    presidio's predefined recognizers (``builtin``) or the scrubber's detectors (``radscrub``)."""
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer
    from presidio_analyzer.recognizer_registry import RecognizerRegistry
    from presidio_anonymizer import AnonymizerEngine

    from radscrub.detect.ner import MODEL_LABELS
    from radscrub.pipeline import Scrubber

    scrubber = Scrubber(config, key=_key())
    model_engine = next((d.engine for d in scrubber.detectors if hasattr(d, "engine")), None)
    nlp_engine = model_engine or BlankNlpEngine()
    if setup == "builtin":
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.load_predefined_recognizers(languages=["en"])
        if model_engine is not None:  # the model's entities come as radscrub label names
            entities = sorted({label.value for label in MODEL_LABELS.values()})
            registry.remove_recognizer("SpacyRecognizer")
            registry.add_recognizer(SpacyRecognizer(supported_entities=entities))
    else:
        registry = RecognizerRegistry(
            recognizers=list(scrubber.detectors), supported_languages=["en"]
        )
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
    return BatchAnalyzerEngine(analyzer_engine=analyzer), AnonymizerEngine()


# -- data -------------------------------------------------------------------------------------


def detection_texts(n: int, work: Path) -> tuple[Path, str]:
    """A JSONL of report texts: corpora/test.jsonl if present, else generated test reports."""
    corpus = ROOT / "corpora" / "test.jsonl"
    path = work / f"detect-{n}.jsonl"
    if path.exists():
        return path, _source_note(corpus)
    if corpus.exists():
        texts = []
        with open(corpus, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    texts.append(json.loads(line)["text"])
                if len(texts) >= n:
                    break
    else:
        from radscrub.corpus import generate_reports

        texts = [str(r["text"]) for r in generate_reports(n, 11, "test")]
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    return path, _source_note(corpus)


def _source_note(corpus: Path) -> str:
    return "corpora/test.jsonl" if corpus.exists() else "generated test-split reports (seed 11)"


def export_csv(n: int, work: Path) -> Path:
    """A synthetic RIS-style CSV export of ``n`` rows (cached in ``work``)."""
    from radscrub.io.synthetic import EXPORT_COLUMNS, export_rows

    path = work / f"export-{n}.csv"
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(export_rows(n, seed=5, split="dev"))
    tmp.replace(path)
    return path


# -- measurements (each in its own process) ---------------------------------------------------


def measure_detect_radscrub(args: dict[str, Any]) -> dict[str, Any]:
    from radscrub.pipeline import Scrubber

    texts = _read_texts(Path(args["texts"]))
    start = time.perf_counter()
    scrubber = Scrubber(_config_from(args["config"]), key=_key())
    load = time.perf_counter() - start
    start = time.perf_counter()
    spans = sum(len(s) for s in scrubber.detect_many(texts, batch_size=PRESIDIO_BATCH))
    seconds = time.perf_counter() - start
    return _detect_result(texts, seconds, load, spans)


def measure_detect_presidio(args: dict[str, Any]) -> dict[str, Any]:
    texts = _read_texts(Path(args["texts"]))
    start = time.perf_counter()
    batch, _ = presidio_engines(_config_from(args["config"]), args["setup"])
    load = time.perf_counter() - start
    start = time.perf_counter()
    results = batch.analyze_iterator(texts, language="en", batch_size=PRESIDIO_BATCH)
    spans = sum(len(r) for r in results)
    seconds = time.perf_counter() - start
    return _detect_result(texts, seconds, load, spans)


def _detect_result(texts: list[str], seconds: float, load: float, spans: int) -> dict[str, Any]:
    return {
        "reports": len(texts),
        "seconds": round(seconds, 3),
        "reports_per_s": round(len(texts) / seconds, 1),
        "chars_per_s": round(sum(map(len, texts)) / seconds),
        "load_seconds": round(load, 2),
        "spans": spans,
        "peak_rss_mb": peak_rss_mb(),
    }


def _read_texts(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def measure_batch_radscrub(args: dict[str, Any]) -> dict[str, Any]:
    from radscrub.io.batch import BatchOptions, run_batch
    from radscrub.io.factory import ScrubberSpec
    from radscrub.io.synthetic import EXPORT_PHI_COLUMNS

    export, out = Path(args["export"]), Path(args["out"])
    factory = ScrubberSpec.prepare(_config_from(args["config"]), key=_key())
    start = time.perf_counter()
    result = run_batch(
        BatchOptions(
            export,
            out,
            id_column="accession",
            patient_column="mrn",
            phi_columns=EXPORT_PHI_COLUMNS,
            workers=args["workers"],
            chunk_size=args["chunk_size"],
            progress=False,
        ),
        factory,
    )
    seconds = time.perf_counter() - start
    rows = result.manifest["rows"]
    out.unlink()
    return _batch_result(export, rows["read"], seconds, args["workers"], rows)


def measure_batch_presidio(args: dict[str, Any]) -> dict[str, Any]:
    export, out, workers = Path(args["export"]), Path(args["out"]), args["workers"]
    chunk = args["chunk_size"]
    native = bool(args.get("native"))  # one process, BatchAnalyzerEngine(n_process=workers)
    start = time.perf_counter()
    with (
        open(export, encoding="utf-8", newline="") as source,
        open(out, "w", encoding="utf-8", newline="") as sink,
    ):
        reader = csv.DictReader(source)
        writer = csv.DictWriter(sink, fieldnames=list(reader.fieldnames or []), lineterminator="\n")
        writer.writeheader()
        chunks = _chunks(reader, chunk)
        n = 0
        if workers == 1 or native:
            _presidio_init(args["config"], args["setup"])
            for rows in chunks:
                writer.writerows(_presidio_chunk(rows, n_process=workers))
                n += len(rows)
        else:
            import multiprocessing

            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(
                workers,
                mp_context=context,
                initializer=_presidio_init,
                initargs=(args["config"], args["setup"]),
            ) as pool:
                for rows in pool.map(_presidio_chunk, chunks):
                    writer.writerows(rows)
                    n += len(rows)
    seconds = time.perf_counter() - start
    out.unlink()
    return _batch_result(export, n, seconds, workers, {"read": n, "written": n})


_PRESIDIO: list[Any] = []  # this process's (BatchAnalyzerEngine, AnonymizerEngine)


def _presidio_init(config: dict[str, Any], setup: str) -> None:
    _PRESIDIO[:] = presidio_engines(_config_from(config), setup)


def _presidio_chunk(rows: list[dict[str, str]], n_process: int = 1) -> list[dict[str, str]]:
    batch, anonymizer = _PRESIDIO
    texts = [row["report_text"] for row in rows]
    results = batch.analyze_iterator(
        texts, language="en", batch_size=PRESIDIO_BATCH, n_process=n_process
    )
    for row, text, found in zip(rows, texts, results, strict=True):
        row["report_text"] = anonymizer.anonymize(text=text, analyzer_results=found).text
    return rows


def _chunks(reader: Any, size: int) -> Iterator[list[dict[str, str]]]:
    rows: list[dict[str, str]] = []
    for row in reader:
        rows.append(row)
        if len(rows) >= size:
            yield rows
            rows = []
    if rows:
        yield rows


def _batch_result(
    export: Path, n: int, seconds: float, workers: int, rows: dict[str, int]
) -> dict[str, Any]:
    size = export.stat().st_size
    return {
        "workers": workers,
        "rows": rows,
        "seconds": round(seconds, 2),
        "reports_per_s": round(n / seconds, 1),
        "mb_per_s": round(size / seconds / 1e6, 2),
        "mb": round(size / 1e6, 2),
        "driver_peak_rss_mb": peak_rss_mb(),
        "worker_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN) if workers > 1 else None,
    }


MEASURES = {
    "detect_radscrub": measure_detect_radscrub,
    "detect_presidio": measure_detect_presidio,
    "batch_radscrub": measure_batch_radscrub,
    "batch_presidio": measure_batch_presidio,
}


def run_measure(kind: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; return its JSON result."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--args", json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# -- report -----------------------------------------------------------------------------------


def render_markdown(results: dict[str, Any]) -> str:
    det = results["detection"]
    ours = det["radscrub"]
    lines = [
        "# Throughput",
        "",
        f"{results['date']} · {results['machine']} · detectors: "
        f"{', '.join(results['detectors']) or '(none)'}",
        *[f"- note: {note}" for note in results["notes"]],
        "",
        f"## Detection, one process ({ours['reports']} reports: {det['source']})",
        "",
        "| engine | reports/s | chars/s | load s | peak RSS MB | spans |",
        "|---|---:|---:|---:|---:|---:|",
        _row("radscrub Scrubber.detect_many", ours, "chars_per_s"),
        *[
            _row(f"presidio BatchAnalyzerEngine ({setup})", res, "chars_per_s")
            for setup, res in det["presidio"].items()
        ],
        "",
        *[
            f"- radscrub / presidio ({setup}): **{_ratio(ours, res):.2f}x**"
            for setup, res in det["presidio"].items()
        ],
        "",
        f"## Batch, end to end ({results['batch']['rows']:,} rows, "
        f"{results['batch']['mb']:.1f} MB CSV)",
        "",
        "| engine | workers | reports/s | MB/s | driver peak RSS MB | worker peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for run in results["batch"]["runs"]:
        engines = [("radscrub scrub", run["radscrub"])]
        engines += [(f"presidio ({setup})", res) for setup, res in run["presidio"].items()]
        for name, res in engines:
            lines.append(
                f"| {name} | {res['workers']} | {res['reports_per_s']} | {res['mb_per_s']} | "
                f"{res['driver_peak_rss_mb']} | {res['worker_peak_rss_mb'] or '-'} |"
            )
    lines.append("")
    for run in results["batch"]["runs"]:
        ours_b = run["radscrub"]
        for setup, theirs_b in run["presidio"].items():
            ratio = _ratio(ours_b, theirs_b)
            lines.append(
                f"- {ours_b['workers']} worker(s): radscrub / presidio ({setup}) **{ratio:.2f}x**"
                + (_targets(results, ours_b, ratio) if setup == "builtin" else "")
            )
    memory = results.get("memory")
    if memory:
        full = next(
            (r["radscrub"] for r in results["batch"]["runs"] if r["radscrub"]["workers"] == 1), None
        )
        if full is not None:
            lines += [
                "",
                "## Memory as the input grows (radscrub scrub, 1 worker, streamed)",
                "",
                "| rows | MB of CSV | peak RSS MB |",
                "|---:|---:|---:|",
                f"| {memory['rows']:,} | {memory['radscrub']['mb']} | "
                f"{memory['radscrub']['driver_peak_rss_mb']} |",
                f"| {results['batch']['rows']:,} | {results['batch']['mb']} | "
                f"{full['driver_peak_rss_mb']} |",
            ]
    lines += [
        "",
        "radscrub batch = read CSV, scrub text with the row's known identifiers, transform the",
        "structured PHI columns, pseudonymise ids, write parts + journal (fsync), assemble.",
        "presidio = BatchAnalyzerEngine + AnonymizerEngine (replace) on the text column only;",
        *[f"  {setup}: {text}." for setup, text in PRESIDIO_SETUPS.items()],
        f"  {NATIVE}: presidio's own multi-process mode, one BatchAnalyzerEngine(n_process=N)",
        "  (spaCy in N processes, recognizers and anonymizer in one); the other presidio rows",
        "  run N whole engines in a process pool, as radscrub does (the stronger reference).",
        "",
    ]
    return "\n".join(lines)


def _ratio(ours: dict[str, Any], theirs: dict[str, Any]) -> float:
    return float(ours["reports_per_s"]) / float(theirs["reports_per_s"])


def _targets(results: dict[str, Any], ours: dict[str, Any], ratio: float) -> str:
    """Issue 6's verdict for the 2-worker NER run (only meaningful at full size, quiet machine)."""
    if ours["workers"] != 2 or "ner" not in results["detectors"]:
        return ""
    met = ours["reports_per_s"] >= TARGET_RATE and ratio >= TARGET_RATIO
    return (
        f" (issue 6 target >= {TARGET_RATE:g} reports/s and >= {TARGET_RATIO:g}x: "
        f"{'met' if met else 'NOT met'})"
    )


def _row(name: str, res: dict[str, Any], speed: str) -> str:
    return (
        f"| {name} | {res['reports_per_s']} | {res[speed]:,} | {res['load_seconds']} | "
        f"{res['peak_rss_mb']} | {res['spans']} |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="rows in the batch export")
    parser.add_argument("--detect-n", type=int, default=2000, help="reports for detection")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--chunk-size", type=int, default=250)
    parser.add_argument("--quick", action="store_true", help="n=2000, detect-n=300")
    parser.add_argument("--config", help="ScrubConfig TOML (default: the built-in defaults)")
    parser.add_argument("--ner", action="store_true", help="add the NER detector to the config")
    parser.add_argument(
        "--presidio",
        default="builtin,radscrub",
        help=f"presidio set-ups to measure, comma-separated: {', '.join(PRESIDIO_SETUPS)}",
    )
    parser.add_argument(
        "--memory-n",
        type=int,
        default=5000,
        help="rows of a smaller export scrubbed with 1 worker, to show memory does not grow "
        "with the input (0: skip)",
    )
    parser.add_argument(
        "--no-native",
        action="store_true",
        help=f"skip presidio's own multi-process mode ({NATIVE})",
    )
    parser.add_argument("--work", help="folder for generated inputs (default: a temp folder)")
    parser.add_argument(
        "--out", help="where to write the results (default: benchmarks/results[/with_ner])"
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--args", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.measure:
        print(json.dumps(MEASURES[options.measure](json.loads(options.args))))
        return
    if options.quick:
        options.n, options.detect_n, options.memory_n = 2000, 300, 500
    workers = [int(w) for w in options.workers.split(",") if w.strip()]
    setups = [s.strip() for s in options.presidio.split(",") if s.strip()]
    unknown = sorted(set(setups) - set(PRESIDIO_SETUPS))
    if unknown:
        parser.error(f"--presidio: unknown set-up(s) {', '.join(unknown)}")
    config, notes = load_config(options.config, ner=options.ner)
    work_root = Path(options.work) if options.work else Path(tempfile.mkdtemp(prefix="rsbench-"))
    work_root.mkdir(parents=True, exist_ok=True)
    config_data = config.to_dict()

    texts, source = detection_texts(options.detect_n, work_root)
    print(f"detection: {options.detect_n} reports ({source})", file=sys.stderr)
    detection = {
        "source": source,
        "radscrub": run_measure("detect_radscrub", {"texts": str(texts), "config": config_data}),
        "presidio": {
            setup: run_measure(
                "detect_presidio", {"texts": str(texts), "config": config_data, "setup": setup}
            )
            for setup in setups
        },
    }
    print(f"generating a {options.n}-row export ...", file=sys.stderr)
    export = export_csv(options.n, work_root)
    runs = []
    for count in workers:
        print(f"batch: {count} worker(s)", file=sys.stderr)
        args = {
            "export": str(export),
            "out": str(work_root / "out.csv"),
            "workers": count,
            "chunk_size": options.chunk_size,
            "config": config_data,
        }
        presidio = {
            setup: run_measure("batch_presidio", {**args, "setup": setup}) for setup in setups
        }
        if count > 1 and "builtin" in setups and not options.no_native:
            print(f"batch: presidio BatchAnalyzerEngine(n_process={count})", file=sys.stderr)
            presidio[NATIVE] = run_measure(
                "batch_presidio", {**args, "setup": "builtin", "native": True}
            )
        runs.append({"radscrub": run_measure("batch_radscrub", args), "presidio": presidio})
    memory = None
    if options.memory_n and 1 in workers:
        print(f"memory: {options.memory_n}-row export, 1 worker", file=sys.stderr)
        small = export_csv(options.memory_n, work_root)
        args = {
            "export": str(small),
            "out": str(work_root / "out-small.csv"),
            "workers": 1,
            "chunk_size": options.chunk_size,
            "config": config_data,
        }
        memory = {"rows": options.memory_n, "radscrub": run_measure("batch_radscrub", args)}
    results = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}",
        "detectors": list(config.detect.detectors),
        "notes": notes,
        "detection": detection,
        "batch": {
            "rows": options.n,
            "mb": round(export.stat().st_size / 1e6, 2),
            "chunk_size": options.chunk_size,
            "runs": runs,
        },
        "memory": memory,
    }
    out = Path(options.out) if options.out else RESULTS / ("with_ner" if options.ner else "")
    out.mkdir(parents=True, exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    markdown = render_markdown(results)
    (out / "throughput.md").write_text(markdown, encoding="utf-8")
    print(markdown)


if __name__ == "__main__":
    main()
