"""The review page: every span highlighted by label beside its replacement, escaped, self-contained.

The detectors here are a toy table, so these tests don't depend on the real ones. The ``browser``
tests render pages in headless Chromium (skipped when /usr/bin/chromium is absent).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
import stat
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from radscrub import PhiLabel, PhiSpan, Scrubber, ScrubConfig, ScrubResult
from radscrub.cli import app
from radscrub.config import DetectConfig
from radscrub.detect import Pattern, PatternDetector
from radscrub.errors import DetectionTimeout, InputError, RadscrubError
from radscrub.review import (
    LABEL_COLORS,
    InputReport,
    as_iframe,
    iter_reports,
    render_review,
    review_file,
    scrub_reports,
    write_review,
)
from radscrub.spans import Replacement

# -- a scrubber whose detectors we control ---------------------------------------------------


class ToyDetector(PatternDetector):
    """A few fixed shapes: dates, ``Dr. Name``, ``MRN 123456``."""

    labels = (PhiLabel.NAME, PhiLabel.DATE, PhiLabel.MRN)
    patterns = (
        Pattern("date", r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", PhiLabel.DATE, 0.9),
        Pattern("name", r"\bDr\.\s+([A-Z][a-z]+)", PhiLabel.NAME, 0.8, group=1),
        Pattern("mrn", r"\bMRN\s+(\d{6})\b", PhiLabel.MRN, 0.9, group=1),
    )


@functools.cache
def toy_scrubber() -> Scrubber:
    """Built once, on first use."""
    return Scrubber(ScrubConfig(detect=DetectConfig(detectors=())), detectors=[ToyDetector()])


HOSTILE = (
    "Seen by Dr. Evil <script>document.documentElement.setAttribute('data-pwned','1')</script> "
    "on 3/4/2021 & \"quoted\" 'single' <img src=x onerror=\"document.title='pwned'\"> </pre></mark>"
)
REPORTS = [
    ("R-001", "CT chest 03/14/2019. MRN 004829. Discussed with Dr. Gray on 3/15/2019.", "P-1"),
    ("<u>R-002</u>", HOSTILE, "<i>P-2</i>"),
    ("R-003", "Normal chest radiograph. No identifiers.", None),
]


def records(reports=REPORTS):  # type: ignore[no-untyped-def]
    return [(rid, text, toy_scrubber().scrub(text, patient_id=pid)) for rid, text, pid in reports]


# -- a parser for the page's structure ------------------------------------------------------


@dataclass
class Mark:
    classes: list[str]
    label: str
    i: str
    title: str
    text: str = ""


@dataclass
class Page:
    """What a review page holds, as an HTML parser (or, after a dump, the browser) sees it."""

    root: dict[str, str] = field(default_factory=dict)
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    reports: list[dict[str, str]] = field(default_factory=list)
    marks: list[tuple[int, str, Mark]] = field(default_factory=list)
    """(report index, pane, mark) in document order."""
    panes: list[tuple[int, str, str]] = field(default_factory=list)
    """(report index, pane, text content) in document order."""
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """label -> {"spans": n, "reports": n} from the counts table."""
    output: str = ""

    def pane_text(self, report: int, pane: str) -> str:
        return next(t for r, p, t in self.panes if r == report and p == pane)

    def pane_marks(self, report: int, pane: str) -> list[Mark]:
        return [m for r, p, m in self.marks if r == report and p == pane]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._script: list[str] | None = None
        self._mark: Mark | None = None
        self._pane = ""
        self._pre: list[str] | None = None
        self._row = ""
        self._count = ""
        self._output: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.page.tags.append((tag, a))
        cls = a.get("class", "").split()
        if tag == "html":
            self.page.root = a
        elif tag == "script":
            self._script = []
        elif tag == "article" and "report" in cls:
            self.page.reports.append(a)
        elif tag == "section" and "pane" in cls:
            self._pane = "original" if "original" in cls else "scrubbed"
        elif tag == "pre" and self._pane:
            self._pre = []
        elif tag == "mark" and self._pane:
            self._mark = Mark(cls, a.get("data-label", ""), a.get("data-i", ""), a.get("title", ""))
        elif tag == "tr":
            self._row = a.get("data-label", "")
        elif tag == "td" and "data-count" in a and self._row:
            self._count = a["data-count"]
        elif tag == "output":
            self._output = []

    def handle_endtag(self, tag: str) -> None:
        report = len(self.page.reports) - 1
        if tag == "script" and self._script is not None:
            self.page.scripts.append("".join(self._script))
            self._script = None
        elif tag == "mark" and self._mark is not None:
            self.page.marks.append((report, self._pane, self._mark))
            self._mark = None
        elif tag == "pre" and self._pre is not None:
            self.page.panes.append((report, self._pane, "".join(self._pre)))
            self._pre = None
        elif tag == "section":
            self._pane = ""
        elif tag == "td":
            self._count = ""
        elif tag == "output" and self._output is not None:
            self.page.output = "".join(self._output)
            self._output = None

    def handle_data(self, data: str) -> None:
        for sink in (self._script, self._pre, self._output):
            if sink is not None:
                sink.append(data)
        if self._mark is not None:
            self._mark.text += data
        if self._count:
            self.page.counts.setdefault(self._row, {})[self._count] = int(data)


def parse_page(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


# -- rendering -------------------------------------------------------------------------------


def test_every_span_is_highlighted_with_its_label_beside_its_replacement() -> None:
    recs = records()
    page = parse_page(render_review(recs))
    assert [r["data-id"] for r in page.reports] == [rid for rid, _, _ in REPORTS]
    for index, (_, text, result) in enumerate(recs):
        original = page.pane_marks(index, "original")
        scrubbed = page.pane_marks(index, "scrubbed")
        assert [(m.label, m.text) for m in original] == [
            (s.label.value, text[s.start : s.end]) for s in result.spans
        ]
        assert [(m.label, m.text) for m in scrubbed] == [
            (r.span.label.value, r.new_text) for r in result.replacements
        ]
        # the two panes' marks are paired by data-i, and every mark is coloured by its label
        assert [m.i for m in original] == [m.i for m in scrubbed]
        for mark in original + scrubbed:
            assert f"l-{mark.label}" in mark.classes
        for mark, rep in zip(original, result.replacements, strict=True):
            assert rep.new_text in mark.title and rep.action in mark.title


def test_panes_hold_the_original_and_the_scrubbed_text_exactly() -> None:
    recs = records()
    page = parse_page(render_review(recs))
    for index, (_, text, result) in enumerate(recs):
        assert page.pane_text(index, "original") == text
        assert page.pane_text(index, "scrubbed") == result.text


def test_counts_table_matches_the_spans() -> None:
    recs = records()
    page = parse_page(render_review(recs))
    spans = Counter(s.label.value for _, _, r in recs for s in r.spans)
    reports = Counter(label for _, _, r in recs for label in {s.label.value for s in r.spans})
    assert page.counts == {
        label: {"spans": spans[label], "reports": reports[label]} for label in spans
    }
    assert set(spans) == {"NAME", "DATE", "MRN"}


def test_reports_carry_their_ids_labels_and_patient() -> None:
    recs = records()
    page = parse_page(render_review(recs))
    got = [
        (r["data-id"], r["data-patient"], r["data-labels"], r["data-spans"]) for r in page.reports
    ]
    want = [
        (rid, pid or "", " ".join(_ordered_labels(res)), str(len(res.spans)))
        for (rid, _, pid), (_, _, res) in zip(REPORTS, recs, strict=True)
    ]
    assert got == want


def _ordered_labels(result: ScrubResult) -> list[str]:
    order = list(PhiLabel)
    return [label.value for label in sorted({s.label for s in result.spans}, key=order.index)]


PAGE_TAGS = frozenset(
    {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "div",
        "strong",
        "nav",
        "label",
        "input",
        "span",
        "button",
        "output",
        "header",
        "h1",
        "dl",
        "dt",
        "dd",
        "p",
        "em",
        "section",
        "table",
        "thead",
        "tr",
        "th",
        "tbody",
        "td",
        "tfoot",
        "main",
        "article",
        "h2",
        "b",
        "h3",
        "small",
        "pre",
        "mark",
        "details",
        "summary",
        "code",
        "footer",
        "script",
    }
)
"""Every element the page itself uses (hostile text uses others: img, u, i)."""


def test_hostile_text_ids_and_patients_are_escaped() -> None:
    html = render_review(records())
    page = parse_page(html)
    # the only elements are the page's own: one script (ours), no images, no injected markup
    assert [t for t, _ in page.tags].count("script") == 1
    assert {t for t, _ in page.tags} <= PAGE_TAGS
    assert page.scripts == [_asset_js()]
    assert "data-pwned" not in page.root
    assert page.pane_text(1, "original") == HOSTILE
    assert page.reports[1]["data-id"] == "<u>R-002</u>"
    assert page.reports[1]["data-patient"] == "<i>P-2</i>"


@given(st.text(max_size=200), st.text(max_size=20))
def test_any_text_round_trips_through_the_page(text: str, report_id: str) -> None:
    text = "Dr. Gray on 1/2/2003 " + text
    result = toy_scrubber().scrub(text)
    page = parse_page(render_review([(report_id, text, result)]))
    assert page.pane_text(0, "original") == text
    assert page.reports[0]["data-id"] == report_id
    assert [t for t, _ in page.tags].count("script") == 1


def _asset_js() -> str:
    from importlib import resources

    return resources.files("radscrub.review.assets").joinpath("review.js").read_text("utf-8")


def test_page_is_self_contained_and_only_its_own_script_may_run() -> None:
    html = render_review(records())
    page = parse_page(html)
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    # nothing to fetch: no src/href attributes, no URLs in the page's own markup
    assert not [(t, a) for t, a in page.tags if {"src", "href"} & set(a)]
    assert not re.search(r"https?://", html)


def test_page_warns_that_it_contains_phi() -> None:
    html = render_review(records())
    banner = re.search(r'<div class="phi-banner" role="alert">(.*?)</div>', html)
    assert banner is not None
    assert "Contains PHI" in banner.group(1)
    assert "protected health information" in banner.group(1)
    assert "(contains PHI)</title>" in html


def test_meta_and_note_are_shown_escaped() -> None:
    html = render_review([], meta={"Input": "<x>.jsonl"}, note="first 5 <only>", title="T & T")
    assert "<dd>&lt;x&gt;.jsonl</dd>" in html
    assert "first 5 &lt;only&gt;" in html
    assert "<h1>T &amp; T</h1>" in html
    assert "No reports." in html


def test_every_label_has_its_own_colour_and_css() -> None:
    assert set(LABEL_COLORS) == set(PhiLabel)
    assert len(set(LABEL_COLORS.values())) == len(PhiLabel)
    html = render_review([])
    for label, colour in LABEL_COLORS.items():
        assert f".l-{label.value}{{--c:{colour}}}" in html
        assert f"body.hide-{label.value} mark.l-{label.value}" in html


@pytest.mark.parametrize(
    ("spans", "text", "message"),
    [
        ([PhiSpan(0, 5, PhiLabel.NAME), PhiSpan(3, 8, PhiLabel.DATE)], "abcdefghij", "overlap"),
        ([PhiSpan(5, 40, PhiLabel.NAME)], "abcdefghij", "is this the text that was scrubbed"),
    ],
)
def test_offsets_that_dont_fit_are_rejected(spans: list[PhiSpan], text: str, message: str) -> None:
    result = ScrubResult(text, tuple(spans), ())
    with pytest.raises(ValueError, match=message):
        render_review([("r1", text, result)])


def test_replacement_offsets_are_checked_against_the_scrubbed_text() -> None:
    span = PhiSpan(0, 3, PhiLabel.NAME)
    bad = ScrubResult("[NAME]", (span,), (Replacement(span, "redact", "[NAME]", 0, 60),))
    with pytest.raises(ValueError, match="replacements end at 60"):
        render_review([("r1", "Bob", bad)])


def test_a_record_must_be_id_text_result() -> None:
    with pytest.raises(TypeError, match=r"\(report id, original text, ScrubResult\)"):
        render_review([("r1", "text")])  # type: ignore[list-item]


def test_unreplaced_spans_are_shown_as_such() -> None:
    span = PhiSpan(0, 3, PhiLabel.NAME)
    page = parse_page(
        render_review([("r1", "Bob is here", ScrubResult("Bob is here", (span,), ()))])
    )
    (mark,) = page.pane_marks(0, "original")
    assert (mark.text, mark.label) == ("Bob", "NAME")
    assert "not replaced" in mark.title
    assert page.pane_marks(0, "scrubbed") == []


# -- writing ----------------------------------------------------------------------------------


def test_write_review_is_owner_only_and_complete(tmp_path: Path) -> None:
    out = write_review(tmp_path / "review.html", records())
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8") == render_review(records())
    assert [p.name for p in tmp_path.iterdir()] == ["review.html"]


def test_write_review_to_a_missing_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(RadscrubError, match="check the directory exists"):
        write_review(tmp_path / "nope" / "review.html", records())


# -- inputs -----------------------------------------------------------------------------------


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_reports_keep_id_text_and_patient(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "in.jsonl",
        [{"id": 7, "text": "a", "patient_id": 99}, {"text": "b"}],
    )
    assert list(iter_reports(path)) == [InputReport("7", "a", "99"), InputReport("2", "b", None)]


def test_text_file_and_folder_of_text_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("second", encoding="utf-8")
    (tmp_path / "a.txt").write_text("\ufefffirst", encoding="utf-8")
    (tmp_path / "sub" / "c.TXT").write_text("third", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert list(iter_reports(tmp_path / "a.txt")) == [InputReport("a", "first")]
    assert [(r.id, r.text) for r in iter_reports(tmp_path)] == [
        ("a", "first"),
        ("b", "second"),
        ("sub/c", "third"),
    ]


def test_tabular_columns_patient_and_known_identifiers(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        'acc,body,pat,name\nA1,CT of 1/2/2020,P9,"SMITH, JOHN"\nA2,MRI,,\n', encoding="utf-8"
    )
    reports = list(
        iter_reports(
            path,
            text_column="body",
            id_column="acc",
            patient_column="pat",
            phi_columns=[("name", "name")],
        )
    )
    assert reports == [
        InputReport("A1", "CT of 1/2/2020", "P9", {"name": ("SMITH, JOHN",)}),
        InputReport("A2", "MRI", None, {}),
    ]


def test_parquet_rows_and_unreadable_cells(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "export.parquet"
    table = pa.table({"id": [1, 2, 3], "report_text": ["CT 1/2/2020", None, "MRI"]})
    pq.write_table(table, path)
    got = [(r.id, r.text, r.problem) for r in iter_reports(path)]
    assert got == [
        ("1", "CT 1/2/2020", None),
        ("2", "", "row 2: 'report_text' is empty (null)"),
        ("3", "MRI", None),
    ]


@pytest.mark.parametrize(
    ("name", "kwargs", "error", "message"),
    [
        ("missing.jsonl", {}, InputError, "file not found"),
        ("missing.txt", {}, InputError, "file not found"),
        ("missing.csv", {}, InputError, "file not found"),
        ("reports.xml", {}, InputError, "cannot tell the format from the name"),
        ("in.jsonl", {"text_column": "body"}, InputError, "no column 'body' (--text-column)"),
        ("in.jsonl", {"phi_columns": [("mrn", "mrn")]}, InputError, "no column 'mrn'"),
        ("in.txt", {"id_column": "acc"}, RadscrubError, "a .txt report has no columns"),
        ("in.txt", {"encoding": "klingon"}, RadscrubError, "unknown encoding 'klingon'"),
        ("latin1.txt", {}, InputError, "pass the file's encoding with --encoding"),
    ],
)
def test_unreadable_inputs_say_what_to_do(
    tmp_path: Path, name: str, kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    (tmp_path / "reports.xml").write_text("<x/>", encoding="utf-8")
    _jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": "x"}])
    (tmp_path / "in.txt").write_text("x", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(error, match=re.escape(message)):
        list(iter_reports(tmp_path / name, **kwargs))


def test_an_empty_input_has_no_reports(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    assert list(iter_reports(tmp_path / "empty.jsonl")) == []
    assert list(iter_reports(tmp_path / "folder")) == []


# -- review_file and the command --------------------------------------------------------------


def _input(tmp_path: Path, n: int) -> Path:
    rows = [
        {"id": f"R{i}", "text": f"Exam {i}/2/2020 by Dr. Gray.", "patient_id": f"P{i % 2}"}
        for i in range(1, n + 1)
    ]
    return _jsonl(tmp_path / "in.jsonl", rows)


@pytest.mark.parametrize(
    ("n", "limit", "shown", "truncated"), [(5, 3, 3, True), (3, 3, 3, False), (4, 0, 4, False)]
)
def test_review_file_honours_the_limit(
    tmp_path: Path, n: int, limit: int, shown: int, truncated: bool
) -> None:
    summary = review_file(_input(tmp_path, n), tmp_path / "r.html", toy_scrubber(), limit=limit)
    assert (summary.reports, summary.truncated) == (shown, truncated)
    assert summary.spans == 2 * shown
    html = summary.path.read_text(encoding="utf-8")
    page = parse_page(html)
    assert [r["data-id"] for r in page.reports] == [f"R{i}" for i in range(1, shown + 1)]
    assert [r["data-patient"] for r in page.reports] == [f"P{i % 2}" for i in range(1, shown + 1)]
    assert ("the input has more (raise --limit)" in html) is truncated
    assert "<dt>Detectors</dt><dd>ToyDetector</dd>" in html


def test_unreadable_rows_are_left_out_and_listed(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    good = [json.dumps({"id": f"R{i}", "text": f"Dr. Gray {i}"}) for i in range(3)]
    path.write_text(f"{good[0]}\n{{oops\n{good[1]}\n[1]\n{good[2]}\n", encoding="utf-8")
    summary = review_file(path, tmp_path / "r.html", toy_scrubber(), limit=2)
    assert (summary.reports, summary.unreadable, summary.truncated) == (2, 2, True)
    html = summary.path.read_text(encoding="utf-8")
    assert [r["data-id"] for r in parse_page(html).reports] == ["R0", "R1"]
    assert "2 unreadable rows left out (row 2 (line 2): bad JSON" in html
    assert "row 4 (line 4): expected a JSON object, got list" in html


def test_known_identifiers_and_patient_reach_the_detectors(tmp_path: Path) -> None:
    seen: list[tuple[str | None, dict[str, tuple[str, ...]]]] = []

    class Spy(PatternDetector):
        labels = (PhiLabel.NAME,)

        def find(self, text, context=None):  # type: ignore[no-untyped-def]
            seen.append((context.patient_id, dict(context.known)))
            return []

    scrubber = Scrubber(ScrubConfig(detect=DetectConfig(detectors=())), detectors=[Spy()])
    reports = [
        InputReport("a", "x", "P1", {"name": ("SMITH",)}),
        InputReport("b", "", problem="bad"),
    ]
    assert [rid for rid, _, _ in scrub_reports(reports, scrubber)] == ["a"]
    assert seen == [("P1", {"name": ("SMITH",)})]


def test_review_file_rejects_a_negative_limit(tmp_path: Path) -> None:
    with pytest.raises(RadscrubError, match="limit must be 0"):
        review_file(_input(tmp_path, 1), tmp_path / "r.html", toy_scrubber(), limit=-1)


def test_a_failing_report_is_named() -> None:
    class Slow(PatternDetector):
        labels = (PhiLabel.ID,)
        patterns = (Pattern("evil", r"(?:a|aa)+(?:a|aa)+b", PhiLabel.ID, flags=0),)

    scrubber = Scrubber(
        ScrubConfig(detect=DetectConfig(detectors=())),
        detectors=[Slow(DetectConfig(pattern_timeout=0.05))],
    )
    with pytest.raises(DetectionTimeout, match="report 'bad':"):
        list(scrub_reports([InputReport("ok", "fine"), InputReport("bad", "a" * 5000)], scrubber))


def _no_detectors_config(tmp_path: Path) -> Path:
    path = tmp_path / "c.toml"
    path.write_text("[detect]\ndetectors = []\n", encoding="utf-8")
    return path


def test_cli_review_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    args = ["review", str(_input(tmp_path, 3)), "--out", str(out), "--limit", "2"]
    result = CliRunner().invoke(app, [*args, "--config", str(_no_detectors_config(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "reviewed 2 reports, 0 PHI spans (input has more; raise --limit)" in result.output
    page = parse_page(out.read_text(encoding="utf-8"))
    assert [r["data-id"] for r in page.reports] == ["R1", "R2"]
    assert "contains PHI" in result.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--mode", "scramble"], "transform.mode must be 'anonymise' or 'pseudonymise'"),
        (["--text-column", "body"], "no column 'body' (--text-column)"),
        (["--phi-column", "mrn"], "expected COLUMN=KIND"),
    ],
)
def test_cli_review_errors_are_one_line(tmp_path: Path, extra: list[str], message: str) -> None:
    args = ["review", str(_input(tmp_path, 1)), "--out", str(tmp_path / "r.html")]
    config = ["--config", str(_no_detectors_config(tmp_path))]
    result = CliRunner().invoke(app, [*args, *config, *extra])
    assert result.exit_code == 2
    assert "radscrub: error: " in result.output and message in result.output
    assert not (tmp_path / "r.html").exists()


# -- in a real browser ------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)
browser = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")


def dump_dom(page: Path, fragment: str, profile: Path) -> tuple[str, str]:
    """The DOM after the page's script ran, and Chromium's log (console messages)."""
    run = subprocess.run(
        [
            str(CHROMIUM),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return run.stdout, run.stderr


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    return write_review(folder / "review.html", records())


@pytest.mark.browser
@browser
def test_browser_renders_highlights_and_runs_the_filters_script(
    browser_page: Path, tmp_path: Path
) -> None:
    dom, log = dump_dom(browser_page, "", tmp_path / "profile")
    page = parse_page(dom)
    assert page.root.get("data-review-ready") == "1", log  # the script ran to its end
    assert "Uncaught" not in log and "Content Security Policy" not in log
    assert page.output == "3 of 3 reports shown"
    recs = records()
    assert page.pane_text(0, "original") == REPORTS[0][1]
    assert [(m.label, m.text) for m in page.pane_marks(0, "original")] == [
        (s.label.value, REPORTS[0][1][s.start : s.end]) for s in recs[0][2].spans
    ]
    assert page.counts["DATE"] == {"spans": 3, "reports": 2}
    # the hostile report is text, its script did not run, its <img> never became an element
    assert page.pane_text(1, "original") == HOSTILE
    assert "data-pwned" not in page.root
    assert "img" not in {t for t, _ in page.tags}
    assert not [r for r in page.reports if "hidden" in r]


@pytest.mark.browser
@browser
@pytest.mark.parametrize(
    ("fragment", "shown", "hidden_labels"),
    [
        ("#q=r-001", ["R-001"], []),
        ("#q=R-00", ["R-001", "<u>R-002</u>", "R-003"], []),
        ("#q=003", ["R-003"], []),
        ("#q=p-2", ["<u>R-002</u>"], []),
        ("#phi=1", ["R-001", "<u>R-002</u>"], []),
        ("#phi=1&off=DATE,NAME", ["R-001"], ["DATE", "NAME"]),
        ("#phi=1&off=DATE,NAME,MRN", [], ["DATE", "NAME", "MRN"]),
    ],
)
def test_browser_filters(
    browser_page: Path, tmp_path: Path, fragment: str, shown: list[str], hidden_labels: list[str]
) -> None:
    dom, log = dump_dom(browser_page, fragment, tmp_path / "profile")
    page = parse_page(dom)
    assert page.root.get("data-review-ready") == "1", log
    assert [r["data-id"] for r in page.reports if "hidden" not in r] == shown
    assert page.output == f"{len(shown)} of 3 reports shown"
    body = next(a for t, a in page.tags if t == "body")
    assert sorted(c for c in body.get("class", "").split() if c.startswith("hide-")) == sorted(
        f"hide-{label}" for label in hidden_labels
    )


def test_as_iframe_sandboxes_the_whole_page() -> None:
    html = render_review(records())
    frame = parse_page(as_iframe(html, height=500))
    ((tag, attrs),) = frame.tags
    assert (tag, attrs["sandbox"]) == ("iframe", "allow-scripts")
    assert attrs["srcdoc"] == html
    assert "height:500px" in attrs["style"]
