"""The evaluation's plain data: an annotated document and its labelled character spans.

Every corpus reader produces :class:`Document`; the scorers consume nothing else. Offsets are
0-based, end-exclusive Python ``str`` offsets, as in :class:`radscrub.spans.PhiSpan`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from radscrub.errors import InputError


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` annotated (or predicted) as ``label``.

    ``source_label`` keeps the corpus' own label when a label map renamed it; it is ``""`` for a
    span whose label was not mapped.
    """

    start: int
    end: int
    label: str
    source_label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid span offsets start={self.start} end={self.end}")

    @property
    def original_label(self) -> str:
        """The label the corpus (or tool) wrote, before any label map."""
        return self.source_label or self.label

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def to_json(self) -> dict[str, Any]:
        """The span as a ``{"start", "end", "label"}`` object."""
        return {"start": self.start, "end": self.end, "label": self.label}


@dataclass(frozen=True, slots=True)
class Document:
    """One annotated text. ``text`` is ``""`` when only spans are known (a prediction file)."""

    id: str
    text: str
    spans: tuple[Span, ...]
    patient_id: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.spans, tuple):  # accept any sequence, store a tuple
            object.__setattr__(self, "spans", tuple(self.spans))
        if self.text:
            for span in self.spans:
                if span.end > len(self.text):
                    raise ValueError(
                        f"document {self.id!r}: span {span.start}-{span.end} ({span.label}) "
                        f"ends after the text ({len(self.text)} characters)"
                    )


def spans_from_objects(items: Iterable[Any]) -> tuple[Span, ...]:
    """Convert span-like objects (``PhiSpan``, presidio results, dicts) into evaluation Spans.

    An object needs ``start``, ``end`` and a label (``label``, ``entity_type`` or ``type``); an
    enum label contributes its ``value``.
    """
    spans = []
    for item in items:
        if isinstance(item, Mapping):
            start, end = item["start"], item["end"]
            label: Any = item.get("label", item.get("entity_type", item.get("type")))
        else:
            start, end = item.start, item.end
            label = getattr(item, "label", None) or getattr(item, "entity_type", None)
        label = getattr(label, "value", label)
        spans.append(Span(int(start), int(end), str(label)))
    return tuple(spans)


def index_by_id(documents: Sequence[Document], *, source: str = "") -> dict[str, Document]:
    """Map document id to document; raise InputError on a repeated id."""
    by_id: dict[str, Document] = {}
    for doc in documents:
        if doc.id in by_id:
            raise InputError(
                f"document id {doc.id!r} occurs twice; ids must be unique", source=source
            )
        by_id[doc.id] = doc
    return by_id
