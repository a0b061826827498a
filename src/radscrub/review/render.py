"""Render scrub results as one self-contained HTML review page (inline CSS/JS, no network).

Every piece of report text, id and metadata is HTML-escaped; a Content-Security-Policy lets only
the page's own script (pinned by its SHA-256) run and forbids every network fetch.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path

from radscrub.errors import RadscrubError
from radscrub.spans import PhiLabel, PhiSpan, Replacement, ScrubResult

ReviewRecord = tuple[str, str, ScrubResult]
"""One report to review: ``(report id, original text, Scrubber.scrub(original text))``."""

LABEL_COLORS: Mapping[PhiLabel, str] = {
    PhiLabel.NAME: "#ff9c9c",
    PhiLabel.DATE: "#9cc8ff",
    PhiLabel.TIME: "#c7defc",
    PhiLabel.AGE: "#cdb8ff",
    PhiLabel.PHONE: "#ffc078",
    PhiLabel.FAX: "#ffdcae",
    PhiLabel.EMAIL: "#f7a8e0",
    PhiLabel.URL: "#fbd0ee",
    PhiLabel.IP: "#e4d0fb",
    PhiLabel.SSN: "#ff7f9f",
    PhiLabel.MRN: "#ffe45c",
    PhiLabel.ACCESSION: "#fff2a3",
    PhiLabel.ACCOUNT: "#f3d9a4",
    PhiLabel.HEALTH_PLAN: "#b3e66a",
    PhiLabel.LICENSE: "#a3ecc9",
    PhiLabel.DEVICE_ID: "#96eadf",
    PhiLabel.VEHICLE_ID: "#a9e8f7",
    PhiLabel.ID: "#d9dde3",
    PhiLabel.ADDRESS: "#7fe0a0",
    PhiLabel.LOCATION: "#bdf2cf",
    PhiLabel.ZIP: "#5fd4b0",
    PhiLabel.HOSPITAL: "#c2e59c",
    PhiLabel.ORGANIZATION: "#d8cfc4",
}
"""Highlight colour per label (light enough for dark text; a test keeps one per PhiLabel)."""

_CATEGORY_SHORT: Mapping[str, str] = {
    "A": "names",
    "B": "geography below state",
    "C": "dates, ages > 89",
    "D": "telephone",
    "E": "fax",
    "F": "e-mail",
    "G": "SSN",
    "H": "medical record no.",
    "I": "health plan no.",
    "J": "account no.",
    "K": "certificate/licence",
    "L": "vehicle id",
    "M": "device id",
    "N": "URL",
    "O": "IP address",
    "P": "biometric",
    "Q": "face photo",
    "R": "other unique id",
}
"""Short names of the Safe Harbor categories for the counts table (the full text is its tooltip)."""

_ASSETS = "radscrub.review.assets"


@cache
def _asset(name: str) -> str:
    return resources.files(_ASSETS).joinpath(name).read_text(encoding="utf-8")


@cache
def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _label_css() -> str:
    rules = [f".l-{label.value}{{--c:{color}}}" for label, color in LABEL_COLORS.items()]
    rules += [
        f"body.hide-{label.value} mark.l-{label.value}{{background:none;box-shadow:none}}"
        f"body.hide-{label.value} mark.l-{label.value}::after{{display:none}}"
        for label in LABEL_COLORS
    ]
    return "\n".join(rules)


@dataclass
class _LabelStats:
    spans: int = 0
    reports: int = 0
    actions: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Report:
    index: int
    id: str
    text: str
    result: ScrubResult
    by_span: Mapping[tuple[int, int, PhiLabel], Replacement]

    @property
    def labels(self) -> list[PhiLabel]:
        return _ordered({s.label for s in self.result.spans})


def _ordered(labels: Iterable[PhiLabel]) -> list[PhiLabel]:
    order = {label: i for i, label in enumerate(PhiLabel)}
    return sorted(labels, key=order.__getitem__)


def _check(index: int, record: ReviewRecord) -> _Report:
    """Validate one record's offsets against its texts; raise ValueError naming the report."""
    try:
        report_id, text, result = record
    except (TypeError, ValueError):
        raise TypeError(
            f"review record {index} must be (report id, original text, ScrubResult)"
        ) from None
    if not isinstance(text, str) or not isinstance(result, ScrubResult):
        raise TypeError(f"review record {index} must be (report id, original text, ScrubResult)")
    where = f"report {report_id!r}"
    _check_disjoint([(s.start, s.end) for s in result.spans], len(text), f"{where}: spans")
    _check_disjoint(
        [(r.out_start, r.out_end) for r in result.replacements],
        len(result.text),
        f"{where}: replacements",
    )
    by_span = {(r.span.start, r.span.end, r.span.label): r for r in result.replacements}
    return _Report(index, str(report_id), text, result, by_span)


def _check_disjoint(ranges: Sequence[tuple[int, int]], length: int, where: str) -> None:
    cursor = 0
    for start, end in sorted(ranges):
        if start < cursor:
            raise ValueError(f"{where} overlap at offset {start}; resolve them before review")
        if end > length:
            raise ValueError(
                f"{where} end at {end}, past the text's {length} characters: "
                "is this the text that was scrubbed?"
            )
        cursor = end


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _span_title(span: PhiSpan, rep: Replacement | None) -> str:
    parts = [span.label.value]
    parts.append(f"→ “{rep.new_text}” ({rep.action})" if rep else "→ not replaced")
    parts.append(f"score {span.score:.2f}")
    if span.source:
        parts.append(span.source)
    return " · ".join(parts)


def _highlight(text: str, marks: Sequence[tuple[int, int, str]]) -> str:
    """Escape ``text`` and wrap each ``(start, end, opening tag)`` range in ``<mark>``."""
    out: list[str] = []
    cursor = 0
    for start, end, tag in sorted(marks, key=lambda m: m[0]):
        out.append(escape(text[cursor:start], quote=False))
        out.append(f"{tag}{escape(text[start:end], quote=False)}</mark>")
        cursor = end
    out.append(escape(text[cursor:], quote=False))
    return "".join(out)


def _original_html(report: _Report) -> str:
    marks = []
    for i, span in enumerate(sorted(report.result.spans, key=lambda s: s.start)):
        rep = report.by_span.get((span.start, span.end, span.label))
        label = span.label.value
        tag = (
            f'<mark class="phi l-{label}" data-label="{label}" data-i="{i}" '
            f'title="{_attr(_span_title(span, rep))}">'
        )
        marks.append((span.start, span.end, tag))
    return _highlight(report.text, marks)


def _scrubbed_html(report: _Report) -> str:
    index = {
        (s.start, s.end, s.label): i
        for i, s in enumerate(sorted(report.result.spans, key=lambda s: s.start))
    }
    marks = []
    for rep in report.result.replacements:
        span = rep.span
        label = span.label.value
        i = index.get((span.start, span.end, span.label), -1)
        original = report.text[span.start : span.end]
        title = f"{label} · “{original}” → “{rep.new_text}” ({rep.action})"
        tag = (
            f'<mark class="rep l-{label}" data-label="{label}" data-i="{i}" '
            f'data-action="{_attr(rep.action)}" title="{_attr(title)}">'
        )
        marks.append((rep.out_start, rep.out_end, tag))
    return _highlight(report.result.text, marks)


def _changes_table(report: _Report) -> str:
    rows = []
    for span in sorted(report.result.spans, key=lambda s: s.start):
        rep = report.by_span.get((span.start, span.end, span.label))
        label = span.label.value
        new = escape(rep.new_text, quote=False) if rep else "<em>not replaced</em>"
        rows.append(
            f'<tr class="l-{label}" data-label="{label}">'
            f'<td><span class="chip">{label}</span></td>'
            f"<td><code>{escape(report.text[span.start : span.end], quote=False)}</code></td>"
            f"<td><code>{new}</code></td>"
            f"<td>{escape(rep.action if rep else '', quote=False)}</td>"
            f'<td class="num">{span.start}–{span.end}</td>'
            f'<td class="num">{span.score:.2f}</td>'
            f"<td>{escape(span.source, quote=False)}</td></tr>"
        )
    n = len(rows)
    return (
        f'<details class="changes"><summary>{n} change{"s" if n != 1 else ""}: '
        "original → replacement</summary>"
        "<table><thead><tr><th>Label</th><th>Original</th><th>Replacement</th><th>Action</th>"
        '<th class="num">Offsets</th><th class="num">Score</th><th>Detector</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></details>"
    )


def _report_html(report: _Report) -> str:
    result = report.result
    counts = Counter(s.label for s in result.spans)
    labels = report.labels
    chips = (
        "".join(
            f'<span class="chip l-{label.value}" data-label="{label.value}">'
            f"{label.value} <b>{counts[label]}</b></span>"
            for label in labels
        )
        or '<span class="chip none">nothing detected</span>'
    )
    patient = (
        f'<span class="pid">Patient <b>{escape(result.patient_id, quote=False)}</b></span>'
        if result.patient_id
        else ""
    )
    changes = _changes_table(report) if result.spans else ""
    return (
        f'<article class="report" id="r-{report.index}" data-id="{_attr(report.id)}" '
        f'data-patient="{_attr(result.patient_id or "")}" '
        f'data-labels="{" ".join(label.value for label in labels)}" '
        f'data-spans="{len(result.spans)}">'
        f'<header><h2>Report <span class="rid">{escape(report.id, quote=False)}</span></h2>'
        f'{patient}<span class="chips">{chips}</span></header>'
        '<div class="panes">'
        '<section class="pane original"><h3>Original <small>(PHI)</small></h3>'
        f'<pre class="text">{_original_html(report)}</pre></section>'
        '<section class="pane scrubbed"><h3>Scrubbed <small>(what would leave)</small></h3>'
        f'<pre class="text">{_scrubbed_html(report)}</pre></section>'
        f"</div>{changes}</article>"
    )


def _stats(reports: Sequence[_Report]) -> dict[PhiLabel, _LabelStats]:
    stats: dict[PhiLabel, _LabelStats] = defaultdict(_LabelStats)
    for report in reports:
        for label in report.labels:
            stats[label].reports += 1
        for span in report.result.spans:
            stats[span.label].spans += 1
            rep = report.by_span.get((span.start, span.end, span.label))
            stats[span.label].actions[rep.action if rep else "not replaced"] += 1
    return stats


def _summary_html(reports: Sequence[_Report]) -> str:
    stats = _stats(reports)
    rows = []
    for label in _ordered(stats):
        s = stats[label]
        v = label.value
        letter = label.category.letter
        actions = ", ".join(a for a, _ in s.actions.most_common())
        rows.append(
            f'<tr data-label="{v}"><td><input type="checkbox" class="label-filter" '
            f'id="f-{v}" data-label="{v}" checked></td>'
            f'<td><label for="f-{v}"><span class="chip l-{v}">{v}</span></label></td>'
            f'<td title="{_attr(label.category.value)}"><span class="letter">{letter}</span> '
            f'<span class="cat">{_CATEGORY_SHORT[letter]}</span></td>'
            f'<td class="num" data-count="spans">{s.spans}</td>'
            f'<td class="num" data-count="reports">{s.reports}</td>'
            f"<td>{escape(actions, quote=False)}</td></tr>"
        )
    total_spans = sum(len(r.result.spans) for r in reports)
    with_phi = sum(1 for r in reports if r.result.spans)
    missing = [label.value for label in PhiLabel if label not in stats]
    body = (
        "".join(rows)
        if rows
        else '<tr><td colspan="6" class="empty">No PHI was detected in these reports.</td></tr>'
    )
    none_line = f'<p class="absent">No detections for: {", ".join(missing)}.</p>' if missing else ""
    return (
        '<table class="counts"><thead><tr><th title="Highlight this label">Show</th>'
        "<th>Label</th><th>Safe Harbor category</th>"
        '<th class="num">Spans</th><th class="num">Reports</th><th>Replaced by</th></tr></thead>'
        f"<tbody>{body}</tbody>"
        f"<tfoot><tr><td></td><td>All</td><td>{with_phi} of {len(reports)} reports</td>"
        f'<td class="num" id="total-spans">{total_spans}</td>'
        f'<td class="num">{with_phi}</td><td></td></tr></tfoot></table>{none_line}'
    )


_TOOLBAR = """<nav class="toolbar" aria-label="Filters">
<label class="search">Find
<input type="search" id="q" placeholder="report or patient id" autocomplete="off"
spellcheck="false"></label>
<label title="Keep only the reports that have a span of a ticked label">
<input type="checkbox" id="only-phi"> Only reports with PHI</label>
<span class="group">Labels <button type="button" id="labels-all">all</button>
<button type="button" id="labels-none">none</button></span>
<span class="group" role="radiogroup" aria-label="Panes">Show
<label><input type="radio" name="view" value="both" checked> both</label>
<label><input type="radio" name="view" value="original"> original</label>
<label><input type="radio" name="view" value="scrubbed"> scrubbed</label></span>
<label><input type="checkbox" id="tags" checked> Label tags</label>
<output id="visible-count" aria-live="polite"></output>
</nav>"""

_BANNER = (
    '<div class="phi-banner" role="alert"><strong>Contains PHI</strong> Original, unscrubbed '
    "report text: handle this file as protected health information. Approved systems only; "
    "do not e-mail, upload or print it; delete it after the review.</div>"
)

_CAVEAT = (
    '<p class="caveat">Highlights show what radscrub <em>detected</em>; the right pane shows what '
    "replaced it. Text without a highlight may still hold identifiers the detectors missed: "
    "finding those is what this review is for.</p>"
    '<p class="caveat">Untick a label to hide its highlights; with <em>Only reports with PHI</em> '
    "the list keeps the reports that have a ticked label. Hover a highlight to see its pair in "
    "the other pane; each report's <em>changes</em> table lists every replacement.</p>"
)


def render_review(
    results: Iterable[ReviewRecord],
    *,
    title: str = "radscrub review",
    meta: Mapping[str, str] | None = None,
    note: str | None = None,
) -> str:
    """Render ``(report id, original text, ScrubResult)`` records as one self-contained HTML page.

    ``meta`` (e.g. input file, mode, detectors) is listed under the title; ``note`` is shown as a
    notice (e.g. that the input was truncated). Raises ValueError if offsets don't fit the texts.
    """
    from radscrub import __version__

    reports = [_check(i, record) for i, record in enumerate(results)]
    script = _asset("review.js")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src '{_script_hash(script)}'; base-uri 'none'; form-action 'none'"
    )
    info = {"Reports": str(len(reports)), **(meta or {}), "radscrub": __version__}
    meta_html = "".join(
        f"<div><dt>{escape(k, quote=False)}</dt><dd>{escape(v, quote=False)}</dd></div>"
        for k, v in info.items()
    )
    note_html = f'<p class="note">{escape(note, quote=False)}</p>' if note else ""
    body = "".join(_report_html(r) for r in reports) or '<p class="empty">No reports.</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" data-review-ready="0"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_attr(csp)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title, quote=False)} (contains PHI)</title>\n"
        f"<style>\n{_asset('review.css')}\n{_label_css()}\n</style></head>\n"
        f'<body data-view="both"><div class="sticky">{_BANNER}\n{_TOOLBAR}</div>\n'
        f'<header class="top"><h1>{escape(title, quote=False)}</h1>'
        f'<dl class="meta">{meta_html}</dl>{note_html}</header>\n'
        f'<section class="summary"><div class="counts-box">{_summary_html(reports)}</div>'
        f'<div class="help">{_CAVEAT}</div></section>\n'
        f'<main id="reports">{body}</main>\n'
        "<footer>Generated by radscrub. This file is self-contained and makes no network "
        "requests.</footer>\n"
        f"<script>{script}</script>\n</body></html>\n"
    )


def write_review(
    path: str | Path,
    results: Iterable[ReviewRecord],
    *,
    title: str = "radscrub review",
    meta: Mapping[str, str] | None = None,
    note: str | None = None,
) -> Path:
    """Render and write the page, readable by its owner only (mode 0600); return the path.

    The file appears only once complete (written beside it, then renamed into place).
    """
    html = render_review(results, title=title, meta=meta, note=note)
    path = Path(path)
    partial = path.with_name(path.name + ".radscrub-partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8") as handle:
            handle.write(html)
        partial.replace(path)
    except OSError as exc:
        raise RadscrubError(
            f"{path}: cannot write the review page: {exc.strerror}; check the directory exists "
            "and is writable"
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return path


def as_iframe(page: str, *, height: int = 720) -> str:
    """The page inside a sandboxed ``<iframe srcdoc>``, its styles and script kept apart.

    For notebooks: ``IPython.display.HTML(as_iframe(render_review(records)))``.
    """
    return (
        f'<iframe srcdoc="{_attr(page)}" sandbox="allow-scripts" title="radscrub review" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #d9dee5"></iframe>'
    )
