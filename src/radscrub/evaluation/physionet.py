"""The PhysioNet deid 1.1 gold standard: ``id.text`` notes and ``id-phi.phrase`` annotations.

``id.text`` holds records framed as::

    START_OF_RECORD=<patient>||||<note>||||
    ...note text, one or more lines...
    ||||END_OF_RECORD

The note text is every line between the two frame lines, newlines included. Each line of
``id-phi.phrase`` is ``<patient> <note> <start> <end> <TYPE> <phrase...>`` with end-exclusive
character offsets into that note text (TYPE e.g. ``HCPName``, ``Date``, ``DateYear``).
Documents get the id ``<patient>-<note>`` and ``patient_id`` ``<patient>``.
"""

from __future__ import annotations

import re
from pathlib import Path

from radscrub.errors import InputError
from radscrub.evaluation._io import read_text_file, same_text
from radscrub.evaluation.documents import Document, Span

_START = re.compile(r"^START_OF_RECORD=(\w+)\|\|\|\|(\w+)\|\|\|\|\s*$")
_END = "||||END_OF_RECORD"


def read_physionet(
    path: str | Path, phrase_path: str | Path | None = None, *, check_text: bool = True
) -> list[Document]:
    """Read a deid folder (``id.text`` + ``id-phi.phrase``) or an ``id.text`` file.

    ``phrase_path`` defaults to ``<stem>-phi.phrase`` beside the text file; when that file does
    not exist the documents have no spans. ``check_text`` verifies each phrase against the note.
    """
    text_path = Path(path)
    if text_path.is_dir():
        text_path = text_path / "id.text"
    notes = _read_notes(text_path)
    if phrase_path is None:
        default = text_path.with_name(f"{text_path.stem}-phi.phrase")
        phrase_path = default if default.exists() else None
    spans: dict[tuple[str, str], list[Span]] = {key: [] for key in notes}
    if phrase_path is not None:
        _read_phrases(Path(phrase_path), notes, spans, check_text)
    return [
        Document(f"{patient}-{note}", text, tuple(spans[(patient, note)]), patient)
        for (patient, note), text in notes.items()
    ]


def _read_notes(text_path: Path) -> dict[tuple[str, str], str]:
    notes: dict[tuple[str, str], str] = {}
    source = str(text_path)
    current: tuple[str, str] | None = None
    lines: list[str] = []
    line_no = 0
    for line_no, line in enumerate(read_text_file(text_path).splitlines(keepends=True), start=1):
        if current is None:
            match = _START.match(line)
            if match:
                current, lines = (match.group(1), match.group(2)), []
            elif line.strip():
                raise InputError(
                    "text outside a START_OF_RECORD frame", source=source, line=line_no
                )
        elif _START.match(line):
            raise InputError(
                f"record {current} has no {_END} line before the next record",
                source=source,
                line=line_no,
            )
        elif line.rstrip("\r\n") == _END:
            if current in notes:
                raise InputError(f"record {current} occurs twice", source=source, line=line_no)
            notes[current] = "".join(lines)
            current = None
        else:
            lines.append(line)
    if current is not None:
        raise InputError(f"record {current} has no {_END} line", source=source, line=line_no)
    return notes


def _read_phrases(
    phrase_path: Path,
    notes: dict[tuple[str, str], str],
    spans: dict[tuple[str, str], list[Span]],
    check_text: bool,
) -> None:
    source = str(phrase_path)
    for line_no, line in enumerate(read_text_file(phrase_path).splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split(maxsplit=5)
        if len(fields) < 5:
            raise InputError(
                "expected '<patient> <note> <start> <end> <TYPE> <phrase>'",
                source=source,
                line=line_no,
            )
        key = (fields[0], fields[1])
        if key not in notes:
            raise InputError(
                f"no note {key[1]} of patient {key[0]} in the text file",
                source=source,
                line=line_no,
            )
        text = notes[key]
        try:
            span = Span(int(fields[2]), int(fields[3]), fields[4])
        except ValueError:
            raise InputError("bad start/end offsets", source=source, line=line_no) from None
        if span.end > len(text) or (
            check_text
            and len(fields) == 6
            and not same_text(fields[5], text[span.start : span.end])
        ):
            raise InputError(
                f"offsets {span.start}-{span.end} do not cover the phrase in note {key[1]} of "
                f"patient {key[0]}; offsets must index the note text after its START_OF_RECORD "
                "line",
                source=source,
                line=line_no,
            )
        spans[key].append(span)
