"""Scrub a Spark DataFrame with the same per-row function as the local batch runner.

``scrub_dataframe`` returns a lazy DataFrame computed with ``mapInPandas``: every Python worker
builds one Scrubber on first use (models load once per worker process; nothing is broadcast but
the small pickled recipe) and runs :class:`radscrub.io.process.RowProcessor`, so for the same key
Spark and ``radscrub scrub`` give byte-identical values. Rows that fail are dropped (fail closed)
as are rows of excluded patients; compare counts to account for them, or use ``with_status``.

Install with ``pip install "radscrub[spark]"`` (pyspark and pandas) on the driver and on every
executor.

Running on a cluster
--------------------
spark-submit::

    spark-submit --master yarn --conf spark.executorEnv.RADSCRUB_KEY="$KEY" job.py
    # job.py
    from pyspark.sql import SparkSession
    from radscrub.config import ScrubConfig
    from radscrub.engines.spark import scrub_dataframe
    spark = SparkSession.builder.getOrCreate()
    df = spark.read.parquet("s3://bucket/reports/")
    out = scrub_dataframe(df, text_columns=["report_text"], id_column="accession",
                          patient_column="mrn", phi_columns={"patient_name": "name"},
                          config=ScrubConfig.from_toml("radscrub.toml"), key=os.environ["KEY"])
    out.write.mode("overwrite").parquet("s3://bucket/reports-scrubbed/")

Databricks: install radscrub[spark] as a cluster library (or ``%pip install`` in the notebook),
read the key from a secret scope (``key=dbutils.secrets.get("phi", "radscrub-key")``) and call
``scrub_dataframe`` the same way. The key travels inside the task closures, so enable Spark's
RPC and I/O encryption (``spark.authenticate``, ``spark.network.crypto.enabled``,
``spark.io.encryption.enabled``) on shared networks. Keep ``spark.python.worker.reuse`` on (the
default) so each Python worker loads the model once; tune rows per Arrow batch with
``spark.sql.execution.arrow.maxRecordsPerBatch``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from radscrub.errors import ConfigError, InputError
from radscrub.io.columns import DEFAULT_MAX_CHARS, ColumnSpec, check_kind, default_text_columns
from radscrub.io.process import Failed, Scrubbed
from radscrub.io.workers import make_payload, processor_for

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame

    from radscrub.config import ScrubConfig

STATUS_COLUMN = "radscrub_status"


def require_pyspark() -> Any:
    """Import pyspark, or raise ConfigError saying how to install it."""
    try:
        import pyspark
        import pyspark.sql
    except ImportError:
        raise ConfigError(
            'the Spark engine needs pyspark and pandas: pip install "radscrub[spark]"'
        ) from None
    return pyspark


def scrub_dataframe(
    df: DataFrame,
    *,
    text_columns: Sequence[str] | None = None,
    id_column: str | None = None,
    patient_column: str | None = None,
    phi_columns: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    config: ScrubConfig | None = None,
    key: Any = None,
    exclude_patients: Iterable[str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    with_status: bool = False,
    factory: Any = None,
) -> DataFrame:
    """The scrubbed DataFrame: same columns and order; text scrubbed, ids pseudonymised.

    ``phi_columns`` maps column -> kind (``name``, ``mrn``, ``accession``, ``date`` ...).
    ``key`` is the secret key (pseudonymise mode needs one; anonymise mode without one draws a
    one-off key on the driver, shared by all executors). ``exclude_patients`` lists original
    patient ids whose rows are dropped (rows without a patient id are dropped too). With
    ``with_status`` failed rows are kept with every column null except ``radscrub_status``,
    which holds ``ok`` or ``ErrorType: reason``; otherwise they are dropped. ``factory`` replaces
    the Scrubber recipe (tests).
    """
    require_pyspark()
    from pyspark.sql import functions as F

    from radscrub.config import ScrubConfig
    from radscrub.io.factory import ScrubberSpec

    pairs = (
        tuple((phi_columns or {}).items())
        if isinstance(phi_columns, Mapping)
        else tuple(phi_columns or ())
    )
    spec = ColumnSpec(
        text_columns=tuple(text_columns or default_text_columns(df.columns, "DataFrame")),
        id_column=id_column,
        patient_column=patient_column,
        phi_columns=tuple((column, check_kind(kind, column)) for column, kind in pairs),
        max_chars=max_chars,
    )
    spec.check_available(df.columns, "DataFrame")
    if factory is None:
        factory = ScrubberSpec.prepare(config or ScrubConfig(), key=key)
    if exclude_patients is not None:
        if patient_column is None:
            raise ConfigError("exclude_patients needs patient_column")
        excluded = sorted({str(p).strip() for p in exclude_patients if str(p).strip()})
        patient = F.trim(F.col(patient_column).cast("string"))
        keep = patient.isNotNull() & (patient != F.lit(""))
        if excluded:
            keep = keep & ~patient.isin(excluded)
        df = df.filter(keep)
    schema = output_schema(df.schema, spec, with_status)
    payload = make_payload(factory, spec)
    columns = list(df.columns)

    def scrub_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in batches:
            yield scrub_pandas(payload, frame, columns, with_status)

    return df.mapInPandas(scrub_batches, schema=schema)


def scrub_pandas(
    payload: bytes, frame: pd.DataFrame, columns: Sequence[str], with_status: bool = False
) -> pd.DataFrame:
    """One pandas batch through this process's RowProcessor (what each Spark task runs)."""
    import pandas as pd

    processor = processor_for(payload)
    spec = processor.spec
    records = frame[list(spec.columns)].to_dict("records")
    outcomes = processor.process(records)
    ok = [isinstance(outcome, Scrubbed) for outcome in outcomes]
    if with_status:
        out = frame.astype(object).copy()
        for position, outcome in enumerate(outcomes):
            if isinstance(outcome, Failed):
                out.iloc[position] = None
        for column in spec.columns:
            out[column] = pd.Series(
                [o.values[column] if isinstance(o, Scrubbed) else None for o in outcomes],
                index=out.index,
                dtype=object,
            )
        out[STATUS_COLUMN] = [
            "ok" if isinstance(o, Scrubbed) else f"{o.error_type}: {o.reason}" for o in outcomes
        ]
        return out[[*columns, STATUS_COLUMN]]
    out = frame[ok].copy()
    kept = [o for o in outcomes if isinstance(o, Scrubbed)]
    for column in spec.columns:
        out[column] = pd.Series([o.values[column] for o in kept], index=out.index, dtype=object)
    return out[list(columns)]


def output_schema(schema: Any, spec: ColumnSpec, with_status: bool = False) -> Any:
    """The input schema with id/patient/PHI columns as strings; text columns must be strings."""
    from pyspark.sql.types import NullType, StringType, StructField, StructType

    fields = []
    for field in schema.fields:
        if field.name in spec.text_columns and not isinstance(
            field.dataType, StringType | NullType
        ):
            raise InputError(
                f"column {field.name!r} is {field.dataType.simpleString()}, not a string; "
                "text_columns must name string columns",
                source="DataFrame",
            )
        if field.name in spec.rewritten_fields:
            field = StructField(field.name, StringType(), True, field.metadata)
        elif with_status:
            field = StructField(field.name, field.dataType, True, field.metadata)
        fields.append(field)
    if with_status:
        fields.append(StructField(STATUS_COLUMN, StringType(), False))
    return StructType(fields)
