"""``radscrub scrub INPUT --out OUTPUT``: the batch CLI with the real Scrubber, exit codes 0/1/2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radscrub.cli import app
from radscrub.transform.keys import generate_key
from test_batch import read_csv, write_csv

ROWS = [
    {
        "accession": f"ACC{i:05d}",
        "mrn": f"{4400000 + i % 3}",
        "patient_name": ["QUILL, ZED", "MARSH, ODA", "TERN, AVI"][i % 3],
        "exam_date": f"2019-03-{10 + i:02d}",
        "text": f"CT chest on 3/{10 + i}/2019. Stable nodule{'s' * (i % 2)}.",
    }
    for i in range(8)
]
COLUMNS = list(ROWS[0])


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    config = tmp_path / "radscrub.toml"
    config.write_text('[detect]\ndetectors = ["dates"]\n', encoding="utf-8")
    key = tmp_path / "radscrub.key"
    key.write_text(generate_key() + "\n", encoding="ascii")
    return {"config": config, "key": key, "csv": write_csv(tmp_path / "in.csv", ROWS, COLUMNS)}


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def batch_args(setup: dict[str, Path], out: Path, *extra: str | Path) -> list[str | Path]:
    return [
        "scrub", setup["csv"], "--out", out, "--config", setup["config"],
        "--mode", "pseudonymise", "--key-file", setup["key"],
        "--id-column", "accession", "--patient-column", "mrn",
        "--phi-column", "patient_name=name", "--phi-column", "exam_date=date",
        "--chunk-size", "3", *extra,
    ]  # fmt: skip


def test_csv_export_is_scrubbed_with_one_shift_per_patient(
    setup: dict[str, Path], tmp_path: Path
) -> None:
    out, manifest = tmp_path / "out.csv", tmp_path / "manifest.json"
    code, output = invoke(*batch_args(setup, out, "--manifest", manifest))
    assert code == 0, output
    assert "read 8 rows: wrote 8, quarantined 0, excluded 0" in output
    got = read_csv(out)
    assert list(got[0]) == COLUMNS
    for original, row in zip(ROWS, got, strict=True):
        assert row["accession"] != original["accession"]
        assert row["mrn"] != original["mrn"]
        assert row["patient_name"] == ""
        # the exam_date column and the date in the text move by the same per-patient offset
        old = dt.date.fromisoformat(original["exam_date"])
        new = dt.date.fromisoformat(row["exam_date"])
        assert new != old
        assert f"{new.month}/{new.day}/{new.year}" in row["text"]
    shifts = {}
    for original, row in zip(ROWS, got, strict=True):
        delta = dt.date.fromisoformat(row["exam_date"]) - dt.date.fromisoformat(
            original["exam_date"]
        )
        shifts.setdefault(original["mrn"], set()).add(delta)
    assert all(len(s) == 1 for s in shifts.values())
    saved = json.loads(manifest.read_text(encoding="utf-8"))
    assert saved["rows"]["written"] == 8 and saved["mode"] == "pseudonymise"
    assert saved["phi_labels"] == {"DATE": 8}
    raw = manifest.read_text(encoding="utf-8")
    assert setup["key"].read_text().strip() not in raw
    for row in ROWS:
        assert row["accession"] not in raw and row["mrn"] not in raw


def test_quarantined_rows_exit_1(setup: dict[str, Path], tmp_path: Path) -> None:
    out, quarantine = tmp_path / "out.csv", tmp_path / "q.jsonl"
    code, output = invoke(*batch_args(setup, out, "--max-chars", "37", "--quarantine", quarantine))
    long_rows = sum(len(r["text"]) > 37 for r in ROWS)
    assert 0 < long_rows < len(ROWS)
    assert code == 1, output
    assert f"{long_rows} row(s) quarantined in {quarantine}" in output
    assert len(read_csv(out)) == len(ROWS) - long_rows
    assert len(quarantine.read_text(encoding="utf-8").splitlines()) == long_rows


def test_missing_key_fails_before_any_work(setup: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    args = batch_args(setup, out)
    key_at = args.index("--key-file")
    del args[key_at : key_at + 2]
    code, output = invoke(*args)
    assert code == 2
    assert "pseudonymise mode needs a secret key" in output and "radscrub keygen" in output
    assert not out.exists() and not (tmp_path / "out.csv.radscrub-partial").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--text-column", "body"], "no column 'body'; the input's columns are: 'accession'"),
        (["--phi-column", "dob"], "expected COLUMN=KIND"),
        (["--format", "xml"], "unknown format 'xml'"),
    ],
)
def test_usage_errors_exit_2(
    setup: dict[str, Path], tmp_path: Path, extra: list[str], message: str
) -> None:
    code, output = invoke(*batch_args(setup, tmp_path / "out.csv", *extra))
    assert code == 2
    assert message in output


def test_single_report_mode_is_unchanged(setup: dict[str, Path], tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Seen 3/14/2019.", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["scrub", str(report), "--config", str(setup["config"]), "--patient-id", "P1"]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("Seen ") and "3/14/2019" not in result.stdout
    code, output = invoke("scrub", report, "--manifest", tmp_path / "m.json")
    assert code == 2 and "--manifest need(s) --out" in output


def test_anonymise_workers_share_one_key(setup: dict[str, Path], tmp_path: Path) -> None:
    """Without a key file, anonymise mode draws one key for the run, shared by every worker."""
    out = tmp_path / "out.csv"
    args = [
        "scrub", setup["csv"], "--out", out, "--config", setup["config"], "--mode", "anonymise",
        "--patient-column", "mrn", "--phi-column", "exam_date=date", "--chunk-size", "1",
        "--workers", "2",
    ]  # fmt: skip
    code, output = invoke(*args)
    assert code == 0, output
    pseudonyms: dict[str, set[str]] = {}
    for original, row in zip(ROWS, read_csv(out), strict=True):
        pseudonyms.setdefault(original["mrn"], set()).add(row["mrn"])
    assert all(len(p) == 1 for p in pseudonyms.values())
    assert len({next(iter(p)) for p in pseudonyms.values()}) == 3
