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
        self.settings.update(settings)
        self.store = open_store(
            str(db if db is not None else self.settings["db"]), readonly=readonly
        )

    # --- ingestion and documents (foundation) ---------------------------------------------
    def add(self, paths: Iterable[str | os.PathLike[str]], **options: Any) -> Any:
        """Ingest files, folders or globs; returns an ``AddReport`` (stored, skipped, failed)."""
        from claimgraph.ingest.pipeline import add_paths

        return add_paths(self, [os.fspath(p) for p in paths], **options)

    def reanalyze(self, **options: Any) -> Any:
        """Analyse stored documents with no analysis or a stale one; returns an ``AddReport``."""
        from claimgraph.ingest.pipeline import reanalyze

        return reanalyze(self, **options)

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

    # --- claims: maps, discovery, timelines (link) -----------------------------------------
    def judge(self) -> Any:
        """The stance judge named by the ``stance_backend`` setting."""
        from claimgraph.stance import get_judge

        return get_judge(str(self.settings["stance_backend"]), **self.settings)

    def claim_map(self, claim: str, *, limit: int = 200, judge: str | None = None) -> Any:
        """The ``ClaimMap`` of a claim: who supports, refutes or reports it, via whom, when.

        ``judge``: a stance backend by name (compositional, article, pairs, combined) instead
        of the one the settings name."""
        from claimgraph.link import claim_map

        chosen = self.judge() if judge is None else self.judge_named(judge)
        return claim_map(self.store, claim, judge=chosen, limit=limit)

    def judge_named(self, name: str) -> Any:
        """The stance judge registered as ``name``, built from this store's settings."""
        from claimgraph.stance import get_judge

        return get_judge(name, **self.settings)

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
        from claimgraph.report import claim_report, write_report

        if path is None:
            return claim_report(self.store, claim, discovered=discovered, judge=self.judge())
        return write_report(self.store, claim, path, discovered=discovered, judge=self.judge())

    def export(self, claim: str, fmt: str, **options: Any) -> str:
        """The claim map as json, csv, gexf or claimreview text (see ``claimgraph.report.exports``)."""
        from claimgraph.report import claim_export

        return claim_export(self.store, claim, fmt, judge=self.judge(), **options)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Claimgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(db: str | os.PathLike[str] | None = None, **settings: Any) -> Claimgraph:  # noqa: A001
    """Open (creating if needed) a claimgraph store (default: the ``db`` setting, claimgraph.db)."""
    return Claimgraph(db, **settings)
