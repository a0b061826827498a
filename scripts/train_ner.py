"""Train radscrub-ner on the project's own synthetic train split and install it into the package.

    python scripts/train_ner.py                      # corpora/train.jsonl + corpora/dev.jsonl
    python scripts/train_ner.py --max-steps 200 --out /tmp/ner-smoke --no-install

The training text is augmented (scripts/ner/augment.py: ALL CAPS, lower case, punctuation
dropped, headers broken over lines, train-pool name/place/word substitution, and synthetic
clinical shorthand notes from scripts/ner/shorthand.py), converted to spaCy DocBins, and trained
with scripts/ner/config.cfg on the CPU; dev (unaugmented) picks the best checkpoint. The best
model is copied to src/radscrub/models/radscrub_ner with a meta.json that records the data's and
lexicons' sha256, the augmentation and the dev scores.
Never train on outside corpora, nor on the test split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training.iob_utils import doc_to_biluo_tags
from spacy.util import filter_spans

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "ner"))

import augment  # noqa: E402  (scripts/ner/augment.py)

CONFIG = ROOT / "scripts" / "ner" / "config.cfg"
PACKAGE_MODEL = ROOT / "src" / "radscrub" / "models" / "radscrub_ner"
NER_LABELS = ("NAME", "HOSPITAL", "LOCATION", "ORGANIZATION")


def read_corpus(path: Path) -> Iterator[augment.Record]:
    """(text, [(start, end, label)]) for each report, with every gold span (all labels)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            yield doc["text"], [(s["start"], s["end"], s["label"]) for s in doc["spans"]]


def tag_run_patterns(labels: Iterable[str] = NER_LABELS) -> list[dict[str, Any]]:
    """entity_ruler patterns turning the tagger's BILUO tags into entities, leniently.

    Per label X: any run of X tags is an X entity (so an invalid run such as B-X O still covers
    its tokens), and any run of entity tags ending in L-X or U-X is one X entity (the longest
    match wins, so a run whose tags disagree on the label takes its last tag's label).
    """
    labels = tuple(labels)
    any_tag = [f"{p}-{x}" for x in labels for p in "BILU"]
    patterns: list[dict[str, Any]] = []
    for x in labels:
        own = [f"{p}-{x}" for p in "BILU"]
        patterns.append({"label": x, "pattern": [{"TAG": {"IN": own}, "OP": "+"}]})
        patterns.append(
            {
                "label": x,
                "pattern": [
                    {"TAG": {"IN": any_tag}, "OP": "*"},
                    {"TAG": {"IN": [f"L-{x}", f"U-{x}"]}},
                ],
            }
        )
    return patterns


def to_docbin(
    nlp: spacy.language.Language, records: Iterable[augment.Record]
) -> tuple[DocBin, int]:
    """Convert records to a DocBin: NER_LABELS entities and their BILUO tags as token tags.

    Entity offsets expand to token boundaries.
    """
    docbin = DocBin(store_user_data=False)
    n = 0
    for text, spans in records:
        doc: Doc = nlp.make_doc(text)
        ents = []
        for start, end, label in spans:
            if label not in NER_LABELS:
                continue
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                ents.append(span)
        doc.ents = filter_spans(ents)
        for token, tag in zip(doc, doc_to_biluo_tags(doc), strict=True):
            token.tag_ = tag
        docbin.add(doc)
        n += 1
    return docbin, n


def parse_value(value: str) -> Any:
    """A --set value: JSON when it parses (numbers, booleans, lists), else the string."""
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def model_meta(meta: dict[str, Any], args: argparse.Namespace, training: dict[str, Any]) -> None:
    """Add radscrub's name, licence, data provenance and training facts to spaCy's meta."""
    major, minor = (int(part) for part in spacy.about.__version__.split(".")[:2])
    meta.update(
        {
            "name": "radscrub_ner",
            "version": "1.1.0",
            "description": "radscrub's NER for radiology report PHI (NAME, HOSPITAL, LOCATION, "
            "ORGANIZATION), trained only on radscrub's synthetic corpus and synthetic clinical "
            "shorthand notes generated from radscrub's own word lists.",
            "author": "radscrub developers",
            # the saved format is the same across a minor series: accept all of it, so an older
            # 3.x patch release loads the model without spaCy's compatibility warning
            "spacy_version": f">={major}.{minor}.0,<{major}.{minor + 1}.0",
            "license": "Apache-2.0",
            "radscrub_training": training,
            "sources": [
                {
                    "name": "radscrub synthetic radiology corpus (train split, augmented)",
                    "file": args.train.name,
                    "sha256": sha256(args.train),
                },
                {
                    "name": "radscrub synthetic radiology corpus (dev split, model selection)",
                    "file": args.dev.name,
                    "sha256": sha256(args.dev),
                },
                *(
                    {"name": "radscrub package lexicon (augmentation)", "file": f, "sha256": h}
                    for f, h in augment.lexicon_digests().items()
                ),
            ],
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=ROOT / "corpora" / "train.jsonl")
    parser.add_argument("--dev", type=Path, default=ROOT / "corpora" / "dev.jsonl")
    parser.add_argument("--out", type=Path, default=None, help="training output folder")
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-install", action="store_true", help="do not copy into the package")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help="extra config override (value parsed as JSON, else kept as a string)",
    )
    args = parser.parse_args(argv)
    for path in (args.train, args.dev):
        if "test" in path.name or "shared" in path.parts:
            parser.error(f"{path}: train only on radscrub's own train/dev splits")

    from spacy.cli.train import train

    spacy.require_cpu()
    work = args.out or Path(tempfile.mkdtemp(prefix="radscrub-ner-"))
    work.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    train_bin, n_train = to_docbin(nlp, augment.augment(read_corpus(args.train), args.seed))
    dev_bin, n_dev = to_docbin(nlp, read_corpus(args.dev))
    train_bin.to_disk(work / "train.spacy")
    dev_bin.to_disk(work / "dev.spacy")
    print(f"train docs (augmented): {n_train}, dev docs: {n_dev}", flush=True)

    overrides: dict[str, Any] = {
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "dev.spacy"),
        "system.seed": args.seed,
        "initialize.components.ner.patterns": tag_run_patterns(),
    }
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
        # a short run must still evaluate (and so save a trained model-best) at least once
        eval_frequency = spacy.util.load_config(CONFIG)["training"]["eval_frequency"]
        overrides["training.eval_frequency"] = min(eval_frequency, args.max_steps)
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = parse_value(value)
    started = time.perf_counter()
    train(CONFIG, work / "output", overrides=overrides)
    minutes = (time.perf_counter() - started) / 60
    print(f"training took {minutes:.1f} min", flush=True)

    best = work / "output" / "model-best"
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    training = {
        "minutes": round(minutes, 1),
        "seed": args.seed,
        "train_docs_augmented": n_train,
        "dev_docs": n_dev,
        "augmentation": {
            "substitute": augment.SUBSTITUTE_SHARE,
            "upper": augment.UPPER_SHARE,
            "lower": augment.LOWER_SHARE,
            "drop_punctuation": augment.PUNCTUATION_SHARE,
            "break_headers": augment.HEADER_SHARE,
            "name_swap_p": augment.NAME_SWAP_P,
            "place_swap_p": augment.PLACE_SWAP_P,
            "word_rate": list(augment.WORD_RATE),
            "common_name_ranks": list(augment.COMMON_NAME_RANKS),
            "shorthand_notes_per_report": augment.NOTE_SHARE,
            "shorthand_case_styles": dict(augment.shorthand.CASE_STYLES),
            "shorthand_no_punctuation": augment.shorthand.NO_PUNCTUATION_P,
        },
        "overrides": {
            k: v for k, v in overrides.items() if not k.startswith(("paths.", "initialize."))
        },
    }
    model_meta(meta, args, training)
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
