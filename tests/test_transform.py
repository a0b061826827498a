"""Transformer and Scrubber transforms: properties (nothing survives, intervals kept, determinism
across processes), structured fields and id pseudonyms."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub import Scrubber, ScrubConfig
from radscrub.config import DetectConfig, TransformConfig
from radscrub.detect.base import RecordContext
from radscrub.errors import InputError
from radscrub.spans import DateValue, PhiLabel, PhiSpan
from radscrub.transform import Transformer

KEY = bytes(range(32))
PSEUDO = TransformConfig(mode="pseudonymise")


def date_value(day: dt.date) -> DateValue:
    return DateValue(day.year, day.month, day.day, "{MM}/{DD}/{YYYY}")


def parse_mdy(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%m/%d/%Y").date()


class Doc:
    """Builds a text with spans: ``add(label, original)`` appends ``original`` as a span."""

    def __init__(self) -> None:
        self.text = ""
        self.spans: list[PhiSpan] = []

    def add(self, label: PhiLabel, original: str, value: DateValue | None = None) -> Doc:
        self.text += " seen; " if self.text else "Report: "
        start = len(self.text)
        self.text += original
        self.spans.append(PhiSpan(start, len(self.text), label, text=original, value=value))
        return self


dates = st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31))
PATIENTS = st.text(min_size=1, max_size=8).filter(str.strip)
ORIGINALS: dict[PhiLabel, st.SearchStrategy[str]] = {
    PhiLabel.NAME: st.from_regex(r"Zq[a-z]{3,8}( Zq[a-z]{3,8})?", fullmatch=True),
    PhiLabel.MRN: st.from_regex(r"[A-Z]{0,2}\d{6,9}", fullmatch=True),
    PhiLabel.ACCESSION: st.from_regex(r"\d{8,10}", fullmatch=True),
    PhiLabel.PHONE: st.from_regex(r"\(\d{3}\) \d{3}-\d{4}", fullmatch=True),
    PhiLabel.EMAIL: st.from_regex(r"zq[a-z]{3,8}@zq[a-z]{3,6}\.org", fullmatch=True),
    PhiLabel.HOSPITAL: st.from_regex(r"Zq[a-z]{4,9} Hospital", fullmatch=True),
    PhiLabel.ZIP: st.from_regex(r"\d{5}", fullmatch=True),
    PhiLabel.SSN: st.from_regex(r"\d{3}-\d{2}-\d{4}", fullmatch=True),
}
REPLACING = ("surrogate", "shift", "redact", "mask")


@given(
    items=st.lists(
        st.sampled_from(sorted(ORIGINALS)).flatmap(
            lambda label: st.tuples(st.just(label), ORIGINALS[label])
        ),
        min_size=1,
        max_size=6,
    ),
    day=st.none() | dates,
    patient=st.none() | PATIENTS,
    mode=st.sampled_from(["pseudonymise", "anonymise"]),
)
def test_no_replaced_original_survives(
    items: list[tuple[PhiLabel, str]], day: dt.date | None, patient: str | None, mode: str
) -> None:
    config = TransformConfig(mode=mode, actions={"ZIP": "mask", "SSN": "redact"})  # type: ignore[arg-type]
    doc = Doc()
    for label, original in items:
        doc.add(label, original)
    if day is not None:
        doc.add(PhiLabel.DATE, day.strftime("%m/%d/%Y"), date_value(day))
    result = Transformer(config, key=KEY).transform(
        doc.text, doc.spans, RecordContext(patient_id=patient)
    )
    assert len(result.replacements) == len(doc.spans)
    for new in result.replacements:
        original = doc.text[new.span.start : new.span.end]
        assert new.action in REPLACING
        assert new.new_text != original
        assert result.text[new.out_start : new.out_end] == new.new_text
        assert original not in result.text


@given(
    patient=PATIENTS,
    first=st.lists(dates, min_size=1, max_size=4),
    second=st.lists(dates, min_size=1, max_size=4),
)
def test_a_patients_date_intervals_survive_across_reports(
    patient: str, first: list[dt.date], second: list[dt.date]
) -> None:
    transformer = Transformer(PSEUDO, key=KEY)
    shifted: list[tuple[dt.date, dt.date]] = []
    for report in (first, second):
        doc = Doc()
        for day in report:
            doc.add(PhiLabel.DATE, day.strftime("%m/%d/%Y"), date_value(day))
        result = transformer.transform(doc.text, doc.spans, RecordContext(patient_id=patient))
        for new, day in zip(result.replacements, report, strict=True):
            assert new.action == "shift"
            shifted.append((day, parse_mdy(new.new_text)))
    offset = transformer.date_offset(patient)
    assert offset != 0
    assert all((new - old).days == offset for old, new in shifted)


def test_without_a_patient_id_dates_keep_intervals_within_one_text_only() -> None:
    transformer = Transformer(PSEUDO, key=KEY)
    days = [dt.date(2019, 3, 14), dt.date(2019, 4, 2)]
    offsets = set()
    for n in range(30):
        doc = Doc().add(PhiLabel.NAME, f"Note {n}")
        for day in days:
            doc.add(PhiLabel.DATE, day.strftime("%m/%d/%Y"), date_value(day))
        result = transformer.transform(doc.text, doc.spans)
        again = transformer.transform(doc.text, doc.spans)
        assert again.text == result.text  # the fallback is keyed on the text: repeatable
        new = [parse_mdy(r.new_text) for r in result.replacements[1:]]
        assert (new[1] - new[0]) == (days[1] - days[0])
        offsets.add((new[0] - days[0]).days)
    assert len(offsets) > 10  # different texts, independent offsets


def test_different_patients_get_independent_offsets() -> None:
    transformer = Transformer(PSEUDO, key=KEY)
    offsets = [transformer.date_offset(f"P{i}") for i in range(100)]
    assert 0 not in offsets
    assert len(set(offsets)) > 50
    config = TransformConfig(mode="pseudonymise", date_shift_min_days=-3, date_shift_max_days=3)
    small = Transformer(config, key=KEY)
    assert {small.date_offset(f"P{i}") for i in range(200)} == {-3, -2, -1, 1, 2, 3}


def test_a_date_without_a_value_or_that_cannot_shift_is_redacted() -> None:
    doc = Doc().add(PhiLabel.DATE, "03/14/2019")  # no DateValue (e.g. a merged span)
    invalid = Doc().add(PhiLabel.DATE, "02/30/2019", DateValue(2019, 2, 30, "{MM}/{DD}/{YYYY}"))
    transformer = Transformer(PSEUDO, key=KEY)
    for case in (doc, invalid):
        result = transformer.transform(case.text, case.spans, RecordContext(patient_id="P1"))
        assert [(r.action, r.new_text) for r in result.replacements] == [("redact", "[DATE]")]


def test_a_patients_names_agree_across_reports() -> None:
    transformer = Transformer(PSEUDO, key=KEY)
    context = RecordContext(patient_id="P7")
    one = transformer.transform(*_one("John Smith"), context).replacements[0].new_text
    two = transformer.transform(*_one("SMITH, JOHN"), context).replacements[0].new_text
    first, last = one.split()
    assert two == f"{last.upper()}, {first.upper()}"
    other = transformer.transform(*_one("John Smith"), RecordContext(patient_id="P8"))
    anonymous = Transformer(TransformConfig(), key=KEY).transform(*_one("John Smith"), context)
    assert one not in (other.replacements[0].new_text, anonymous.replacements[0].new_text)


def _one(name: str) -> tuple[str, list[PhiSpan]]:
    doc = Doc().add(PhiLabel.NAME, name)
    return doc.text, doc.spans


def test_anonymise_mode_without_a_key_is_one_off_per_transformer() -> None:
    text, spans = _one("John Smith")
    first = Transformer().transform(text, spans, RecordContext(patient_id="P1")).text
    outputs = {Transformer().transform(text, spans, RecordContext(patient_id="P1")).text}
    outputs |= {Transformer().transform(text, spans, RecordContext(patient_id="P1")).text}
    assert len(outputs | {first}) > 1


SCRIPT = """
import json
import sys
from radscrub.config import TransformConfig
from radscrub.detect.base import RecordContext
from radscrub.spans import DateValue, PhiLabel, PhiSpan
from radscrub.transform import Transformer

items = json.loads(sys.argv[1])
text, spans = "", []
for label, original, value in items:
    text += " | "
    spans.append(PhiSpan(len(text), len(text) + len(original), PhiLabel[label],
                         value=DateValue(*value, "{MM}/{DD}/{YYYY}") if value else None))
    text += original
transformer = Transformer(TransformConfig(mode="pseudonymise"), key=bytes(range(32)))
out = [transformer.transform(text, spans, RecordContext(patient_id=p)).text for p in ("P1", None)]
out.append(transformer.pseudonym("patient_id", "P-0001"))
sys.stdout.write(json.dumps(out))
"""
ITEMS = [
    ("NAME", "Dr. John Q. Smith", None),
    ("NAME", "SMITH, JOHN", None),
    ("MRN", "1234567", None),
    ("ACCESSION", "CT20190314001", None),
    ("PHONE", "(617) 726-2000", None),
    ("EMAIL", "jsmith@hospital.org", None),
    ("ADDRESS", "12 Elm Street, Springfield, IL 62704", None),
    ("HOSPITAL", "Springfield General Hospital", None),
    ("IP", "10.1.2.3", None),
    ("DATE", "03/14/2019", [2019, 3, 14]),
    ("AGE", "93", None),
    ("ZIP", "62704", None),
]


def test_same_input_key_and_config_give_identical_bytes_in_separate_processes() -> None:
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        run = subprocess.run(
            [sys.executable, "-c", SCRIPT, json.dumps(ITEMS)],
            capture_output=True,
            env=env,
            check=True,
            timeout=120,
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    scrubbed = json.loads(outputs[0])
    for _label, original, _value in ITEMS:
        if original not in ("93",):
            assert original not in scrubbed[0] and original not in scrubbed[1]


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    config = ScrubConfig(detect=DetectConfig(detectors=()), transform=PSEUDO)
    return Scrubber(config, key=KEY)


@pytest.mark.parametrize(
    ("kind", "value", "patient", "dropped"),
    [
        ("name", "SMITH, JOHN", "P1", True),
        ("NAME", "John Smith", None, True),
        ("patient_id", "P-0001", None, False),
        ("mrn", "1234567", "P1", False),
        ("accession", "CT123456", "P1", False),
        ("date", "03/14/2019", "P1", False),
        ("date", "not a date", "P1", True),
        ("date", "   ", "P1", True),
        ("phone", "617-726-2000", "P1", True),
        ("anything", "x", None, True),
    ],
)
def test_scrub_field(
    scrubber: Scrubber, kind: str, value: str, patient: str | None, dropped: bool
) -> None:
    new = scrubber.scrub_field(value, kind, patient_id=patient)
    if dropped:
        assert new is None
        return
    assert new is not None and new != value and len(new) == len(value)
    if kind == "date":
        assert patient is not None
        offset = scrubber.transformer.date_offset(patient)
        assert (parse_mdy(new) - parse_mdy(value)).days == offset
    else:
        assert new == scrubber.pseudonym(kind, value)


def test_scrub_field_follows_the_label_actions() -> None:
    config = TransformConfig(mode="pseudonymise", actions={"DATE": "generalize", "MRN": "keep"})
    transformer = Transformer(config, key=KEY)
    assert transformer.transform_field("date", "03/14/2019") == "2019"
    assert transformer.transform_field("mrn", "1234567") == "1234567"
    redacting = Transformer(
        TransformConfig(mode="pseudonymise", actions={"DATE": "redact", "ACCESSION": "mask"}),
        key=KEY,
    )
    assert redacting.transform_field("date", "03/14/2019") is None
    assert redacting.transform_field("accession", "CT-123") == "**-***"


def test_pseudonyms_are_stable_shaped_and_shared_between_mrn_and_patient_id(
    scrubber: Scrubber,
) -> None:
    pseudo = scrubber.pseudonym("patient_id", "P-0001")
    assert pseudo != "P-0001" and pseudo[1] == "-" and pseudo[0].isalpha()
    assert scrubber.pseudonym("patient_id", " P-0001 ") == pseudo
    assert scrubber.pseudonym("mrn", "P-0001") == pseudo
    assert scrubber.pseudonym("report_id", "P-0001") != pseudo
    other = Scrubber(ScrubConfig(detect=DetectConfig(detectors=()), transform=PSEUDO), key=KEY)
    assert other.pseudonym("patient_id", "P-0001") == pseudo
    assert scrubber.pseudonym("patient_id", "---").startswith("ID-")
    with pytest.raises(InputError, match="empty"):
        scrubber.pseudonym("patient_id", "  ")


def test_scrubber_transforms_with_its_key(scrubber: Scrubber) -> None:
    text = "Seen 03/14/2019."
    span = PhiSpan(5, 15, PhiLabel.DATE, value=date_value(dt.date(2019, 3, 14)))
    result = scrubber.transformer.transform(text, [span], RecordContext(patient_id="P1"))
    new = result.replacements[0]
    assert new.action == "shift" and "03/14/2019" not in result.text
    assert result.patient_id == "P1"


def test_a_transformer_pickles_for_worker_processes() -> None:
    transformer = Transformer(PSEUDO, key=KEY)
    text, spans = _one("John Smith")
    copy = pickle.loads(pickle.dumps(transformer))
    context = RecordContext(patient_id="P1")
    assert (
        copy.transform(text, spans, context).text
        == transformer.transform(text, spans, context).text
    )


@pytest.mark.parametrize(
    "written",
    ["03/14/2019", "14-MAR-2019", "2019-03-14", "March 14, 2019", "Thursday, March 14, 2019"],
)
def test_shifted_dates_keep_their_format_and_the_patients_offset(written: str) -> None:
    from radscrub.transform.dates import parse_date

    transformer = Transformer(PSEUDO, key=KEY)
    value = parse_date(written)
    assert value is not None
    doc = Doc().add(PhiLabel.DATE, written, value)
    result = transformer.transform(doc.text, doc.spans, RecordContext(patient_id="P1"))
    (new,) = result.replacements
    shifted = parse_date(new.new_text)
    assert new.action == "shift" and shifted is not None
    assert (shifted.fmt, shifted.case) == (value.fmt, value.case)
    before = dt.date(value.year, value.month, value.day)  # type: ignore[arg-type]
    after = dt.date(shifted.year, shifted.month, shifted.day)  # type: ignore[arg-type]
    assert (after - before).days == transformer.date_offset("P1")
    assert transformer.transform_field("date", written, RecordContext("P1")) == new.new_text


def test_presidio_shift_operator_matches_the_transformer() -> None:
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    from radscrub.transform.operators import register_operators

    engine = AnonymizerEngine()
    register_operators(engine)
    text = "CT on 14-MAR-2019 compared."
    out = engine.anonymize(
        text,
        [RecognizerResult("DATE_TIME", 6, 17, 0.9)],
        {"DATE_TIME": OperatorConfig("radscrub_shift", {"key": KEY, "patient_id": "P1"})},
    )
    doc_value = DateValue(2019, 3, 14, "{DD}-{Mon}-{YYYY}", "upper")
    span = PhiSpan(6, 17, PhiLabel.DATE, value=doc_value)
    expected = Transformer(PSEUDO, key=KEY).transform(text, [span], RecordContext("P1")).text
    assert out.text == expected and "14-MAR-2019" not in out.text
