"""AllowList: clinical vocabulary suppressed for name-like labels only, for every detector."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub import PhiLabel, Scrubber, ScrubConfig
from radscrub.config import DetectConfig, TransformConfig
from radscrub.detect import Pattern, PatternDetector
from radscrub.detect.allow import CONTEXT_MARK, AllowList, normalise
from radscrub.errors import ConfigError
from radscrub.spans import PhiSpan


def span(text: str, label: PhiLabel = PhiLabel.NAME, source: str = "ner") -> PhiSpan:
    return PhiSpan(0, len(text), label, 0.9, source, text)


@pytest.mark.parametrize(
    "variants",
    [
        ("Crohn's disease", "Crohns disease", "CROHN DISEASE", "crohn’s disease"),
        ("Hill-Sachs lesion", "Hill Sachs lesion", "hill-sachs  lesion"),
        ("Kienböck disease", "Kienbock disease"),
        ("Morison's pouch", "Morison pouch", "MORISON POUCH"),
        ("non-Hodgkin", "non Hodgkin", "Non-Hodgkin's"),
    ],
)
def test_normalise_ignores_case_accents_possessives_and_hyphens(variants: tuple[str, ...]) -> None:
    assert len({normalise(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("text", "label", "allowed"),
    [
        ("Hodgkin", PhiLabel.NAME, True),
        ("non-Hodgkin", PhiLabel.NAME, True),
        ("Crohn's", PhiLabel.NAME, True),
        ("Morison's pouch", PhiLabel.LOCATION, True),
        ("Smith fracture", PhiLabel.NAME, True),
        ("Jones fracture", PhiLabel.NAME, True),
        ("circle of Willis", PhiLabel.LOCATION, True),
        ("gray matter", PhiLabel.NAME, True),
        ("Brown fat", PhiLabel.NAME, True),
        ("Glasgow coma scale", PhiLabel.ORGANIZATION, True),
        ("Foley", PhiLabel.NAME, True),
        ("ED", PhiLabel.HOSPITAL, True),
        # never a bare common surname, a real place, or more than the term
        ("Smith", PhiLabel.NAME, False),
        ("Willis", PhiLabel.NAME, False),
        ("Baker", PhiLabel.NAME, False),
        ("Greenfield", PhiLabel.LOCATION, False),
        ("Dr. Crohn Smith", PhiLabel.NAME, False),
        ("Hodgkin Smith", PhiLabel.NAME, False),
        # abbreviations written in capitals match capitals only
        ("Ed", PhiLabel.NAME, False),
        # other labels are never suppressed
        ("Hodgkin", PhiLabel.DATE, False),
        ("Doppler", PhiLabel.ID, False),
        ("PICC", PhiLabel.DEVICE_ID, False),
    ],
)
def test_allows(text: str, label: PhiLabel, allowed: bool) -> None:
    assert AllowList.builtin().allows(span(text, label)) is allowed


def test_context_confirmed_spans_are_kept() -> None:
    allow = AllowList.builtin()
    assert allow.allows(span("Paget"))
    assert not allow.allows(span("Paget", source=f"NameDetector.title{CONTEXT_MARK}"))


def test_find_returns_longest_terms_in_text_order() -> None:
    text = "Hill-Sachs deformity; Smith fracture. Dr. Smith. Fluid in Morison's pouch; ED visit."
    found = [text[s:e] for s, e in AllowList.builtin().find(text)]
    assert found == ["Hill-Sachs deformity", "Smith fracture", "Morison's pouch", "ED"]


def test_user_file_adds_terms_and_is_cached(tmp_path: Path) -> None:
    extra = tmp_path / "allow.txt"
    extra.write_text("# site vocabulary\nCarevue\nRivera protocol  # a named protocol\n", "utf-8")
    config = DetectConfig(allow_list=str(extra))
    allow = AllowList.from_config(config)
    assert allow.allows(span("CAREVUE")) and allow.allows(span("Rivera protocol"))
    assert not allow.allows(span("Rivera"))
    assert allow.allows(span("Hodgkin"))  # the built-in list is still there
    assert AllowList.from_config(config) is allow
    assert not AllowList.from_config(DetectConfig()).allows(span("Carevue"))


def test_missing_user_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"allow_list.*one term per line"):
        AllowList.from_config(DetectConfig(allow_list=str(tmp_path / "missing.txt")))


class Capitalised(PatternDetector):
    """A deliberately noisy stand-in for an NER model: every capitalised word is a NAME."""

    labels = (PhiLabel.NAME, PhiLabel.DATE)
    patterns = (
        Pattern(
            "word", r"(?<![\w-])[A-Z][a-z]+(?:[-'][A-Za-z]+)*(?:'s)?", PhiLabel.NAME, 0.9, 0, 0
        ),
        Pattern("dated", r"\bHodgkin(?= 2019)", PhiLabel.DATE, 0.95, 0, 0),
    )


def scrubber(**detect: object) -> Scrubber:
    actions = {label.value: "redact" for label in PhiLabel}
    config = ScrubConfig(
        detect=DetectConfig(detectors=(), **detect),  # type: ignore[arg-type]
        transform=TransformConfig(actions=actions),
    )
    return Scrubber(config, detectors=[Capitalised()])


def test_scrubber_applies_the_allow_list_to_every_detector() -> None:
    text = "history of non-Hodgkin lymphoma, seen by Smith. Hodgkin 2019."
    out = scrubber().scrub(text).text
    assert out == "history of non-Hodgkin lymphoma, seen by [NAME]. [DATE] 2019."


def test_scrubber_uses_the_configured_allow_list(tmp_path: Path) -> None:
    extra = tmp_path / "allow.txt"
    extra.write_text("Rivera\n", "utf-8")
    text = "Rivera protocol per Smith."
    assert scrubber().scrub(text).text == "[NAME] protocol per [NAME]."
    assert scrubber(allow_list=str(extra)).scrub(text).text == "Rivera protocol per [NAME]."


@given(st.text(max_size=60), st.sampled_from(list(PhiLabel)))
def test_allows_any_text_and_only_name_like_labels(text: str, label: PhiLabel) -> None:
    allowed = AllowList.builtin().allows(PhiSpan(0, 1, label, 0.5, "x", text))
    assert not allowed or label in (
        PhiLabel.NAME,
        PhiLabel.LOCATION,
        PhiLabel.HOSPITAL,
        PhiLabel.ORGANIZATION,
    )
    for start, end in AllowList.builtin().find(text):
        assert 0 <= start < end <= len(text)
