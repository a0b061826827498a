"""Resume: a run killed at any moment (kill -9) continues to exactly the uninterrupted output."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from radscrub.cli import app
from radscrub.errors import ConfigError
from radscrub.io.batch import BatchOptions, run_batch
from radscrub.io.journal import work_dir_for
from test_batch import FakeFactory, make_rows, options, write_csv, write_parquet

TESTS = Path(__file__).parent
SRC = TESTS.parent / "src"

RUNNER = """
import sys
from pathlib import Path
from test_batch import FakeFactory, options
from radscrub.io.batch import run_batch
inp, out, q = map(Path, sys.argv[1:4])
run_batch(options(inp, out, chunk_size=3, quarantine=q), FakeFactory(delay=0.004))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), str(SRC), env.get("PYTHONPATH", "")])
    return env


def _committed_chunks(workdir: Path) -> int:
    journal = workdir / "journal.jsonl"
    if not journal.exists():
        return 0
    return max(0, journal.read_bytes().count(b"\n") - 1)


def _kill_mid_run(command: list[str], workdir: Path, rng: random.Random) -> bool:
    """Start ``command``, SIGKILL it at a random moment after its first commit; True if killed."""
    process = subprocess.Popen(command, env=_env(), stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while _committed_chunks(workdir) < 1 and process.poll() is None:
            if time.monotonic() > deadline:  # pragma: no cover - a hung child
                raise AssertionError("the child never committed a chunk")
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.15))
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return killed
    finally:
        if process.poll() is None:  # pragma: no cover
            process.kill()
            process.wait()
        assert process.stderr is not None
        process.stderr.close()


@pytest.mark.parametrize("fmt", ["csv", "parquet", "txt"])
def test_resume_after_kill_9_gives_the_uninterrupted_bytes(tmp_path: Path, fmt: str) -> None:
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    rows = make_rows(90, explode=[4, 50])
    if fmt == "txt":
        inp = tmp_path / "in"
        inp.mkdir()
        for row in rows:
            (inp / f"{row['report_id']}.txt").write_text(row["text"], encoding="utf-8")
    else:
        inp = (write_csv if fmt == "csv" else write_parquet)(tmp_path / f"in.{fmt}", rows)
    reference, out = tmp_path / f"reference.{fmt}", tmp_path / f"out.{fmt}"
    q_ref, q_out = tmp_path / "q_ref.jsonl", tmp_path / "q_out.jsonl"
    overrides: dict[str, Any] = {"chunk_size": 3}
    if fmt == "txt":
        overrides.update(id_column=None, patient_column=None, phi_columns=())
    run_batch(options(inp, reference, quarantine=q_ref, **overrides), FakeFactory())

    command = [sys.executable, "-c", RUNNER, str(inp), str(out), str(q_out)]
    if fmt == "txt":
        command[2] = RUNNER.replace(
            "chunk_size=3,", "chunk_size=3, id_column=None, patient_column=None, phi_columns=(),"
        )
    killed = _kill_mid_run(command, work_dir_for(out), rng)
    if killed:
        assert not out.exists(), f"seed {seed}: output appeared before the run was complete"
        done = _committed_chunks(work_dir_for(out))
        assert 1 <= done < 30, f"seed {seed}"
    result = run_batch(options(inp, out, quarantine=q_out, resume=True, **overrides), FakeFactory())
    if fmt == "txt":
        assert _folder(out) == _folder(reference), f"seed {seed}"
    else:
        assert out.read_bytes() == reference.read_bytes(), f"seed {seed}"
    assert q_out.read_bytes() == q_ref.read_bytes(), f"seed {seed}"
    assert result.manifest["rows"] == {"read": 90, "written": 88, "quarantined": 2, "excluded": 0}
    assert result.manifest["resumed"] is killed
    assert not work_dir_for(out).exists()


def _folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.iterdir()}


class Crashing:
    """A scrubber that raises KeyboardInterrupt (not an Exception) at its N-th text."""

    def __init__(self, after: int) -> None:
        from test_batch import FakeScrubber

        self.inner = FakeScrubber()
        self.left = after

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def scrub(self, text: str, **kwargs: Any) -> Any:
        self.left -= 1
        if self.left < 0:
            raise KeyboardInterrupt
        return self.inner.scrub(text, **kwargs)


@dataclass(frozen=True)
class CrashingFactory(FakeFactory):
    # workers cache their scrubber per pickled factory: a fresh token gives a fresh Crashing
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __call__(self) -> Any:  # type: ignore[override]
        return Crashing(after=10)


def test_torn_journal_and_stale_parts_are_redone(tmp_path: Path) -> None:
    inp = write_csv(tmp_path / "in.csv", make_rows(30, explode=[20]))
    reference, out = tmp_path / "reference.csv", tmp_path / "out.csv"
    run_batch(options(inp, reference), FakeFactory())
    with pytest.raises(KeyboardInterrupt):
        run_batch(options(inp, out), CrashingFactory())
    workdir = work_dir_for(out)
    assert _committed_chunks(workdir) == 2  # 10 texts = chunks 0, 1 and part of 2
    with open(workdir / "journal.jsonl", "ab") as journal:
        journal.write(b'{"index": 2, "read": 4, "wri')  # torn by a kill mid-write
    (workdir / "parts" / "000002.csv").write_bytes(b"garbage from an uncommitted chunk\n")
    (workdir / "parts" / "000003.csv.tmp").write_bytes(b"half a part")
    run_batch(options(inp, out, resume=True), FakeFactory())
    assert out.read_bytes() == reference.read_bytes()


def test_resume_refuses_a_changed_run(tmp_path: Path) -> None:
    inp = write_csv(tmp_path / "in.csv", make_rows(30))
    out = tmp_path / "out.csv"
    with pytest.raises(KeyboardInterrupt):
        run_batch(options(inp, out), CrashingFactory())
    with pytest.raises(ConfigError, match="chunk_size changed"):
        run_batch(options(inp, out, resume=True, chunk_size=5), FakeFactory())
    with pytest.raises(ConfigError, match="key changed"):
        run_batch(options(inp, out, resume=True), FakeFactory(key_fingerprint="other"))
    with pytest.raises(ConfigError, match="one-off key"):
        run_batch(options(inp, out, resume=True), FakeFactory(key_fingerprint=None))
    write_csv(inp, make_rows(31))
    with pytest.raises(ConfigError, match="input_mtime_ns, input_size changed"):
        run_batch(options(inp, out, resume=True), FakeFactory())
    assert work_dir_for(out).exists()  # refusing to resume never deletes the unfinished run


def test_resume_without_an_unfinished_run_starts_afresh(tmp_path: Path) -> None:
    inp = write_csv(tmp_path / "in.csv", make_rows(5))
    messages: list[str] = []
    result = run_batch(
        BatchOptions(inp, tmp_path / "out.csv", resume=True), FakeFactory(), warn=messages.append
    )
    assert result.manifest["rows"]["written"] == 5 and result.manifest["resumed"] is False
    assert any("nothing to resume" in m for m in messages)


def test_cli_resume_after_kill_9_matches_an_uninterrupted_cli_run(tmp_path: Path) -> None:
    """End to end through ``radscrub scrub`` with the real Scrubber and a key file."""
    rng = random.Random()
    rows = [
        {"accession": f"A{i:06d}", "mrn": f"{7000000 + i % 97}", "name": f"Quill, Zed{i % 13}",
         "text": f"Exam {i}. Findings stable. Signed Zed{i % 13} Quill."}
        for i in range(2500)
    ]  # fmt: skip
    inp = write_csv(tmp_path / "in.csv", rows, ["accession", "mrn", "name", "text"])
    (tmp_path / "radscrub.toml").write_text(
        '[detect]\ndetectors = []\n[transform]\nmode = "pseudonymise"\n', encoding="utf-8"
    )
    key = tmp_path / "key"
    key.write_text("A" * 43 + "=\n", encoding="ascii")
    args = ["scrub", str(inp), "--config", str(tmp_path / "radscrub.toml"), "--key-file", str(key),
            "--id-column", "accession", "--patient-column", "mrn", "--phi-column", "name=name",
            "--chunk-size", "50"]  # fmt: skip
    reference, out = tmp_path / "reference.csv", tmp_path / "out.csv"
    done = CliRunner().invoke(app, [*args, "--out", str(reference)])
    assert done.exit_code == 0, done.output
    command = [sys.executable, "-m", "radscrub.cli", *args, "--out", str(out)]
    killed = _kill_mid_run(command, work_dir_for(out), rng)
    assert not killed or not out.exists()
    manifest = tmp_path / "m.json"
    resumed = CliRunner().invoke(
        app, [*args, "--out", str(out), "--resume", "--manifest", str(manifest)]
    )
    assert resumed.exit_code == 0, resumed.output
    assert out.read_bytes() == reference.read_bytes()
    saved = json.loads(manifest.read_text())
    assert saved["rows"]["written"] == 2500 and saved["resumed"] is killed
