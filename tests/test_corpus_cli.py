"""``radscrub generate`` and the corpus writer/reader/statistics."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from radscrub.cli import app
from radscrub.corpus import dumps_record, generate_reports, read_corpus, write_corpus
from radscrub.corpus.stats import label_counts, markdown_table
from radscrub.errors import InputError
from radscrub.spans import PhiLabel

runner = CliRunner()


def test_cli_generate_writes_the_corpus(tmp_path):
    out = tmp_path / "sub" / "dev.jsonl"
    result = runner.invoke(
        app, ["generate", "--n", "20", "--seed", "4", "--split", "dev", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 20 reports" in result.output and str(out) in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20
    assert lines == [dumps_record(r) for r in generate_reports(20, 4, "dev")]
    assert all(json.loads(line)["split"] == "dev" for line in lines)
    assert not list(tmp_path.glob("**/*.radscrub-partial"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split", "validation"], "unknown split 'validation'"),
        (["--n", "-3"], ""),  # typer's own range error (boxed text; wording varies by width)
    ],
)
def test_cli_generate_rejects_bad_options(tmp_path, args, message):
    result = runner.invoke(app, ["generate", "--out", str(tmp_path / "x.jsonl"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x.jsonl").exists()


def test_write_and_read_round_trip(tmp_path):
    path = tmp_path / "train.jsonl"
    stats = write_corpus(path, 30, 8, "train")
    records = read_corpus(path)
    assert stats.reports == len(records) == 30
    assert stats.patients == len({r["patient_id"] for r in records})
    assert stats.spans == sum(len(r["spans"]) for r in records)
    assert stats.labels == label_counts(records)
    assert path.read_bytes().endswith(b"\n") and b"\r" not in path.read_bytes()


def test_write_keeps_non_ascii_characters(tmp_path):
    path = tmp_path / "c.jsonl"
    write_corpus(path, 200, 2, "train")
    raw = path.read_text(encoding="utf-8")
    assert "\\u" not in raw
    assert any(ord(ch) > 127 for ch in raw)


def test_read_corpus_reports_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        read_corpus(path)
    with pytest.raises(InputError, match="file not found"):
        read_corpus(tmp_path / "missing.jsonl")


def test_markdown_table_lists_every_label(tmp_path):
    path = tmp_path / "test.jsonl"
    write_corpus(path, 40, 1, "test")
    table = markdown_table([path])
    assert table.splitlines()[0] == "| label | test |"
    for label in PhiLabel:
        assert f"| {label.value} |" in table
    assert "| **reports** | 40 |" in table
