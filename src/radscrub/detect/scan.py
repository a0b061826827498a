"""How detectors search texts with ``regex``: a timeout on every search, and two speed-ups that
never change what is found.

* :func:`iter_matches` is ``finditer`` with a time budget. A case-insensitive pattern is first
  run as its lower-case twin (:func:`lowercase_pattern`: case-sensitive, several
  times faster in ``regex``) over the lower-cased text. The twin matches wherever the pattern
  can, so the first place it matches is the first place the pattern could; the pattern itself
  then takes the match there, on the text. Should the pattern not match there with the same
  span, the plain ``finditer`` takes over from that place. Either way callers get exactly the
  ``Match`` objects a plain ``finditer`` gives.
* :func:`keyword_text` and :func:`may_match` let a detector skip a pattern when the text lacks
  every word the pattern needs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from radscrub.errors import DetectionTimeout

#: Per-text results shared by detectors (words, allow-listed terms) are remembered for this many
#: texts (more than a pipeline batch, whose texts each detector goes through in turn) ...
REMEMBER_TEXTS = 128
#: ... of at most this many characters (longer texts are not kept alive by the caches).
REMEMBER_CHARS = 20_000


@functools.lru_cache(maxsize=512)
def compile_pattern(pattern: str, flags: int) -> regex.Pattern[str]:
    """Compile once per process (patterns are class-level constants)."""
    return regex.compile(pattern, flags)


def iter_matches(
    compiled: regex.Pattern[str], text: str, timeout: float, where: str
) -> Iterator[regex.Match[str]]:
    """``compiled.finditer`` with a time budget; raise DetectionTimeout naming the pattern."""
    try:
        twin = _lowercase_twin(compiled.pattern, compiled.flags)
        lowered = None if twin is None else lowered_text(text)
        if twin is None or lowered is None:
            yield from compiled.finditer(text, timeout=timeout)
            return
        for fast in twin.finditer(lowered, timeout=timeout):
            start, end = fast.span()
            match = compiled.match(text, start, timeout=timeout)
            if match is None or match.span() != (start, end) or start == end:
                yield from compiled.finditer(text, start, timeout=timeout)  # the plain way on
                return
            yield match
    except TimeoutError:
        raise timeout_error(where, timeout, text) from None


@functools.lru_cache(maxsize=1)
def unsafe_for_twins() -> frozenset[str]:
    """Characters a case-insensitive pattern and its lower-case twin could treat differently.

    Those whose case folding is several characters (``ß`` ~ ``ss``, ``ﬁ`` ~ ``fi``, ``İ``, which
    also lower-cases to two characters), those ``regex`` relates to ASCII letters (dotless
    U+0131 ~ ``I``, long s U+017F ~ ``s``, the Kelvin sign ~ ``k``), and the Greek iotas that
    case-insensitive matching relates to a combining mark (U+0345).
    """
    multi = (c for c in map(chr, range(0x80, 0x10000)) if len(c.casefold()) > 1)  # none above
    return frozenset(multi) | frozenset("\u0130\u0131\u017f\u212a\u0345\u0399\u03b9\u1fbe")


@functools.lru_cache(maxsize=8)  # the patterns of a detector search the same text in turn
def lowered_text(text: str) -> str | None:
    """``text.lower()``, to search with lower-case twins; None when the text holds a character
    of :func:`unsafe_for_twins`."""
    if text.isascii() or unsafe_for_twins().isdisjoint(text):
        return text.lower()
    return None


def timeout_error(where: str, timeout: float, text: str) -> DetectionTimeout:
    """The error for a pattern that ran out of time on ``text``."""
    return DetectionTimeout(
        f"pattern {where} exceeded {timeout:g}s on a text of {len(text)} characters; "
        "the record is quarantined. Raise detect.pattern_timeout if such texts are expected."
    )


@functools.lru_cache(maxsize=8)  # the detectors of one pipeline share the texts they search
def keyword_text(text: str) -> str:
    """``text`` folded for :func:`may_match`: lower case, with full case folding (``ß`` -> ``ss``,
    ``ﬁ`` -> ``fi``) and both Turkish i's as ``i`` (``regex`` matches ``I`` to the dotless one),
    so an ASCII keyword that a case-insensitive pattern matches in ``text`` occurs in it."""
    if text.isascii():
        return text.lower()
    return text.replace("\u0130", "i").replace("\u0131", "i").casefold()


def may_match(requires: tuple[str, ...], folded: str) -> bool:
    """False when ``folded`` (see :func:`keyword_text`) holds none of the ``requires`` strings."""
    return not requires or any(word in folded for word in requires)


# ---------------------------------------------------------------------------------------------
# The lower-case twin of a case-insensitive pattern
# ---------------------------------------------------------------------------------------------

#: Escapes after which the text is copied as it is: their letters are not literals (``\S``,
#: ``\p{L}``, ``\m``, ``\1``). Escapes that spell a code point (``\x41``, ``\N{...}``, octal
#: ``\0..``) are refused.
_CODE_POINT_ESCAPES = frozenset("xuUN0")
#: Classes that depend on case (``\p{Lu}``, ``\p{IsUpper}``, ``[[:lower:]]``): a pattern using
#: one has no lower-case twin.
#: References by name whose names the lower-casing would change (``(?&name)``, ``\k<name>``,
#: ``(?(name)...)``, named lists ``\L<name>``): a pattern using one gets no twin. (``\(?(`` is an
#: optional parenthesis before a group.)
_NAMED_REFERENCE = regex.compile(r"(?<!\\)\(\?[&(]|\\[kL]<")
_CASED_CLASS = regex.compile(
    r"\\[pP](?:\{[^}]*(?:upper|lower|title|case|\blu|\bll|\blt|=lu|=ll|=lt|\{lu|\{ll|\{lt)"
    r"|\{l[ult&c]\}|l[ult&c]\b)|\[:(?:upper|lower):\]",
    regex.IGNORECASE,
)


@functools.lru_cache(maxsize=1024)
def _lowercase_twin(pattern: str, flags: int) -> regex.Pattern[str] | None:
    """The compiled lower-case twin of a case-insensitive pattern (see lowercase_pattern)."""
    if not flags & regex.IGNORECASE or "\\G" in pattern:
        return None
    lowered = lowercase_pattern(pattern)
    if lowered is None:
        return None
    try:
        return regex.compile(lowered, flags & ~regex.IGNORECASE)
    except regex.error:  # a construct lowercase_pattern does not know: no twin
        return None


def lowercase_pattern(pattern: str) -> str | None:
    """The lower-case twin of a case-insensitive ``pattern``: its literal letters (and letters
    in classes) in lower case, to compile case-sensitively and run on ``text.lower()``.

    On a text without :func:`unsafe_for_twins` characters the twin matches on ``text.lower()``
    wherever the pattern matches on ``text``: every character the case-insensitive pattern
    matches, the twin matches lower-cased (case-insensitive matching relates a letter only to
    its case variants, all lower-casing alike, and the character classes used are closed under
    case). It matches with the same spans; a
    case-sensitive part (``(?-i:VA)``) becomes case-insensitive, so there the twin may match
    more (callers check). None when no such twin can be promised: case-dependent classes
    (``\\p{Lu}``), other scoped flags, code-point escapes (``\\x41``), or letters outside ASCII
    (``ß`` matches ``ss`` case-insensitively).
    """
    if any(_has_case(c) for c in pattern if not c.isascii()):
        return None
    pattern = pattern.replace("(?-i:", "(?:")
    if "(?-" in pattern or _CASED_CLASS.search(pattern) or _NAMED_REFERENCE.search(pattern):
        return None
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n or pattern[i + 1] in _CODE_POINT_ESCAPES:
                return None
            j = i + 2
            if pattern[i + 1] in "pPg" and j < n and pattern[j] in "{<":
                j = pattern.find("}" if pattern[j] == "{" else ">", j) + 1
                if j == 0:
                    return None
            out.append(pattern[i:j])
            i = j
        elif pattern.startswith(("(?P<", "(?P=", "(?P>", "(?#"), i):
            j = pattern.find(">" if pattern[i + 2 : i + 4] in ("P<", "P>") else ")", i) + 1
            if j == 0:
                return None
            out.append(pattern[i:j])
            i = j
        elif pattern.startswith("(?", i):
            j = i + 2
            if j < n and pattern[j] == "<" and pattern[j + 1 : j + 2] not in ("=", "!"):
                return None  # (?<name>...): rare here, not worth parsing
            while j < n and pattern[j].isalpha():  # inline flags: (?i) (?m) (?i:
                j += 1
            out.append(pattern[i:j])
            i = j
        else:
            out.append(c.lower())
            i += 1
    return "".join(out)


def _has_case(c: str) -> bool:
    """A character that case-insensitive matching relates to others."""
    return c.lower() != c or c.upper() != c or c.casefold() != c
