"""Shared fixtures. Tests never read ../shared: a fresh machine does not have it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from radscrub.detect.ner import NerDetector

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(  # too_slow depends on the machine's load, not on the code
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def shipped_ner() -> NerDetector:
    """The shipped NER model (radscrub-ner), loaded once per session; mark users `model`."""
    from radscrub.config import DetectConfig
    from radscrub.detect.ner import NerDetector

    return NerDetector(DetectConfig(detectors=("ner",)))
