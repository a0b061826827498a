"""Actions: policy defaults, each action's contract, and the presidio-anonymizer operators."""

from __future__ import annotations

import pytest
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import InvalidParamError, OperatorConfig, RecognizerResult

from radscrub.config import ACTIONS, TransformConfig
from radscrub.detect.base import RecordContext
from radscrub.detect.places import RESTRICTED_ZIP3, safe_harbor_zip3
from radscrub.spans import DateValue, PhiLabel, PhiSpan
from radscrub.transform import Transformer
from radscrub.transform.keys import SecretKey, generate_key
from radscrub.transform.operators import (
    OPERATORS,
    ActionEngine,
    generalize,
    mask,
    register_operators,
)
from radscrub.transform.policy import ANONYMISE, PSEUDONYMISE, actions_for, effective_action

KEY = SecretKey(bytes(range(32)))
ENGINE = ActionEngine(KEY)
SCOPE = ENGINE.scope("P1")


def test_every_label_has_a_default_in_both_modes() -> None:
    for table in (PSEUDONYMISE, ANONYMISE):
        assert set(table) == set(PhiLabel)
        assert set(table.values()) <= set(ACTIONS)
    assert PSEUDONYMISE[PhiLabel.DATE] == "shift" and PSEUDONYMISE[PhiLabel.NAME] == "surrogate"
    assert ANONYMISE[PhiLabel.TIME] == "redact"


def test_config_overrides_the_mode_defaults_per_label() -> None:
    config = TransformConfig(mode="pseudonymise", actions={"name": "redact", "ZIP": "mask"})
    table = actions_for(config)
    assert table[PhiLabel.NAME] == "redact" and table[PhiLabel.ZIP] == "mask"
    assert table[PhiLabel.PHONE] == PSEUDONYMISE[PhiLabel.PHONE]


@pytest.mark.parametrize(
    ("label", "action", "effective"),
    [
        (PhiLabel.DATE, "surrogate", "shift"),
        (PhiLabel.AGE, "surrogate", "generalize"),
        (PhiLabel.NAME, "shift", "redact"),
        (PhiLabel.PHONE, "generalize", "redact"),
        (PhiLabel.TIME, "surrogate", "redact"),
        (PhiLabel.ZIP, "generalize", "generalize"),
        (PhiLabel.NAME, "keep", "keep"),
        (PhiLabel.NAME, "no-such-action", "redact"),
    ],
)
def test_actions_without_meaning_for_a_label_become_redact(
    label: PhiLabel, action: str, effective: str
) -> None:
    assert effective_action(label, action) == effective


@pytest.mark.parametrize(
    ("text", "masked"),
    [("123-45-6789", "***-**-****"), ("J. Smith", "*. *****"), ("a@b.org", "*@*.***")],
)
def test_mask_keeps_length_and_separators(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize(
    ("label", "text", "expected"),
    [
        (PhiLabel.AGE, "92", "90+"),
        (PhiLabel.AGE, "102-year-old", "90+-year-old"),
        (PhiLabel.AGE, "89", "89"),
        (PhiLabel.AGE, "ninety", None),
        (PhiLabel.ZIP, "02114", "021XX"),
        (PhiLabel.ZIP, "02114-1234", "021XX-XXXX"),
        (PhiLabel.ZIP, "03601", "000XX"),
        (PhiLabel.ZIP, "0211", None),
        (PhiLabel.PHONE, "555-0100", None),
    ],
)
def test_generalize(label: PhiLabel, text: str, expected: str | None) -> None:
    assert generalize(label, text) == expected


def test_generalize_a_date_to_its_year() -> None:
    value = DateValue(2019, 3, 14, "{MM}/{DD}/{YYYY}")
    assert generalize(PhiLabel.DATE, "03/14/2019", value) == "2019"
    assert generalize(PhiLabel.DATE, "03/14", DateValue(None, 3, 14, "{MM}/{DD}")) is None
    assert generalize(PhiLabel.DATE, "03/14/2019", None) is None


def test_generalized_zips_agree_with_the_places_safe_harbor_rule() -> None:
    for zip3 in [*sorted(RESTRICTED_ZIP3), "021", "100", "945"]:
        zip_code = zip3 + "14"
        assert generalize(PhiLabel.ZIP, zip_code) == safe_harbor_zip3(zip_code) + "XX"


@pytest.mark.parametrize(
    ("action", "label", "text", "value"),
    [
        ("shift", PhiLabel.DATE, "03/14/2019", None),  # no parsed value
        ("surrogate", PhiLabel.IP, "999.1.1.1", None),  # not an IP
        ("mask", PhiLabel.ID, "---", None),  # nothing to mask
        ("generalize", PhiLabel.AGE, "ninety-two", None),
        ("surrogate", PhiLabel.TIME, "14:05", None),
        ("shift", PhiLabel.NAME, "Smith", None),
    ],
)
def test_what_cannot_be_done_is_redacted_never_kept(
    action: str, label: PhiLabel, text: str, value: DateValue | None
) -> None:
    assert ENGINE.apply(action, label, text, SCOPE, value) == ("redact", f"[{label.value}]")


TEXT = "Dr. John Smith called 617-726-2000 about SSN 123-45-6789, age 93, ZIP 02114."


def _result(entity: str, sub: str) -> RecognizerResult:
    start = TEXT.index(sub)
    return RecognizerResult(entity_type=entity, start=start, end=start + len(sub), score=0.9)


def test_presidio_anonymizer_engine_runs_our_operators_end_to_end() -> None:
    engine = AnonymizerEngine()
    register_operators(engine)
    assert {"mask", "redact", "keep"} <= set(engine.get_anonymizers())  # presidio's own kept
    assert {op().operator_name() for op in OPERATORS} <= set(engine.get_anonymizers())
    key = generate_key()
    results = [
        _result("PERSON", "John Smith"),
        _result("PHONE_NUMBER", "617-726-2000"),
        _result("US_SSN", "123-45-6789"),
        _result("AGE", "93"),
        _result("ZIP", "02114"),
    ]
    params = {"key": key, "patient_id": "P1"}
    operators = {
        "PERSON": OperatorConfig("radscrub_surrogate", params),
        "PHONE_NUMBER": OperatorConfig("radscrub_mask"),
        "US_SSN": OperatorConfig("radscrub_redact"),
        "AGE": OperatorConfig("radscrub_generalize"),
        "ZIP": OperatorConfig("radscrub_generalize", {"label": "ZIP"}),
    }
    out = engine.anonymize(TEXT, results, operators)
    for original in ("John", "Smith", "617-726-2000", "123-45-6789", "93", "02114"):
        assert original not in out.text
    assert "***-***-****" in out.text and "[SSN]" in out.text and "age 90+" in out.text
    assert "ZIP 021XX." in out.text
    # the same key and patient give the surrogate the Transformer gives
    transformer = Transformer(TransformConfig(mode="pseudonymise"), key=key)
    start = TEXT.index("John Smith")
    span = PhiSpan(start, start + 10, PhiLabel.NAME)
    scrubbed = transformer.transform(TEXT, [span], RecordContext(patient_id="P1"))
    assert scrubbed.replacements[0].new_text in out.text


def test_presidio_operator_without_a_key_says_how_to_pass_one() -> None:
    engine = AnonymizerEngine()
    register_operators(engine)
    with pytest.raises(InvalidParamError, match="params\\['key'\\]"):
        engine.anonymize(
            TEXT,
            [_result("PERSON", "John Smith")],
            {"PERSON": OperatorConfig("radscrub_surrogate", {})},
        )


def test_presidio_operator_error_never_shows_a_bad_key() -> None:
    engine = AnonymizerEngine()
    register_operators(engine)
    secret = "SECRETVALUE-too-short"
    with pytest.raises(InvalidParamError) as info:
        engine.anonymize(
            TEXT,
            [_result("PERSON", "John Smith")],
            {"PERSON": OperatorConfig("radscrub_surrogate", {"key": secret})},
        )
    assert secret not in str(info.value)


def test_presidio_entity_types_we_do_not_know_are_redacted() -> None:
    engine = AnonymizerEngine()
    register_operators(engine)
    out = engine.anonymize(
        "card 4111 1111 1111 1111",
        [RecognizerResult("CREDIT_CARD", 5, 24, 0.9)],
        {"CREDIT_CARD": OperatorConfig("radscrub_surrogate", {"key": generate_key()})},
    )
    assert out.text == "card [CREDIT_CARD]"
