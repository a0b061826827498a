"""Detectors: each finds one family of identifiers and is also a presidio-analyzer recognizer."""

from __future__ import annotations

import importlib

from radscrub.config import DetectConfig
from radscrub.detect.base import (
    EMPTY_CONTEXT,
    Detector,
    Pattern,
    PatternDetector,
    PresidioDetector,
    RecordContext,
)
from radscrub.detect.registry import BUILTIN_DETECTORS
from radscrub.errors import ConfigError

__all__ = [
    "BUILTIN_DETECTORS",
    "EMPTY_CONTEXT",
    "Detector",
    "Pattern",
    "PatternDetector",
    "PresidioDetector",
    "RecordContext",
    "build_detectors",
]


def build_detectors(config: DetectConfig) -> list[Detector]:
    """Instantiate the built-in detectors named in ``config.detectors``, in that order."""
    detectors = []
    for name in config.detectors:
        target = BUILTIN_DETECTORS.get(name)
        if target is None:
            valid = ", ".join(BUILTIN_DETECTORS)
            raise ConfigError(f"detect.detectors: unknown detector {name!r}; valid: {valid}")
        module_name, _, class_name = target.partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        detectors.append(cls(config))
    return detectors
