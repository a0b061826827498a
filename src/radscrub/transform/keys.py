"""The secret key: where it comes from, and every per-patient value derived from it by HMAC.

Nothing per patient is stored: a date offset, a surrogate's seed or an identifier's pseudonym is
``HMAC-SHA256(key, b"radscrub/v1/" + domain + b"\\x00" + length-prefixed parts)``, so two machines,
two batches or two Spark executors holding the same key give the same answer.

Key sources, first found wins: the ``key=`` argument of ``Scrubber``/``Transformer``, then
``transform.key_file`` (or ``--key-file``), then the environment variable ``transform.key_env``
(default ``RADSCRUB_KEY``). A key is urlsafe-base64 text of at least 16 random bytes, as written by
``radscrub keygen`` (32 bytes).

Anonymise mode uses a one-off random key per Scrubber unless a key is given explicitly (argument or
key file; the environment variable is ignored there, so a pseudonymisation key set for other jobs
never makes "anonymised" output reproducible). A given key is used through its own HKDF subkey in
anonymise mode, so anonymised and pseudonymised outputs of one key never share a surrogate.
The key's value never appears in a repr, a message, a log or an output.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from pathlib import Path

from radscrub.config import TransformConfig
from radscrub.errors import ConfigError, KeyMissingError

MIN_KEY_BYTES = 16
"""Shortest accepted key (128 bits); ``radscrub keygen`` writes 32 bytes."""
NEW_KEY_BYTES = 32
_PREFIX = b"radscrub/v1/"


class SecretKey:
    """Key material that does not print itself; derives per-patient values with HMAC-SHA256."""

    __slots__ = ("_mac", "_material")

    def __init__(self, material: bytes) -> None:
        if not isinstance(material, bytes | bytearray):
            raise TypeError("SecretKey needs bytes; use SecretKey.parse() for text")
        if len(material) < MIN_KEY_BYTES:
            raise ConfigError(
                f"the secret key is too short ({len(material)} bytes; at least {MIN_KEY_BYTES} "
                "needed). Create one with `radscrub keygen --out FILE`."
            )
        self._material = bytes(material)
        self._mac: hmac.HMAC | None = None

    @classmethod
    def random(cls) -> SecretKey:
        """A fresh one-off key from ``os.urandom`` (anonymise mode: nothing can be linked back)."""
        return cls(os.urandom(NEW_KEY_BYTES))

    @classmethod
    def parse(cls, value: KeyLike, *, source: str = "the key") -> SecretKey:
        """Accept a SecretKey, raw bytes, or urlsafe-base64 text (``radscrub keygen`` output)."""
        if isinstance(value, SecretKey):
            return value
        if isinstance(value, bytes | bytearray):
            return cls(bytes(value))
        if not isinstance(value, str):
            raise ConfigError(f"{source}: a key must be bytes or text, not {type(value).__name__}")
        text = value.strip()
        try:
            material = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError):
            material = b""
        if len(material) < MIN_KEY_BYTES:
            raise ConfigError(
                f"{source} is not a radscrub key (urlsafe base64 text of at least "
                f"{MIN_KEY_BYTES} bytes). Create one with `radscrub keygen --out FILE`."
            )
        return cls(material)

    def derive(self, domain: str, *parts: str | bytes) -> bytes:
        """HMAC-SHA256 over the domain-separated, length-prefixed ``parts`` (32 bytes)."""
        mac = self._keyed().copy()
        mac.update(domain.encode("ascii") + b"\x00" + _encode_parts(parts))
        return mac.digest()

    def derive_int(self, domain: str, *parts: str | bytes) -> int:
        """``derive`` as a non-negative 256-bit integer (e.g. a seed or an index)."""
        return int.from_bytes(self.derive(domain, *parts), "big")

    def deriver(self, domain: str, *parts: str | bytes) -> Deriver:
        """``derive_int(domain, *parts, *more)`` for many ``more``, with the shared prefix hashed
        once (for hot loops such as the format-preserving permutation's rounds)."""
        mac = self._keyed().copy()
        mac.update(domain.encode("ascii") + b"\x00" + _encode_parts(parts))
        return Deriver(mac)

    def _keyed(self) -> hmac.HMAC:
        """The HMAC keyed with the material and fed the version prefix (copied per derivation)."""
        if self._mac is None:
            self._mac = hmac.new(self._material, _PREFIX, hashlib.sha256)
        return self._mac

    def subkey(self, purpose: str) -> bytes:
        """A 32-byte key for another algorithm, by HKDF-SHA256 (info ``radscrub/v1/<purpose>``)."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        hkdf = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=_PREFIX + purpose.encode()
        )
        return hkdf.derive(self._material)

    def fingerprint(self) -> str:
        """A short public identifier of the key (an HMAC of a constant), safe to show or store."""
        return self.derive("fingerprint").hex()[:12]

    def __repr__(self) -> str:
        return "SecretKey(<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretKey):
            return NotImplemented
        return hmac.compare_digest(self._material, other._material)

    def __hash__(self) -> int:
        return hash(self.derive("hash"))

    def __getstate__(self) -> bytes:
        # pickling is allowed so worker processes can receive the key (never written to outputs)
        return self._material

    def __setstate__(self, state: bytes) -> None:
        self._material = state
        self._mac = None


class Deriver:
    """``SecretKey.derive_int`` with a fixed domain and leading parts (``SecretKey.deriver``)."""

    __slots__ = ("_mac",)

    def __init__(self, mac: hmac.HMAC) -> None:
        self._mac = mac

    def __repr__(self) -> str:
        return "Deriver(<hidden>)"

    def derive_int(self, *parts: str | bytes) -> int:
        """The integer ``key.derive_int(domain, *leading, *parts)`` would give."""
        mac = self._mac.copy()
        mac.update(_encode_parts(parts))
        return int.from_bytes(mac.digest(), "big")


def _encode_parts(parts: tuple[str | bytes, ...]) -> bytes:
    """Each part UTF-8 encoded and prefixed by its length (8 bytes, big-endian)."""
    out = []
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        out.append(len(data).to_bytes(8, "big"))
        out.append(data)
    return b"".join(out)


KeyLike = SecretKey | bytes | str
"""What ``key=`` accepts: a SecretKey, raw key bytes, or urlsafe-base64 text."""


def date_shift_days(key: SecretKey, scope: str, low: int, high: int) -> int:
    """The scope's day offset: uniform over ``[low, high]`` without 0, the same on every machine."""
    choices = high - low + 1 - (1 if low <= 0 <= high else 0)
    if choices <= 0:
        raise ConfigError("the date shift range holds no non-zero offset")
    days = low + key.derive_int("date-shift", scope) % choices
    if low <= 0 <= days:
        days += 1
    return days


def read_key_file(path: str | Path) -> SecretKey:
    """Read a key file written by ``radscrub keygen``; errors name the file, never its content."""
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: key file not found. Create one with `radscrub keygen --out {path}`."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not ASCII text"
        raise ConfigError(f"{path}: cannot read the key file ({reason})") from None
    return SecretKey.parse(text, source=f"key file {path}")


def load_key(
    config: TransformConfig, key: KeyLike | None = None, *, key_file: str | Path | None = None
) -> SecretKey:
    """The key to use: ``key``, else ``key_file`` / ``config.key_file``, else ``config.key_env``.

    Pseudonymise mode without any raises KeyMissingError. Anonymise mode ignores the environment,
    uses a given key through its ``anonymise-mode`` subkey, and otherwise a one-off random key.
    """
    path = key_file if key_file is not None else config.key_file
    found: SecretKey | None = None
    if key is not None:
        found = SecretKey.parse(key, source="the key argument")
    elif path is not None:
        found = read_key_file(path)
    if config.mode == "anonymise":
        return SecretKey(found.subkey("anonymise-mode")) if found else SecretKey.random()
    if found is not None:
        return found
    env = os.environ.get(config.key_env)
    if env is not None and env.strip():
        return SecretKey.parse(env, source=f"environment variable {config.key_env}")
    raise KeyMissingError(
        "pseudonymise mode needs a secret key (it keeps surrogates, date shifts and "
        "pseudonyms consistent across runs). Create one with `radscrub keygen --out FILE`, "
        "then give it by one of: the `key=` argument of Scrubber; `transform.key_file` in the "
        f"config or `--key-file FILE` on the command line; or the {config.key_env} "
        "environment variable."
    )


def generate_key() -> str:
    """A new random 32-byte key as urlsafe-base64 text."""
    return base64.urlsafe_b64encode(os.urandom(NEW_KEY_BYTES)).decode("ascii")


def write_key_file(path: str | Path) -> Path:
    """Write a new key to ``path`` with permissions 0600; refuse to overwrite an existing file."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ConfigError(
            f"{path}: already exists; refusing to overwrite a key (data scrubbed with it could "
            "no longer be linked). Choose another path."
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot create the key file ({exc.strerror})") from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(generate_key() + "\n")
    os.chmod(path, 0o600)  # O_CREAT's mode is filtered by the umask
    return path
