"""Corpus file helpers: the shared text reader and whitespace-insensitive phrase comparison."""

from __future__ import annotations

from radscrub.io.text import read_text_file

__all__ = ["read_text_file", "same_text"]


def same_text(annotated: str, actual: str) -> bool:
    """True when two renderings of a phrase agree up to runs of whitespace."""
    return annotated.split() == actual.split()
