"""Offset-exact report assembly: text is built by appending pieces, and every PHI piece records
its span as it is appended (never by searching the finished text).

A *fragment* is a plain string (literal report text), a :class:`Phi` (an annotated value), or a
tuple of fragments. Report-level casing is applied to each piece *before* it is appended, so a
case change that alters length (``"ß".upper() == "SS"``) can never shift an offset.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeAlias, Union

from radscrub.spans import PhiLabel

CASES: tuple[str, ...] = ("", "upper", "lower")


@dataclass(frozen=True, slots=True)
class Phi:
    """One annotated value: ``text`` is inserted verbatim (after casing) and labelled ``label``."""

    text: str
    label: PhiLabel

    def __post_init__(self) -> None:
        if not self.text or self.text != self.text.strip():
            raise ValueError(f"PHI value must be non-empty and unpadded: {self.text!r}")


Frag: TypeAlias = Union[str, Phi, Sequence["Frag"]]  # noqa: UP007 - recursive alias needs Union

_SENTENCE_STOP = re.compile(r"(?<=[a-z\)])\.(?=[ \n]|$)")


@dataclass(frozen=True, slots=True)
class Span:
    """A recorded annotation: ``text[start:end]`` (0-based, end-exclusive) is a ``label`` value."""

    start: int
    end: int
    label: PhiLabel

    def to_json(self) -> dict[str, object]:
        """The corpus JSONL form of the span."""
        return {"start": self.start, "end": self.end, "label": self.label.value}


@lru_cache(maxsize=4096)
def _parse(template: str) -> tuple[tuple[str, str | None], ...]:
    """``template`` as (literal, slot-name-or-None) pairs, via ``string.Formatter``."""
    out: list[tuple[str, str | None]] = []
    for literal, field, spec, conv in string.Formatter().parse(template):
        if spec or conv:
            raise ValueError(f"format specs are not supported in corpus templates: {template!r}")
        out.append((literal, field))
    return tuple(out)


def template_literals(template: str) -> list[str]:
    """The literal (non-slot) pieces of a template, for split-separation checks."""
    return [literal for literal, _ in _parse(template) if literal]


class ReportBuilder:
    """Accumulates report text and its spans; see the module docstring for the contract."""

    def __init__(
        self, *, case: str = "", rng: random.Random | None = None, drop_punct: float = 0.0
    ) -> None:
        if case not in CASES:
            raise ValueError(f"case must be one of {CASES}, not {case!r}")
        self.case = case
        self._rng = rng or random.Random(0)
        self._drop_punct = drop_punct
        self._parts: list[str] = []
        self._length = 0
        self._spans: list[Span] = []

    def _cased(self, text: str) -> str:
        if self.case == "upper":
            return text.upper()
        if self.case == "lower":
            return text.lower()
        return text

    def _literal(self, text: str) -> None:
        if not text:
            return
        if text[0] == "." and self.last_char() == ".":
            text = text[1:]  # "M.D." + "." -> one period
            if not text:
                return
        if self._drop_punct:
            rng, p = self._rng, self._drop_punct
            text = _SENTENCE_STOP.sub(lambda m: "" if rng.random() < p else m.group(0), text)
        text = self._cased(text)
        self._parts.append(text)
        self._length += len(text)

    def _phi(self, phi: Phi) -> None:
        text = self._cased(phi.text)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._spans.append(Span(start, self._length, phi.label))

    def add(self, *frags: Frag) -> ReportBuilder:
        """Append fragments in order."""
        for frag in frags:
            if isinstance(frag, str):
                self._literal(frag)
            elif isinstance(frag, Phi):
                self._phi(frag)
            else:
                self.add(*frag)
        return self

    def fill(self, template: str, **slots: Frag) -> ReportBuilder:
        """Append ``template`` with each ``{slot}`` replaced by its fragment."""
        for literal, field in _parse(template):
            self._literal(literal)
            if field is not None:
                if field not in slots:
                    raise KeyError(f"template slot {field!r} not supplied: {template!r}")
                self.add(slots[field])
        return self

    def line(self, *frags: Frag) -> ReportBuilder:
        """Append fragments and a newline."""
        return self.add(*frags, "\n")

    @property
    def text(self) -> str:
        """The text so far."""
        return "".join(self._parts)

    @property
    def spans(self) -> list[Span]:
        """The spans so far, in insertion order (which is text order)."""
        return list(self._spans)

    def last_char(self) -> str:
        """The last character appended so far ('' when empty)."""
        return self.tail(1)

    def tail(self, n: int) -> str:
        """The last ``n`` characters appended so far (fewer when the text is shorter)."""
        out = ""
        for part in reversed(self._parts):
            out = part + out
            if len(out) >= n:
                break
        return out[-n:] if n else ""


def frag_text(frag: Frag) -> str:
    """The plain text of a fragment (no casing): for checks and meta."""
    if isinstance(frag, str):
        return frag
    if isinstance(frag, Phi):
        return frag.text
    return "".join(frag_text(f) for f in frag)


def validate(text: str, spans: Sequence[Span]) -> None:
    """Raise ValueError unless spans are in bounds, non-empty, unpadded, sorted, non-overlapping."""
    prev_end = 0
    for span in spans:
        if not 0 <= span.start < span.end <= len(text):
            raise ValueError(f"span out of bounds: {span}")
        if span.start < prev_end:
            raise ValueError(f"spans overlap or are unsorted at {span}")
        covered = text[span.start : span.end]
        if covered != covered.strip():
            raise ValueError(f"span has surrounding whitespace: {covered!r}")
        prev_end = span.end
