"""The ``radscrub`` command: one typer app, one thin sub-command per job.

Each command parses its options, calls the library, and turns ``RadscrubError`` into a one-line
message on stderr with exit code 2. Heavy imports happen inside the commands so ``--help`` is fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

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


def fail(message: str) -> NoReturn:
    """Print ``radscrub: error: <message>`` to stderr and exit with code 2."""
    typer.echo(f"radscrub: error: {message}", err=True)
    raise typer.Exit(code=2)


def load_config(path: Path | None) -> ScrubConfig:
    """Load the ScrubConfig named on the command line, or the embedded defaults."""
    return ScrubConfig.from_toml(path) if path is not None else ScrubConfig()


@app.command()
def detect(
    input: Annotated[Path, typer.Argument(help="JSONL with one {'id', 'text'} object per line.")],
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
    input: Annotated[str, typer.Argument(help="A text file, or '-' for standard input.")],
    config: ConfigOption = None,
    patient_id: Annotated[
        str | None, typer.Option("--patient-id", help="Patient the text belongs to.")
    ] = None,
) -> None:
    """Scrub one report (a text file or stdin) and write the scrubbed text to stdout."""
    from radscrub.pipeline import Scrubber

    try:
        text = _read_text(input)
        scrubber = Scrubber(load_config(config))
        result = scrubber.scrub(text, patient_id=patient_id)
    except RadscrubError as exc:
        fail(str(exc))
    sys.stdout.write(result.text)


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


def _read_text(source: str) -> str:
    """Read a whole UTF-8 text file, or stdin for ``-``; raise InputError naming the file."""
    from radscrub.errors import InputError

    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", source=source) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 at byte {exc.start}; re-encode the file as UTF-8", source=source
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=source) from None


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
