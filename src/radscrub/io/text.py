"""Whole text files read with errors that name the file and say what to do."""

from __future__ import annotations

from pathlib import Path

from radscrub.errors import InputError


def read_text_file(path: str | Path, *, encoding: str = "utf-8", exact: bool = False) -> str:
    """Read a whole text file; ``exact`` keeps ``\\r\\n`` as written (for offset-exact formats)."""
    source = str(path)
    try:
        with open(path, encoding=encoding, newline="" if exact else None) as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError("file not found", source=source) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding} at byte {exc.start}; re-encode the file as UTF-8", source=source
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=source) from None
