"""Read the reports to review from anything ``radscrub scrub`` reads, or from one ``.txt`` file.

CSV/TSV, JSONL, Parquet and folders of ``.txt`` files go through :mod:`radscrub.io.sources`, so
a report reads the same here as in a batch run. Rows that cannot be parsed come back with a
``problem`` (never raised), so the page can say what it left out.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from radscrub.errors import ConfigError, InputError

ID_COLUMN = "id"
PATIENT_COLUMN = "patient_id"
"""Used when present and no column is named for the role."""


@dataclass(frozen=True)
class InputReport:
    """One report as read: its id, text, patient and known identifiers, or why it was unreadable."""

    id: str
    text: str
    patient_id: str | None = None
    known: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    problem: str | None = None


def iter_reports(
    path: str | Path,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    patient_column: str | None = None,
    phi_columns: Sequence[tuple[str, str]] = (),
    encoding: str = "utf-8",
) -> Generator[InputReport, None, None]:
    """Yield the reports of ``path`` lazily, in input order (close it to release the file).

    The text column defaults to ``text`` (or ``report_text``), the id to ``id`` (else the row
    number), the patient to ``patient_id`` when the input has one. ``phi_columns`` pairs columns
    with a PHI kind (as ``radscrub scrub --phi-column``): their values help find that PHI in the
    text. Raises InputError/ConfigError for input that cannot be read at all.
    """
    path = Path(path)
    if path.suffix.lower() == ".txt" and not path.is_dir():
        if any((text_column, id_column, patient_column, phi_columns)):
            raise ConfigError("a .txt report has no columns: drop the column options")
        yield InputReport(path.stem, _read_text(path, encoding))
        return
    yield from _iter_source(
        path, text_column, id_column, patient_column, tuple(phi_columns), encoding
    )


def _iter_source(
    path: Path,
    text_column: str | None,
    id_column: str | None,
    patient_column: str | None,
    phi_columns: tuple[tuple[str, str], ...],
    encoding: str,
) -> Iterator[InputReport]:
    from radscrub.io.columns import default_text_columns
    from radscrub.io.sources import FORMATS, detect_format, open_source

    where = str(path)
    if not path.exists():
        raise InputError("file not found", source=where)
    try:
        fmt = detect_format(path)
    except ConfigError:
        suffixes = ", ".join(sorted(FORMATS))
        raise InputError(
            f"cannot tell the format from the name; review reads {suffixes} files, a .txt report "
            "or a folder of .txt reports",
            source=where,
        ) from None
    with open_source(path, fmt, encoding) as source:
        columns = source.columns
        if not columns:  # an empty input
            return
        text = text_column or default_text_columns(columns, where)[0]
        _check_columns(columns, where, text, id_column, patient_column, phi_columns)
        ident = id_column or (ID_COLUMN if ID_COLUMN in columns else None)
        patient = patient_column or (PATIENT_COLUMN if PATIENT_COLUMN in columns else None)
        for row in source.rows():
            values = row.values
            place = f"row {row.number}" + (f" (line {row.line})" if row.line else "")
            if values is None:
                yield InputReport(str(row.number), "", problem=f"{place}: {row.problem}")
                continue
            report_id = _cell(values.get(ident)) if ident else None
            report_id = report_id or str(row.number)
            body = values.get(text)
            if not isinstance(body, str):
                kind = "empty (null)" if body is None else f"not text ({type(body).__name__})"
                yield InputReport(report_id, "", problem=f"{place}: {text!r} is {kind}")
                continue
            known: dict[str, tuple[str, ...]] = {}
            for column, kind in phi_columns:
                value = _cell(values.get(column))
                if value:
                    known[kind] = (*known.get(kind, ()), value)
            patient_id = _cell(values.get(patient)) if patient else None
            yield InputReport(report_id, body, patient_id or None, known)


def _check_columns(
    columns: Sequence[str],
    where: str,
    text: str,
    id_column: str | None,
    patient_column: str | None,
    phi_columns: Sequence[tuple[str, str]],
) -> None:
    named = [(text, "--text-column"), (id_column, "--id-column")]
    named += [(patient_column, "--patient-column")]
    named += [(column, "--phi-column") for column, _ in phi_columns]
    missing = [f"{name!r} ({option})" for name, option in named if name and name not in columns]
    if missing:
        have = ", ".join(repr(c) for c in columns)
        raise InputError(
            f"no column {', '.join(missing)}; the input's columns are: {have}", source=where
        )


def _cell(value: Any) -> str | None:
    """A cell as text (None for missing), as a batch run sees it."""
    from radscrub.io.process import as_text

    return as_text(value)


def _read_text(path: Path, encoding: str) -> str:
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return path.read_text(encoding=codec)
    except FileNotFoundError:
        raise InputError("file not found", source=str(path)) from None
    except LookupError:
        raise ConfigError(f"unknown encoding {encoding!r} (try utf-8, cp1252 or latin-1)") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"cannot decode byte {exc.start} as {encoding}; pass the file's encoding with "
            "--encoding (e.g. --encoding cp1252)",
            source=str(path),
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from None
