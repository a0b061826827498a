"""Train radscrub-ner on the project's own synthetic train split and install it into the package.

    python scripts/train_ner.py                      # corpora/train.jsonl + corpora/dev.jsonl
    python scripts/train_ner.py --max-steps 500 --out /tmp/ner-smoke --no-install

The training text is augmented the way reports really arrive (ALL CAPS, lower case, punctuation
dropped, headers broken over lines), converted to spaCy DocBins, and trained with
scripts/ner/config.cfg on the CPU. The best model is copied to src/radscrub/models/radscrub_ner
with a meta.json that records the data's sha256 and the dev scores. Never train on outside corpora.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "scripts" / "ner" / "config.cfg"
PACKAGE_MODEL = ROOT / "src" / "radscrub" / "models" / "radscrub_ner"
NER_LABELS = ("NAME", "HOSPITAL", "LOCATION", "ORGANIZATION")
DROPPABLE = ".,:;"

Record = tuple[str, list[tuple[int, int, str]]]


def read_corpus(path: Path) -> Iterator[Record]:
    """(text, [(start, end, label)]) for each report, keeping only the NER labels."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            spans = [
                (s["start"], s["end"], s["label"]) for s in doc["spans"] if s["label"] in NER_LABELS
            ]
            yield doc["text"], spans


def recase(record: Record, how: str) -> Record | None:
    """ALL-CAPS or lower-case copy; None when the case change would move offsets."""
    text, spans = record
    new = text.upper() if how == "upper" else text.lower()
    return (new, spans) if len(new) == len(text) else None


def drop_punctuation(record: Record, rng: random.Random) -> Record:
    """Drop about half of the punctuation outside spans, remapping offsets exactly."""
    text, spans = record
    inside = bytearray(len(text))
    for start, end, _ in spans:
        inside[start:end] = b"\x01" * (end - start)
    keep_map = []
    out = []
    for i, ch in enumerate(text):
        keep_map.append(len(out))
        if ch in DROPPABLE and not inside[i] and rng.random() < 0.5:
            continue
        out.append(ch)
    keep_map.append(len(out))
    return "".join(out), [(keep_map[s], keep_map[e], label) for s, e, label in spans]


def break_headers(record: Record) -> Record:
    """Put the value of short 'Label: value' header lines on the next line, as some exports do.

    ': ' becomes ':\n' (same length), so every offset stays valid.
    """
    text, spans = record
    lines = []
    for line in text.split("\n"):
        colon = line.find(": ")
        lines.append(line[:colon] + ":\n" + line[colon + 2 :] if 0 < colon < 30 else line)
    return "\n".join(lines), spans


def augment(records: Iterable[Record], seed: int) -> Iterator[Record]:
    """Each original report, plus case/punctuation/layout variants of a random share of them."""
    rng = random.Random(seed)
    for record in records:
        yield record
        roll = rng.random()
        variant: Record | None = None
        if roll < 0.20:
            variant = recase(record, "upper")
        elif roll < 0.28:
            variant = recase(record, "lower")
        elif roll < 0.40:
            variant = drop_punctuation(record, rng)
        elif roll < 0.48:
            variant = break_headers(record)
        if variant is not None:
            yield variant


def to_docbin(nlp: spacy.language.Language, records: Iterable[Record]) -> tuple[DocBin, int]:
    """Convert records to a DocBin; entity offsets expand to token boundaries."""
    docbin = DocBin(store_user_data=False)
    n = 0
    for text, spans in records:
        doc: Doc = nlp.make_doc(text)
        ents = []
        for start, end, label in spans:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                ents.append(span)
        doc.ents = filter_spans(ents)
        docbin.add(doc)
        n += 1
    return docbin, n


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=ROOT / "corpora" / "train.jsonl")
    parser.add_argument("--dev", type=Path, default=ROOT / "corpora" / "dev.jsonl")
    parser.add_argument("--out", type=Path, default=None, help="training output folder")
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-install", action="store_true", help="do not copy into the package")
    args = parser.parse_args(argv)

    from spacy.cli.train import train

    spacy.require_cpu()
    work = args.out or Path(tempfile.mkdtemp(prefix="radscrub-ner-"))
    work.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    train_bin, n_train = to_docbin(nlp, augment(read_corpus(args.train), args.seed))
    dev_bin, n_dev = to_docbin(nlp, read_corpus(args.dev))
    train_bin.to_disk(work / "train.spacy")
    dev_bin.to_disk(work / "dev.spacy")
    print(f"train docs (augmented): {n_train}, dev docs: {n_dev}", flush=True)

    overrides = {
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "dev.spacy"),
        "system.seed": args.seed,
    }
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    train(CONFIG, work / "output", overrides=overrides)

    best = work / "output" / "model-best"
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    meta.update(
        {
            "name": "radscrub_ner",
            "version": "1.0.0",
            "description": "radscrub's NER for radiology report PHI (NAME, HOSPITAL, LOCATION, "
            "ORGANIZATION), trained only on radscrub's synthetic corpus.",
            "license": "Apache-2.0",
            "sources": [
                {
                    "name": "radscrub synthetic radiology corpus (train split, augmented)",
                    "file": args.train.name,
                    "sha256": sha256(args.train),
                }
            ],
        }
    )
    (best / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    scores = meta.get("performance", {})
    print(json.dumps({k: scores.get(k) for k in ("ents_p", "ents_r", "ents_f")}, indent=2))
    if not args.no_install:
        if PACKAGE_MODEL.exists():
            shutil.rmtree(PACKAGE_MODEL)
        shutil.copytree(best, PACKAGE_MODEL)
        size = sum(p.stat().st_size for p in PACKAGE_MODEL.rglob("*") if p.is_file())
        print(f"installed into {PACKAGE_MODEL} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
