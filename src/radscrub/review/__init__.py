"""Review pages: one self-contained HTML file showing each report's detected PHI and replacements.

>>> from radscrub.review import as_iframe, render_review
>>> html = render_review([("r1", text, scrubber.scrub(text))])  # doctest: +SKIP
>>> IPython.display.HTML(as_iframe(html))  # in a notebook  # doctest: +SKIP

The page holds the original text, so it is PHI and must be handled as such.
"""

from __future__ import annotations

from radscrub.review.inputs import InputReport, iter_reports
from radscrub.review.render import (
    LABEL_COLORS,
    ReviewRecord,
    as_iframe,
    render_review,
    write_review,
)
from radscrub.review.run import ReviewSummary, review_file, scrub_reports

__all__ = [
    "LABEL_COLORS",
    "InputReport",
    "ReviewRecord",
    "ReviewSummary",
    "as_iframe",
    "iter_reports",
    "render_review",
    "review_file",
    "scrub_reports",
    "write_review",
]
