"""radscrub: de-identification of radiology report free text (HIPAA Safe Harbor).

>>> from radscrub import Scrubber
>>> result = Scrubber().scrub("Compared with CT of 03/14/2019.", patient_id="P1")
"""

from __future__ import annotations

from radscrub.config import ScrubConfig
from radscrub.pipeline import Scrubber
from radscrub.spans import PhiLabel, PhiSpan, ScrubResult

__all__ = ["PhiLabel", "PhiSpan", "ScrubConfig", "ScrubResult", "Scrubber"]
__version__ = "0.1.0"
