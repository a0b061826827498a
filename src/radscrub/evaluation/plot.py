"""Per-label recall and precision bar chart (PNG/SVG/PDF via matplotlib's Agg canvas).

matplotlib is optional (``pip install 'radscrub[plot]'``); it is imported only here, and
without pyplot, so no global backend state is touched.
"""

from __future__ import annotations

from pathlib import Path

from radscrub.errors import RadscrubError
from radscrub.evaluation.matching import MatchMode
from radscrub.evaluation.metrics import Score
from radscrub.evaluation.scoring import EvaluationReport


def plot_report(
    report: EvaluationReport,
    path: str | Path,
    *,
    level: str = "token",
    mode: MatchMode = MatchMode.RELAXED,
    title: str = "",
) -> Path:
    """Draw per-label recall and precision bars to ``path``; return it.

    ``level="token"`` uses the token-level per-label scores (what leaks); ``level="entity"``
    uses typed entity matching under ``mode``. Undefined values are drawn as empty bars.
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise RadscrubError(
            "plotting needs matplotlib: pip install 'radscrub[plot]' (or leave out --plot)"
        ) from None
    if level == "token":
        scores: dict[str, Score] = report.token.per_label
        what = "token level; n = gold tokens"
    elif level == "entity":
        scores = report.entity[mode].per_label
        what = f"{mode.value} entity match, same label; n = gold spans"
    else:
        raise ValueError(f"level must be 'token' or 'entity', not {level!r}")
    labels = list(scores)
    recall = [scores[k].recall or 0.0 for k in labels]
    precision = [scores[k].precision or 0.0 for k in labels]
    xs = range(len(labels))
    fig = Figure(figsize=(max(6.0, 0.7 * len(labels) + 2), 4.5), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    width = 0.4
    ax.bar([x - width / 2 for x in xs], recall, width, label="recall")
    ax.bar([x + width / 2 for x in xs], precision, width, label="precision")
    ax.set_xticks(list(xs), [f"{k}\nn={scores[k].gold}" for k in labels], fontsize=8)
    ax.set_ylim(0, 1.15)
    ax.set_ylabel("score")
    ax.set_title(title or f"radscrub evaluate: per-label recall and precision ({what})")
    ax.legend(loc="upper right", ncols=2, fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    out = Path(path)
    fig.savefig(out, dpi=120)
    return out
