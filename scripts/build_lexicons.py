"""Rebuild the name lexicons in src/radscrub/data/names/ from their public sources.

Usage::

    python scripts/build_lexicons.py            # downloads the two source packages with pip
    python scripts/build_lexicons.py --sources DIR   # DIR already holds the downloaded files

Sources (see src/radscrub/data/names/SOURCES.md for licences):

* ``names==0.3.0`` (sdist, MIT): the US Census 1990 first/last name frequency files
  ``dist.male.first``, ``dist.female.first``, ``dist.all.last`` (public domain).
* ``faker`` (installed, pinned by the project, MIT): first/last name lists of every person
  provider whose names are in Latin script (``en`` holds the US SSA baby-name list).
* ``spacy-lookups-data==1.0.5`` (wheel, MIT): ``en_lexeme_prob`` case-sensitive word
  log-probabilities, used only to decide which lower-case words are ordinary English words.

Outputs (gzip, UTF-8, one entry per line, most frequent first):

* ``first.txt.gz`` / ``last.txt.gz``: lower-case, accent-folded name parts; line number = rank.
* ``common_words.txt.gz``: lower-case words written in lower case at least half as often as
  capitalised (so "will", "brown", "hope" are words; "smith", "john" are not).
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import pkgutil
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "radscrub" / "data" / "names"
NAMES_SDIST = "names==0.3.0"
LOOKUPS_WHEEL = "spacy-lookups-data==1.0.5"

#: A word counts as common when its lower-case log-probability is at least this ...
COMMON_MIN_LOGPROB = -17.5
#: ... and at least this much (natural log) above its capitalised form: -0.7 ~ half as often.
COMMON_LOWER_MARGIN = -0.7

_FOLD = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"})
_FOLD.update(str.maketrans({"ð": "d", "þ": "th", "’": "'"}))
_PART = re.compile(r"[a-z]+(?:'[a-z]+)?")


def fold(name: str) -> str:
    """Lower-case, strip accents, map a few special letters to ASCII."""
    text = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def parts(name: str) -> list[str]:
    """Name parts (split on spaces and hyphens) that are plain Latin letters."""
    return [p for p in re.split(r"[\s\-]+", fold(name)) if len(p) >= 2 and _PART.fullmatch(p)]


def census(path: Path) -> list[tuple[str, float]]:
    """(name, frequency %) rows of a Census 1990 ``dist.*`` file."""
    rows = []
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4:
            rows.append((fields[0], float(fields[1])))
    return rows


def faker_names(kind: str) -> Iterable[str]:
    """Every first or last name (``kind``) of Faker's person providers, ``en`` first."""
    import faker.providers.person as person

    modules = sorted(m.name for m in pkgutil.iter_modules(person.__path__))
    modules.sort(key=lambda m: (not m.startswith("en"), m))
    for module in modules:
        provider = getattr(importlib.import_module(f"{person.__name__}.{module}"), "Provider", None)
        if provider is None:
            continue
        for attr in sorted(dir(provider)):
            if not (attr.startswith(f"{kind}_names") or attr.startswith(f"{kind}_romanized_names")):
                continue
            values = getattr(provider, attr)
            if isinstance(values, dict):
                values = list(values)
            if isinstance(values, list | tuple):
                yield from (v for v in values if isinstance(v, str))


def ranked(*streams: Iterable[str]) -> list[str]:
    """Concatenate name streams, splitting into parts, keeping each part's first position."""
    seen: dict[str, None] = {}
    for stream in streams:
        for name in stream:
            for part in parts(name):
                seen.setdefault(part, None)
    return list(seen)


def common_words(probs: dict[str, float]) -> list[str]:
    """Lower-case alphabetic words used mostly in lower case, most frequent first."""
    words = []
    for word, logprob in probs.items():
        if not (word.isascii() and word.isalpha() and word.islower()):
            continue
        if logprob < COMMON_MIN_LOGPROB:
            continue
        capitalised = probs.get(word.capitalize(), float("-inf"))
        if logprob >= capitalised + COMMON_LOWER_MARGIN:
            words.append((logprob, word))
    return [w for _, w in sorted(words, key=lambda t: (-t[0], t[1]))]


def fetch(spec: str, dest: Path, *, binary: bool) -> Path:
    """``pip download`` one pinned package into ``dest``; return the file."""
    fmt = ["--only-binary=:all:"] if binary else ["--no-binary=:all:"]
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", *fmt, "-d", str(dest), spec]
    subprocess.run(cmd, check=True)
    name = spec.split("==")[0].replace("-", "_")
    matches = [p for p in dest.iterdir() if p.name.lower().replace("-", "_").startswith(name)]
    if not matches:
        raise SystemExit(f"pip did not produce {spec} in {dest}")
    return matches[0]


def write_lines(path: Path, lines: list[str]) -> None:
    # mtime=0 keeps the gzip bytes reproducible
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{path.name}: {len(lines)} entries, {path.stat().st_size // 1024} KiB")


def build(sources: Path) -> None:
    sdist = next(sources.glob("names-0.3.0.tar.gz"), None) or fetch(
        NAMES_SDIST, sources, binary=False
    )
    wheel = next(sources.glob("spacy_lookups_data-1.0.5-*.whl"), None) or fetch(
        LOOKUPS_WHEEL, sources, binary=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(sdist) as tar:
            tar.extractall(tmp, filter="data")
        base = Path(tmp) / "names-0.3.0" / "names"
        male, female = census(base / "dist.male.first"), census(base / "dist.female.first")
        first_census = [n for n, _ in sorted(male + female, key=lambda r: -r[1])]
        last_census = [n for n, _ in census(base / "dist.all.last")]
    with zipfile.ZipFile(wheel) as zf:
        raw = zf.read("spacy_lookups_data/data/en_lexeme_prob.json.gz")
    probs: dict[str, float] = json.loads(gzip.decompress(raw))

    OUT.mkdir(parents=True, exist_ok=True)
    write_lines(OUT / "first.txt.gz", ranked(first_census, faker_names("first")))
    write_lines(OUT / "last.txt.gz", ranked(last_census, faker_names("last")))
    write_lines(OUT / "common_words.txt.gz", common_words(probs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, help="folder with the downloaded source files")
    args = parser.parse_args()
    if args.sources:
        build(args.sources)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))


if __name__ == "__main__":
    main()
