"""JSON Lines documents: the ``{"id", "text"}`` input contract and ``radscrub detect`` output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from radscrub.errors import InputError


@dataclass(frozen=True)
class JsonlDocument:
    """One input line: its 1-based line number, its id and text, and the whole parsed object."""

    line: int
    id: str
    text: str
    record: dict[str, Any]


def iter_documents(path: str | Path) -> Iterator[JsonlDocument]:
    """Yield each non-blank line of a JSONL file; InputError names the file and line on faults."""
    source = str(path)
    try:
        handle: TextIO = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise InputError("file not found", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=source) from None
    with handle:
        line_no = 0
        try:
            for line_no, line in enumerate(handle, start=1):
                if line.strip():
                    yield parse_document(line, source, line_no)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-8 (byte {exc.start} of the block being read); re-encode as UTF-8",
                source=source,
                line=line_no + 1,
            ) from None


def parse_document(line: str, source: str, line_no: int) -> JsonlDocument:
    """Parse one JSONL line into a JsonlDocument; ``id`` defaults to the line number."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"bad JSON: {exc.msg} (column {exc.colno})", source=source, line=line_no
        ) from None
    if not isinstance(record, dict):
        raise InputError("expected a JSON object per line", source=source, line=line_no)
    text = record.get("text")
    if not isinstance(text, str):
        problem = "missing 'text'" if text is None else "'text' must be a string"
        raise InputError(problem, source=source, line=line_no)
    doc_id = record.get("id", line_no)
    return JsonlDocument(line_no, str(doc_id), text, record)


def detect_jsonl(input_path: str | Path, output_path: str | Path, scrubber: Any) -> int:
    """Run ``scrubber.detect`` over a JSONL file and write the detect contract; return the count.

    The output is written to a temporary file and renamed into place only when complete.
    """
    output_path = Path(output_path)
    partial = output_path.with_name(output_path.name + ".radscrub-partial")
    count = 0
    try:
        with open(partial, "w", encoding="utf-8") as out:
            for doc in iter_documents(input_path):
                spans = scrubber.detect(doc.text)
                row = {"id": doc.record.get("id", doc.id), "spans": [s.to_json() for s in spans]}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        partial.replace(output_path)
    finally:
        partial.unlink(missing_ok=True)
    return count
