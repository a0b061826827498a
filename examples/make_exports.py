"""Regenerate the small synthetic example exports in this folder (every value is invented).

    python examples/make_exports.py

Writes ``reports.csv``, ``reports.jsonl``, ``reports.parquet`` (the same 20 rows: accession, mrn,
patient_name, dob, exam_date, modality, exam, report_text), ``reports_txt/`` (the first 5 reports
as one ``.txt`` file each) and ``withdrawn_patients.txt`` (one MRN whose consent is withdrawn).
Try them with, for example::

    radscrub keygen --out demo.key
    radscrub scrub examples/reports.csv --out scrubbed.csv \\
        --mode pseudonymise --key-file demo.key \\
        --id-column accession --patient-column mrn --phi-column patient_name=name \\
        --phi-column dob=date --phi-column exam_date=date \\
        --exclude-patients examples/withdrawn_patients.txt --manifest manifest.json
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from radscrub.io.synthetic import EXPORT_COLUMNS, export_rows

HERE = Path(__file__).resolve().parent
N_ROWS = 20
SEED = 2024


def main() -> None:
    rows = list(export_rows(N_ROWS, seed=SEED, split="dev"))
    with open(HERE / "reports.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with open(HERE / "reports.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    pq.write_table(pa.Table.from_pylist(rows), HERE / "reports.parquet", row_group_size=8)
    folder = HERE / "reports_txt"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for row in rows[:5]:
        (folder / f"{row['accession']}.txt").write_text(row["report_text"], encoding="utf-8")
    (HERE / "withdrawn_patients.txt").write_text(
        "# patients who withdrew consent: one original MRN per line\n" + rows[-1]["mrn"] + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
