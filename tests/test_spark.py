"""The Spark engine gives the same bytes as the local batch runner (local[2], 300 rows)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from radscrub.config import DetectConfig, ScrubConfig, TransformConfig
from radscrub.io.batch import BatchOptions, run_batch
from radscrub.io.factory import ScrubberSpec
from radscrub.io.sinks import CsvSink
from radscrub.transform.keys import generate_key
from test_batch import write_csv

pytestmark = pytest.mark.spark

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pandas")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):  # pragma: no cover
    pytest.skip("Spark needs Java", allow_module_level=True)

COLUMNS = ["accession", "mrn", "patient_name", "exam_date", "site", "text"]
PHI = {"patient_name": "name", "exam_date": "date"}


def make_rows(n: int) -> list[dict[str, str]]:
    return [
        {
            "accession": f"ACC{i:06d}",
            "mrn": f"{5100000 + i % 37}",
            "patient_name": f"Quill, Zed{i % 37}",
            "exam_date": f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "site": ["north", "south", ""][i % 3],
            "text": f"Compared with {1 + i % 12}/{1 + i % 28}/2019. Zed{i % 37} Quill stable."
            + (" x" * 40 if i % 50 == 7 else ""),
        }
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("radscrub-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def config() -> ScrubConfig:
    return ScrubConfig(
        detect=DetectConfig(detectors=("dates",)), transform=TransformConfig(mode="pseudonymise")
    )


def test_spark_output_equals_local_output_byte_for_byte(
    spark: Any, config: ScrubConfig, tmp_path: Path
) -> None:
    import pandas as pd

    from radscrub.engines.spark import scrub_dataframe

    key = generate_key()
    rows = make_rows(300)
    inp = write_csv(tmp_path / "in.csv", rows, COLUMNS)
    local = tmp_path / "local.csv"
    result = run_batch(
        BatchOptions(
            inp,
            local,
            id_column="accession",
            patient_column="mrn",
            phi_columns=tuple(PHI.items()),
            max_chars=100,
            chunk_size=64,
        ),
        ScrubberSpec.prepare(config, key=key),
    )
    assert result.manifest["rows"]["quarantined"] == 6  # the long texts

    frame = pd.read_csv(inp, dtype=str, keep_default_na=False)
    df = spark.createDataFrame(frame)
    out = scrub_dataframe(
        df,
        text_columns=["text"],
        id_column="accession",
        patient_column="mrn",
        phi_columns=PHI,
        config=config,
        key=key,
        max_chars=100,
    )
    assert out.columns == COLUMNS
    got = out.toPandas().to_dict("records")
    sink = CsvSink(COLUMNS)
    assert len(got) == 294
    # mapInPandas keeps each partition's order and collect keeps partition order
    assert sink.header() + sink.encode_rows(got) == local.read_bytes()


def test_spark_exclusion_and_status_column(spark: Any, config: ScrubConfig) -> None:
    import pandas as pd

    from radscrub.engines.spark import STATUS_COLUMN, scrub_dataframe

    frame = pd.DataFrame(make_rows(60)).astype(str)
    df = spark.createDataFrame(frame)
    out = scrub_dataframe(
        df,
        id_column="accession",
        patient_column="mrn",
        phi_columns=PHI,
        config=config,
        key=generate_key(),
        exclude_patients=["5100000", "5100001"],
        max_chars=100,
        with_status=True,
    ).toPandas()
    assert len(out) == 60 - 4  # two patients with two rows each
    failed = out[out[STATUS_COLUMN] != "ok"]
    assert len(failed) == 2
    assert failed[STATUS_COLUMN].str.startswith("RowRejected: ").all()
    assert failed["text"].isna().all() and failed["mrn"].isna().all()
    assert not set(out["mrn"].dropna()) & set(frame["mrn"])
