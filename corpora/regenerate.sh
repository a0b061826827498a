#!/usr/bin/env sh
# Rebuild the three synthetic corpora byte-for-byte, then verify them against SHA256SUMS.
# Usage: sh corpora/regenerate.sh          (rebuild + verify)
#        sh corpora/regenerate.sh --stats  (also print the per-label table for README.md)
# Needs radscrub installed (pip install -e .) with the pinned Faker (faker==40.54.0).
set -eu
cd "$(dirname "$0")/.."
python -m radscrub.cli generate --n 6000 --seed 101 --split train --out corpora/train.jsonl
python -m radscrub.cli generate --n 600 --seed 202 --split dev --out corpora/dev.jsonl
python -m radscrub.cli generate --n 1200 --seed 303 --split test --out corpora/test.jsonl
if [ -f corpora/SHA256SUMS ]; then
    (cd corpora && sha256sum -c SHA256SUMS)
fi
if [ "${1:-}" = "--stats" ]; then
    python -m radscrub.corpus.stats corpora/train.jsonl corpora/dev.jsonl corpora/test.jsonl
fi
