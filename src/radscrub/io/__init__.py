"""Readers and writers for report exports, row accounting, quarantine and batch runs.

- :mod:`radscrub.io.batch`: ``run_batch(BatchOptions, ScrubberSpec)``, what ``radscrub scrub
  INPUT --out OUTPUT`` runs (CSV/TSV, JSONL, Parquet, folders of ``.txt``).
- :mod:`radscrub.io.factory`: ``ScrubberSpec``, the picklable recipe each worker builds its
  Scrubber from (the key is resolved once, before any work).
- :mod:`radscrub.io.process`: ``RowProcessor``, the per-row function shared with Spark
  (:mod:`radscrub.engines.spark`).
- :mod:`radscrub.io.sources` / :mod:`radscrub.io.sinks`: streaming readers, part writers.
- :mod:`radscrub.io.journal` / :mod:`radscrub.io.manifest`: resume journal, run manifest.
- :mod:`radscrub.io.jsonl`: the ``{"id", "text"}`` JSONL contract of ``radscrub detect``.
"""
