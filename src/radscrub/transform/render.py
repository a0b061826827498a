"""Splice replacements into a text, keeping both the original and the output offsets."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from radscrub.spans import PhiSpan, Replacement


def splice(
    text: str, spans: Sequence[PhiSpan], replace: Callable[[PhiSpan], tuple[str, str]]
) -> tuple[str, tuple[Replacement, ...]]:
    """Replace each (sorted, disjoint) span by ``replace(span) -> (action, new_text)``."""
    parts: list[str] = []
    replacements: list[Replacement] = []
    cursor = 0
    out_len = 0
    for span in spans:
        if span.start < cursor:
            raise ValueError("splice needs sorted, non-overlapping spans (run resolve first)")
        action, new_text = replace(span)
        kept = text[cursor : span.start]
        parts.append(kept)
        out_len += len(kept)
        parts.append(new_text)
        replacements.append(Replacement(span, action, new_text, out_len, out_len + len(new_text)))
        out_len += len(new_text)
        cursor = span.end
    parts.append(text[cursor:])
    return "".join(parts), tuple(replacements)
