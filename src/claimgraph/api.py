"""The Python API: everything the CLI does, ``import claimgraph`` can do.

import claimgraph
cg = claimgraph.open("claimgraph.db")
cg.add(["articles/"])
for doc in cg.documents():
    print(doc.title)

The API is where questions are computed (claim maps, discovery, ingestion through the ``add``
pipeline); ``claimgraph.report``, ``claimgraph.web`` and ``claimgraph.cli`` render or call it.
"""

from __future__ import annotations

import builtins
import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from claimgraph.model import ClaimMap, Document


class Linker:
    """Claim maps and discovery over any store, asking the stance judge the settings name
    (loaded once, on first use). The web app holds one per process and passes each request
    thread's own store."""

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        if settings is None:
            from claimgraph import settings as settings_mod

            settings = settings_mod.load()
        self.settings = dict(settings)

    @functools.cached_property
    def judge(self) -> Any:
        """The stance judge named by the ``stance_backend`` setting."""
        from claimgraph.stance import get_judge

        return get_judge(str(self.settings["stance_backend"]), **self.settings)

    def claim_map(
        self, store: Any, claim: str, *, limit: int | None = None, judge: str | None = None
    ) -> ClaimMap:
        """The ``ClaimMap`` of ``claim`` over ``store``; at most ``limit`` retrieved statements
        are judged (default: the ``judge_limit`` setting); ``judge``: a stance backend by name
        instead of the settings' one."""
        from claimgraph.link import claim_map
        from claimgraph.stance import get_judge

        most = int(limit if limit is not None else self.settings["judge_limit"])
        chosen = self.judge if judge is None else get_judge(judge, **self.settings)
        return claim_map(store, claim, judge=chosen, limit=most, judge_limit=most)

    def discover(self, store: Any, *, top: int = 20) -> builtins.list[Any]:
        """The corpus's propositions, most contested first (``DiscoveredClaim``s): the list
        stored when documents were added, computed (and stored) when it is stale."""
        from claimgraph.link import discovered_claims

        return builtins.list(discovered_claims(store, top=top, judge=self.judge))

    def refresh(self, store: Any) -> builtins.list[Any]:
        """Compute the discovered claims of ``store`` and store them."""
        from claimgraph.link import refresh_discovered

        return builtins.list(refresh_discovered(store, judge=self.judge))


class _Owner:
    """What the ``add`` pipeline needs of its caller: a store and the settings."""

    def __init__(self, store: Any, settings: Mapping[str, Any]) -> None:
        self.store = store
        self.settings = settings


def add_to_store(
    store: Any,
    paths: Iterable[str | os.PathLike[str]],
    *,
    settings: Mapping[str, Any] | None = None,
    **options: Any,
) -> Any:
    """Ingest files, folders or globs into ``store`` through the ``add`` pipeline (readers,
    corpus boilerplate, near-duplicate links, analysis); returns an ``AddReport``."""
    from claimgraph.pipeline import add_paths

    if settings is None:
        from claimgraph import settings as settings_mod

        settings = settings_mod.load()
    owner = _Owner(store, settings)
    return add_paths(owner, [os.fspath(p) for p in paths], **options)


class Claimgraph:
    """A store of articles and their analyses, with the questions one can ask of it."""

    def __init__(self, db: str | os.PathLike[str] | None = None, **settings: Any) -> None:
        from claimgraph import settings as settings_mod
        from claimgraph.store import open_store

        readonly = bool(settings.pop("readonly", False))
        self.settings = settings_mod.load(settings.pop("config", None))
        self._engine_asked = (
            "engine" in settings or self.settings["engine"] != settings_mod.defaults()["engine"]
        )
        self.settings.update(settings)
        self.store = open_store(
            str(db if db is not None else self.settings["db"]), readonly=readonly
        )
        self.linker = Linker(self.settings)

    # --- ingestion and documents (foundation) ---------------------------------------------
    def add(self, paths: Iterable[str | os.PathLike[str]], **options: Any) -> Any:
        """Ingest files, folders or globs; returns an ``AddReport`` (stored, skipped, failed).

        Analysis runs in this process (the inline engine) unless ``engine=`` or the ``engine``
        setting (config file, environment, ``open(..., engine=...)``) asks for another, so a
        plain script or code piped from stdin works as written. Failures are warned about
        (``ClaimgraphWarning``), never silent; an engine that cannot start raises.
        """
        discover = bool(options.pop("discover", self.settings.get("discover_on_add", True)))
        report = add_to_store(
            self.store, paths, settings=self.settings, **self._engine(dict(options))
        )
        _warn_failures(report)
        if discover and report.analyzed:
            self.refresh_claims()
        return report

    def reanalyze(self, **options: Any) -> Any:
        """Analyse stored documents with no analysis or a stale one; returns an ``AddReport``."""
        from claimgraph.pipeline import reanalyze

        discover = bool(options.pop("discover", self.settings.get("discover_on_add", True)))
        report = reanalyze(self, **self._engine(options))
        _warn_failures(report)
        if discover and report.analyzed:
            self.refresh_claims()
        return report

    def _engine(self, options: dict[str, Any]) -> dict[str, Any]:
        if options.get("engine") is None:
            asked = self._engine_asked
            options["engine"] = str(self.settings["engine"]) if asked else "inline"
        return options

    def stale(self) -> builtins.list[str]:
        """Ids of stored documents whose analysis is missing or was made by older components."""
        from claimgraph.analyze import COMPONENTS

        return builtins.list(
            dict.fromkeys([*self.store.unanalyzed(), *self.store.stale(COMPONENTS)])
        )

    def documents(self) -> Iterator[Document]:
        """Every stored document, oldest first."""
        return self.store.documents()

    def document(self, doc_id: str) -> Document:
        """One stored document by id (or unique id prefix)."""
        return self.store.document(doc_id)

    def search(self, text: str, *, limit: int = 20) -> builtins.list[Any]:
        """Full-text search over documents: hits with snippets."""
        return self.store.search(text, limit=limit)

    def actors(self) -> builtins.list[Any]:
        """Speakers merged across documents, each as ``(Actor, statement count)``."""
        return self.store.actors()

    # --- corrections (annotations applied on every read: ``claimgraph.store.corrections``) --
    def correct(
        self, kind: str, target: str, payload: dict[str, Any], *, author: str, note: str = ""
    ) -> Any:
        """Record a correction (actor_merge, actor_split, actor_rename, stance_set) after
        checking it against the store (``InputError``, nothing stored, when invalid)."""
        from claimgraph.store.corrections import record

        return record(self.store, kind, target, payload, author=author, note=note)

    def corrections(self) -> builtins.list[Any]:
        """Every stored correction, oldest first."""
        return self.store.corrections()

    def import_corrections(self, data: object, *, where: str = "corrections") -> builtins.list[Any]:
        """Store the new corrections of ``data`` (``export`` JSON); all checked first."""
        from claimgraph.store.corrections import import_corrections

        return import_corrections(self.store, data, where=where)

    # --- claims: maps, discovery, timelines (link) -----------------------------------------
    def judge(self) -> Any:
        """The stance judge named by the ``stance_backend`` setting."""
        return self.linker.judge

    def claim_map(
        self, claim: str, *, limit: int | None = None, judge: str | None = None
    ) -> ClaimMap:
        """The ``ClaimMap`` of a claim: who supports, refutes or reports it, via whom, when.

        ``judge``: a stance backend by name (compositional, article, pairs, combined) instead
        of the one the settings name.

        At most ``limit`` retrieved statements are judged (default: the ``judge_limit``
        setting)."""
        from claimgraph.claims import check_claim

        return self.linker.claim_map(self.store, check_claim(claim), limit=limit, judge=judge)

    def claims(self, *, top: int = 20) -> builtins.list[Any]:
        """The corpus's propositions, most contested first (``DiscoveredClaim``s): the list
        stored when documents were added, computed (and stored) when it is stale."""
        return self.linker.discover(self.store, top=top)

    def refresh_claims(self) -> builtins.list[Any]:
        """Compute the discovered claims and store them (``add`` does it after storing)."""
        return self.linker.refresh(self.store)

    def timeline(self, claim: str) -> builtins.list[Any]:
        """The claim's statements over time (``TimelineRow``s, dated, by side)."""
        from claimgraph.link import timeline

        return timeline(self.claim_map(claim))

    # --- output: report and exports (report) -------------------------------------------------
    def report(
        self, claim: str, path: str | os.PathLike[str] | None = None, *, discovered: bool = True
    ) -> Any:
        """The self-contained HTML report of a claim: written to ``path`` (returns the Path)
        when given, else returned as text."""
        from claimgraph.report import claim_report, write_report

        cmap = self.claim_map(claim)
        found = self.linker.discover(self.store, top=10) if discovered else []
        html = claim_report(cmap, discovered=found, store=self.store)
        return html if path is None else write_report(html, path)

    def export(self, claim: str, fmt: str, **options: Any) -> str:
        """The claim map as json, csv, gexf or claimreview text (see ``claimgraph.report.exports``)."""
        from claimgraph.report import check_format, claim_export

        check_format(fmt)
        return claim_export(self.claim_map(claim), fmt, **options)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Claimgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ClaimgraphWarning(UserWarning):
    """Something went wrong in a batch that went on (a file or a document failed)."""


def _warn_failures(report: Any) -> None:
    failures = getattr(report, "failures", [])
    if failures:
        import warnings

        shown = "; ".join(f"{f.path}: {f.message}" for f in failures[:3])
        more = f" (and {len(failures) - 3} more)" if len(failures) > 3 else ""
        warnings.warn(f"{len(failures)} failed: {shown}{more}", ClaimgraphWarning, stacklevel=3)


def open(db: str | os.PathLike[str] | None = None, **settings: Any) -> Claimgraph:  # noqa: A001
    """Open (creating if needed) a claimgraph store (default: the ``db`` setting, claimgraph.db)."""
    return Claimgraph(db, **settings)
