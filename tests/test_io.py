"""Readers, writers, the journal and the small pure helpers of radscrub.io."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.errors import ConfigError, InputError
from radscrub.io.journal import ChunkRecord, Journal
from radscrub.io.process import as_text, describe_failure
from radscrub.io.sinks import CsvSink, safe_file_name
from radscrub.io.sources import decoded_lines, detect_format, open_source


@pytest.mark.parametrize(
    ("name", "explicit", "expected"),
    [
        ("a.csv", None, "csv"),
        ("a.CSV", None, "csv"),
        ("a.tsv", None, "tsv"),
        ("a.jsonl", None, "jsonl"),
        ("a.ndjson", None, "jsonl"),
        ("a.parquet", None, "parquet"),
        ("a.export.csv", None, "csv"),
        ("a.dat", "csv", "csv"),
        ("a.csv", "JSONL", "jsonl"),
    ],
)
def test_detect_format(tmp_path: Path, name: str, explicit: str | None, expected: str) -> None:
    assert detect_format(tmp_path / name, explicit) == expected


def test_detect_format_folder_and_unknown(tmp_path: Path) -> None:
    assert detect_format(tmp_path) == "txt"
    with pytest.raises(ConfigError, match="--format"):
        detect_format(tmp_path / "a.xlsx")


@given(
    st.lists(
        st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r"), max_size=8),
        max_size=6,
    )
)
def test_decoded_lines_rebuild_the_text_with_physical_line_numbers(lines: list[str]) -> None:
    text = "\n".join(lines)
    pieces = list(decoded_lines(io.BytesIO(text.encode("utf-8")), "utf-8", "x"))
    assert "".join(piece for _, piece in pieces) == text
    assert [n for n, _ in pieces] == list(range(1, len(pieces) + 1))


def test_decoded_lines_handle_multibyte_encodings_and_name_the_bad_line() -> None:
    data = "héllo\nwörld\n".encode("utf-16")
    assert [t for _, t in decoded_lines(io.BytesIO(data), "utf-16", "x")] == ["héllo\n", "wörld\n"]
    with pytest.raises(InputError, match=r"^x:3: cannot decode byte b'\\xff'.*--encoding cp1252"):
        list(decoded_lines(io.BytesIO(b"ok\nok\nbad \xff\n"), "utf-8", "x"))


def test_csv_rows_know_their_starting_line(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,text\n1,"two\nlines"\n\n2,one\n3,"x\n\ny"\n4,z\n')
    with open_source(path, "csv") as source:
        rows = list(source.rows())
    assert [(r.number, r.line, r.values) for r in rows] == [
        (1, 2, {"id": "1", "text": "two\nlines"}),
        (2, 5, {"id": "2", "text": "one"}),
        (3, 6, {"id": "3", "text": "x\n\ny"}),
        (4, 9, {"id": "4", "text": "z"}),
    ]


def test_csv_duplicate_header_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"text,id,text\n")
    with pytest.raises(InputError, match=r"a\.csv:1: the header names column\(s\) 'text'"):
        open_source(path, "csv")


def test_jsonl_columns_come_from_the_first_object(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('not json\n{"id": 1, "text": "a"}\n{"text": "b", "extra": 2}\n')
    with open_source(path, "jsonl") as source:
        assert source.columns == ("id", "text")
        rows = list(source.rows())
    assert [r.problem is None for r in rows] == [False, True, True]
    assert rows[0].raw == "not json" and rows[2].values == {"text": "b", "extra": 2}


def test_folder_rows_are_sorted_relative_paths_without_extension(tmp_path: Path) -> None:
    for name in ("b.txt", "a.TXT", "sub/c.txt", ".hidden.txt", "skip.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    with open_source(tmp_path, "txt") as source:
        assert [r.values for r in source.rows()] == [
            {"id": "a", "text": "a.TXT"},
            {"id": "b", "text": "b.txt"},
            {"id": "sub/c", "text": "sub/c.txt"},
        ]


def test_parquet_that_is_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    path.write_bytes(b"PAR1 nope")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        open_source(path, "parquet")


def test_csv_sink_writes_none_as_empty_and_quotes_as_needed() -> None:
    sink = CsvSink(["a", "b"], ",", "\r\n")
    assert sink.header() == b"a,b\r\n"
    assert sink.encode_rows([{"a": None, "b": 'x,"y"\nz'}]) == b',"x,""y""\nz"\r\n'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("x", "x"),
        (12, "12"),
        (float("nan"), None),
        (dt.date(2019, 3, 14), "2019-03-14"),
        (dt.datetime(2019, 3, 14, 8, 30), "2019-03-14T08:30:00"),
        (b"abc", "abc"),
    ],
)
def test_as_text(value: object, expected: str | None) -> None:
    assert as_text(value) == expected


def test_describe_failure_masks_words_of_the_row() -> None:
    row = {"text": "Patient Zed Quill has pneumonia", "mrn": "12345"}
    failure = describe_failure(ValueError("bad token 'Quill' near 12345 in the text"), row)
    assert failure.error_type == "ValueError"
    assert "Quill" not in failure.reason and "12345" not in failure.reason
    assert failure.reason.startswith("bad token")


@pytest.mark.parametrize(
    ("report_id", "name"),
    [("a/b", "a_b"), ("..", "_"), ("x:y*z", "x_y_z"), ("ok-1", "ok-1"), ("a\nb", "a_b")],
)
def test_safe_file_name(report_id: str, name: str) -> None:
    assert safe_file_name(report_id) == name


def test_journal_round_trip_and_torn_tail(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    journal = Journal.create(path, {"a": 1}, "now")
    journal.commit(ChunkRecord(0, read=3, written=3, labels={"NAME": 2}))
    journal.commit(ChunkRecord(1, read=2, written=1, quarantined=1))
    journal.close()
    with open(path, "ab") as handle:
        handle.write(b'{"index": 2, "re')
    state = Journal.read(path)
    assert state.fingerprint == {"a": 1} and not state.ended
    assert [(c.index, c.read, c.labels) for c in state.chunks] == [(0, 3, {"NAME": 2}), (1, 2, {})]
    reopened = Journal.reopen(path, state)
    reopened.commit(ChunkRecord(2, read=1, written=1))
    reopened.end()
    reopened.close()
    again = Journal.read(path)
    assert [c.index for c in again.chunks] == [0, 1, 2] and again.ended
    assert all(json.loads(line) for line in path.read_text().splitlines())


def test_unreadable_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    path.write_text("garbage\n")
    with pytest.raises(InputError, match="delete this folder"):
        Journal.read(path)
