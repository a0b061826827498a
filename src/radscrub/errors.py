"""The library's exceptions. Every message says what went wrong, where, and what to do about it."""

from __future__ import annotations


class RadscrubError(Exception):
    """Base class of every error radscrub raises on purpose."""


class ConfigError(RadscrubError, ValueError):
    """A configuration value is missing, of the wrong type, or out of range."""


class InputError(RadscrubError, ValueError):
    """Input data cannot be read: names the file, row/line and field where possible."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        where = source
        if line is not None:
            where = f"{source}:{line}" if source else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.source = source
        self.line = line


class DetectionTimeout(RadscrubError, TimeoutError):
    """A detector's pattern took longer than its time budget on one text (pathological input)."""


class KeyMissingError(RadscrubError):
    """Pseudonymise mode needs a secret key and none was given."""


class ModelLoadError(RadscrubError):
    """A spaCy pipeline could not be loaded (not installed, wrong path, incompatible version)."""
