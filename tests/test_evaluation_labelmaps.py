"""Label maps: loading, resolving, ignoring, and the built-in maps for benchmark corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from radscrub.errors import ConfigError
from radscrub.evaluation import (
    BUILTIN_MAPS,
    LabelMap,
    Span,
    builtin_label_map,
    guess_label_map,
    load_label_map,
    resolve_label_map,
)
from radscrub.spans import PhiLabel

MAP = LabelMap.from_dict({"PERSON": "name", "DateYear": "IGNORE", "Place": "LOCATION"})


@pytest.mark.parametrize(
    ("label", "resolved"),
    [
        ("PERSON", "NAME"),  # mapped; targets are normalised to PhiLabel names
        ("person", "NAME"),  # map keys match case-insensitively
        ("DateYear", None),  # ignored
        ("date", "DATE"),  # not in the map but a PhiLabel name
        ("CREDIT_CARD", "CREDIT_CARD"),  # unknown: kept as written
    ],
)
def test_resolve(label: str, resolved: str | None) -> None:
    assert MAP.resolve(label) == resolved


def test_is_known_and_apply() -> None:
    assert MAP.is_known("PERSON") and MAP.is_known("DateYear") and MAP.is_known("Hospital")
    assert not MAP.is_known("CREDIT_CARD")
    kept, ignored = MAP.apply([Span(0, 3, "PERSON"), Span(4, 8, "DateYear"), Span(9, 12, "NAME")])
    assert kept == [Span(0, 3, "NAME"), Span(9, 12, "NAME")]
    assert [s.source_label for s in kept] == ["PERSON", ""]
    assert [s.original_label for s in kept] == ["PERSON", "NAME"]
    assert ignored == [Span(4, 8, "DateYear")]


def test_describe() -> None:
    assert MAP.describe() == {
        "name": "custom",
        "mapped": {"PERSON": "NAME", "Place": "LOCATION"},
        "ignored": ["DateYear"],
        "notes": "",
    }


@pytest.mark.parametrize(
    ("table", "message"),
    [({"X": "PERSONS"}, "unknown PHI label 'PERSONS'"), ({"X": 3}, "must map to a string")],
)
def test_bad_targets(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        LabelMap.from_dict(table)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("flat.toml", 'PERSON = "NAME"\nDateYear = "ignore"\n'),
        ("table.toml", '[labels]\nPERSON = "NAME"\nDateYear = "ignore"\n'),
        ("flat.json", '{"PERSON": "NAME", "DateYear": "ignore"}'),
        ("table.json", '{"labels": {"PERSON": "NAME", "DateYear": "ignore"}}'),
    ],
)
def test_load_label_map_files(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    loaded = load_label_map(path)
    assert loaded.name == path.stem
    assert dict(loaded.mapping) == {"PERSON": "NAME", "DateYear": None}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.toml", "PERSON = \n", "not valid TOML"),
        ("bad.json", "{", "not valid JSON"),
        ("list.json", '["NAME"]', "expected a table"),
    ],
)
def test_load_label_map_faults(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_label_map(path)


@pytest.mark.parametrize("name", sorted(BUILTIN_MAPS))
def test_builtin_maps_target_real_labels(name: str) -> None:
    lmap = builtin_label_map(name)
    assert lmap.mapping, name
    for target in lmap.mapping.values():
        assert target is None or target in PhiLabel.__members__
    assert lmap.notes


def test_builtin_map_choices() -> None:
    physionet = builtin_label_map("physionet_deid")
    assert physionet.resolve("DateYear") is None  # Safe Harbor keeps years
    assert {physionet.resolve(x) for x in ("HCPName", "PTName", "RelativeProxyName")} == {"NAME"}
    presidio = builtin_label_map("presidio_synth_pii")
    assert presidio.resolve("US_SSN") == "SSN" and presidio.resolve("CREDIT_CARD") is None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/data/physionet_deid_dev/corpus.jsonl", "physionet_deid"),
        ("/data/presidio_synth_pii/corpus.jsonl", "presidio_synth_pii"),
        ("/data/i2b2-2014/test", "i2b2_2014"),
        ("/data/i2b2_2006/train.xml", "i2b2_2006"),
        ("/data/mine/gold.jsonl", None),
    ],
)
def test_guess_label_map(path: str, expected: str | None) -> None:
    guessed = guess_label_map(path)
    assert (guessed.name if guessed else None) == expected


def test_resolve_label_map(tmp_path: Path) -> None:
    assert (
        resolve_label_map(None, "/x/presidio_synth_pii/corpus.jsonl").name == "presidio_synth_pii"
    )
    assert resolve_label_map("none", "/x/presidio_synth_pii/corpus.jsonl").mapping == {}
    assert resolve_label_map(None).name == "none"
    assert resolve_label_map("i2b2_2014").name == "i2b2_2014"
    path = tmp_path / "mine.json"
    path.write_text('{"PERSON": "NAME"}', encoding="utf-8")
    assert resolve_label_map(str(path)).name == "mine"
    with pytest.raises(ConfigError, match=r"built-in maps: .*physionet_deid"):
        resolve_label_map("no_such_map")


def test_radscrub_map_ignores_only_times() -> None:
    lmap = resolve_label_map("radscrub")
    assert lmap.resolve("TIME") is None
    assert lmap.resolve("DATE") == "DATE"
    assert lmap.resolve("NAME") == "NAME"
