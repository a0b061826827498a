"""ScrubberSpec: a picklable recipe for the Scrubber each worker process (or Spark executor) builds.

The key is resolved once, in the driving process, before any work: pseudonymise mode without a
key fails here with KeyMissingError. Anonymise mode without a key gets one one-off random key
shared by every worker of the run, so a patient's date shift and surrogates agree across workers
(the key is never written anywhere, so such a run cannot be resumed).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from radscrub.config import ScrubConfig


@dataclass(frozen=True)
class ScrubberSpec:
    """Build with :meth:`prepare`; calling it returns a new ``Scrubber`` (load once per process)."""

    config: ScrubConfig
    key: Any = None
    """A ``radscrub.transform.keys.SecretKey`` handed to every worker (pickled, in memory only)."""
    key_fingerprint: str | None = None
    """The key's public fingerprint; None when the key is one-off (anonymise mode, no key file)."""

    @classmethod
    def prepare(
        cls, config: ScrubConfig, *, key: Any = None, key_file: str | Path | None = None
    ) -> ScrubberSpec:
        """Resolve the key now (KeyMissingError/ConfigError before any work) and keep it."""
        from radscrub.transform.keys import SecretKey, load_key, read_key_file

        path = key_file if key_file is not None else config.transform.key_file
        given: SecretKey | None = None
        if key is not None:
            given = SecretKey.parse(key, source="the key argument")
        elif path is not None:
            given = read_key_file(path)
        if config.transform.mode == "anonymise" and given is None:
            return cls(config, SecretKey.random(), None)
        used = load_key(
            config.transform, given
        )  # pseudonymise: falls back to the environment variable
        return cls(config, given if given is not None else used, used.fingerprint())

    def __call__(self) -> Any:
        from radscrub.pipeline import Scrubber

        if self.key is not None and "key" in inspect.signature(Scrubber).parameters:
            return Scrubber(self.config, key=self.key)
        return Scrubber(self.config)
