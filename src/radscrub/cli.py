"""The ``radscrub`` command: one typer app, one thin sub-command per job.

Each command parses its options, calls the library, and turns ``RadscrubError`` into a one-line
message on stderr with exit code 2. Heavy imports happen inside the commands so ``--help`` is fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

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


def load_config(path: Path | None):  # type: ignore[no-untyped-def]
    """Load the ScrubConfig named on the command line, or the embedded defaults."""
    from radscrub.config import ScrubConfig

    return ScrubConfig.from_toml(path) if path is not None else ScrubConfig()


@app.command()
def detect(
    input: Annotated[Path, typer.Argument(help="JSONL with one {'id', 'text'} object per line.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write predicted spans (JSONL).")],
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
