"""Read annotated documents from any supported corpus format into :class:`Document` objects.

Formats: ``jsonl`` (the ``radscrub detect`` contract), ``brat`` (standoff ``.txt`` + ``.ann``),
``i2b2-2014`` and ``i2b2-2006`` (XML) and ``physionet`` (deid 1.1 ``id.text`` + ``id-phi.phrase``).
:func:`read_documents` picks the format from the path when asked for ``auto``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from radscrub.errors import InputError
from radscrub.evaluation._io import read_text_file
from radscrub.evaluation.brat import read_brat
from radscrub.evaluation.documents import Document, Span
from radscrub.evaluation.i2b2 import read_i2b2, read_i2b2_2006, read_i2b2_2014
from radscrub.evaluation.physionet import read_physionet

FORMATS: tuple[str, ...] = ("auto", "jsonl", "brat", "i2b2", "i2b2-2014", "i2b2-2006", "physionet")


def read_jsonl(path: str | Path, *, require_text: bool = True) -> list[Document]:
    """Read ``{"id", "text"?, "spans": [{"start", "end", "label"}], "patient_id"?}`` lines.

    ``require_text=False`` accepts prediction files without ``text``. A missing ``spans`` key
    means no spans; a missing ``id`` is an error (documents are joined by id).
    """
    source = str(path)
    lines = read_text_file(path).splitlines()
    return [
        _parse_line(line, source, n, require_text)
        for n, line in enumerate(lines, start=1)
        if line.strip()
    ]


def _parse_line(line: str, source: str, line_no: int, require_text: bool) -> Document:
    def bad(message: str) -> InputError:
        return InputError(message, source=source, line=line_no)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise bad(f"bad JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise bad("expected one JSON object per line")
    if record.get("id") is None:
        raise bad("missing 'id': gold and predicted documents are joined by id")
    text = record.get("text")
    if text is None and not require_text:
        text = ""
    if not isinstance(text, str):
        raise bad("missing 'text' (gold files need the text)" if text is None else "bad 'text'")
    raw_spans = record.get("spans", [])
    if not isinstance(raw_spans, list):
        raise bad("'spans' must be a list of {start, end, label} objects")
    spans = []
    for i, item in enumerate(raw_spans):
        try:
            start, end, label = item["start"], item["end"], item["label"]
            if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str)):
                raise TypeError
            spans.append(Span(start, end, label))
        except (KeyError, TypeError):
            raise bad(f"span {i} needs integer 'start', 'end' and a string 'label'") from None
        except ValueError as exc:
            raise bad(f"span {i}: {exc}") from None
    patient = record.get("patient_id")
    try:
        return Document(
            str(record["id"]), text, tuple(spans), None if patient is None else str(patient)
        )
    except ValueError as exc:
        raise bad(str(exc)) from None


def detect_format(path: str | Path) -> str:
    """Guess a corpus format from a path; raise InputError when nothing fits."""
    p = Path(path)
    if p.is_dir():
        if (p / "id.text").is_file():
            return "physionet"
        if any(p.rglob("*.ann")):
            return "brat"
        if any(p.rglob("*.xml")):
            return "i2b2"
        if any(p.rglob("*.txt")):
            return "brat"
    elif p.suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    elif p.suffix in {".ann", ".txt"}:
        return "brat"
    elif p.suffix == ".xml":
        return "i2b2"
    elif p.name == "id.text" or p.suffix == ".text":
        return "physionet"
    elif not p.exists():
        raise InputError("file not found", source=str(path))
    raise InputError(
        "cannot tell the corpus format from the path; name it with --format "
        f"({', '.join(FORMATS[1:])})",
        source=str(path),
    )


def read_documents(
    path: str | Path, fmt: str = "auto", *, require_text: bool = True
) -> list[Document]:
    """Read a corpus in format ``fmt`` (one of :data:`FORMATS`); ``auto`` guesses from the path."""
    if fmt not in FORMATS:
        raise InputError(f"unknown corpus format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "jsonl":
        return read_jsonl(path, require_text=require_text)
    readers: dict[str, Callable[[Any], list[Document]]] = {
        "brat": read_brat,
        "i2b2": read_i2b2,
        "i2b2-2014": read_i2b2_2014,
        "i2b2-2006": read_i2b2_2006,
        "physionet": read_physionet,
    }
    return readers[fmt](path)
