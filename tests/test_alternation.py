"""phrase_alternation: a prefix-tree alternation that matches what the flat one matches."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from radscrub.detect.alternation import normalise_phrase, phrase_alternation

SPACE = r"[ \t_]+"
phrases = st.lists(st.text(alphabet="abc .", min_size=1, max_size=6), min_size=1, max_size=12)
texts = st.text(alphabet="abcAB .\t_:x\n", max_size=80)
#: Continuations that make the alternation backtrack into shorter phrases.
CONTEXTS = (
    "{}",
    r"\m(?P<cue>{})(?![a-z])[ \t]*(?P<colon>:)?",
    r"(?P<cue>{})[ \t]*:",
    r"(?:{})\.?x",
)


def flat(items: list[str], space: str = SPACE) -> str:
    """The alternation phrase_alternation replaces: longest phrase first (phrases normalised
    as phrase_alternation documents: no spaces at the ends, one space for a run)."""
    parts = sorted({normalise_phrase(p.lower()) for p in items} - {""}, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(p).replace(r"\ ", space) for p in parts) + ")"


def found(pattern: str, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    compiled = regex.compile(pattern, regex.IGNORECASE | regex.VERSION1)
    return [(m.span(), m.groupdict()) for m in compiled.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(phrases, texts, st.sampled_from(CONTEXTS))
def test_same_matches_as_the_flat_alternation(items: list[str], text: str, context: str) -> None:
    if not any(p.strip() for p in items) or not all(p for p in items):
        return
    tree = context.format(phrase_alternation(items, space=SPACE))
    assert found(tree, text) == found(context.format(flat(items)), text)


def test_shares_prefixes_and_prefers_the_longest_phrase() -> None:
    pattern = phrase_alternation(["dictated by", "dictated", "date"])
    assert pattern == r"(?:d(?:ate|ictated(?:[ \t]+by)?))"
    assert regex.match(pattern, "dictated  by").group() == "dictated  by"
    assert regex.match(pattern + ":", "dictated:").group() == "dictated:"


def test_case_kept_when_asked_and_empty_lists_refused() -> None:
    assert phrase_alternation(["AL", "AK"], lower=False) == "(?:A(?:K|L))"
    with pytest.raises(ValueError, match="at least one"):
        phrase_alternation(["", ""])


def test_spaces_at_the_ends_and_runs_of_spaces_are_normalised() -> None:
    """Found by hypothesis: [" ", "  a"] on "__A" (two space runs in a row split one run)."""
    assert phrase_alternation([" ", "  a", "b  c "]) == phrase_alternation(["a", "b c"])
    assert normalise_phrase("  dictated   by ") == "dictated by"
