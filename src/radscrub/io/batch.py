"""Batch scrubbing of report exports: stream in, scrub on N processes, commit in chunks, account.

``run_batch`` reads CSV/TSV, JSONL, Parquet or a folder of ``.txt`` files row by row, scrubs the
text columns (with the row's structured PHI as known identifiers), rewrites id/patient/PHI
columns, and writes the same format with the same columns. It fails closed: a row whose
processing raises is quarantined, never written. Rows of patients in the exclusion list are
dropped. The counts always add up: ``read = written + quarantined + excluded``.

Work is committed in fixed chunks (see :mod:`radscrub.io.journal`), so a run killed at any moment
(even ``kill -9``) continues with ``resume=True`` and produces exactly the bytes an uninterrupted
run would have. The output, the quarantine file and the manifest are moved into place only when
complete.

The quarantine file holds the raw rows that could not be processed, so they can be re-run after a
fix: **it contains PHI** and must be protected like the input (it is created readable by its
owner only). The manifest and the audit log never contain PHI or the key. Output is UTF-8,
whatever the input's encoding. Exit codes of the CLI: 0 every row written or excluded, 1 some
rows quarantined, 2 a usage or input error (nothing is written).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from radscrub.errors import ConfigError, InputError, RadscrubError
from radscrub.io.columns import (
    DEFAULT_MAX_CHARS,
    ColumnSpec,
    default_text_columns,
    suspicious_columns,
)
from radscrub.io.journal import ChunkRecord, Journal, JournalState, work_dir_for
from radscrub.io.manifest import (
    Totals,
    build_manifest,
    config_hash,
    package_versions,
    summary_lines,
    write_json,
)
from radscrub.io.process import Failed, as_text
from radscrub.io.sinks import Sink, make_sink
from radscrub.io.sources import Source, SourceRow, check_encoding, detect_format, open_source
from radscrub.io.workers import Engine, ScrubberFactory, make_payload

DEFAULT_CHUNK_SIZE = 500
"""Rows per chunk: the unit of work sent to a worker and of commit (resume granularity)."""


@dataclass(frozen=True)
class BatchOptions:
    """Everything ``radscrub scrub INPUT --out OUTPUT`` can be told (see the CLI for each)."""

    input: Path
    output: Path
    format: str | None = None
    encoding: str = "utf-8"
    text_columns: tuple[str, ...] = ()
    """Empty: every one of ``text`` / ``report_text`` the input has."""
    id_column: str | None = None
    patient_column: str | None = None
    phi_columns: tuple[tuple[str, str], ...] = ()
    exclude_patients: Path | None = None
    quarantine: Path | None = None
    manifest: Path | None = None
    audit_log: Path | None = None
    workers: int = 1
    chunk_size: int = DEFAULT_CHUNK_SIZE
    max_chars: int = DEFAULT_MAX_CHARS
    resume: bool = False
    progress: bool | None = None
    """None: a progress bar on an interactive stderr unless ``CI=true``."""


@dataclass
class BatchResult:
    """The manifest of a finished run and the warnings raised on the way."""

    manifest: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every row was written or excluded, 1 when some were quarantined."""
        return 1 if self.manifest["rows"]["quarantined"] else 0

    def summary(self) -> list[str]:
        """Human-readable lines for stderr."""
        return summary_lines(self.manifest)


def run_batch(
    options: BatchOptions,
    factory: ScrubberFactory,
    *,
    warn: Any = None,
) -> BatchResult:
    """Scrub ``options.input`` into ``options.output``; see the module docstring for guarantees.

    ``factory`` builds the scrubber in each worker (e.g. ``ScrubberSpec.prepare(config)``); it
    must pickle. ``warn`` receives warning lines (default: kept in the result only). With
    ``workers > 1`` the workers are spawned: call this from under ``if __name__ == "__main__":``
    in a script.
    """
    return _Run(options, factory, warn).execute()


@dataclass
class _Job:
    """One chunk on its way through the workers: its rows and what was decided before scrubbing."""

    index: int
    rows: list[SourceRow]
    live: list[int]
    """Positions in ``rows`` of the rows sent to be scrubbed."""
    verdicts: dict[int, tuple[str, Any]]
    """Position -> ("excluded", exclusion index) or ("quarantined", Failed)."""
    started: float


class _Run:
    def __init__(self, options: BatchOptions, factory: ScrubberFactory, warn: Any) -> None:
        self.options = options
        self.factory = factory
        self.warnings: list[str] = []
        self._warn = warn

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        if self._warn is not None:
            self._warn(message)

    # -- setup -----------------------------------------------------------------------------------

    def execute(self) -> BatchResult:
        options = self.options
        self.clock = time.monotonic()
        self.started = _now()
        if options.chunk_size < 1:
            raise ConfigError("--chunk-size must be at least 1")
        if options.workers < 1:
            raise ConfigError("--workers must be at least 1")
        check_encoding(options.encoding)
        fmt = detect_format(options.input, options.format)
        self._check_paths(fmt)
        with open_source(options.input, fmt, options.encoding, options.chunk_size) as source:
            spec = self._column_spec(source)
            self.exclusions = _load_exclusions(options.exclude_patients)
            if self.exclusions is not None and spec.patient_column is None:
                raise ConfigError(
                    "--exclude-patients needs --patient-column to know whose row is whose"
                )
            sink = make_sink(source, spec)
            self.workdir = work_dir_for(options.output)
            return self._in_workdir(source, spec, sink)

    def _check_paths(self, fmt: str) -> None:
        options = self.options
        inp, out = options.input.resolve(), options.output.resolve()
        others = [p.resolve() for p in (options.quarantine, options.manifest) if p is not None]
        if out == inp or inp in others or out in others:
            raise ConfigError(
                "the input, --out, --quarantine and --manifest must be different files"
            )
        if fmt == "txt" and (out == inp or inp in out.parents):
            raise ConfigError(f"--out {options.output} must not be inside the input folder")
        named = {
            "--out": options.output,
            "--quarantine": options.quarantine,
            "--manifest": options.manifest,
            "--audit-log": options.audit_log,
        }
        for option, path in named.items():
            if path is not None and not path.resolve().parent.is_dir():
                raise ConfigError(f"{option} {path}: folder {path.resolve().parent} does not exist")
        if fmt == "txt":
            if out.exists() and (not out.is_dir() or any(out.iterdir())):
                raise ConfigError(
                    f"--out {options.output} exists and is not an empty folder; "
                    "remove it or choose another path"
                )
        elif out.is_dir():
            raise ConfigError(f"--out {options.output} is a folder; name the output file")

    def _column_spec(self, source: Source) -> ColumnSpec:
        options = self.options
        where = str(options.input)
        text_columns = options.text_columns
        if not text_columns:
            text_columns = (
                default_text_columns(source.columns, where) if source.columns else ("text",)
            )
        id_column = options.id_column
        if source.format == "txt":
            if options.id_column not in (None, "id") or options.text_columns not in ((), ("text",)):
                raise ConfigError("a folder of .txt files has the columns 'id' and 'text' only")
            text_columns, id_column = ("text",), "id"
        spec = ColumnSpec(
            text_columns=text_columns,
            id_column=id_column,
            patient_column=options.patient_column,
            phi_columns=options.phi_columns,
            max_chars=options.max_chars,
        )
        if source.columns:
            spec.check_available(source.columns, where)
            for column in suspicious_columns(source.columns, spec):
                self.warn(
                    f"column {column!r} is copied unchanged but its name suggests an identifier; "
                    f"declare it with --phi-column {column}=KIND (or remove it from the export)"
                )
        self.spec = spec
        return spec

    # -- the run ---------------------------------------------------------------------------------

    def _in_workdir(self, source: Source, spec: ColumnSpec, sink: Sink) -> BatchResult:
        options = self.options
        workdir = self.workdir
        fingerprint = self._fingerprint(source, spec)
        if workdir.exists() and not options.resume:
            raise ConfigError(
                f"an unfinished run on {options.output} was found in {workdir}; pass --resume "
                "to continue it, or delete that folder to start over"
            )
        if not workdir.exists() and options.resume:
            self.warn(f"nothing to resume for {options.output}; starting a new run")
        shutil.rmtree(workdir.with_name(workdir.name + ".trash"), ignore_errors=True)
        for folder in (workdir, workdir / "parts", workdir / "quarantine"):
            folder.mkdir(mode=0o700, exist_ok=True)  # quarantine parts hold PHI
        with _Lock(workdir / "lock"):
            state = _read_state(workdir / "journal.jsonl")
            if state is not None:
                _check_same_run(state.fingerprint, fingerprint, workdir)
            try:
                return self._process(source, spec, sink, fingerprint, state)
            except BaseException as exc:
                # Keep committed work for --resume after an interruption (Ctrl-C, a crash). A
                # broken input or setup (RadscrubError) needs a changed input or new options,
                # so its partial work, which may hold quarantined PHI, is removed.
                if isinstance(exc, BrokenProcessPool) and _has_commits(workdir):
                    raise BatchInterrupted(
                        f"a worker process died ({exc}); maybe out of memory. The work done so "
                        f"far is kept in {workdir}: run again with --resume to continue"
                    ) from None
                if isinstance(exc, RadscrubError) or not _has_commits(workdir):
                    _discard(workdir)
                raise

    def _process(
        self,
        source: Source,
        spec: ColumnSpec,
        sink: Sink,
        fingerprint: dict[str, Any],
        state: JournalState | None,
    ) -> BatchResult:
        options = self.options
        journal_path = self.workdir / "journal.jsonl"
        if state is None:
            _remove_stale_parts(self.workdir, 0)
            journal = Journal.create(journal_path, fingerprint, self.started)
            committed: list[ChunkRecord] = []
            first_started = self.started
        else:
            committed = list(state.chunks)
            first_started = state.started or self.started
            _remove_stale_parts(self.workdir, len(committed))
            journal = Journal.reopen(journal_path, state)
        totals = Totals.of(committed)
        processed_before = totals.read
        payload = make_payload(self.factory, spec)
        try:
            with Engine(payload, options.workers) as engine:
                info = engine.info()
                if state is None or not state.ended:
                    self._scrub_all(source, sink, engine, journal, totals)
                    journal.end()
        finally:
            journal.close()
        manifest = self._finish(
            source, sink, totals, info, first_started, totals.read - processed_before, state
        )
        return BatchResult(manifest, self.warnings)

    def _scrub_all(
        self, source: Source, sink: Sink, engine: Engine, journal: Journal, totals: Totals
    ) -> None:
        options = self.options
        rows = itertools.islice(source.rows(), totals.read, None)
        jobs = self._jobs(rows, first_index=totals.chunks)
        with _progress(options.progress, source.total, totals.read) as bar:
            for job, outcomes in engine.map((job, self._payload_rows(job)) for job in jobs):
                record = self._commit(job, outcomes, sink)
                journal.commit(record)
                totals.add(record)
                if bar is not None:
                    bar.update(record.read)

    def _jobs(self, rows: Iterator[SourceRow], first_index: int) -> Iterator[_Job]:
        size = self.options.chunk_size
        for index in itertools.count(first_index):
            chunk = list(itertools.islice(rows, size))
            if not chunk:
                return
            yield self._triage(index, chunk)

    def _triage(self, index: int, rows: list[SourceRow]) -> _Job:
        """Decide what never reaches a scrubber: unparseable rows and excluded patients."""
        live: list[int] = []
        verdicts: dict[int, tuple[str, Any]] = {}
        patient_column = self.spec.patient_column
        for position, row in enumerate(rows):
            if row.values is None:
                verdicts[position] = ("quarantined", Failed("MalformedRow", row.problem or ""))
                continue
            if self.exclusions is not None and patient_column is not None:
                patient = as_text(row.values.get(patient_column))
                patient = patient.strip() if patient is not None else ""
                if not patient:
                    reason = f"no patient id in {patient_column!r}: cannot check the exclusion list"
                    verdicts[position] = ("quarantined", Failed("MissingPatientId", reason))
                    continue
                if patient in self.exclusions:
                    verdicts[position] = ("excluded", self.exclusions[patient])
                    continue
            live.append(position)
        return _Job(index, rows, live, verdicts, time.monotonic())

    def _payload_rows(self, job: _Job) -> list[dict[str, Any]]:
        columns = self.spec.columns
        rows = []
        for position in job.live:
            values = job.rows[position].values or {}
            rows.append({c: values.get(c) for c in columns})
        return rows

    def _commit(self, job: _Job, outcomes: Sequence[Any], sink: Sink) -> ChunkRecord:
        """Write the chunk's parts durably and return its journal record."""
        results = dict(zip(job.live, outcomes, strict=True))
        record = ChunkRecord(index=job.index, read=len(job.rows))
        out_rows: list[dict[str, Any]] = []
        quarantined: list[dict[str, Any]] = []
        labels: Counter[str] = Counter()
        fields: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        excluded: set[int] = set()
        for position, row in enumerate(job.rows):
            verdict = job.verdicts.get(position)
            if verdict is not None and verdict[0] == "excluded":
                record.excluded += 1
                excluded.add(verdict[1])
                continue
            outcome = verdict[1] if verdict is not None else results[position]
            if isinstance(outcome, Failed):
                reasons[outcome.error_type] += 1
                quarantined.append(self._quarantine_entry(row, outcome))
                continue
            values = dict(row.values or {})
            for column, value in outcome.values.items():
                if column in values:
                    values[column] = value
                    if column in self.spec.rewritten_fields and value not in (None, ""):
                        fields[column] += 1
            labels.update(outcome.labels)
            out_rows.append(values)
        record.written = len(out_rows)
        record.quarantined = len(quarantined)
        record.excluded_patients = sorted(excluded)
        record.labels, record.fields, record.reasons = dict(labels), dict(fields), dict(reasons)
        record.seconds = round(time.monotonic() - job.started, 4)
        parts = self.workdir / "parts"
        _durable(
            parts, f"{job.index:06d}{sink.part_suffix}", lambda p: sink.write_part(p, out_rows)
        )
        if self.options.quarantine is not None and quarantined:
            data = "".join(
                json.dumps(q, ensure_ascii=False, default=str) + "\n" for q in quarantined
            )
            _durable(
                self.workdir / "quarantine",
                f"{job.index:06d}.jsonl",
                lambda p: _write_bytes(p, data.encode("utf-8")),
            )
        return record

    def _quarantine_entry(self, row: SourceRow, failure: Failed) -> dict[str, Any]:
        """A quarantine line: where the row was, why, and the raw row (PHI) to re-run it later."""
        report_id = None
        if row.values is not None and self.spec.id_column is not None:
            report_id = row.values.get(self.spec.id_column)
        return {
            "row": row.number,
            "line": row.line,
            "id": report_id,
            "error_type": failure.error_type,
            "reason": failure.reason,
            "record": row.values if row.values is not None else row.raw,
        }

    # -- finishing -------------------------------------------------------------------------------

    def _finish(
        self,
        source: Source,
        sink: Sink,
        totals: Totals,
        info: Mapping[str, Any],
        first_started: str,
        processed_now: int,
        state: JournalState | None,
    ) -> dict[str, Any]:
        options = self.options
        workdir = self.workdir
        if not totals.balanced:  # pragma: no cover - a bug, never a data problem
            raise RadscrubError(f"row accounting does not add up: {totals}")
        parts = [workdir / "parts" / f"{i:06d}{sink.part_suffix}" for i in range(totals.chunks)]
        output_tmp = workdir / "output.tmp"
        _remove(output_tmp)
        sink.assemble(parts, output_tmp)
        seconds = time.monotonic() - self.clock
        spec = self.spec
        manifest = build_manifest(
            totals=totals,
            run={
                "input": {
                    "path": str(options.input),
                    "format": source.format,
                    "encoding": source.encoding,
                },
                "output": str(options.output),
                "quarantine_file": str(options.quarantine) if options.quarantine else None,
                "columns": {
                    "text": list(spec.text_columns),
                    "id": spec.id_column,
                    "patient": spec.patient_column,
                    "phi": dict(spec.phi_columns),
                },
                "mode": _mode(self.factory),
                "config_sha256": _config_sha(self.factory),
                "key_fingerprint": getattr(self.factory, "key_fingerprint", None),
                "workers": options.workers,
                "chunk_size": options.chunk_size,
                "resumed": state is not None,
            },
            versions={**package_versions(), "models": list(info.get("models", []))},
            timings={
                "started": first_started,
                "finished": _now(),
                "seconds": round(seconds, 3),
                "rows_this_run": processed_now,
                "rows_per_second": round(processed_now / seconds, 2) if seconds > 0 else 0.0,
                "chunk_seconds_total": round(totals.seconds, 3),
            },
        )
        if options.quarantine is not None:
            quarantine_tmp = workdir / "quarantine.tmp"
            qparts = [
                workdir / "quarantine" / f"{i:06d}.jsonl"
                for i in range(totals.chunks)
                if (workdir / "quarantine" / f"{i:06d}.jsonl").exists()
            ]
            _concat(qparts, quarantine_tmp)
            os.replace(quarantine_tmp, options.quarantine)
        os.replace(output_tmp, options.output)
        if options.manifest is not None:
            manifest_tmp = workdir / "manifest.tmp"
            write_json(manifest_tmp, manifest)
            os.replace(manifest_tmp, options.manifest)
        if options.audit_log is not None:
            with open(options.audit_log, "a", encoding="utf-8") as log:
                log.write(json.dumps({"event": "scrub", **manifest}, sort_keys=True) + "\n")
        _discard(workdir)
        if totals.read == 0:
            self.warn(f"{options.input} holds no rows: wrote an empty output")
        return manifest

    def _fingerprint(self, source: Source, spec: ColumnSpec) -> dict[str, Any]:
        """What must be the same for a resumed run to continue this one."""
        options = self.options
        stat = options.input.stat()
        exclusions = None
        if options.exclude_patients is not None:
            exclusions = hashlib.sha256(options.exclude_patients.read_bytes()).hexdigest()
        key = getattr(self.factory, "key_fingerprint", None)
        return {
            "input": str(options.input.resolve()),
            "input_size": stat.st_size if source.format != "txt" else None,
            "input_mtime_ns": stat.st_mtime_ns,
            "format": source.format,
            "encoding": source.encoding,
            "columns": asdict(spec),
            "chunk_size": options.chunk_size,
            "config_sha256": _config_sha(self.factory),
            "key": key if key is not None else "one-off",
            "exclusions_sha256": exclusions,
            "quarantine": options.quarantine is not None,
            "versions": package_versions(),
        }


class BatchInterrupted(RadscrubError):
    """The run stopped part-way for a reason outside the data; ``--resume`` continues it."""


def _discard(workdir: Path) -> None:
    """Remove a work folder: renamed away first, so a kill mid-delete never looks resumable."""
    if not workdir.exists():
        return
    trash = workdir.with_name(workdir.name + ".trash")
    shutil.rmtree(trash, ignore_errors=True)
    os.replace(workdir, trash)
    shutil.rmtree(trash, ignore_errors=True)


def _has_commits(workdir: Path) -> bool:
    state = _read_state(workdir / "journal.jsonl")
    return state is not None and bool(state.chunks)


def _read_state(path: Path) -> JournalState | None:
    """The interrupted run's journal, or None when it never got as far as its first line."""
    if not path.exists() or b"\n" not in path.read_bytes():
        return None
    return Journal.read(path)


def _check_same_run(old: Mapping[str, Any], new: Mapping[str, Any], workdir: Path) -> None:
    if new["key"] == "one-off" or old.get("key") == "one-off":
        raise ConfigError(
            f"the unfinished run in {workdir} used a one-off key (anonymise mode without "
            "--key-file), which is gone; delete that folder and start over (use --key-file to "
            "make runs resumable)"
        )
    changed = sorted(
        k for k in set(old) | set(new) if _jsonable(old.get(k)) != _jsonable(new.get(k))
    )
    if changed:
        raise ConfigError(
            f"cannot resume the run in {workdir}: {', '.join(changed)} changed since it started; "
            "run with the same input and options, or delete that folder to start over"
        )


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _load_exclusions(path: Path | None) -> dict[str, int] | None:
    """Patient id -> its line number in the file (one id per line; blanks and #comments skipped)."""
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("exclusion list not found", source=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 at byte {exc.start}", source=str(path)) from None
    exclusions: dict[str, int] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        patient = line.strip()
        if patient and not patient.startswith("#"):
            exclusions.setdefault(patient, line_no)
    return exclusions


def _mode(factory: Any) -> str | None:
    config = getattr(factory, "config", None)
    return getattr(getattr(config, "transform", None), "mode", None)


def _config_sha(factory: Any) -> str | None:
    config = getattr(factory, "config", None)
    return config_hash(config) if config is not None and hasattr(config, "to_dict") else None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _durable(folder: Path, name: str, write: Any) -> None:
    """``write(tmp)`` then rename to ``folder/name``: the file is complete or absent."""
    tmp = folder / (name + ".tmp")
    write(tmp)
    os.replace(tmp, folder / name)


def _write_bytes(path: Path, data: bytes) -> None:
    """Write and fsync a file readable by its owner only (quarantine parts hold PHI)."""
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _concat(parts: Sequence[Path], dest: Path) -> None:
    """Concatenate ``parts`` into ``dest`` (owner-only: this is the quarantine file)."""
    with open(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        for part in parts:
            with open(part, "rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _remove_stale_parts(workdir: Path, committed: int) -> None:
    """Delete part files of chunks the journal does not record as committed."""
    for folder in (workdir / "parts", workdir / "quarantine"):
        for path in folder.iterdir():
            stem = path.name.split(".", 1)[0]
            if not stem.isdigit() or int(stem) >= committed or path.name.endswith(".tmp"):
                path.unlink()


class _Lock:
    """An exclusive flock on ``path``: two processes never work on one output at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> _Lock:
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory locks
            return self
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            self._fd = None
            raise ConfigError(
                f"another radscrub process is working in {self.path.parent}; wait for it to end"
            ) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class _NullBar:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(enabled: bool | None, total: int | None, initial: int) -> Any:
    """A tqdm bar counting rows (rows/s) on an interactive stderr, unless CI=true."""
    if enabled is None:
        enabled = sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")
    if not enabled:
        return _NullBar()
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="rows", unit_scale=True, file=sys.stderr)
