"""Render an :class:`EvaluationReport` as fixed-width text or JSON; write error cases as JSONL."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from radscrub.evaluation.analysis import ErrorCase
from radscrub.evaluation.matching import MatchMode
from radscrub.evaluation.metrics import Score
from radscrub.evaluation.scoring import EvaluationReport

_COUNTS_HEADER = f"{'P':>7}{'R':>7}{'F1':>7}{'gold':>8}{'found':>8}{'pred':>8}{'correct':>8}"


def fmt_rate(value: float | None) -> str:
    """A rate as ``0.923``, or ``-`` when not defined."""
    return "-" if value is None else f"{value:.3f}"


def _row(name: str, score: Score, width: int = 26) -> str:
    return (
        f"  {name:<{width}}{fmt_rate(score.precision):>7}{fmt_rate(score.recall):>7}"
        f"{fmt_rate(score.f1):>7}{score.gold:>8}{score.found:>8}{score.predicted:>8}"
        f"{score.correct:>8}"
    )


def render_text(report: EvaluationReport) -> str:
    """The human-readable report: summary, token and entity tables, per label and per category."""
    lines = [
        f"documents: {report.documents} ({report.documents_without_prediction} without "
        f"predictions)   gold spans: {report.gold_spans}   predicted spans: "
        f"{report.predicted_spans}   label map: {report.label_map['name']}",
        *_run_line(report),
        "",
        f"  {'Token level (PHI or not)':<26}{_COUNTS_HEADER}",
        _row("tokens", report.token.binary),
        f"  leak rate: {report.leak.documents_leaking} of {report.leak.documents_with_phi} "
        f"documents with PHI leak at least one PHI token ({_percent(report.leak.rate)})",
        "",
        f"  {'Entity level':<26}{_COUNTS_HEADER}",
    ]
    for mode, scores in report.entity.items():
        lines.append(_row(f"{mode.value}, any label", scores.any_label))
        lines.append(_row(f"{mode.value}, same label", scores.typed))
    lines += ["", *_per_key_table(report, "label"), "", *_per_key_table(report, "category")]
    lines += _footnotes(report)
    return "\n".join(lines) + "\n"


def _run_line(report: EvaluationReport) -> list[str]:
    extra = report.extra
    if "docs_per_second" not in extra:
        return []
    return [f"predicted by {extra.get('pred')}: {extra['docs_per_second']} documents/s"]


def _per_key_table(report: EvaluationReport, kind: str) -> list[str]:
    token = report.token.per_label if kind == "label" else report.token.per_category
    entity = {
        mode: (s.per_label if kind == "label" else s.per_category)
        for mode, s in report.entity.items()
    }
    title = "Per label" if kind == "label" else "Per Safe Harbor category"
    modes = " | ".join(f"{m.value + ' P/R/F1':<17}" for m in MatchMode)
    lines = [f"  {title:<24}{'gold':>6}{'pred':>6}{'tok-R':>7}{'tok-P':>7} | {modes}".rstrip()]
    for key in sorted(token.keys() | entity[MatchMode.STRICT].keys()):
        strict = entity[MatchMode.STRICT].get(key, Score())
        name = key if kind == "label" else f"{key} {_CATEGORY_SHORT.get(key, '(not radscrub)')}"
        tok = token.get(key, Score())
        cells = " | ".join(_prf(entity[m].get(key, Score())) for m in MatchMode)
        lines.append(
            f"  {name:<24}{strict.gold:>6}{strict.predicted:>6}{fmt_rate(tok.recall):>7}"
            f"{fmt_rate(tok.precision):>7} | {cells}"
        )
    return lines


def _prf(score: Score) -> str:
    return " ".join(f"{fmt_rate(x):>5}" for x in (score.precision, score.recall, score.f1))


_CATEGORY_SHORT = {
    "A": "names",
    "B": "geographic",
    "C": "dates, ages>89",
    "D": "phone",
    "E": "fax",
    "F": "email",
    "G": "SSN",
    "H": "MRN",
    "I": "health plan",
    "J": "account",
    "K": "licence",
    "L": "vehicle",
    "M": "device",
    "N": "URL",
    "O": "IP address",
    "P": "biometric",
    "Q": "photo",
    "R": "other id",
}


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{100 * rate:.1f}%"


def _footnotes(report: EvaluationReport) -> list[str]:
    lines = [""]
    if report.ignored_gold:
        recall = report.token.per_source_label
        ignored = ", ".join(
            f"{label} {n} spans (token recall {fmt_rate(recall.get(label, Score()).recall)})"
            for label, n in sorted(report.ignored_gold.items())
        )
        lines.append(f"ignored gold labels (not scored): {ignored}")
    if report.dropped_predictions:
        dropped = ", ".join(f"{k} {v}" for k, v in sorted(report.dropped_predictions.items()))
        lines.append(f"predictions dropped by the label map: {dropped}")
    for side, labels in report.unmapped_labels.items():
        if labels:
            lines.append(
                f"unmapped {side} labels (scored as written; add them to a --label-map): "
                + ", ".join(labels)
            )
    mapped = report.label_map.get("mapped") or {}
    if mapped:
        lines.append("label map: " + ", ".join(f"{k}->{v}" for k, v in sorted(mapped.items())))
    if report.label_map.get("notes"):
        lines.append(f"label map notes: {report.label_map['notes']}")
    lines.append(
        "tokens are runs of letters/digits; per-label entity scores need the same label; "
        "relaxed = same start, end within 2 characters; '-' = not defined (0/0)"
    )
    return lines


def render_json(report: EvaluationReport) -> str:
    """The report as indented JSON (``radscrub evaluate --json``)."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def write_errors(cases: Iterable[ErrorCase], path: str | Path) -> int:
    """Write error cases as JSONL; return how many. The file contains PHI text."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case.to_json(), ensure_ascii=False) + "\n")
            n += 1
    return n
