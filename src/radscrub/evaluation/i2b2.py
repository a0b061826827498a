"""i2b2 de-identification XML: the 2014 (standoff ``<TAGS>``) and 2006 (inline ``<PHI>``) formats.

2014: one file per note, ``<TEXT>`` holds the note (CDATA) and ``<TAGS>`` holds one element per
PHI with ``start``/``end`` (offsets into ``<TEXT>``), ``text`` and ``TYPE`` (the label used here,
e.g. ``DOCTOR``; the element name, e.g. ``NAME``, is the fallback).

2006: one file of ``<RECORD ID="...">`` elements whose ``<TEXT>`` marks PHI inline as
``<PHI TYPE="...">...</PHI>``; the text is the concatenation of all character data and each
``<PHI>`` becomes a span over its own characters.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from radscrub.errors import InputError
from radscrub.evaluation._io import read_text_file, same_text
from radscrub.evaluation.documents import Document, Span

_PATIENT_RECORD = re.compile(r"^(\d+)-\d+$")  # 2014 file names: <patient>-<record>.xml


def read_i2b2(path: str | Path, *, check_text: bool = True) -> list[Document]:
    """Read an i2b2 XML file or a folder of them, telling 2014 from 2006 files by their content."""
    docs: list[Document] = []
    for file in _xml_files(path):
        root = _parse(file)
        if root.find("TAGS") is not None:
            docs.append(_document_2014(root, file, check_text))
        elif root.tag == "RECORD" or root.find(".//RECORD") is not None:
            docs.extend(_documents_2006(root, file))
        else:
            raise InputError(
                "neither i2b2 2014 (<TEXT> + <TAGS>) nor 2006 (<RECORD>/<TEXT>/<PHI>) XML",
                source=str(file),
            )
    return docs


def read_i2b2_2014(path: str | Path, *, check_text: bool = True) -> list[Document]:
    """Read i2b2 2014 files (a file or a folder of ``*.xml``); ids are the file stems."""
    return [_document_2014(_parse(f), f, check_text) for f in _xml_files(path)]


def read_i2b2_2006(path: str | Path) -> list[Document]:
    """Read i2b2 2006 files (a file or a folder of ``*.xml``); ids are the ``RECORD`` IDs."""
    return [doc for f in _xml_files(path) for doc in _documents_2006(_parse(f), f)]


def _xml_files(path: str | Path) -> list[Path]:
    p = Path(path)
    if p.is_dir():
        files = sorted(p.rglob("*.xml"))
        if not files:
            raise InputError("no .xml files in this folder", source=str(p))
        return files
    if not p.exists():
        raise InputError("file not found", source=str(p))
    return [p]


def _parse(file: Path) -> ET.Element:
    try:
        return ET.fromstring(read_text_file(file))
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(
            f"not well-formed XML (column {column})", source=str(file), line=line
        ) from None


def _document_2014(root: ET.Element, file: Path, check_text: bool) -> Document:
    text_el, tags = root.find("TEXT"), root.find("TAGS")
    if text_el is None or tags is None:
        raise InputError("i2b2 2014 XML needs <TEXT> and <TAGS>", source=str(file))
    text = text_el.text or ""
    spans = []
    for tag in tags:
        try:
            start, end = int(tag.get("start", "")), int(tag.get("end", ""))
            span = Span(start, end, tag.get("TYPE") or tag.tag)
        except ValueError:
            raise InputError(
                f"<{tag.tag} id={tag.get('id')!r}> has bad start/end attributes", source=str(file)
            ) from None
        if end > len(text) or (
            check_text
            and "text" in tag.attrib
            and not same_text(tag.get("text", ""), text[start:end])
        ):
            raise InputError(
                f"<{tag.tag} id={tag.get('id')!r}> offsets {start}-{end} do not cover its "
                "'text' attribute in <TEXT>",
                source=str(file),
            )
        spans.append(span)
    match = _PATIENT_RECORD.match(file.stem)
    return Document(file.stem, text, tuple(spans), match.group(1) if match else None)


def _documents_2006(root: ET.Element, file: Path) -> list[Document]:
    docs = []
    records = [root] if root.tag == "RECORD" else list(root.iter("RECORD"))
    for n, record in enumerate(records, start=1):
        text_el = record.find("TEXT")
        if text_el is None:
            raise InputError(f"RECORD {n} has no <TEXT>", source=str(file))
        parts: list[str] = []
        spans: list[Span] = []
        _flatten(text_el, parts, spans, 0)
        docs.append(Document(record.get("ID") or str(n), "".join(parts), tuple(spans)))
    return docs


def _flatten(element: ET.Element, parts: list[str], spans: list[Span], offset: int) -> int:
    """Append ``element``'s character data to ``parts`` (starting at ``offset``); return the new
    offset. Each ``<PHI>`` inside becomes a span over its characters."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _flatten(child, parts, spans, offset)
        if child.tag == "PHI" and offset > start:
            spans.append(Span(start, offset, child.get("TYPE") or "PHI"))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset
