"""Names of the built-in detectors and where each lives ("module:Class"); imported lazily.

A detector class takes one argument, the ``DetectConfig``. Adding a built-in detector means one
line here; users add their own by passing instances to ``Scrubber(detectors=...)``.
"""

from __future__ import annotations

BUILTIN_DETECTORS: dict[str, str] = {
    "dates": "radscrub.detect.dates:DateDetector",
    "identifiers": "radscrub.detect.identifiers:IdentifierDetector",
    "ages": "radscrub.detect.ages:AgeDetector",
    "fields": "radscrub.detect.fields:FieldDetector",
    "places": "radscrub.detect.places:PlaceDetector",
    "names": "radscrub.detect.names:NameDetector",
    "known": "radscrub.detect.known:KnownDetector",
    "ner": "radscrub.detect.ner:NerDetector",
}
