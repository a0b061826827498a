"""``radscrub evaluate``, the text/JSON/plot/errors outputs, and benchmarks/accuracy.py."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from radscrub.cli import app
from radscrub.errors import RadscrubError
from radscrub.evaluation import Document, MatchMode, Span, evaluate, plot_report, render_text
from radscrub.evaluation.run import evaluate_files

REPO = Path(__file__).resolve().parents[1]
TEXT = "Seen by Ann Lee on 3/14/2019. Call 617-555-1212."
GOLD = [
    {
        "id": "r1",
        "text": TEXT,
        "spans": [
            {"start": 8, "end": 15, "label": "PERSON"},
            {"start": 19, "end": 28, "label": "DATE"},
            {"start": 35, "end": 47, "label": "PHONE"},
        ],
    },
    {"id": "r2", "text": "No PHI here.", "spans": []},
]
PRED = [
    {
        "id": "r1",
        "spans": [
            {"start": 8, "end": 15, "label": "NAME"},
            {"start": 0, "end": 4, "label": "NAME"},
        ],
    },
    {"id": "r2", "spans": []},
]
runner = CliRunner()


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", PRED)
    label_map = tmp_path / "map.toml"
    label_map.write_text('PERSON = "NAME"\n', encoding="utf-8")
    return gold, pred, label_map


def test_evaluate_json(files: tuple[Path, Path, Path]) -> None:
    gold, pred, label_map = files
    result = runner.invoke(
        app,
        [
            "evaluate",
            "--gold",
            str(gold),
            "--pred",
            str(pred),
            "--label-map",
            str(label_map),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # tokens: gold Ann Lee 3 14 2019 617 555 1212 (8); predicted Seen Ann Lee (3), 2 correct
    assert data["token"]["binary"] == {
        "precision": 0.6667,
        "recall": 0.25,
        "f1": 0.3636,
        "gold": 8,
        "found": 2,
        "predicted": 3,
        "correct": 2,
    }
    strict = data["entity"]["strict"]["typed"]
    assert (strict["gold"], strict["found"], strict["predicted"], strict["correct"]) == (3, 1, 2, 1)
    assert data["leak"] == {"rate": 1.0, "documents_with_phi": 1, "documents_leaking": 1}
    assert data["label_map"]["mapped"] == {"PERSON": "NAME"}
    assert data["extra"]["pred"] == str(pred)


def test_evaluate_table_errors_and_plot(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    gold, pred, label_map = files
    errors, plot = tmp_path / "errors.jsonl", tmp_path / "recall.png"
    result = runner.invoke(
        app,
        [
            *("evaluate", "--gold", str(gold), "--pred", str(pred), "--label-map", str(label_map)),
            *("--errors", str(errors), "--plot", str(plot)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "strict, same label" in result.stdout
    assert "leak rate: 1 of 1 documents" in result.stdout
    cases = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(c["kind"], c["text"]) for c in cases] == [
        ("spurious", "Seen"),
        ("missed", "3/14/2019"),
        ("missed", "617-555-1212"),
    ]
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_evaluate_without_pred_runs_the_detector(
    files: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    gold, _, label_map = files

    def fake_detect(config: object) -> Any:
        return lambda text: (
            [Span(text.index("617"), text.index("617") + 12, "PHONE")] if "617" in text else []
        )

    monkeypatch.setattr("radscrub.evaluation.run.scrubber_detect", fake_detect)
    result = runner.invoke(
        app, ["evaluate", "--gold", str(gold), "--label-map", str(label_map), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["entity"]["strict"]["typed"]["found"] == 1
    assert data["extra"]["pred"] == "radscrub"
    assert "docs_per_second" in data["extra"]


@pytest.mark.parametrize(
    ("extra_args", "message"),
    [
        (["--label-map", "no_such_map"], "no built-in label map"),
        (["--format", "csv"], "unknown corpus format"),
    ],
)
def test_evaluate_errors_exit_2(
    files: tuple[Path, Path, Path], extra_args: list[str], message: str
) -> None:
    gold, pred, _ = files
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred), *extra_args])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.startswith("radscrub: error:")


def test_evaluate_rejects_predictions_for_unknown_documents(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    gold, _, _ = files
    pred = write_jsonl(tmp_path / "other.jsonl", [{"id": "zz", "spans": []}])
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred)])
    assert result.exit_code == 2
    assert "not in the gold file" in result.stderr


def test_evaluate_files_limit(files: tuple[Path, Path, Path]) -> None:
    gold, pred, label_map = files
    run = evaluate_files(gold, pred, label_map=label_map, limit=1)
    assert run.report.documents == 1
    assert [c.kind for c in run.errors()] == ["spurious", "missed", "missed"]


def test_render_text_shows_undefined_rates_and_unmapped_labels() -> None:
    gold = [Document("a", "Call Bob.", (Span(5, 8, "PERSON"),))]
    text = render_text(evaluate(gold, []))
    assert "unmapped gold labels (scored as written; add them to a --label-map): PERSON" in text
    line = next(x for x in text.splitlines() if x.strip().startswith("strict, any label"))
    assert line.split()[3:6] == ["-", "0.000", "0.000"]


def test_plot_needs_matplotlib(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    report = evaluate([Document("a", "Call Bob.", (Span(5, 8, "NAME"),))], [])
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(RadscrubError, match="pip install 'radscrub\\[plot\\]'"):
        plot_report(report, tmp_path / "x.png")


def test_plot_entity_level(tmp_path: Path) -> None:
    report = evaluate([Document("a", "Call Bob.", (Span(5, 8, "NAME"),))], [])
    out = plot_report(report, tmp_path / "x.svg", level="entity", mode=MatchMode.STRICT)
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


# --- benchmarks/accuracy.py ----------------------------------------------------------------


def load_benchmark() -> Any:
    spec = importlib.util.spec_from_file_location(
        "accuracy_benchmark", REPO / "benchmarks" / "accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_accuracy_benchmark_with_prediction_files(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    gold, pred, label_map = files
    out = tmp_path / "results"
    bench = load_benchmark()
    status = bench.main(
        [str(gold), "--pred", str(pred), "--label-map", str(label_map), "--out", str(out)]
    )
    assert status == 0
    data = json.loads((out / "accuracy.json").read_text(encoding="utf-8"))
    assert {"date", "git_commit", "corpora", "skipped"} <= data.keys()
    (corpus,) = data["corpora"]
    assert corpus["token"]["recall"] == 0.25
    assert corpus["entity"]["relaxed"]["same_label"]["found"] == 1
    assert corpus["token_recall_per_label"] == {"DATE": 0.0, "NAME": 1.0, "PHONE": 0.0}
    markdown = (out / "accuracy.md").read_text(encoding="utf-8")
    assert "| token (PHI or not) | 0.667 | 0.250 | 0.364 |" in markdown
    assert "Mapped labels: PERSON → NAME." in markdown
    assert corpus["spurious"] == {"total": 1, "per_100_documents": 50.0, "by_label": {"NAME": 1}}
    assert "Spurious predictions (over-scrubbing: overlapping no gold span): 1," in markdown


def test_accuracy_benchmark_skips_missing_corpora(tmp_path: Path) -> None:
    bench = load_benchmark()
    bench.DEFAULT_CORPUS = tmp_path / "not-generated.jsonl"
    status = bench.main([str(tmp_path / "missing.jsonl"), "--out", str(tmp_path)])
    assert status == 0
    data = json.loads((tmp_path / "accuracy.json").read_text(encoding="utf-8"))
    assert data["corpora"] == []
    assert [s["reason"] for s in data["skipped"]] == [
        "not generated yet (radscrub generate)",
        "not found",
    ]
