"""The ``radscrub`` command: one typer app, one thin sub-command per job.

Each command parses its options, calls the library, and turns ``RadscrubError`` into a one-line
message on stderr with exit code 2. Heavy imports happen inside the commands so ``--help`` is fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from radscrub.config import ScrubConfig
from radscrub.errors import RadscrubError

app = typer.Typer(
    name="radscrub",
    help="De-identify radiology report text (HIPAA Safe Harbor).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="ScrubConfig TOML file.", dir_okay=False),
]

KeyFileOption = Annotated[
    Path | None,
    typer.Option(
        "--key-file",
        help="Secret key file (radscrub keygen); overrides the config.",
        dir_okay=False,
    ),
]


def fail(message: str) -> NoReturn:
    """Print ``radscrub: error: <message>`` to stderr and exit with code 2."""
    typer.echo(f"radscrub: error: {message}", err=True)
    raise typer.Exit(code=2)


def load_config(path: Path | None) -> ScrubConfig:
    """Load the ScrubConfig named on the command line, or the embedded defaults."""
    return ScrubConfig.from_toml(path) if path is not None else ScrubConfig()


@app.command()
def detect(
    input: Annotated[
        Path,
        typer.Argument(
            help="JSONL with one {'id', 'text'} object per line (optional 'patient_id', "
            "'known'), a .txt file, or a folder of .txt files."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write predicted spans (JSONL).")
    ],
    config: ConfigOption = None,
) -> None:
    """Detect PHI spans: writes {"id", "spans": [{start, end, label, score, source}]} per line."""
    from radscrub.io.jsonl import detect_jsonl
    from radscrub.pipeline import Scrubber

    try:
        n = detect_jsonl(input, out, Scrubber(load_config(config)))
    except RadscrubError as exc:
        fail(str(exc))
    typer.echo(f"detected PHI in {n} documents -> {out}", err=True)


@app.command()
def scrub(
    input: Annotated[
        str,
        typer.Argument(
            help="A report text file or '-' (stdin); with --out: a CSV/TSV, JSONL or Parquet "
            "export, or a folder of .txt files."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Batch mode: write the scrubbed export here (same format)."
        ),
    ] = None,
    config: ConfigOption = None,
    patient_id: Annotated[
        str | None, typer.Option("--patient-id", help="Patient the text belongs to (one report).")
    ] = None,
    key_file: KeyFileOption = None,
    mode: Annotated[
        str | None, typer.Option("--mode", help="Override transform.mode: anonymise, pseudonymise.")
    ] = None,
    text_column: Annotated[
        list[str] | None,
        typer.Option(
            "--text-column", help="Report text column; repeatable (default: text, report_text)."
        ),
    ] = None,
    id_column: Annotated[
        str | None, typer.Option("--id-column", help="Report id column (pseudonymised).")
    ] = None,
    patient_column: Annotated[
        str | None, typer.Option("--patient-column", help="Patient id column (pseudonymised).")
    ] = None,
    phi_column: Annotated[
        list[str] | None,
        typer.Option(
            "--phi-column",
            help="COLUMN=KIND, repeatable (kinds: name, mrn, accession, date, patient_id ...): "
            "the value is a known identifier of the row's text and is transformed itself.",
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
    exclude_patients: Annotated[
        Path | None,
        typer.Option("--exclude-patients", help="File of patient ids (one per line) to leave out."),
    ] = None,
    quarantine: Annotated[
        Path | None,
        typer.Option(
            "--quarantine", help="Write rows that failed here (JSONL with the raw row: has PHI)."
        ),
    ] = None,
    manifest: Annotated[
        Path | None, typer.Option("--manifest", help="Write the run manifest (JSON, no PHI).")
    ] = None,
    audit_log: Annotated[
        Path | None, typer.Option("--audit-log", help="Append the manifest as one JSONL event.")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run on the same --out.")
    ] = False,
    encoding: Annotated[str, typer.Option("--encoding", help="Input text encoding.")] = "utf-8",
    input_format: Annotated[
        str | None,
        typer.Option("--format", help="csv, tsv, jsonl, parquet or txt (default: from the name)."),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", min=1, help="Rows per chunk (unit of work and resume).")
    ] = 500,
    max_chars: Annotated[
        int,
        typer.Option("--max-chars", min=0, help="Quarantine longer texts unread (0: no limit)."),
    ] = 1_000_000,
) -> None:
    """Scrub one report to stdout, or with --out a whole export (exit 1: rows were quarantined).

    Batch mode keeps the input's format and columns, scrubs the text columns, pseudonymises the
    id and patient columns and transforms --phi-column values; a failing row is quarantined,
    never written. Exit codes: 0 done, 1 done but rows were quarantined, 2 usage or input error.
    """
    import dataclasses

    from radscrub.io.factory import ScrubberSpec

    try:
        scrub_config = load_config(config)
        if mode is not None:
            if mode not in ("anonymise", "pseudonymise"):
                fail(f"--mode must be anonymise or pseudonymise, not {mode!r}")
            transform = dataclasses.replace(scrub_config.transform, mode=mode)  # type: ignore[arg-type]
            scrub_config = dataclasses.replace(scrub_config, transform=transform)
        factory = ScrubberSpec.prepare(scrub_config, key_file=key_file)
        if out is None:
            batch_only = {
                "--text-column": text_column, "--id-column": id_column,
                "--patient-column": patient_column, "--phi-column": phi_column,
                "--exclude-patients": exclude_patients, "--quarantine": quarantine,
                "--manifest": manifest, "--audit-log": audit_log, "--resume": resume,
                "--format": input_format, "--workers": workers != 1,
            }  # fmt: skip
            given = [name for name, value in batch_only.items() if value]
            if given:
                fail(f"{', '.join(given)} need(s) --out (batch mode)")
            text = _read_text(input)
            result = factory().scrub(text, patient_id=patient_id)
            sys.stdout.write(result.text)
            return
        if input == "-":
            fail("batch mode (--out) reads a file or folder, not stdin")
        from radscrub.io.batch import BatchOptions
        from radscrub.io.columns import parse_phi_columns

        batch = BatchOptions(
            input=Path(input),
            output=out,
            format=input_format,
            encoding=encoding,
            text_columns=tuple(text_column or ()),
            id_column=id_column,
            patient_column=patient_column,
            phi_columns=parse_phi_columns(phi_column or ()),
            exclude_patients=exclude_patients,
            quarantine=quarantine,
            manifest=manifest,
            audit_log=audit_log,
            workers=workers,
            chunk_size=chunk_size,
            max_chars=max_chars,
            resume=resume,
        )
        code = _scrub_batch(factory, batch)
    except RadscrubError as exc:
        fail(str(exc))
    if code:
        raise typer.Exit(code=code)


def _scrub_batch(factory: Any, batch: Any) -> int:
    """Run radscrub.io.batch for the scrub command; print warnings and the summary to stderr."""
    from radscrub.io.batch import run_batch

    def warn(message: str) -> None:
        typer.echo(f"radscrub: warning: {message}", err=True)

    result = run_batch(batch, factory, warn=warn)
    for line in result.summary():
        typer.echo(f"radscrub: {line}", err=True)
    if result.exit_code:
        where = f" in {batch.quarantine}" if batch.quarantine else " (not kept: pass --quarantine)"
        typer.echo(
            f"radscrub: {result.manifest['rows']['quarantined']} row(s) quarantined{where}",
            err=True,
        )
    return result.exit_code


@app.command()
def evaluate(
    gold: Annotated[
        Path, typer.Option("--gold", help="Gold corpus: JSONL, BRAT, i2b2 XML or PhysioNet deid.")
    ],
    pred: Annotated[
        Path | None,
        typer.Option("--pred", help="Predicted spans of any tool (JSONL); omit to run radscrub."),
    ] = None,
    label_map: Annotated[
        str | None,
        typer.Option(
            "--label-map", help="TOML/JSON map, built-in name or 'none' (default: from the path)."
        ),
    ] = None,
    gold_format: Annotated[
        str, typer.Option("--format", help="Gold format (auto, jsonl, brat, i2b2, physionet).")
    ] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Per-label recall/precision bars (PNG).")
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Every missed/spurious span in context (JSONL; has PHI)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Score predicted PHI spans against gold spans: token leak rates, strict/relaxed/overlap."""
    from radscrub.evaluation.plot import plot_report
    from radscrub.evaluation.report import render_json, render_text, write_errors
    from radscrub.evaluation.run import evaluate_files

    try:
        scrub_config = load_config(config) if pred is None else None
        run = evaluate_files(
            gold, pred, label_map=label_map, gold_format=gold_format, config=scrub_config
        )
        if plot is not None:
            plot_report(run.report, plot)
        if errors is not None:
            write_errors(run.errors(), errors)
    except RadscrubError as exc:
        fail(str(exc))
    typer.echo(render_json(run.report) if as_json else render_text(run.report), nl=False)


@app.command()
def review(
    input: Annotated[
        Path,
        typer.Argument(help="CSV/TSV, JSONL, Parquet, a folder of .txt reports, or one .txt."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the HTML page.")],
    config: ConfigOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Review the first N reports (0: all).")
    ] = 200,
    mode: Annotated[
        str | None, typer.Option("--mode", help="Override transform.mode: anonymise, pseudonymise.")
    ] = None,
    text_column: Annotated[
        str | None, typer.Option("--text-column", help="Report text column (default: text).")
    ] = None,
    id_column: Annotated[
        str | None, typer.Option("--id-column", help="Report id column (default: id, or row).")
    ] = None,
    patient_column: Annotated[
        str | None,
        typer.Option("--patient-column", help="Patient id column (default: patient_id if any)."),
    ] = None,
    phi_column: Annotated[
        list[str] | None,
        typer.Option("--phi-column", help="COLUMN=KIND of a structured identifier; repeatable."),
    ] = None,
    encoding: Annotated[str, typer.Option("--encoding", help="Input encoding.")] = "utf-8",
) -> None:
    """Write a self-contained HTML page of each report's PHI and its replacement (it holds PHI)."""
    import dataclasses

    from radscrub.io.columns import parse_phi_columns
    from radscrub.pipeline import Scrubber
    from radscrub.review import review_file

    try:
        scrub_config = load_config(config)
        if mode is not None:
            transform = dataclasses.replace(scrub_config.transform, mode=mode)  # type: ignore[arg-type]
            scrub_config = dataclasses.replace(scrub_config, transform=transform)
        summary = review_file(
            input,
            out,
            Scrubber(scrub_config),
            limit=limit,
            text_column=text_column,
            id_column=id_column,
            patient_column=patient_column,
            phi_columns=parse_phi_columns(phi_column or ()),
            encoding=encoding,
        )
    except RadscrubError as exc:
        fail(str(exc))
    more = " (input has more; raise --limit)" if summary.truncated else ""
    bad = f", {summary.unreadable} unreadable rows left out" if summary.unreadable else ""
    typer.echo(
        f"reviewed {summary.reports} report{'s' if summary.reports != 1 else ''}, "
        f"{summary.spans} PHI spans{bad}{more} -> {out} "
        "(contains PHI: handle it as such)",
        err=True,
    )


@app.command()
def generate(
    out: Annotated[Path, typer.Option("--out", "-o", help="JSONL file to write.")],
    n: Annotated[int, typer.Option("--n", min=0, help="Number of reports.")] = 1000,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed: same (n, seed, split), same bytes.")
    ] = 0,
    split: Annotated[str, typer.Option("--split", help="train, dev or test.")] = "train",
) -> None:
    """Generate synthetic annotated radiology reports (JSONL; no real patient data)."""
    from radscrub.corpus import write_corpus

    try:
        stats = write_corpus(out, n=n, seed=seed, split=split)
    except RadscrubError as exc:
        fail(str(exc))
    typer.echo(
        f"wrote {stats.reports} reports of {stats.patients} patients, {stats.spans} spans -> {out}",
        err=True,
    )


@app.command()
def keygen(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Key file to create (never overwritten).")
    ],
) -> None:
    """Write a new random secret key (32 bytes, urlsafe base64) readable by its owner only."""
    from radscrub.transform.keys import write_key_file

    try:
        write_key_file(out)
    except RadscrubError as exc:
        fail(str(exc))
    typer.echo(f"wrote a new key to {out} (mode 0600); keep it secret and backed up", err=True)


@app.command()
def relink(
    pseudonyms: Annotated[list[str], typer.Argument(help="Pseudonyms to look up.")],
    crosswalk: Annotated[
        Path, typer.Option("--crosswalk", help="The crosswalk SQLite file.", dir_okay=False)
    ],
    key_file: Annotated[
        list[Path],
        typer.Option("--key-file", help="Key file; repeat for old keys after a rotation."),
    ],
) -> None:
    """Print ``pseudonym<TAB>kind<TAB>original`` for each pseudonym (key holders only)."""
    from radscrub.transform.crosswalk import Crosswalk
    from radscrub.transform.keys import read_key_file

    missing = 0
    try:
        if not crosswalk.exists():
            fail(f"{crosswalk}: crosswalk not found")
        with Crosswalk(crosswalk, [read_key_file(k) for k in key_file]) as store:
            for pseudonym in pseudonyms:
                found = store.relink(pseudonym)
                missing += not found
                for kind, original in found:
                    typer.echo(f"{pseudonym}\t{kind}\t{original}")
    except RadscrubError as exc:
        fail(str(exc))
    if missing:
        typer.echo(f"radscrub: {missing} pseudonym(s) not in the crosswalk", err=True)
        raise typer.Exit(code=1)


def _read_text(source: str) -> str:
    """Read a whole UTF-8 text file, or stdin for ``-``; raise InputError naming the file."""
    from radscrub.io.text import read_text_file

    return sys.stdin.read() if source == "-" else read_text_file(source)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
