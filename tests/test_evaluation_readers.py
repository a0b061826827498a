"""Corpus readers on tiny hand-written samples: JSONL, BRAT, i2b2 2014/2006, PhysioNet deid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from radscrub.errors import InputError
from radscrub.evaluation import (
    Document,
    Span,
    detect_format,
    read_brat,
    read_documents,
    read_i2b2,
    read_i2b2_2006,
    read_i2b2_2014,
    read_jsonl,
    read_physionet,
)


def covered(doc: Document) -> list[tuple[str, str]]:
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans]


# --- JSONL ---------------------------------------------------------------------------------


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n", encoding="utf-8")
    return path


def test_jsonl_gold_and_prediction_files(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {"id": 1, "text": "Call Bob.", "spans": [{"start": 5, "end": 8, "label": "NAME"}]},
            {"id": "b", "text": "Nothing.", "patient_id": 7},
        ],
    )
    docs = read_jsonl(gold)
    assert [d.id for d in docs] == ["1", "b"]
    assert covered(docs[0]) == [("Bob", "NAME")]
    assert docs[1].spans == () and docs[1].patient_id == "7"
    pred = write_jsonl(
        tmp_path / "pred.jsonl",
        [
            {
                "id": 1,
                "spans": [{"start": 5, "end": 8, "label": "NAME", "score": 0.9, "source": "x"}],
            }
        ],
    )
    assert read_jsonl(pred, require_text=False) == [Document("1", "", (Span(5, 8, "NAME"),))]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"text": "x"}, "missing 'id'"),
        ({"id": 1}, "missing 'text'"),
        (
            {"id": 1, "text": "abc", "spans": [{"start": 0, "end": 9, "label": "NAME"}]},
            "ends after",
        ),
        (
            {"id": 1, "text": "abc", "spans": [{"start": 2, "end": 1, "label": "NAME"}]},
            "invalid span",
        ),
        ({"id": 1, "text": "abc", "spans": [{"start": 0, "end": 1}]}, "needs integer"),
        ({"id": 1, "text": "abc", "spans": {"start": 0}}, "must be a list"),
        ([1, 2], "one JSON object per line"),
    ],
)
def test_jsonl_faults_name_the_line(tmp_path: Path, row: object, message: str) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [{"id": 0, "text": ""}, row])
    with pytest.raises(InputError, match=message) as info:
        read_jsonl(path)
    assert "bad.jsonl:2" in str(info.value)


def test_jsonl_bad_json_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": 1,\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad JSON"):
        read_jsonl(path)
    with pytest.raises(InputError, match="file not found"):
        read_jsonl(tmp_path / "missing.jsonl")


# --- BRAT ----------------------------------------------------------------------------------


def test_brat_folder_with_discontinuous_and_other_annotations(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    text = "Dr. Ann Lee\r\nseen 3/4.\n"
    (tmp_path / "sub" / "r1.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "sub" / "r1.ann").write_text(
        "T1\tDOCTOR 4 11\tAnn Lee\n"
        "T2\tDATE 18 21\t3/4\n"
        "T3\tDOCTOR 0 2;4 7\tDr Ann\n"
        "R1\tRel Arg1:T1 Arg2:T2\n"
        "#1\tAnnotatorNotes T1\tsome note\n",
        encoding="utf-8",
    )
    (tmp_path / "r0.txt").write_text("No annotations file.", encoding="utf-8")
    docs = read_brat(tmp_path)
    assert [d.id for d in docs] == ["r0", "sub/r1"]
    assert docs[0].spans == ()
    # offsets count the \r\n as two characters, as written
    assert covered(docs[1]) == [
        ("Ann Lee", "DOCTOR"),
        ("3/4", "DATE"),
        ("Dr", "DOCTOR"),
        ("Ann", "DOCTOR"),
    ]
    assert read_documents(tmp_path) == docs
    assert read_brat(tmp_path / "sub" / "r1.ann") == [Document("r1", text, docs[1].spans)]


def test_brat_offsets_that_do_not_fit_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Call Bob.", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tNAME 4 7\tBob\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.ann:1: the annotated text differs"):
        read_brat(tmp_path)
    assert covered(read_brat(tmp_path, check_text=False)[0]) == [(" Bo", "NAME")]
    (tmp_path / "a.ann").write_text("T1\tNAME 4 x\tBob\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad offsets"):
        read_brat(tmp_path)


# --- i2b2 ----------------------------------------------------------------------------------

I2B2_2014 = """<?xml version="1.0" encoding="UTF-8" ?>
<deIdi2b2>
<TEXT><![CDATA[Record date: 2088-01-02
Dr. Ann Lee & team, <MGH>.
]]></TEXT>
<TAGS>
<DATE id="P0" start="13" end="23" text="2088-01-02" TYPE="DATE" comment="" />
<NAME id="P1" start="28" end="35" text="Ann Lee" TYPE="DOCTOR" comment="" />
<LOCATION id="P2" start="45" end="48" text="MGH" TYPE="HOSPITAL" comment="" />
</TAGS>
</deIdi2b2>
"""

I2B2_2006 = """<?xml version="1.0" encoding="UTF-8"?>
<ROOT>
<RECORD ID="101">
<TEXT>
Seen by <PHI TYPE="DOCTOR">Ann Lee</PHI> at <PHI TYPE="HOSPITAL">MGH</PHI> on \
<PHI TYPE="DATE">1/2</PHI>.
</TEXT>
</RECORD>
<RECORD ID="102">
<TEXT>No PHI &amp; nothing else.</TEXT>
</RECORD>
</ROOT>
"""


def test_i2b2_2014(tmp_path: Path) -> None:
    path = tmp_path / "110-01.xml"
    path.write_text(I2B2_2014, encoding="utf-8")
    (doc,) = read_i2b2_2014(path)
    assert doc.id == "110-01" and doc.patient_id == "110"
    assert doc.text.startswith("Record date: 2088-01-02\n")
    assert covered(doc) == [("2088-01-02", "DATE"), ("Ann Lee", "DOCTOR"), ("MGH", "HOSPITAL")]
    assert read_i2b2(tmp_path) == [doc]
    assert detect_format(tmp_path) == "i2b2"


def test_i2b2_2014_offsets_must_cover_the_text_attribute(tmp_path: Path) -> None:
    path = tmp_path / "n.xml"
    path.write_text(I2B2_2014.replace('start="28" end="35"', 'start="27" end="34"'), "utf-8")
    with pytest.raises(InputError, match="do not cover its 'text'"):
        read_i2b2_2014(path)
    assert covered(read_i2b2_2014(path, check_text=False)[0])[1] == (" Ann Le", "DOCTOR")


def test_i2b2_2006_inline_tags_become_offsets(tmp_path: Path) -> None:
    path = tmp_path / "train.xml"
    path.write_text(I2B2_2006, encoding="utf-8")
    docs = read_i2b2_2006(path)
    assert [d.id for d in docs] == ["101", "102"]
    assert docs[0].text == "\nSeen by Ann Lee at MGH on 1/2.\n"  # the \\ joins the lines
    assert covered(docs[0]) == [("Ann Lee", "DOCTOR"), ("MGH", "HOSPITAL"), ("1/2", "DATE")]
    assert docs[1].text == "No PHI & nothing else." and docs[1].spans == ()
    assert read_i2b2(path) == docs


def test_i2b2_malformed_xml(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<ROOT><RECORD>\n<TEXT>a & b</TEXT></RECORD></ROOT>", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.xml:2: not well-formed XML"):
        read_i2b2(path)


# --- PhysioNet deid ------------------------------------------------------------------------

ID_TEXT = (
    "START_OF_RECORD=1||||1||||\n"
    "Pt seen by Dr. Lee on 7/4.\n"
    "Wife Ann called 555-1234.\n"
    "||||END_OF_RECORD\n"
    "\n"
    "START_OF_RECORD=1||||2||||\n"
    "No events.\n"
    "||||END_OF_RECORD\n"
    "START_OF_RECORD=3||||1||||\n"
    "Transfer from Mercy in 1999.\n"
    "||||END_OF_RECORD\n"
)
ID_PHRASE = (
    "1 1 15 18 HCPName Lee\n"
    "1 1 22 25 Date 7/4\n"
    "1 1 32 35 RelativeProxyName Ann\n"
    "1 1 43 51 Phone 555-1234\n"
    "3 1 14 19 Location Mercy\n"
    "3 1 23 27 DateYear 1999\n"
)


def test_physionet_records_and_phrases(tmp_path: Path) -> None:
    (tmp_path / "id.text").write_text(ID_TEXT, encoding="utf-8")
    (tmp_path / "id-phi.phrase").write_text(ID_PHRASE, encoding="utf-8")
    docs = read_physionet(tmp_path)
    assert [(d.id, d.patient_id) for d in docs] == [("1-1", "1"), ("1-2", "1"), ("3-1", "3")]
    assert docs[0].text == "Pt seen by Dr. Lee on 7/4.\nWife Ann called 555-1234.\n"
    assert covered(docs[0]) == [
        ("Lee", "HCPName"),
        ("7/4", "Date"),
        ("Ann", "RelativeProxyName"),
        ("555-1234", "Phone"),
    ]
    assert docs[1].spans == ()
    assert covered(docs[2]) == [("Mercy", "Location"), ("1999", "DateYear")]
    assert detect_format(tmp_path) == "physionet"
    assert read_documents(tmp_path / "id.text") == docs


def test_physionet_without_phrase_file_has_no_spans(tmp_path: Path) -> None:
    (tmp_path / "id.text").write_text(ID_TEXT, encoding="utf-8")
    assert all(d.spans == () for d in read_physionet(tmp_path / "id.text"))


@pytest.mark.parametrize(
    ("text", "phrase", "message"),
    [
        (ID_TEXT, "1 1 16 19 HCPName Lee\n", "do not cover the phrase"),
        (ID_TEXT, "9 9 0 1 Date x\n", "no note 9 of patient 9"),
        (ID_TEXT, "1 1 15\n", "expected '<patient> <note>"),
        (
            ID_TEXT.replace("||||END_OF_RECORD\n", "", 1),
            "",
            "has no .*END_OF_RECORD line before the next",
        ),
        ("stray line\n" + ID_TEXT, "", "outside a START_OF_RECORD frame"),
    ],
)
def test_physionet_faults(tmp_path: Path, text: str, phrase: str, message: str) -> None:
    (tmp_path / "id.text").write_text(text, encoding="utf-8")
    (tmp_path / "id-phi.phrase").write_text(phrase, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_physionet(tmp_path)


# --- format detection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("g.jsonl", "jsonl"),
        ("g.json", "jsonl"),
        ("a.ann", "brat"),
        ("n.xml", "i2b2"),
        ("id.text", "physionet"),
    ],
)
def test_detect_format_by_name(tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_text("", encoding="utf-8")
    assert detect_format(path) == fmt


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="--format"):
        detect_format(path)
    with pytest.raises(InputError, match="unknown corpus format"):
        read_documents(path, "csv")
