"""BRAT standoff: ``name.txt`` holds the text, ``name.ann`` its ``T`` (text-bound) annotations.

A ``T`` line is ``T<n><TAB><label> <start> <end>[;<start> <end>...]<TAB><covered text>``; a
discontinuous annotation becomes one span per fragment. Other annotation kinds (relations,
events, attributes, notes) are skipped. Offsets count characters of the ``.txt`` file as written.
"""

from __future__ import annotations

from pathlib import Path

from radscrub.errors import InputError
from radscrub.evaluation._io import read_text_file, same_text
from radscrub.evaluation.documents import Document, Span


def read_brat(path: str | Path, *, check_text: bool = True) -> list[Document]:
    """Read one ``.txt``/``.ann`` pair, or every ``.txt`` under a folder (ids: relative stems).

    A ``.txt`` without an ``.ann`` has no annotations. ``check_text`` verifies each continuous
    annotation's covered text against the file (whitespace-insensitively).
    """
    root = Path(path)
    if root.is_dir():
        texts = sorted(root.rglob("*.txt"))
        if not texts:
            raise InputError("no .txt files in this folder; is it a BRAT corpus?", source=str(root))
        return [
            _read_pair(txt, txt.relative_to(root).with_suffix("").as_posix(), check_text)
            for txt in texts
        ]
    if root.suffix in {".txt", ".ann"}:
        return [_read_pair(root.with_suffix(".txt"), root.stem, check_text)]
    raise InputError("expected a folder, a .txt or an .ann file", source=str(root))


def _read_pair(txt: Path, doc_id: str, check_text: bool) -> Document:
    text = read_text_file(txt, exact=True)
    ann = txt.with_suffix(".ann")
    spans: list[Span] = []
    if ann.exists():
        for line_no, line in enumerate(read_text_file(ann).splitlines(), start=1):
            if line.startswith("T"):
                spans.extend(_parse_text_bound(line, text, str(ann), line_no, check_text))
    try:
        return Document(doc_id, text, tuple(spans))
    except ValueError as exc:
        raise InputError(str(exc), source=str(ann)) from None


def _parse_text_bound(
    line: str, text: str, source: str, line_no: int, check_text: bool
) -> list[Span]:
    fields = line.split("\t")
    if len(fields) < 2:
        raise InputError(
            "a T line needs '<id>\\t<label> <start> <end>\\t<text>'", source=source, line=line_no
        )
    label, _, offsets = fields[1].partition(" ")
    spans = []
    try:
        for fragment in offsets.split(";"):
            start, end = (int(x) for x in fragment.split())
            spans.append(Span(start, end, label))
    except ValueError:
        raise InputError(f"bad offsets {offsets!r}", source=source, line=line_no) from None
    if check_text and len(spans) == 1 and len(fields) > 2:
        covered = text[spans[0].start : spans[0].end]
        if not same_text(fields[2], covered):
            raise InputError(
                f"the annotated text differs from the .txt at {spans[0].start}-{spans[0].end}; "
                "are the offsets for this file (character offsets, as written)?",
                source=source,
                line=line_no,
            )
    return spans
