"""The secret key: sources, HMAC derivations, date offsets, key files, and that it never shows."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import pickle
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from radscrub.cli import app
from radscrub.config import TransformConfig
from radscrub.errors import ConfigError, KeyMissingError
from radscrub.transform import Transformer
from radscrub.transform.keys import (
    SecretKey,
    date_shift_days,
    generate_key,
    load_key,
    read_key_file,
    write_key_file,
)

RAW = bytes(range(32))
TEXT = base64.urlsafe_b64encode(RAW).decode()
PSEUDO = TransformConfig(mode="pseudonymise", key_env="RADSCRUB_TEST_KEY")
ANON = TransformConfig(mode="anonymise", key_env="RADSCRUB_TEST_KEY")


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RADSCRUB_TEST_KEY", raising=False)
    monkeypatch.delenv("RADSCRUB_KEY", raising=False)


@pytest.mark.parametrize(
    "value",
    [RAW, bytearray(RAW), TEXT, TEXT + "\n", TEXT.rstrip("="), SecretKey(RAW)],
    ids=["bytes", "bytearray", "text", "text-newline", "unpadded", "secretkey"],
)
def test_every_key_form_gives_the_same_key(value: object) -> None:
    assert SecretKey.parse(value) == SecretKey(RAW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    ["short", "!!!! not base64 at all, SECRETVALUE !!!!", base64.b64encode(b"x" * 8).decode()],
)
def test_a_bad_key_is_refused_without_echoing_it(value: str) -> None:
    with pytest.raises(ConfigError) as info:
        SecretKey.parse(value)
    assert value not in str(info.value)
    assert "radscrub keygen" in str(info.value)


def test_short_bytes_are_refused() -> None:
    with pytest.raises(ConfigError, match="too short"):
        SecretKey(b"x" * 15)


def test_the_key_never_shows_in_repr_str_or_pickle_free_objects() -> None:
    key = SecretKey(RAW)
    transformer = Transformer(PSEUDO, key=key)
    shown = [
        repr(key),
        str(key),
        f"{key}",
        repr(transformer),
        repr(transformer._engine),
        repr(transformer._engine.surrogates),
    ]
    for text in shown:
        assert TEXT not in text and TEXT.rstrip("=") not in text
        assert RAW.hex() not in text and repr(RAW) not in text


def test_error_about_a_bad_environment_key_names_the_variable_not_the_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret = "SECRETVALUE-not-a-key"
    monkeypatch.setenv("RADSCRUB_TEST_KEY", secret)
    with pytest.raises(ConfigError) as info:
        load_key(PSEUDO)
    assert "RADSCRUB_TEST_KEY" in str(info.value)
    assert secret not in str(info.value)


def test_missing_key_in_pseudonymise_mode_names_the_three_ways() -> None:
    with pytest.raises(KeyMissingError) as info:
        Transformer(PSEUDO)
    message = str(info.value)
    for way in ("key=", "key_file", "--key-file", "RADSCRUB_TEST_KEY", "radscrub keygen"):
        assert way in message


def test_key_sources_in_order_argument_file_environment(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    file_key, env_key = generate_key(), generate_key()
    path = os.path.join(tmp_path, "k")
    with open(path, "w") as handle:
        handle.write(file_key)
    monkeypatch.setenv("RADSCRUB_TEST_KEY", env_key)
    with_file = TransformConfig(mode="pseudonymise", key_env="RADSCRUB_TEST_KEY", key_file=path)
    assert load_key(with_file, RAW) == SecretKey(RAW)
    assert load_key(with_file) == SecretKey.parse(file_key)
    assert load_key(PSEUDO) == SecretKey.parse(env_key)


def test_anonymise_mode_ignores_the_environment_and_never_reuses_the_pseudonymise_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RADSCRUB_TEST_KEY", TEXT)
    one, two = load_key(ANON), load_key(ANON)
    assert one != two  # one-off random keys
    assert SecretKey(RAW) not in (one, two)
    given = load_key(ANON, RAW)
    assert given == load_key(ANON, RAW)  # an explicit key is repeatable ...
    assert given != SecretKey(RAW)  # ... through its own anonymise-mode subkey


def test_derivations_are_domain_separated_and_unambiguous() -> None:
    key = SecretKey(RAW)
    assert key.derive("a", "x") == key.derive("a", "x")
    assert key.derive("a", "x") != key.derive("b", "x")
    assert key.derive("d", "ab", "c") != key.derive("d", "a", "bc")
    assert key.derive("d", "x") != SecretKey(bytes(32)).derive("d", "x")
    assert len(key.subkey("p")) == 32 and key.subkey("p") != key.subkey("q")


@given(
    low=st.integers(-800, 800),
    width=st.integers(0, 400),
    scope=st.text(max_size=12),
)
def test_date_offset_is_in_range_and_never_zero(low: int, width: int, scope: str) -> None:
    high = low + width
    if low == high == 0:
        return
    days = date_shift_days(SecretKey(RAW), scope, low, high)
    assert low <= days <= high
    assert days != 0


def test_date_offsets_of_different_patients_are_independent() -> None:
    key = SecretKey(RAW)
    offsets = [date_shift_days(key, f"patient:{i}", -365, -30) for i in range(200)]
    assert len(set(offsets)) > 100  # 336 possible values: not all alike
    assert offsets == [date_shift_days(key, f"patient:{i}", -365, -30) for i in range(200)]


def test_key_file_is_private_refuses_overwrite_and_reads_back(tmp_path: os.PathLike[str]) -> None:
    path = os.path.join(tmp_path, "radscrub.key")
    write_key_file(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    key = read_key_file(path)
    with pytest.raises(ConfigError, match="refusing to overwrite"):
        write_key_file(path)
    assert read_key_file(path) == key


def test_missing_key_file_says_how_to_make_one(tmp_path: os.PathLike[str]) -> None:
    with pytest.raises(ConfigError, match="radscrub keygen"):
        read_key_file(os.path.join(tmp_path, "nope"))


def test_keygen_command_never_prints_the_key(tmp_path: os.PathLike[str]) -> None:
    path = os.path.join(tmp_path, "k")
    result = CliRunner().invoke(app, ["keygen", "--out", path])
    assert result.exit_code == 0, result.output
    with open(path) as handle:
        written = handle.read().strip()
    assert written not in result.output
    assert len(base64.urlsafe_b64decode(written)) == 32
    again = CliRunner().invoke(app, ["keygen", "--out", path])
    assert again.exit_code == 2 and "refusing to overwrite" in again.output


def test_a_key_survives_pickling_for_worker_processes() -> None:
    key = SecretKey(RAW)
    key.derive("warm", "x")  # the cached keyed HMAC state is not pickled, only the material
    assert pickle.loads(pickle.dumps(key)) == key
    assert hash(pickle.loads(pickle.dumps(key))) == hash(key)
    assert pickle.loads(pickle.dumps(key)).derive("d", "x") == key.derive("d", "x")


def _reference_derive(material: bytes, domain: str, parts: tuple[str | bytes, ...]) -> bytes:
    """The documented construction, spelled out: outputs must never change with the code."""
    message = b"radscrub/v1/" + domain.encode("ascii") + b"\x00"
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        message += len(data).to_bytes(8, "big") + data
    return hmac.new(material, message, hashlib.sha256).digest()


@given(
    domain=st.text(alphabet="abcdefghijklmnopqrstuvwxyz-/", max_size=12),
    parts=st.lists(st.one_of(st.text(max_size=20), st.binary(max_size=20)), max_size=4),
    split=st.integers(0, 4),
)
def test_derivations_follow_the_documented_hmac_construction(
    domain: str, parts: list[str | bytes], split: int
) -> None:
    key = SecretKey(RAW)
    expected = _reference_derive(RAW, domain, tuple(parts))
    assert key.derive(domain, *parts) == expected
    assert key.derive_int(domain, *parts) == int.from_bytes(expected, "big")
    leading, rest = parts[:split], parts[split:]
    assert key.deriver(domain, *leading).derive_int(*rest) == int.from_bytes(expected, "big")


def test_scrub_command_takes_a_key_file(tmp_path: os.PathLike[str]) -> None:
    config = os.path.join(tmp_path, "c.toml")
    with open(config, "w") as handle:
        handle.write(
            '[detect]\ndetectors = []\n[transform]\nmode = "pseudonymise"\n'
            'key_env = "RADSCRUB_TEST_KEY"\n'
        )
    key = os.path.join(tmp_path, "k")
    write_key_file(key)
    runner = CliRunner()
    missing = runner.invoke(app, ["scrub", "-", "--config", config], input="No PHI here.")
    assert missing.exit_code == 2 and "radscrub keygen" in missing.output
    given = runner.invoke(
        app, ["scrub", "-", "--config", config, "--key-file", key], input="No PHI here."
    )
    assert given.exit_code == 0, given.output
    assert given.stdout == "No PHI here."
