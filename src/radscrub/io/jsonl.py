"""JSON Lines documents: the ``{"id", "text"}`` input contract and ``radscrub detect`` output."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
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


def iter_inputs(path: str | Path) -> Iterator[JsonlDocument]:
    """Documents from a JSONL file, a ``.txt`` file, or a folder of ``.txt`` files (id = the
    file's path inside the folder, in sorted order)."""
    from radscrub.io.text import read_text_file

    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*.txt") if f.is_file())
        if not files:
            raise InputError("no .txt files in this folder", source=str(p))
        for n, f in enumerate(files, start=1):
            name = f.relative_to(p).as_posix()
            yield JsonlDocument(n, name, read_text_file(f), {"id": name})
    elif p.suffix.lower() == ".txt":
        yield JsonlDocument(1, p.name, read_text_file(p), {"id": p.name})
    else:
        yield from iter_documents(p)


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


DETECT_BATCH = 64
"""Documents detected together (the NER model runs ``nlp.pipe`` over a batch)."""


def detect_jsonl(input_path: str | Path, output_path: str | Path, scrubber: Any) -> int:
    """Run ``scrubber.detect_many`` over a JSONL file (or ``.txt`` files, see ``iter_inputs``)
    and write the detect contract; return the count.

    Each line is ``{"id", "text"}`` with optional ``"patient_id"`` and ``"known"`` (an object of
    kind -> value or list of values, as ``Scrubber.detect(known=...)`` takes). The output is
    written to a temporary file and renamed into place only when complete.
    """
    return write_detections(iter_inputs(input_path), output_path, scrubber)


def write_detections(docs: Iterable[JsonlDocument], output_path: str | Path, scrubber: Any) -> int:
    """Detect PHI in ``docs`` in batches and write one detect-contract line each, atomically."""
    output_path = Path(output_path)
    partial = output_path.with_name(output_path.name + ".radscrub-partial")
    count = 0
    try:
        with open(partial, "w", encoding="utf-8") as out:
            for batch in _batched(docs, DETECT_BATCH):
                found = scrubber.detect_many(
                    [doc.text for doc in batch],
                    patient_ids=[_patient_id(doc) for doc in batch],
                    known=[_known(doc) for doc in batch],
                )
                for doc, spans in zip(batch, found, strict=True):
                    row = {
                        "id": doc.record.get("id", doc.id),
                        "spans": [s.to_json() for s in spans],
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    count += 1
        partial.replace(output_path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _batched(docs: Iterable[JsonlDocument], size: int) -> Iterator[list[JsonlDocument]]:
    batch: list[JsonlDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _patient_id(doc: JsonlDocument) -> str | None:
    value = doc.record.get("patient_id")
    return None if value is None or str(value).strip() == "" else str(value)


def _known(doc: JsonlDocument) -> dict[str, Any] | None:
    known = doc.record.get("known")
    if known is None:
        return None
    if not isinstance(known, dict) or not all(
        isinstance(v, str) or (isinstance(v, list) and all(isinstance(i, str) for i in v))
        for v in known.values()
    ):
        raise InputError(
            f"document {doc.id!r}: 'known' must be an object of kind -> string or list of strings",
            line=doc.line,
        )
    return known
