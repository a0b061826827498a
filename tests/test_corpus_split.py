"""Split separation: test names, cities and phrasings never reach train or dev output."""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radscrub.corpus import generate_reports, phrases, pools
from radscrub.corpus.builder import template_literals
from radscrub.corpus.headers import HELDOUT_LAYOUTS, LABELS
from radscrub.corpus.split import (
    Variants,
    check_split,
    derive_seed,
    fits_split,
    fold,
    name_tokens,
    pool_for_split,
    token_pool,
)
from radscrub.corpus.values import HELDOUT_DATE_FORMATS
from radscrub.errors import ConfigError


@pytest.fixture(scope="module")
def corpora() -> dict[str, list[dict]]:
    return {
        "train": list(generate_reports(500, 1, "train")),
        "dev": list(generate_reports(150, 1, "dev")),
        "test": list(generate_reports(300, 1, "test")),
    }


def _span_texts(records: list[dict], label: str) -> list[str]:
    return [
        r["text"][s["start"] : s["end"]] for r in records for s in r["spans"] if s["label"] == label
    ]


ALL_POOL_NAMES = sorted(
    {
        *pools.GIVEN_F,
        *pools.GIVEN_M,
        *pools.SURNAMES,
        *pools.WORD_SURNAMES,
        *(n for n, _ in pools.WORD_GIVEN),
    }
)


def test_pools_hold_names_of_both_partitions():
    pooled = {token_pool(t) for name in ALL_POOL_NAMES for t in name_tokens(name)}
    assert pooled == {"train", "test"}


def test_no_test_pool_name_appears_in_train_or_dev(corpora):
    test_tokens = {t for n in _span_texts(corpora["test"], "NAME") for t in name_tokens(n)}
    own_test_tokens = {t for n in ALL_POOL_NAMES for t in name_tokens(n) if token_pool(t) == "test"}
    assert len(test_tokens) > 300
    for split in ("train", "dev"):
        for name in _span_texts(corpora[split], "NAME"):
            tokens = set(name_tokens(name))
            assert not tokens & test_tokens, (split, name)
            assert not tokens & own_test_tokens, (split, name)
            assert fits_split(name, split), (split, name)


def test_test_names_all_come_from_the_test_pool(corpora):
    for name in _span_texts(corpora["test"], "NAME"):
        assert fits_split(name, "test"), name


@pytest.mark.parametrize("split", ["train", "dev", "test"])
def test_cities_are_partitioned_too(corpora, split):
    for city in _span_texts(corpora[split], "LOCATION"):
        if "county" not in city.lower():  # counties are a small shared list
            assert fits_split(city, split), (split, city)


def _tables() -> list[tuple[str, Variants]]:
    tables = [(k, v) for k, v in vars(phrases).items() if isinstance(v, Variants)]
    return tables + [(f"LABELS[{k}]", v) for k, v in LABELS.items()]


def _heldout_fragments() -> list[str]:
    """Distinctive literal text of held-out templates (never part of a shared template)."""
    shared = [t.lower() for _, table in _tables() for t in table.shared]
    out = []
    for _, table in _tables():
        for template in table.heldout:
            for literal in template_literals(template):
                frag = literal.strip(" \n").lower()
                distinctive = " " in frag or frag.endswith(":")
                if distinctive and len(frag) >= 8 and not any(frag in s for s in shared):
                    out.append(frag)
    return sorted(set(out))


def test_every_heldout_template_has_a_distinctive_fragment():
    assert len(_heldout_fragments()) > 40


@pytest.mark.parametrize("split", ["train", "dev"])
def test_heldout_phrasings_never_reach_train_or_dev(corpora, split):
    frags = _heldout_fragments()
    for rec in corpora[split]:
        assert rec["meta"]["heldout"] == []
        assert rec["meta"]["layout"] not in HELDOUT_LAYOUTS
        text = rec["text"].lower()
        for frag in frags:
            assert frag not in text, (frag, rec["id"])


def test_test_split_uses_heldout_phrasings_layouts_and_formats(corpora):
    test = corpora["test"]
    frags = _heldout_fragments()
    with_frag = sum(any(f in r["text"].lower() for f in frags) for r in test)
    assert with_frag > len(test) / 2
    assert {r["meta"]["layout"] for r in test} >= set(HELDOUT_LAYOUTS)
    assert re.search(r"\b(?:19|20)\d\d/\d\d/\d\d\b", "".join(r["text"] for r in test))


def test_heldout_date_formats_never_reach_train(corpora):
    assert HELDOUT_DATE_FORMATS
    train_dates = _span_texts(corpora["train"] + corpora["dev"], "DATE")
    assert not [d for d in train_dates if re.fullmatch(r"(?:19|20)\d\d/\d\d/\d\d", d)]
    assert not [d for d in train_dates if re.search(r"(?i)[a-z]+ the \d+(st|nd|rd|th)", d)]


@given(st.sampled_from(ALL_POOL_NAMES))
def test_fold_ignores_case_and_accents(name):
    assert fold(name) == fold(name.upper()) == fold(name.lower())
    assert fits_split(name, "train") == fits_split(name.upper(), "dev")


@pytest.mark.parametrize(
    ("a", "b"), [("José", "JOSE"), ("Yılmaz", "YILMAZ"), ("Łukasz", "lukasz"), ("Weiß", "WEISS")]
)
def test_fold_examples(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("split", "pool"), [("train", "train"), ("dev", "train"), ("test", "test")]
)
def test_pool_for_split(split, pool):
    assert pool_for_split(split) == pool
    assert check_split(split) == split


def test_unknown_split_names_the_valid_ones():
    with pytest.raises(ConfigError, match="train, dev, test"):
        check_split("validation")


def test_derive_seed_is_stable():
    assert derive_seed(1, "train", 3) == derive_seed(1, "train", 3)
    assert derive_seed(1, "train", 3) != derive_seed(1, "train", 4)
    digest = hashlib.sha256(b"a\x1f1").digest()
    assert derive_seed("a", 1) == int.from_bytes(digest[:8], "big")
