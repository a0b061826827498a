"""The encrypted crosswalk: round trips, unreadable without the key, rotation, relink command."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radscrub.cli import app
from radscrub.config import TransformConfig
from radscrub.detect.base import RecordContext
from radscrub.errors import ConfigError
from radscrub.spans import PhiLabel, PhiSpan
from radscrub.transform import Transformer
from radscrub.transform.crosswalk import Crosswalk
from radscrub.transform.keys import SecretKey, write_key_file

OLD = SecretKey(bytes(range(32)))
NEW = SecretKey(bytes(range(100, 132)))
ORIGINAL = "MRN-7734215-QX"


def test_round_trip_and_lookup(tmp_path: Path) -> None:
    with Crosswalk(tmp_path / "cw.db", OLD) as store:
        store.add("patient", ORIGINAL, "PSEUDO-1")
        store.add_many([("accession", "A123", "PSEUDO-2"), ("patient", ORIGINAL, "ignored")])
        assert len(store) == 2
        assert store.lookup("patient", ORIGINAL) == "PSEUDO-1"
        assert store.lookup("accession", ORIGINAL) is None
        assert store.relink("PSEUDO-1") == [("patient", ORIGINAL)]
        assert store.relink("nope") == []
    with Crosswalk(tmp_path / "cw.db", OLD) as again:  # reopened from disk
        assert again.relink("PSEUDO-2") == [("accession", "A123")]


def test_the_file_holds_no_original_and_refuses_another_key(tmp_path: Path) -> None:
    path = tmp_path / "cw.db"
    with Crosswalk(path, OLD) as store:
        store.add("patient", ORIGINAL, "PSEUDO-1")
    raw = path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("cw.db-*"))
    assert ORIGINAL.encode() not in raw and b"7734215" not in raw
    assert b"PSEUDO-1" in raw  # the pseudonym itself is not secret
    with pytest.raises(ConfigError, match="different key"):
        Crosswalk(path, NEW)


def test_rotation_re_encrypts_under_the_new_key(tmp_path: Path) -> None:
    path = tmp_path / "cw.db"
    with Crosswalk(path, OLD) as store:
        store.add("patient", ORIGINAL, "PSEUDO-1")
    with Crosswalk(path, [NEW, OLD]) as both:
        assert both.relink("PSEUDO-1") == [("patient", ORIGINAL)]  # old rows still decrypt
        assert both.lookup("patient", ORIGINAL) == "PSEUDO-1"
        assert both.rotate() == 1
    with Crosswalk(path, NEW) as new_only:
        assert new_only.relink("PSEUDO-1") == [("patient", ORIGINAL)]
        assert new_only.lookup("patient", ORIGINAL) == "PSEUDO-1"
    with pytest.raises(ConfigError, match="different key"):
        Crosswalk(path, OLD)


def test_pseudonymise_mode_records_ids_and_text_mrns(tmp_path: Path) -> None:
    path = tmp_path / "cw.db"
    config = TransformConfig(mode="pseudonymise", crosswalk=str(path))
    transformer = Transformer(config, key=OLD)
    pseudo_patient = transformer.pseudonym("patient_id", "P-0001")
    text = "MRN 5551234 noted."
    span = PhiSpan(4, 11, PhiLabel.MRN)
    out = transformer.transform(text, [span], RecordContext(patient_id="P-0001"))
    pseudo_mrn = out.replacements[0].new_text
    with Crosswalk(path, OLD) as store:
        assert store.relink(pseudo_patient) == [("patient", "P-0001")]
        assert store.relink(pseudo_mrn) == [("patient", "5551234")]


def test_anonymise_mode_refuses_a_crosswalk(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="pseudonymise"):
        TransformConfig(mode="anonymise", crosswalk=str(tmp_path / "cw.db"))
    with pytest.raises(ConfigError, match="pseudonymise"):
        Transformer(TransformConfig(mode="anonymise"), crosswalk=tmp_path / "cw.db")
    assert not (tmp_path / "cw.db").exists()


def test_relink_command_prints_originals_for_the_key_holder(tmp_path: Path) -> None:
    key_file = tmp_path / "k"
    write_key_file(key_file)
    from radscrub.transform.keys import read_key_file

    path = tmp_path / "cw.db"
    with Crosswalk(path, read_key_file(key_file)) as store:
        store.add("patient", ORIGINAL, "PSEUDO-1")
    runner = CliRunner()
    args = ["relink", "--crosswalk", str(path), "--key-file", str(key_file)]
    found = runner.invoke(app, [*args, "PSEUDO-1"])
    assert found.exit_code == 0, found.output
    assert found.stdout.strip() == f"PSEUDO-1\tpatient\t{ORIGINAL}"
    missing = runner.invoke(app, [*args, "PSEUDO-1", "NOPE"])
    assert missing.exit_code == 1 and "1 pseudonym(s) not in the crosswalk" in missing.output
    other_key = tmp_path / "k2"
    write_key_file(other_key)
    wrong = runner.invoke(
        app, ["relink", "--crosswalk", str(path), "--key-file", str(other_key), "PSEUDO-1"]
    )
    assert wrong.exit_code == 2 and ORIGINAL not in wrong.output


def test_a_crosswalk_pickles_without_its_connection(tmp_path: Path) -> None:
    store = Crosswalk(tmp_path / "cw.db", OLD)
    store.add("patient", ORIGINAL, "PSEUDO-1")
    copy = pickle.loads(pickle.dumps(store))
    assert copy.relink("PSEUDO-1") == [("patient", ORIGINAL)]
    assert "hidden" in repr(copy)
    store.close()
    copy.close()
