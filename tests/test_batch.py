"""Batch scrubbing (radscrub.io.batch): formats, accounting, quarantine, consent, workers.

Most tests use FakeScrubber, a deterministic stand-in with the Scrubber's batch interface, so they
test the batch machinery rather than detection. It lives here so worker processes can import it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from radscrub.errors import ConfigError, DetectionTimeout, InputError
from radscrub.io.batch import BatchOptions, BatchResult, run_batch
from radscrub.io.columns import ColumnSpec, parse_phi_columns
from radscrub.io.process import Failed, RowProcessor, Scrubbed
from radscrub.spans import PhiLabel, PhiSpan, ScrubResult
from radscrub.transform.render import splice

PHI_COLUMNS = (("patient_name", "name"), ("mrn", "mrn"), ("exam_date", "date"))


class FakeScrubber:
    """Replaces known values (4+ chars) and ``SECRET<digits>``; raises on EXPLODE / TIMEOUT."""

    def __init__(self, salt: str = "k1", delay: float = 0.0) -> None:
        self.salt = salt
        self.delay = delay

    def _digest(self, *parts: str) -> str:
        return hashlib.sha256("\x00".join((self.salt, *parts)).encode()).hexdigest()

    def scrub(self, text: str, *, patient_id: str | None = None, known: Any = None) -> ScrubResult:
        if self.delay:
            import time

            time.sleep(self.delay)
        if "EXPLODE" in text:
            raise RuntimeError(f"cannot handle {text[:40]!r}")
        if "TIMEOUT" in text:
            raise DetectionTimeout(
                f"pattern fake.x exceeded 1s on a text of {len(text)} characters"
            )
        spans: list[PhiSpan] = []
        values = [v for vs in (known or {}).values() for v in vs if len(v) >= 4]
        import re

        for value in values:
            for m in re.finditer(re.escape(value), text):
                spans.append(PhiSpan(m.start(), m.end(), PhiLabel.NAME, 1.0, "fake"))
        for m in re.finditer(r"SECRET\d+", text):
            spans.append(PhiSpan(m.start(), m.end(), PhiLabel.ID, 1.0, "fake"))
        spans = _disjoint(spans)
        tag = (patient_id or "-")[:1]
        new, replacements = splice(text, spans, lambda s: ("redact", f"[{s.label.value}{tag}]"))
        return ScrubResult(new, tuple(spans), replacements, patient_id)

    def scrub_field(
        self, value: str, kind: str, *, patient_id: str | None = None, known: Any = None
    ) -> str | None:
        if kind == "name":
            return None
        return f"{kind}:{self._digest(kind, patient_id or '', value)[:8]}"

    def pseudonym(self, kind: str, value: str) -> str:
        return f"{kind[0].upper()}{self._digest(kind, value)[:10]}"


def _disjoint(spans: list[PhiSpan]) -> list[PhiSpan]:
    out: list[PhiSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not out or span.start >= out[-1].end:
            out.append(span)
    return out


@dataclass(frozen=True)
class FakeFactory:
    """Picklable factory with the attributes ScrubberSpec has."""

    salt: str = "k1"
    delay: float = 0.0
    key_fingerprint: str | None = "fake-key"
    config: Any = None

    def __call__(self) -> FakeScrubber:
        return FakeScrubber(self.salt, self.delay)


COLUMNS = ["report_id", "patient_id", "patient_name", "mrn", "exam_date", "site", "text"]


def make_rows(n: int, *, explode: Sequence[int] = ()) -> list[dict[str, str]]:
    """Synthetic rows; rows listed in ``explode`` make the fake scrubber raise."""
    rows = []
    for i in range(n):
        name = f"Zed{i % 7} Quill"
        text = f"Report {i}: {name} seen. Ref SECRET{i}.\nImpression: normal, über stable."
        if i in explode:
            text += " EXPLODE"
        rows.append(
            {
                "report_id": f"R{i:04d}",
                "patient_id": f"P{i % 5}",
                "patient_name": name,
                "mrn": f"{1000000 + i % 5}",
                "exam_date": "2019-03-14",
                "site": "north" if i % 2 else "south",
                "text": text,
            }
        )
    return rows


def write_csv(
    path: Path, rows: Sequence[Mapping[str, Any]], columns: Sequence[str] = COLUMNS
) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns])
    return path


def write_jsonl(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_parquet(path: Path, rows: Sequence[Mapping[str, Any]], row_group_size: int = 7) -> Path:
    pq.write_table(pa.Table.from_pylist(list(rows)), path, row_group_size=row_group_size)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def options(inp: Path, out: Path, **overrides: Any) -> BatchOptions:
    base: dict[str, Any] = {
        "id_column": "report_id",
        "patient_column": "patient_id",
        "phi_columns": PHI_COLUMNS,
        "chunk_size": 4,
    }
    base.update(overrides)
    return BatchOptions(inp, out, **base)


def run(opts: BatchOptions, factory: Any = None) -> BatchResult:
    return run_batch(opts, factory or FakeFactory())


def expected_row(row: Mapping[str, Any], scrubber: FakeScrubber | None = None) -> dict[str, Any]:
    """What the batch runner must write for ``row`` (computed with the same fake)."""
    scrubber = scrubber or FakeScrubber()
    spec = ColumnSpec(("text",), "report_id", "patient_id", PHI_COLUMNS)
    outcome = RowProcessor(scrubber, spec).process([row])[0]
    assert isinstance(outcome, Scrubbed)
    return {**row, **outcome.values}


# -- formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_each_format_round_trips_columns_order_and_scrubbed_values(
    tmp_path: Path, fmt: str
) -> None:
    rows = make_rows(11)
    writer = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}[fmt]
    inp = writer(tmp_path / f"in.{fmt}", rows)
    out = tmp_path / f"out.{fmt}"
    result = run(options(inp, out))
    assert result.exit_code == 0
    if fmt == "csv":
        got = read_csv(out)
        assert list(got[0]) == COLUMNS
    elif fmt == "jsonl":
        got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert all(list(r) == COLUMNS for r in got)
    else:
        table = pq.read_table(out)
        assert table.column_names == COLUMNS
        got = table.to_pylist()
    want = [expected_row(r) for r in rows]
    if fmt == "csv":  # CSV has no null: a dropped value is written empty
        want = [{k: "" if v is None else v for k, v in r.items()} for r in want]
    assert got == want
    for original, scrubbed in zip(rows, got, strict=True):
        assert original["patient_name"] not in scrubbed["text"]
        assert f"SECRET{original['report_id'][1:].lstrip('0') or '0'}" not in scrubbed["text"]
        assert scrubbed["patient_id"] != original["patient_id"]
        assert scrubbed["report_id"] != original["report_id"]
        assert scrubbed["site"] == original["site"]  # undeclared columns are copied
    assert result.manifest["rows"] == {"read": 11, "written": 11, "quarantined": 0, "excluded": 0}
    assert not (tmp_path / f"out.{fmt}.radscrub-partial").exists()


def test_parquet_keeps_schema_and_turns_non_text_phi_columns_into_strings(tmp_path: Path) -> None:
    import datetime as dt

    table = pa.table(
        {
            "mrn": pa.array([1234, 4567], pa.int64()),
            "exam_date": pa.array([dt.date(2019, 3, 14), None], pa.date32()),
            "score": pa.array([1.5, 2.5], pa.float32()),
            "text": pa.array(["MRN 1234 here", None], pa.large_string()),
        }
    )
    inp = tmp_path / "in.parquet"
    pq.write_table(table, inp)
    out = tmp_path / "out.parquet"
    run(
        options(
            inp,
            out,
            id_column=None,
            patient_column=None,
            phi_columns=(("mrn", "mrn"), ("exam_date", "date")),
        )
    )
    result = pq.read_table(out)
    assert result.schema.field("score").type == pa.float32()
    assert result.schema.field("text").type == pa.large_string()
    assert result.schema.field("mrn").type == pa.string()
    assert result.schema.field("exam_date").type == pa.string()
    fake = FakeScrubber()
    assert result.column("mrn").to_pylist() == [
        fake.scrub_field("1234", "mrn"),
        fake.scrub_field("4567", "mrn"),
    ]
    assert result.column("exam_date").to_pylist() == [fake.scrub_field("2019-03-14", "date"), None]
    assert result.column("text").to_pylist() == ["MRN [NAME-] here", None]


def test_parquet_is_streamed_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = make_rows(30)
    inp = write_parquet(tmp_path / "in.parquet", rows, row_group_size=5)
    seen: list[int] = []
    original = pq.ParquetFile.iter_batches

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        for batch in original(self, *args, **kwargs):
            seen.append(batch.num_rows)
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    run(options(inp, tmp_path / "out.parquet", chunk_size=4))
    assert sum(seen) == 30 and max(seen) <= 5


def test_folder_of_text_files_round_trips_with_pseudonymised_names(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "2019").mkdir(parents=True)
    (folder / "a.txt").write_text("Seen SECRET1 today.", encoding="utf-8")
    (folder / "2019" / "b.txt").write_text("Seen SECRET2 today.\n", encoding="utf-8")
    (folder / "notes.md").write_text("not a report", encoding="utf-8")
    out = tmp_path / "clean"
    result = run(BatchOptions(folder, out, chunk_size=1))
    fake = FakeScrubber()
    names = {
        fake.pseudonym("report_id", "a") + ".txt",
        fake.pseudonym("report_id", "2019/b").replace("/", "_") + ".txt",
    }
    assert {p.name for p in out.iterdir()} == names
    assert sorted(p.read_text(encoding="utf-8") for p in out.iterdir()) == [
        "Seen [ID-] today.",
        "Seen [ID-] today.\n",
    ]
    assert result.manifest["rows"]["written"] == 2
    assert result.manifest["input"]["format"] == "txt"


def test_tsv_and_crlf_are_kept(tmp_path: Path) -> None:
    inp = tmp_path / "in.tsv"
    inp.write_bytes(b"id\ttext\r\n1\tSECRET9 x\r\n2\tplain\r\n")
    out = tmp_path / "out.tsv"
    run(BatchOptions(inp, out))
    assert out.read_bytes() == b"id\ttext\r\n1\t[ID-] x\r\n2\tplain\r\n"


def test_default_text_columns_and_utf8_bom(tmp_path: Path) -> None:
    inp = tmp_path / "in.csv"
    inp.write_bytes("\ufeffreport_text,other\nSECRET1,é\n".encode())
    out = tmp_path / "out.csv"
    result = run(BatchOptions(inp, out))
    assert out.read_text(encoding="utf-8") == "report_text,other\n[ID-],é\n"
    assert result.manifest["columns"]["text"] == ["report_text"]


def test_other_encodings_are_read_with_encoding_option(tmp_path: Path) -> None:
    inp = tmp_path / "in.csv"
    inp.write_bytes("text\nJosé SECRET1\n".encode("cp1252"))
    out = tmp_path / "out.csv"
    with pytest.raises(InputError, match=r"in\.csv:2: .*--encoding"):
        run(BatchOptions(inp, out))
    run(BatchOptions(inp, out, encoding="cp1252"))
    assert out.read_text(encoding="utf-8") == "text\nJosé [ID-]\n"


# -- structured PHI and ids -------------------------------------------------------------------


def test_structured_phi_is_known_to_the_text_and_transformed(tmp_path: Path) -> None:
    rows = [dict(make_rows(1)[0], text="Zed0 Quill has MRN 1000000 dated 2019-03-14.")]
    inp = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out.csv"
    run(options(inp, out))
    (got,) = read_csv(out)
    assert got["text"] == "[NAMEP] has MRN [NAMEP] dated [NAMEP]."
    assert got["patient_name"] == ""  # names are dropped
    assert got["mrn"] == FakeScrubber().scrub_field("1000000", "mrn", patient_id="P0")
    assert got["patient_id"] == FakeScrubber().pseudonym("patient_id", "P0")


def test_processor_batches_and_isolates_failures_when_the_batch_raises() -> None:
    class Batching(FakeScrubber):
        calls = 0

        def scrub_many(self, texts: list[str], **kwargs: Any) -> Any:
            Batching.calls += 1
            for text, pid, known in zip(texts, kwargs["patient_ids"], kwargs["known"], strict=True):
                yield self.scrub(text, patient_id=pid, known=known)

    spec = ColumnSpec(("text",), "report_id", "patient_id", PHI_COLUMNS)
    rows = make_rows(6, explode=[2])
    outcomes = RowProcessor(Batching(), spec).process(rows)
    assert Batching.calls == 1
    assert [type(o) for o in outcomes] == [Scrubbed, Scrubbed, Failed, Scrubbed, Scrubbed, Scrubbed]
    assert [o.values for o in outcomes if isinstance(o, Scrubbed)] == [
        RowProcessor(FakeScrubber(), spec).process([r])[0].values  # type: ignore[union-attr]
        for i, r in enumerate(rows)
        if i != 2
    ]


@pytest.mark.parametrize(
    ("row", "error_type", "fragment"),
    [
        ({"text": 42}, "RowRejected", "holds int, not text"),
        ({"text": "x" * 101}, "RowRejected", "over the limit of 100"),
        ({"text": "private words EXPLODE"}, "RuntimeError", "cannot handle"),
        ({"text": "TIMEOUT"}, "DetectionTimeout", "exceeded 1s"),
    ],
)
def test_failures_become_reasons_without_the_text(
    row: dict[str, Any], error_type: str, fragment: str
) -> None:
    spec = ColumnSpec(("text",), max_chars=100)
    (outcome,) = RowProcessor(FakeScrubber(), spec).process([row])
    assert isinstance(outcome, Failed)
    assert outcome.error_type == error_type
    assert fragment in outcome.reason
    assert "private" not in outcome.reason and "words" not in outcome.reason


# -- safety: quarantine, accounting, consent --------------------------------------------------


def test_failed_rows_go_to_quarantine_only(tmp_path: Path) -> None:
    rows = make_rows(9, explode=[1, 6])
    inp = write_csv(tmp_path / "in.csv", rows)
    out, quarantine, manifest = tmp_path / "out.csv", tmp_path / "q.jsonl", tmp_path / "m.json"
    result = run(options(inp, out, quarantine=quarantine, manifest=manifest))
    assert result.exit_code == 1
    written = read_csv(out)
    assert [r["report_id"] for r in written] == [
        FakeScrubber().pseudonym("report_id", rows[i]["report_id"])
        for i in range(9)
        if i not in (1, 6)
    ]
    assert "EXPLODE" not in out.read_text(encoding="utf-8")
    entries = [json.loads(line) for line in quarantine.read_text(encoding="utf-8").splitlines()]
    # each report spans two physical lines: "line" is where the row starts
    assert [(e["row"], e["line"], e["id"], e["error_type"]) for e in entries] == [
        (2, 4, "R0001", "RuntimeError"),
        (7, 14, "R0006", "RuntimeError"),
    ]
    assert entries[0]["record"] == rows[1]  # raw row kept so it can be re-run after a fix
    assert "Zed" not in entries[0]["reason"] and "Report" not in entries[0]["reason"]
    saved = json.loads(manifest.read_text(encoding="utf-8"))
    assert saved["rows"] == {"read": 9, "written": 7, "quarantined": 2, "excluded": 0}
    assert saved["quarantine_reasons"] == {"RuntimeError": 2}
    text = manifest.read_text(encoding="utf-8")
    for row in rows:  # no PHI in the manifest
        assert row["patient_name"] not in text and row["report_id"] not in text
        assert row["patient_id"] not in text.replace('"patient_id"', "")


def test_manifest_reports_labels_versions_config_hash_and_timings(tmp_path: Path) -> None:
    from radscrub.config import ScrubConfig

    inp = write_csv(tmp_path / "in.csv", make_rows(5))
    config = ScrubConfig()
    audit = tmp_path / "audit.jsonl"
    for _ in range(2):
        result = run(
            options(inp, tmp_path / "out.csv", audit_log=audit), FakeFactory(config=config)
        )
    events = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert [e["event"] for e in events] == ["scrub", "scrub"]
    assert events[1]["rows"] == result.manifest["rows"]
    manifest = result.manifest
    assert manifest["phi_labels"] == {"ID": 5, "NAME": 5}
    assert (
        manifest["config_sha256"]
        == hashlib.sha256(
            json.dumps(config.to_dict(), sort_keys=True, separators=(",", ":")).encode()
        ).hexdigest()
    )
    assert manifest["versions"]["radscrub"] and "spacy" in manifest["versions"]
    assert manifest["key_fingerprint"] == "fake-key"
    assert set(manifest["timings"]) >= {"started", "finished", "seconds", "rows_per_second"}
    assert manifest["fields_rewritten"] == {
        "exam_date": 5,
        "mrn": 5,
        "patient_id": 5,
        "report_id": 5,
    }


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 5), st.sampled_from(["ok", "ok", "explode", "ragged", "blank_pid"])
        ),
        max_size=25,
    ),
    st.integers(1, 6),
    st.frozensets(st.integers(0, 5), max_size=3),
)
def test_accounting_always_adds_up(
    spec: list[tuple[int, str]], chunk_size: int, excluded: frozenset[int]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines = ["report_id,patient_id,text"]
        expected_ids, quarantined, excluded_rows = [], 0, 0
        for i, (patient, kind) in enumerate(spec):
            pid = "" if kind == "blank_pid" else f"P{patient}"
            text = "body EXPLODE" if kind == "explode" else f"body SECRET{i}"
            lines.append(f"R{i},{pid},{text}" + (",extra" if kind == "ragged" else ""))
            # unparseable and unattributable rows are quarantined; then consent decides,
            # before any scrubbing is tried
            if kind in ("ragged", "blank_pid"):
                quarantined += 1
            elif patient in excluded:
                excluded_rows += 1
            elif kind == "explode":
                quarantined += 1
            else:
                expected_ids.append(f"R{i}")
        inp = folder / "in.csv"
        inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        exclusions = folder / "excluded.txt"
        exclusions.write_text("".join(f"P{p}\n" for p in sorted(excluded)), encoding="utf-8")
        result = run(
            BatchOptions(
                inp,
                folder / "out.csv",
                id_column="report_id",
                patient_column="patient_id",
                chunk_size=chunk_size,
                exclude_patients=exclusions,
                quarantine=folder / "q.jsonl",
            )
        )
        rows = result.manifest["rows"]
        assert rows["read"] == len(spec)
        assert rows["read"] == rows["written"] + rows["quarantined"] + rows["excluded"]
        assert (rows["quarantined"], rows["excluded"]) == (quarantined, excluded_rows)
        fake = FakeScrubber()
        written = read_csv(folder / "out.csv")
        assert [r["report_id"] for r in written] == [
            fake.pseudonym("report_id", i) for i in expected_ids
        ]
        q_lines = (folder / "q.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(q_lines) == quarantined
        assert result.exit_code == (1 if quarantined else 0)


def test_consent_exclusion_removes_every_row_of_the_patients(tmp_path: Path) -> None:
    rows = make_rows(20)
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    exclusions = tmp_path / "withdrawn.txt"
    exclusions.write_text("# withdrawn consent\nP1\n\nP3\nP9\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(options(inp, out, exclude_patients=exclusions))
    kept = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    fake = FakeScrubber()
    excluded_pseudonyms = {fake.pseudonym("patient_id", p) for p in ("P1", "P3")}
    assert len(kept) == 12 and not excluded_pseudonyms & {r["patient_id"] for r in kept}
    assert result.manifest["rows"]["excluded"] == 8
    assert result.manifest["excluded_patients"] == 2  # P9 has no rows


def test_exclusion_needs_a_patient_column(tmp_path: Path) -> None:
    inp = write_csv(tmp_path / "in.csv", make_rows(2))
    exclusions = tmp_path / "x.txt"
    exclusions.write_text("P1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="--patient-column"):
        run(BatchOptions(inp, tmp_path / "out.csv", exclude_patients=exclusions))


# -- workers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path, fmt: str) -> None:
    rows = make_rows(40, explode=[5, 33])
    writer = write_csv if fmt == "csv" else write_parquet
    inp = writer(tmp_path / f"in.{fmt}", rows)
    one, two = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
    q1, q2 = tmp_path / "q1.jsonl", tmp_path / "q2.jsonl"
    r1 = run(options(inp, one, workers=1, chunk_size=3, quarantine=q1))
    r2 = run(options(inp, two, workers=2, chunk_size=3, quarantine=q2))
    assert one.read_bytes() == two.read_bytes()
    assert q1.read_bytes() == q2.read_bytes()
    assert r1.manifest["rows"] == r2.manifest["rows"]
    assert r2.manifest["workers"] == 2


# -- bad input --------------------------------------------------------------------------------


def test_unknown_column_lists_the_available_ones(tmp_path: Path) -> None:
    inp = write_csv(tmp_path / "in.csv", make_rows(1))
    with pytest.raises(InputError, match=r"no column 'body'; the input's columns are: 'report_id'"):
        run(BatchOptions(inp, tmp_path / "out.csv", text_columns=("body",)))
    with pytest.raises(InputError, match="--text-column"):
        run(BatchOptions(write_csv(tmp_path / "x.csv", [{"a": 1}], ["a"]), tmp_path / "o.csv"))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'id,text\n1,ok\n2,"a","b"\n3,ok\n', "row has 3 fields; the header has 2"),
        (b'id,text\n1,ok\n2,"a"b\n3,ok\n', "malformed CSV row"),
    ],
)
def test_ragged_or_malformed_csv_rows_are_quarantined_with_their_line(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    inp = tmp_path / "in.csv"
    inp.write_bytes(content)
    q = tmp_path / "q.jsonl"
    result = run(BatchOptions(inp, tmp_path / "out.csv", quarantine=q))
    (entry,) = [json.loads(line) for line in q.read_text(encoding="utf-8").splitlines()]
    assert (entry["row"], entry["line"], entry["error_type"]) == (2, 3, "MalformedRow")
    assert problem in entry["reason"]
    assert result.manifest["rows"] == {"read": 3, "written": 2, "quarantined": 1, "excluded": 0}


def test_unterminated_quote_is_an_error_naming_the_line(tmp_path: Path) -> None:
    inp = tmp_path / "in.csv"
    inp.write_bytes(b'id,text\n1,ok\n2,"never closed\n3,ok\n')
    with pytest.raises(InputError, match=r"in\.csv:3: a quoted field .* never closed"):
        run(BatchOptions(inp, tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "out.csv.radscrub-partial").exists()


def test_bad_jsonl_lines_are_quarantined(tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"text": "SECRET1"}\n{"text": \n\n[1, 2]\n{"text": "fine"}\n', encoding="utf-8")
    q = tmp_path / "q.jsonl"
    result = run(BatchOptions(inp, tmp_path / "out.jsonl", quarantine=q))
    entries = [json.loads(line) for line in q.read_text(encoding="utf-8").splitlines()]
    assert [(e["line"], e["reason"].split(":")[0]) for e in entries] == [
        (2, "bad JSON"),
        (4, "expected a JSON object, got list"),
    ]
    assert result.manifest["rows"] == {"read": 4, "written": 2, "quarantined": 2, "excluded": 0}


@pytest.mark.parametrize(
    ("name", "content"), [("in.csv", b""), ("in.csv", b"id,text\n"), ("in.jsonl", b"\n\n")]
)
def test_empty_inputs_give_empty_output_and_a_zero_manifest(
    tmp_path: Path, name: str, content: bytes
) -> None:
    inp = tmp_path / name
    inp.write_bytes(content)
    out = tmp_path / ("out" + inp.suffix)
    messages: list[str] = []
    result = run_batch(
        BatchOptions(inp, out, manifest=tmp_path / "m.json"), FakeFactory(), warn=messages.append
    )
    assert out.read_bytes() == content.strip(b"\n") + (b"\n" if content.strip() else b"")
    assert json.loads((tmp_path / "m.json").read_text())["rows"]["read"] == 0
    assert result.exit_code == 0
    assert any("holds no rows" in m for m in messages)


def test_huge_report_is_quarantined_with_a_clear_reason(tmp_path: Path) -> None:
    inp = tmp_path / "in.csv"
    big = "word " * (2 * 1024 * 1024)  # 10 MB
    inp.write_text(f"id,text\n1,{big}\n2,small SECRET2\n", encoding="utf-8")
    q = tmp_path / "q.jsonl"
    result = run(BatchOptions(inp, tmp_path / "out.csv", quarantine=q))
    assert result.manifest["quarantine_reasons"] == {"RowRejected": 1}
    entry = json.loads(q.read_text(encoding="utf-8"))
    assert "10,485,760 characters, over the limit" in entry["reason"]
    assert read_csv(tmp_path / "out.csv") == [{"id": "2", "text": "small [ID-]"}]


def test_detection_timeout_quarantines(tmp_path: Path) -> None:
    inp = write_csv(tmp_path / "in.csv", [{"text": "a TIMEOUT b"}, {"text": "fine"}], ["text"])
    result = run(BatchOptions(inp, tmp_path / "out.csv"))
    assert result.manifest["quarantine_reasons"] == {"DetectionTimeout": 1}
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        ({"chunk_size": 0}, "--chunk-size"),
        ({"format": "xlsx"}, "unknown format 'xlsx'"),
        ({"encoding": "klingon"}, "unknown encoding"),
        ({"text_columns": ("text",), "id_column": "text"}, "named twice"),
        ({"manifest": Path("/nonexistent/m.json")}, "--manifest .* does not exist"),
    ],
)
def test_bad_options_are_config_errors(
    tmp_path: Path, overrides: dict[str, Any], match: str
) -> None:
    inp = write_csv(tmp_path / "in.csv", make_rows(1))
    with pytest.raises(ConfigError, match=match):
        run(BatchOptions(inp, tmp_path / "out.csv", **overrides))


def test_phi_column_option_parsing() -> None:
    assert parse_phi_columns(["patient_name=name", "dob=DATE", "a=b=mrn"]) == (
        ("patient_name", "name"),
        ("dob", "date"),
        ("a=b", "mrn"),
    )
    with pytest.raises(ConfigError, match="COLUMN=KIND"):
        parse_phi_columns(["patient_name"])
    with pytest.raises(ConfigError, match="unknown PHI kind 'shoe'"):
        parse_phi_columns(["x=shoe"])


def test_missing_input_and_unfinished_run_without_resume(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        run(BatchOptions(tmp_path / "nope.csv", tmp_path / "out.csv"))
    inp = write_csv(tmp_path / "in.csv", make_rows(2))
    (tmp_path / "out.csv.radscrub-partial").mkdir()
    with pytest.raises(ConfigError, match="--resume"):
        run(BatchOptions(inp, tmp_path / "out.csv"))


def test_suspicious_undeclared_columns_are_warned_about(tmp_path: Path) -> None:
    inp = write_csv(tmp_path / "in.csv", make_rows(1))
    messages: list[str] = []
    run_batch(BatchOptions(inp, tmp_path / "out.csv"), FakeFactory(), warn=messages.append)
    flagged = {m.split("'")[1] for m in messages if "copied unchanged" in m}
    assert flagged == {"patient_id", "patient_name", "mrn", "exam_date"}
