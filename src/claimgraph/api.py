"""The Python API: everything the CLI does, ``import claimgraph`` can do.

import claimgraph
cg = claimgraph.open("claimgraph.db")
cg.add(["articles/"])
for doc in cg.documents():
    print(doc.title)
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Iterable, Iterator
from typing import Any

from claimgraph.model import Document


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

    # --- ingestion and documents (foundation) ---------------------------------------------
    def add(self, paths: Iterable[str | os.PathLike[str]], **options: Any) -> Any:
        """Ingest files, folders or globs; returns an ``AddReport`` (stored, skipped, failed).

        Analysis runs in this process (the inline engine) unless ``engine=`` or the ``engine``
        setting (config file, environment, ``open(..., engine=...)``) asks for another, so a
        plain script or code piped from stdin works as written. Failures are warned about
        (``ClaimgraphWarning``), never silent; an engine that cannot start raises.
        """
        from claimgraph.pipeline import add_paths

        report = add_paths(self, [os.fspath(p) for p in paths], **self._engine(options))
        _warn_failures(report)
        return report

    def reanalyze(self, **options: Any) -> Any:
        """Analyse stored documents with no analysis or a stale one; returns an ``AddReport``."""
        from claimgraph.pipeline import reanalyze

        report = reanalyze(self, **self._engine(options))
        _warn_failures(report)
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
        from claimgraph.stance import get_judge

        return get_judge(str(self.settings["stance_backend"]), **self.settings)

    def claim_map(self, claim: str, *, limit: int | None = None) -> Any:
        """The ``ClaimMap`` of a claim: who supports, refutes or reports it, via whom, when.

        At most ``limit`` retrieved statements are judged (default: the ``judge_limit``
        setting)."""
        from claimgraph.claims import check_claim
        from claimgraph.link import claim_map

        most = int(limit if limit is not None else self.settings["judge_limit"])
        return claim_map(
            self.store, check_claim(claim), judge=self.judge(), limit=most, judge_limit=most
        )

    def claims(self, *, top: int = 20) -> builtins.list[Any]:
        """The corpus's propositions, most contested first (``DiscoveredClaim``s)."""
        from claimgraph.link import discover

        return discover(self.store, top=top, judge=self.judge())

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
        from claimgraph.claims import check_claim
        from claimgraph.report import claim_report, write_report

        claim = check_claim(claim)
        if path is None:
            return claim_report(self.store, claim, discovered=discovered, judge=self.judge())
        return write_report(self.store, claim, path, discovered=discovered, judge=self.judge())

    def export(self, claim: str, fmt: str, **options: Any) -> str:
        """The claim map as json, csv, gexf or claimreview text (see ``claimgraph.report.exports``)."""
        from claimgraph.claims import check_claim
        from claimgraph.report import claim_export

        return claim_export(self.store, check_claim(claim), fmt, judge=self.judge(), **options)

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
