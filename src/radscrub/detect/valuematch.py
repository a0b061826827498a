"""A record's own values (MRN, phone number, birth date) as patterns, found without compiling.

:mod:`radscrub.detect.known` looks for each record's structured values in its text. Compiling one
``regex`` per value and record took longer than all other detectors together, so a value becomes
a :class:`ValuePattern`: a tuple of a few kinds of items (a literal, a run of one character class,
a group of alternatives, a "no letter or digit here" check). ``ValuePattern.regex`` renders it in
``regex`` syntax (flags :data:`FLAGS`); ``ValuePattern.finditer`` finds exactly the matches that
regex would find (same leftmost-first, greedy backtracking) by walking the items directly.

The walk compares literals as ASCII, case-insensitively. Where that could differ from the regex
(a value with non-ASCII characters, or letters in a value and a text holding a character that
case-insensitive matching relates to ASCII letters, such as ``ß``, ``ﬁ``, the dotless ``i`` or
the Kelvin sign: see :func:`radscrub.detect.scan.unsafe_for_twins`), the regex is used.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from radscrub.detect.scan import compile_pattern, timeout_error, unsafe_for_twins

FLAGS = regex.IGNORECASE | regex.VERSION1
"""Flags the rendered patterns are compiled with."""

#: The character classes the value patterns use (regex syntax).
LETTER_OR_DIGIT = r"[\p{L}\p{N}]"
DIGIT = r"[\p{N}]"


@dataclass(frozen=True)
class Lit:
    """A literal string (compared case-insensitively)."""

    text: str


@dataclass(frozen=True)
class Chars:
    """``lo`` to ``hi`` characters (``None``: no limit) of one class, as many as possible."""

    cls: str
    lo: int = 1
    hi: int | None = 1


@dataclass(frozen=True)
class Group:
    """Alternatives tried in order, the group repeated ``lo`` to ``hi`` times, greedily."""

    branches: tuple[tuple[Item, ...], ...]
    lo: int = 1
    hi: int | None = 1


@dataclass(frozen=True)
class NotAt:
    """No character of ``cls`` just before (``behind``) or just after the position."""

    cls: str
    behind: bool


Item = Lit | Chars | Group | NotAt
#: A group's branches, each with the characters (lower case) it must start with (None: any).
_Branches = tuple[tuple[frozenset[str] | None, tuple[Item, ...]], ...]


def _quantifier(lo: int, hi: int | None) -> str:
    if (lo, hi) == (1, 1):
        return ""
    if (lo, hi) == (0, 1):
        return "?"
    if hi is None:
        return "*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}"
    return f"{{{lo},{hi}}}"


def render(items: tuple[Item, ...]) -> str:
    """The items in ``regex`` syntax."""
    out = []
    for item in items:
        if isinstance(item, Lit):
            out.append(regex.escape(item.text))
        elif isinstance(item, Chars):
            out.append(item.cls + _quantifier(item.lo, item.hi))
        elif isinstance(item, Group):
            body = "|".join(render(branch) for branch in item.branches)
            out.append(f"(?:{body}){_quantifier(item.lo, item.hi)}")
        else:
            out.append(f"(?<!{item.cls})" if item.behind else f"(?!{item.cls})")
    return "".join(out)


@functools.lru_cache(maxsize=64)
def _char_class(cls: str) -> tuple[frozenset[str], regex.Pattern[str]]:
    """The ASCII members of a class (asked of ``regex`` itself) and the class compiled."""
    compiled = regex.compile(cls, FLAGS)
    return frozenset(c for c in map(chr, range(128)) if compiled.fullmatch(c)), compiled


def _literals(items: tuple[Item, ...]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Lit):
            yield item.text
        elif isinstance(item, Group):
            for branch in item.branches:
                yield from _literals(branch)


class Text:
    """One text prepared for matching any number of value patterns."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Without these characters, lower() keeps every offset, and case-insensitive matching
        # relates no other character to an ASCII letter.
        self.folds = not text.isascii() and not unsafe_for_twins().isdisjoint(text)
        self.lowered = text if self.folds else text.lower()

    def member(self, cls: str, i: int) -> bool:
        """Is ``text[i]`` in class ``cls``?"""
        ascii_members, compiled = _char_class(cls)
        ch = self.text[i]
        return ch in ascii_members if ch.isascii() else compiled.fullmatch(ch) is not None


@dataclass(frozen=True)
class ValuePattern:
    """A value's pattern: its items in order. ``precheck`` (regex syntax, :data:`FLAGS`; empty:
    none) matches, anchored, wherever a match can start: the walk is skipped at other places."""

    items: tuple[Item, ...]
    precheck: str = ""

    @functools.cached_property
    def starts(self) -> frozenset[str] | None:
        """The characters (lower case) a match can start with; None when it could be any."""
        chars, nullable = _first_chars(self.items)
        return None if chars is None or nullable else chars

    @functools.cached_property
    def branch_starts(self) -> dict[int, _Branches]:
        """For each group (by id): its branches with the characters each must start with (None:
        any), so a walk skips the branches that cannot match where it stands."""
        table: dict[int, _Branches] = {}
        todo = [item for item in self.items if isinstance(item, Group)]
        while todo:
            group = todo.pop()
            rows = []
            for branch in group.branches:
                chars, nullable = _first_chars(branch)
                rows.append((None if nullable else chars, branch))
                todo.extend(item for item in branch if isinstance(item, Group))
            table[id(group)] = tuple(rows)
        return table

    @functools.cached_property
    def regex(self) -> str:
        """The pattern in ``regex`` syntax (compile with :data:`FLAGS`)."""
        return render(self.items)

    @functools.cached_property
    def _ascii(self) -> tuple[bool, bool]:
        """(every literal is ASCII, some literal has a letter)."""
        literals = list(_literals(self.items))
        return (
            all(lit.isascii() for lit in literals),
            any(c.isalpha() for lit in literals for c in lit),
        )

    def finditer(self, prepared: Text, timeout: float, where: str) -> Iterator[tuple[int, int]]:
        """Spans of the non-overlapping matches, left to right, as ``regex.finditer`` finds them.

        Raises DetectionTimeout after ``timeout`` seconds, like the regex would.
        """
        all_ascii, letters = self._ascii
        starts = self.starts
        if not all_ascii or (letters and prepared.folds) or starts is None:
            yield from _regex_spans(self.regex, prepared.text, timeout, where)
            return
        deadline = time.monotonic() + timeout
        matcher = _Matcher(prepared, self.branch_starts)
        text, lowered = prepared.text, prepared.lowered
        candidates = sorted(i for ch in starts for i in _occurrences(lowered, ch))
        first = self.items[0]
        behind = first.cls if isinstance(first, NotAt) and first.behind else None
        precheck = compile_pattern(self.precheck, FLAGS) if self.precheck else None
        pos = 0
        for count, start in enumerate(candidates):
            if count % 64 == 63 and time.monotonic() > deadline:
                raise timeout_error(where, timeout, text)
            if start < pos or (behind and start and prepared.member(behind, start - 1)):
                continue  # the first item's look-behind fails: skip the walk
            if precheck is not None and not _prechecked(precheck, text, start, timeout, where):
                continue  # no match can start here
            try:
                end = matcher.run(self.items, 0, start, lambda p: p)
            except RecursionError:  # a pathologically long run of repeats: let regex decide
                yield from _regex_spans(self.regex, text, timeout, where, pos)
                return
            if end is not None:
                yield start, end
                pos = end


def _first_chars(items: tuple[Item, ...]) -> tuple[frozenset[str] | None, bool]:
    """(the characters a match of ``items`` can start with, whether it can be empty).

    None when a start cannot be listed (a class with more than one character).
    """
    chars: set[str] = set()
    for item in items:
        if isinstance(item, NotAt):
            continue
        if isinstance(item, Lit):
            if item.text:
                chars.add(item.text[0].lower())
                return frozenset(chars), False
            continue
        if isinstance(item, Chars):
            ch = _single_char(item.cls)
            if ch is None:
                return None, False
            chars.add(ch)
            if item.lo > 0:
                return frozenset(chars), False
            continue
        nullable = item.lo == 0
        for branch in item.branches:
            first, empty = _first_chars(branch)
            if first is None:
                return None, False
            chars |= first
            nullable = nullable or empty
        if not nullable:
            return frozenset(chars), False
    return frozenset(chars), True


def _single_char(cls: str) -> str | None:
    """The one character a class written as an ASCII digit, ``'`` or escaped punctuation
    (``\\(``, ``\\+``) matches; None for any other class."""
    if len(cls) == 2 and cls[0] == "\\" and cls[1].isascii() and not cls[1].isalnum():
        return cls[1]
    return cls if len(cls) == 1 and (cls in "0123456789'") else None


def _prechecked(
    precheck: regex.Pattern[str], text: str, start: int, timeout: float, where: str
) -> bool:
    try:
        return precheck.match(text, start, timeout=timeout) is not None
    except TimeoutError:
        raise timeout_error(f"{where}.precheck", timeout, text) from None


def _occurrences(text: str, ch: str) -> Iterator[int]:
    i = text.find(ch)
    while i >= 0:
        yield i
        i = text.find(ch, i + 1)


def _regex_spans(
    pattern: str, text: str, timeout: float, where: str, pos: int = 0
) -> Iterator[tuple[int, int]]:
    # per-record patterns: not in the shared compile_pattern cache of class-level patterns
    compiled = regex.compile(pattern, FLAGS)
    try:
        for m in compiled.finditer(text, pos, timeout=timeout):
            yield m.span()
    except TimeoutError:
        raise timeout_error(where, timeout, text) from None


class _Matcher:
    """Backtracking over items, in the order ``regex`` tries them (greedy, left to right)."""

    def __init__(
        self,
        prepared: Text,
        branch_starts: dict[int, _Branches],
    ) -> None:
        self.p = prepared
        self.n = len(prepared.text)
        self.branch_starts = branch_starts

    def run(
        self, items: tuple[Item, ...], k: int, pos: int, then: Callable[[int], int | None]
    ) -> int | None:
        """End of the first way ``items[k:]`` match at ``pos`` and ``then`` accepts, or None."""
        if k == len(items):
            return then(pos)
        item = items[k]

        def rest(p: int) -> int | None:
            return self.run(items, k + 1, p, then)

        if isinstance(item, Lit):
            if not self.p.lowered.startswith(item.text.lower(), pos):
                return None
            return rest(pos + len(item.text))
        if isinstance(item, Chars):
            limit = self.n if item.hi is None else min(self.n, pos + item.hi)
            end = pos
            while end < limit and self.p.member(item.cls, end):
                end += 1
            for stop in range(end, pos + item.lo - 1, -1):
                found = rest(stop)
                if found is not None:
                    return found
            return None
        if isinstance(item, NotAt):
            i = pos - 1 if item.behind else pos
            if 0 <= i < self.n and self.p.member(item.cls, i):
                return None
            return rest(pos)
        return self._group(item, 0, pos, rest)

    def _group(
        self, group: Group, count: int, pos: int, rest: Callable[[int], int | None]
    ) -> int | None:
        if group.hi is None or count < group.hi:

            def again(p: int) -> int | None:
                # an empty pass ends the repetition, as in regex
                return self._group(group, count + 1, p, rest) if p != pos else rest(p)

            here = self.p.lowered[pos : pos + 1]
            for chars, branch in self.branch_starts[id(group)]:
                if chars is not None and here not in chars:
                    continue  # its first character is not here
                found = self.run(branch, 0, pos, again)
                if found is not None:
                    return found
        return rest(pos) if count >= group.lo else None
