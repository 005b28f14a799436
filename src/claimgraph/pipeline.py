"""``claimgraph add``: files -> documents -> analyses -> store, streaming, one document per transaction.

Files are expanded, read by the registered readers and cleaned with corpus-level evidence
(over windows of documents, so memory stays flat); documents already stored are skipped,
near-duplicates are linked, new documents are analysed through an executor and written as
their analyses arrive. A bad file or a failed analysis is reported and the batch goes on;
nothing already stored is touched. Re-running after a crash resumes: completed files are
recorded, stored documents are skipped, stored documents missing their analysis are analysed.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.ingest.language import is_analysed
from claimgraph.model import DocAnalysis, Document
from claimgraph.run.tasks import DEFAULT_ANALYZER
from claimgraph.store.base import FileRecord, Store

CORPUS_WINDOW = 1000
"""Documents compared at once for corpus-level boilerplate (bounded, for flat memory)."""


@dataclass(frozen=True, slots=True)
class Failure:
    """One file or document that could not be added, and why."""

    path: str
    """The file (or ``file#record``)."""
    message: str
    """The reason, in one line."""


@dataclass(slots=True)
class AddReport:
    """What ``add`` did."""

    stored: list[str] = field(default_factory=list)
    """Ids of newly stored documents."""
    skipped: int = 0
    """Documents already stored (same id: nothing changed)."""
    analyzed: int = 0
    """Documents analysed in this run (new ones and stored ones missing an analysis)."""
    near_duplicates: int = 0
    """New documents linked to an earlier near-duplicate."""
    failures: list[Failure] = field(default_factory=list)
    """Files and documents that failed."""
    files: int = 0
    """Files read."""
    unchanged_files: int = 0
    """Files not read again: unchanged since they were completely added."""
    not_analysed: dict[str, int] = field(default_factory=dict)
    """Newly stored documents left unanalysed because of their language, by language code."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def exit_code(self) -> int:
        """0 when everything went in, 3 when some file or document failed."""
        return InputError.exit_code if self.failures else 0


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an ``add`` run stands (passed to the progress callback)."""

    files_total: int
    files_done: int
    stored: int
    skipped: int
    failed: int
    current: str | None = None


ProgressCallback = Callable[[Progress], None]


@dataclass(slots=True)
class _FileState:
    record: FileRecord
    remaining: int
    analyzed: bool = True
    failed: bool = False


class _Run:
    """The state of one ``add`` run."""

    def __init__(
        self,
        store: Store,
        settings: Mapping[str, Any],
        *,
        analyze: bool,
        progress: ProgressCallback | None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.analyze = analyze
        self.progress = progress
        self.report = AddReport()
        self.files_total = 0
        self.files: dict[str, _FileState] = {}
        self.file_of: dict[str, str] = {}
        self.seen: set[str] = set()
        self.files_done = 0

    def tick(self, current: str | None = None) -> None:
        if self.progress is not None:
            r = self.report
            done = self.files_done
            self.progress(
                Progress(
                    self.files_total,
                    min(done, self.files_total),
                    len(r.stored),
                    r.skipped,
                    r.failed,
                    current,
                )
            )

    def fail(self, path: str, error: BaseException | str) -> None:
        if isinstance(error, ClaimgraphError):
            message = f"[{error.code}] {error.message}"
        elif isinstance(error, BaseException):
            message = f"unexpected {type(error).__name__}: {error}"
        else:
            message = error
        self.report.failures.append(Failure(path, message))

    # --- reading ----------------------------------------------------------------------------
    def unchanged(self, path: str, stat: os.stat_result) -> bool:
        record = self.store.file_record(path)
        if record is None or record.size != stat.st_size or record.mtime_ns != stat.st_mtime_ns:
            return False
        if self.analyze and not record.analyzed:
            return False
        return all(self.store.has(doc_id) for doc_id in record.doc_ids)

    def read(self, files: Iterable[str]) -> Iterator[tuple[str, Document]]:
        """(file, document) for every document of every file, failures reported."""
        from claimgraph.ingest import read_file

        for path in files:
            try:
                stat = os.stat(path)
            except OSError as e:
                self.fail(path, f"cannot read: {e.strerror or e}")
                self.files_done += 1
                self.tick(path)
                continue
            if self.unchanged(path, stat):
                self.report.unchanged_files += 1
                self.files_done += 1
                self.tick(path)
                continue
            # the file stays open in ``self.files`` until it is read through (the extra count)
            # and each of its documents is written: only then is it recorded as done
            state = _FileState(FileRecord(path, stat.st_size, stat.st_mtime_ns, (), True), 1)
            self.files[path] = state
            doc_ids: list[str] = []
            try:
                for item in read_file(path, settings=dict(self.settings)):
                    if isinstance(item, InputError):
                        self.fail(item.path or path, item)
                        state.failed = True
                        continue
                    doc_ids.append(item.id)
                    state.remaining += 1
                    yield path, item
            except Exception as e:  # one bad file never stops the batch; it is reported
                self.fail(path, e)
                state.failed = True
            else:
                self.report.files += 1
            state.record = dataclasses.replace(state.record, doc_ids=tuple(doc_ids))
            self.finish_in(path, analyzed=True)
            self.files_done += 1
            self.tick(path)

    def cleaned(self, pairs: Iterable[tuple[str, Document]]) -> Iterator[tuple[str, Document]]:
        """Documents with corpus-level boilerplate marked, over windows of documents."""
        from claimgraph.ingest.clean import corpus_boilerplate

        min_docs = int(self.settings.get("boilerplate_min_docs", 3))
        window: list[tuple[str, Document]] = []

        def flush() -> Iterator[tuple[str, Document]]:
            docs = corpus_boilerplate([d for _, d in window], min_docs=min_docs)
            yield from zip([p for p, _ in window], docs, strict=True)
            window.clear()

        for pair in pairs:
            window.append(pair)
            if len(window) >= CORPUS_WINDOW:
                yield from flush()
        if window:
            yield from flush()

    # --- bookkeeping ------------------------------------------------------------------------
    def finish_doc(self, doc_id: str, *, analyzed: bool, failed: bool = False) -> None:
        path = self.file_of.pop(doc_id, None)
        if path is not None:
            self.finish_in(path, analyzed=analyzed, failed=failed)

    def finish_in(self, path: str, *, analyzed: bool, failed: bool = False) -> None:
        """One document of ``path`` is done; the file is recorded when all of them are."""
        state = self.files.get(path)
        if state is None:
            return
        state.remaining -= 1
        state.analyzed = state.analyzed and analyzed
        state.failed = state.failed or failed
        if state.remaining <= 0:
            self.finish_file(path)

    def finish_file(self, path: str) -> None:
        state = self.files.pop(path)
        if state.failed:
            return  # read again next time
        try:
            self.store.record_file(dataclasses.replace(state.record, analyzed=state.analyzed))
        except ClaimgraphError as e:  # only costs a re-read next time; the documents are stored
            self.fail(path, e)

    # --- writing ----------------------------------------------------------------------------
    def to_analyze(self, pairs: Iterable[tuple[str, Document]]) -> Iterator[Document]:
        """Documents that need analysis; the others are written or skipped on the way."""
        for path, doc in pairs:
            if doc.id in self.seen:  # the same article twice in this run
                self.report.skipped += 1
                self.finish_in(path, analyzed=True)
                continue
            self.seen.add(doc.id)
            self.file_of[doc.id] = path
            needs = self.analyze and is_analysed(doc.language)
            if self.store.has(doc.id):
                if needs and not self.store.has_analysis(doc.id):
                    yield doc
                    continue
                self.report.skipped += 1
                done = not is_analysed(doc.language) or self.store.has_analysis(doc.id)
                self.finish_doc(doc.id, analyzed=done)
                self.tick(path)
                continue
            if needs:
                yield doc
            else:
                self.write(doc, None)

    def write(self, doc: Document, analysis: DocAnalysis | None, error: str | None = None) -> None:
        where = doc.path or self.file_of.get(doc.id, "?")
        try:
            if self.store.has(doc.id):
                if analysis is not None:
                    self.store.put_analysis(analysis)
                    self.report.analyzed += 1
                else:
                    self.report.skipped += 1
            else:
                near = self.store.near_duplicate(doc)
                if near is not None:
                    doc = dataclasses.replace(doc, near_duplicate_of=near)
                    self.report.near_duplicates += 1
                if self.store.put(doc, analysis):
                    self.report.stored.append(doc.id)
                    if self.analyze and not is_analysed(doc.language):
                        counts = self.report.not_analysed
                        counts[doc.language] = counts.get(doc.language, 0) + 1
                    self.report.analyzed += analysis is not None
                else:  # another writer stored it meanwhile
                    self.report.skipped += 1
        except ClaimgraphError as e:
            self.fail(where, e)
            self.finish_doc(doc.id, analyzed=False, failed=True)
            self.tick(where)
            return
        if error is not None:
            self.fail(where, f"analysis failed: {error}")
        done = analysis is not None or not is_analysed(doc.language)
        self.finish_doc(doc.id, analyzed=done, failed=error is not None)
        self.tick(where)


def add_paths(
    cg: Any,
    paths: list[str],
    *,
    analyze: bool = True,
    engine: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    analyzer: str = DEFAULT_ANALYZER,
    progress: ProgressCallback | None = None,
) -> AddReport:
    """Add files, folders and globs to ``cg.store`` (see the module doc); returns what happened.

    ``cg`` is a ``Claimgraph`` (anything with ``store`` and ``settings``). ``engine`` is
    inline, process or dask (default: the ``engine`` setting); ``analyzer`` names the
    analysis function as ``module:function``.
    """
    from claimgraph.ingest import expand_paths

    store: Store = cg.store
    settings: Mapping[str, Any] = cg.settings
    if analyze:
        from claimgraph.run import check_engine

        check_engine(engine or str(settings.get("engine", "process")), scheduler=scheduler)
    run = _Run(store, settings, analyze=analyze, progress=progress)
    files, errors = expand_paths(list(paths))
    for error in errors:
        run.fail(error.path or "?", error)
    run.files_total = len(files) + len(errors)
    run.files_done = len(errors)
    run.tick()
    pairs = run.cleaned(run.read(files))
    if not analyze:
        collections.deque(run.to_analyze(pairs), maxlen=0)  # writes as it goes; yields nothing
        return run.report
    jobs = run.to_analyze(pairs)
    first = next(jobs, None)
    if first is None:  # nothing to analyse: no executor (no pool, no cluster) started
        return run.report
    executor = _executor(settings, engine, workers, scheduler)
    try:
        for outcome in executor.map(analyzer, itertools.chain([first], jobs)):
            run.write(outcome.doc, outcome.analysis, outcome.error)
    finally:
        executor.close()
    return run.report


def reanalyze(
    cg: Any,
    *,
    components: Mapping[str, str] | None = None,
    engine: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    analyzer: str = DEFAULT_ANALYZER,
    progress: ProgressCallback | None = None,
) -> AddReport:
    """Analyse stored documents that have no analysis or a stale one (component versions differ).

    ``components`` defaults to ``claimgraph.analyze.COMPONENTS`` for the default analyzer.
    """
    store: Store = cg.store
    if components is None and analyzer == DEFAULT_ANALYZER:
        from claimgraph.analyze import COMPONENTS

        components = COMPONENTS
    ids = list(dict.fromkeys([*store.unanalyzed(), *store.stale(components or {})]))
    run = _Run(store, cg.settings, analyze=True, progress=progress)
    run.files_total = 0
    executor = _executor(cg.settings, engine, workers, scheduler)
    try:
        for outcome in executor.map(analyzer, (store.document(doc_id) for doc_id in ids)):
            run.write(outcome.doc, outcome.analysis, outcome.error)
    finally:
        executor.close()
    return run.report


def _executor(
    settings: Mapping[str, Any], engine: str | None, workers: int | None, scheduler: str | None
) -> Any:
    from claimgraph.run import get_executor

    return get_executor(
        engine or str(settings.get("engine", "process")),
        workers=int(workers if workers is not None else settings.get("workers", 0)),
        scheduler=scheduler,
        batch=int(settings.get("batch_size", 8)),
    )
