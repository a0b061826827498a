"""The tokenizer behind the token-level (leak) measures.

A token is a maximal run of Unicode letters and digits: text is split at whitespace (``\\S+``)
and further at every punctuation or symbol character, and the punctuation itself is not a token
(a leaked hyphen identifies nobody). ``"Smith-Jones, 03/14/2019"`` gives ``Smith``, ``Jones``,
``03``, ``14``, ``2019``. Underscore counts as punctuation.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import regex

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def tokenize(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of every token of ``text``, in order."""
    return [m.span() for m in _TOKEN.finditer(text)]


def tokens_in(
    tokens: Sequence[tuple[int, int]], ends: Sequence[int], start: int, end: int
) -> range:
    """Indices of the tokens overlapping ``[start, end)``; ``ends`` are the tokens' ends."""
    first = bisect_right(ends, start)
    last = first
    while last < len(tokens) and tokens[last][0] < end:
        last += 1
    return range(first, last)
