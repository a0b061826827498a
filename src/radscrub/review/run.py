"""Scrub the first reports of an input and write their review page (``radscrub review``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from radscrub.errors import RadscrubError
from radscrub.review.inputs import InputReport, iter_reports
from radscrub.review.render import ReviewRecord, write_review

if TYPE_CHECKING:
    from radscrub.pipeline import Scrubber

DEFAULT_LIMIT = 200
_LISTED_PROBLEMS = 5


@dataclass(frozen=True)
class ReviewSummary:
    """What a review page holds: reports and spans shown, rows left out, whether input had more."""

    path: Path
    reports: int
    spans: int
    unreadable: int
    truncated: bool


def scrub_reports(reports: Iterable[InputReport], scrubber: Scrubber) -> Iterator[ReviewRecord]:
    """Scrub each readable report lazily into a review record; errors name the report."""
    for report in reports:
        if report.problem is not None:
            continue
        try:
            result = scrubber.scrub(report.text, patient_id=report.patient_id, known=report.known)
        except RadscrubError as exc:
            raise _named(exc, report.id) from exc
        yield report.id, report.text, result


def _named(exc: RadscrubError, report_id: str) -> RadscrubError:
    """The same kind of error, its message prefixed with the report id."""
    message = f"report {report_id!r}: {exc}"
    try:
        return type(exc)(message)
    except TypeError:  # a subclass with a different constructor
        return RadscrubError(message)


def review_file(
    input: str | Path,
    out: str | Path,
    scrubber: Scrubber | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    text_column: str | None = None,
    id_column: str | None = None,
    patient_column: str | None = None,
    phi_columns: Sequence[tuple[str, str]] = (),
    encoding: str = "utf-8",
) -> ReviewSummary:
    """Scrub the first ``limit`` readable reports of ``input`` (0: all); write the page to ``out``.

    Column options are those of :func:`radscrub.review.iter_reports`. Unreadable rows met on the
    way are left out and listed in the page's note.
    """
    from radscrub.pipeline import Scrubber

    if limit < 0:
        raise RadscrubError(f"limit must be 0 (all reports) or a positive number, not {limit}")
    scrubber = scrubber or Scrubber()
    stream = iter_reports(
        input,
        text_column=text_column,
        id_column=id_column,
        patient_column=patient_column,
        phi_columns=phi_columns,
        encoding=encoding,
    )
    readable: list[InputReport] = []
    problems: list[str] = []
    truncated = False
    with closing(stream):
        for report in stream:
            if report.problem is not None:
                problems.append(report.problem)
            elif limit and len(readable) == limit:
                truncated = True
                break
            else:
                readable.append(report)
    records = list(scrub_reports(readable, scrubber))
    meta = {
        "Input": str(input),
        "Mode": scrubber.config.transform.mode,
        "Detectors": ", ".join(str(d.name) for d in scrubber.detectors) or "none",
        "Generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    path = write_review(
        out,
        records,
        title=f"radscrub review: {Path(input).name}",
        meta=meta,
        note=_note(limit, truncated, problems),
    )
    spans = sum(len(result.spans) for _, _, result in records)
    return ReviewSummary(path, len(records), spans, len(problems), truncated)


def _note(limit: int, truncated: bool, problems: Sequence[str]) -> str | None:
    parts = []
    if truncated:
        parts.append(f"Showing the first {limit} reports only: the input has more (raise --limit).")
    if problems:
        listed = "; ".join(problems[:_LISTED_PROBLEMS])
        more = f"; and {len(problems) - _LISTED_PROBLEMS} more" if len(problems) > 5 else ""
        parts.append(
            f"{len(problems)} unreadable row{'s' if len(problems) != 1 else ''} left out "
            f"({listed}{more})."
        )
    return " ".join(parts) or None
