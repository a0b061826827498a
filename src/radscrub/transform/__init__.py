"""Transforms: what replaces each detected span (redact, mask, surrogate, shift, generalize, keep)."""

from __future__ import annotations

from collections.abc import Sequence

from radscrub.config import TransformConfig
from radscrub.detect.base import EMPTY_CONTEXT, RecordContext
from radscrub.spans import PhiSpan, ScrubResult
from radscrub.transform.render import splice

__all__ = ["Transformer", "splice"]


class Transformer:
    """Turns a text and its resolved spans into a ScrubResult, following the TransformConfig."""

    def __init__(self, config: TransformConfig | None = None) -> None:
        self.config = config or TransformConfig()

    def transform(
        self, text: str, spans: Sequence[PhiSpan], context: RecordContext = EMPTY_CONTEXT
    ) -> ScrubResult:
        """Replace every span; each becomes ``[LABEL]`` until the per-label actions land."""
        new_text, replacements = splice(text, spans, lambda s: ("redact", f"[{s.label.value}]"))
        return ScrubResult(new_text, tuple(spans), replacements, context.patient_id)
