"""The synthetic corpus generator: determinism, span invariants, coverage, annotation policy."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from radscrub.corpus import SPLITS, dumps_record, generate_reports
from radscrub.errors import ConfigError
from radscrub.spans import PhiLabel

LABELS = [label.value for label in PhiLabel]


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    """A few hundred reports of every split (what 'appears in a few hundred reports' means)."""
    return [
        *generate_reports(400, 0, "train"),
        *generate_reports(100, 0, "dev"),
        *generate_reports(300, 0, "test"),
    ]


def _digest(n: int, seed: int, split: str) -> str:
    blob = "\n".join(dumps_record(r) for r in generate_reports(n, seed, split))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def test_same_seed_same_bytes_and_different_seed_differs():
    assert _digest(30, 5, "train") == _digest(30, 5, "train")
    assert _digest(30, 5, "train") != _digest(30, 6, "train")
    assert _digest(30, 5, "train") != _digest(30, 5, "dev")


def test_prefix_is_stable():
    short = [dumps_record(r) for r in generate_reports(12, 3, "test")]
    longer = [dumps_record(r) for r in generate_reports(40, 3, "test")]
    assert longer[:12] == short


def test_interleaved_generators_do_not_interfere():
    alone = [dumps_record(r) for r in generate_reports(15, 1, "train")]
    a, b = generate_reports(15, 1, "train"), generate_reports(15, 2, "dev")
    mixed = [dumps_record(x) for pair in zip(a, b, strict=True) for x in pair][::2]
    assert mixed == alone


def test_bytes_do_not_depend_on_pythonhashseed():
    code = (
        "import hashlib, sys; from radscrub.corpus import dumps_record, generate_reports;"
        "b='\\n'.join(dumps_record(r) for r in generate_reports(25, 11, 'test'));"
        "sys.stdout.write(hashlib.sha256(b.encode()).hexdigest())"
    )
    hash_seed = "12345" if os.environ.get("PYTHONHASHSEED") != "12345" else "54321"
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert proc.stdout == _digest(25, 11, "test")


@pytest.mark.parametrize(("n", "split"), [(-1, "train"), (3, "validation"), (3, "TRAIN")])
def test_bad_arguments_raise_config_error(n, split):
    with pytest.raises(ConfigError):
        list(generate_reports(n, 0, split))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**40), split=st.sampled_from(SPLITS), n=st.integers(1, 4))
def test_records_and_spans_are_well_formed(seed, split, n):
    records = list(generate_reports(n, seed, split))
    assert len(records) == n
    for i, rec in enumerate(records, 1):
        assert set(rec) == {"id", "text", "spans", "patient_id", "split", "meta"}
        assert rec["id"] == f"rsyn-{split}-{i:06d}"
        assert rec["split"] == split
        text = rec["text"]
        assert text.endswith("\n") and not text.endswith("\n\n")
        prev_end = 0
        for span in rec["spans"]:
            assert set(span) == {"start", "end", "label"}
            assert span["label"] in LABELS
            assert prev_end <= span["start"] < span["end"] <= len(text)
            covered = text[span["start"] : span["end"]]
            assert covered == covered.strip() and covered
            prev_end = span["end"]


@pytest.mark.parametrize("label", LABELS)
def test_every_label_appears_in_a_few_hundred_reports(sample, label):
    for split in SPLITS:
        reports = [r for r in sample if r["split"] == split and split != "dev"]
        if reports:
            assert any(s["label"] == label for r in reports for s in r["spans"]), (label, split)


# (regex over report text, case-insensitive): clinical words, eponyms and numbers that must exist
# in the corpus and must never be inside an annotated span.
HARD_NEGATIVES = [
    r"Morison pouch",
    r"Baker cyst",
    r"Schatzki ring",
    r"Chiari (?:I )?malformation",
    r"Hodgkin lymphoma",
    r"Crohn disease",
    r"Bankart lesion",
    r"Salter-Harris II",
    r"Colles fracture",
    r"Graves disease",
    r"Virchow",
    r"Parkinson disease",
    r"Wilms tumor",
    r"Smith fracture",
    r"Fleischner Society",
    r"Kerley B",
    r"gray-white matter|gray and white matter",
    r"brown fat",
    r"\bwill (?:follow|notify|inform|not|be)\b",
    r"BB marker marks",
    r"in the hope of",
    r"BI-RADS \d",
    r"TI-RADS \d",
    r"PI-RADS \d",
    r"Gleason 3\+\d",
    r"\bL4-L5\b",
    r"\bC5-6\b",
    r"\bT12\b",
    r"\bL4/5\b",
    r"DLP:? \d+",
    r"CTDIvol:? \d",
    r"\d+ mL (?:Omnipaque|Isovue|Visipaque)",
    r"series \d+,? image \d+",
    r"SUVmax \d",
    r"T-score -?\d",
    r"pain (?:has been )?\d/10",
    r"BP (?:was )?1\d\d/\d{2,3}",
    r"\bmay (?:represent|obscure)",
    r"uptake time \d+ minutes",
]


@pytest.mark.parametrize("pattern", HARD_NEGATIVES)
def test_hard_negatives_appear_and_are_not_annotated(sample, pattern):
    found = 0
    for rec in sample:
        for m in re.finditer(pattern, rec["text"], re.IGNORECASE):
            found += 1
            for s in rec["spans"]:
                assert not (s["start"] < m.end() and m.start() < s["end"]), (pattern, rec["id"])
    assert found, f"hard negative {pattern!r} never generated"


_AGE = re.compile(
    r"(?<![\w./-])(\d{2,3})(?=[- ]?(?:year|yr|y/o|yo\b|y\.o\.|yrs\b|Y\b|YO\b|/[FM]\b| [FM]\b))",
    re.I,
)


def test_ages_annotated_only_over_89(sample):
    over = under = 0
    for rec in sample:
        text = rec["text"]
        age_spans = {(s["start"], s["end"]) for s in rec["spans"] if s["label"] == "AGE"}
        for s in age_spans:
            assert int(text[s[0] : s[1]]) > 89
        for m in _AGE.finditer(text):
            if int(m.group(1)) > 89:
                over += 1
                assert m.span(1) in age_spans, (rec["id"], text[m.start() - 20 : m.end() + 10])
            else:
                under += 1
                assert all(not (a < m.end(1) and m.start(1) < b) for a, b in age_spans)
    assert over > 20 and under > 200


def test_date_time_and_name_span_policy(sample):
    for rec in sample:
        text = rec["text"]
        for s in rec["spans"]:
            value = text[s["start"] : s["end"]]
            if s["label"] == "DATE":
                assert not re.fullmatch(r"\d{4}", value), "bare years are not annotated"
            elif s["label"] == "TIME":
                assert re.search(r"\d", value)
            elif s["label"] == "NAME":
                assert not re.match(r"(?i)(dr|mr|mrs|ms)\.?\s", value), value
                # ("Do" and "Md" are also names: only the credential forms with a comma count)
                assert not re.search(r",\s*(MD|M\.D\.|DO|RN|RT\(R\))$", value), value
                assert not value.endswith(("M.D.", "RT(R)", "PA-C")), value


def test_patient_consistency(sample):
    by_patient: dict[str, list[dict]] = defaultdict(list)
    for rec in sample:
        by_patient[rec["patient_id"]].append(rec)
    multi = [recs for recs in by_patient.values() if len(recs) > 1]
    assert len(multi) > 50
    for recs in by_patient.values():
        known = {str(sorted(r["meta"]["known"].items() - {("accession", "")})) for r in recs}
        names = {r["meta"]["known"]["patient_name"] for r in recs}
        mrns = {r["meta"]["known"]["mrn"] for r in recs}
        dobs = {r["meta"]["known"]["dob"] for r in recs}
        assert len(names) == len(mrns) == len(dobs) == 1, known
        dates = [r["meta"]["exam_date"] for r in recs]
        assert dates == sorted(dates)
        mrn = mrns.pop().casefold()
        for r in recs:
            for s in r["spans"]:
                if s["label"] == "MRN":
                    assert r["text"][s["start"] : s["end"]].casefold() == mrn


def test_later_reports_cite_earlier_exam_dates(sample):
    """A comparison line of a patient's later report names an earlier exam's date."""
    cited = 0
    by_patient: dict[str, list[dict]] = defaultdict(list)
    for rec in sample:
        by_patient[rec["patient_id"]].append(rec)
    for recs in by_patient.values():
        earlier = {r["meta"]["exam_date"] for r in recs[:1]}
        for later in recs[1:]:
            y, m, d = (int(x) for x in sorted(earlier)[0].split("-"))
            forms = {
                f"{m}/{d}/{y}",
                f"{m:02d}/{d:02d}/{y}",
                f"{y}-{m:02d}-{d:02d}",
                f"{m}/{d}/{y % 100:02d}",
            }
            dates = {
                later["text"][s["start"] : s["end"]] for s in later["spans"] if s["label"] == "DATE"
            }
            cited += bool(forms & dates)
    assert cited > 20


def test_mix_of_casing_styles_and_layouts(sample):
    train = [r for r in sample if r["split"] == "train"]
    cases = [r["meta"]["case"] for r in train]
    upper = cases.count("upper") / len(cases)
    assert 0.08 <= upper <= 0.2
    assert cases.count("lower") > 5
    assert {r["meta"]["style"] for r in train} == {
        "academic",
        "community",
        "telerad",
        "outpatient",
        "legacy",
    }
    assert {r["meta"]["status"] for r in train} == {"final", "preliminary", "prelim_final"}
    assert any(r["meta"]["addendum"] for r in train)
    assert any(re.search(r"^Patient(?: Name)?:\n", r["text"], re.M | re.I) for r in train)
    modalities = {r["meta"]["modality"] for r in train}
    assert modalities >= {"CR", "CT", "MR", "US", "MG", "NM", "PT", "RF", "XA", "DX"}
