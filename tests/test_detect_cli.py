"""`radscrub detect`: the stable span contract from JSONL, a .txt file or a folder of them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from radscrub.cli import app
from radscrub.pipeline import Scrubber

TEXT = "Findings discussed with Dr. Okonkwo-Lane on 3/14/2021. Patient Zephyrine Quill."


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def read_spans(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_lines_give_the_same_spans_as_the_api(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = [{"id": "r1", "text": TEXT}, {"id": "r2", "text": "No PHI here."}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, output = invoke("detect", source, "--out", tmp_path / "out.jsonl")
    assert code == 0, output
    got = read_spans(tmp_path / "out.jsonl")
    assert [g["id"] for g in got] == ["r1", "r2"]
    expected = [s.to_json() for s in Scrubber().detect(TEXT)]
    assert got[0]["spans"] == expected and got[1]["spans"] == []


def test_known_values_on_a_line_are_used(tmp_path: Path) -> None:
    text = "qzx reports fine. qzx to follow up."  # nothing but the known value marks it
    source = tmp_path / "in.jsonl"
    line = {"id": 7, "text": text, "patient_id": "P1", "known": {"name": ["qzx"]}}
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    code, output = invoke("detect", source, "-o", tmp_path / "out.jsonl")
    assert code == 0, output
    (row,) = read_spans(tmp_path / "out.jsonl")
    assert row["id"] == 7
    assert [text[s["start"] : s["end"]] for s in row["spans"]] == ["qzx", "qzx"]


def test_text_file_and_folder_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "a.txt").write_text("Nothing.", encoding="utf-8")
    code, output = invoke("detect", folder, "-o", tmp_path / "out.jsonl")
    assert code == 0, output
    assert [r["id"] for r in read_spans(tmp_path / "out.jsonl")] == ["b.txt", "sub/a.txt"]
    code, output = invoke("detect", folder / "b.txt", "-o", tmp_path / "one.jsonl")
    assert code == 0, output
    (row,) = read_spans(tmp_path / "one.jsonl")
    assert row["id"] == "b.txt" and row["spans"]


def test_a_bad_line_names_the_line_and_leaves_no_output(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": TEXT})
        + "\n"
        + json.dumps({"id": "b", "text": "x", "known": 5}),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    code, output = invoke("detect", source, "-o", out)
    assert code == 2
    assert "line 2" in output and "'known' must be" in output
    assert not out.exists()
    assert not list(tmp_path.glob("*.radscrub-partial"))
