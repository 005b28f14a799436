"""The store interface every backend implements (SQLite embedded, PostgreSQL server).

A store persists documents and their analyses, one transaction per document; it merges
actors across documents (``claimgraph.store.actor_merge``: same id, a surname alone, a
misspelt surname, institution aliases), pointing statements at the merged id, and answers
full-text and statement queries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from claimgraph.model import Actor, Correction, DocAnalysis, Document, Statement


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document found by full-text search."""

    doc: Document
    """The document."""
    snippet: str
    """A short extract around the match, matched words wrapped in ``**``."""
    score: float = 0.0
    """Relevance (higher is better; backend-specific scale)."""


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What the store remembers about an ingested file (for incremental ingestion)."""

    path: str
    """The file as given to ``add`` (resolved)."""
    size: int
    """Size in bytes when it was read."""
    mtime_ns: int
    """Modification time when it was read."""
    doc_ids: tuple[str, ...]
    """Documents read from it."""
    analyzed: bool
    """True when every document read from it was analysed (or needed no analysis)."""


@runtime_checkable
class Store(Protocol):
    """Persistence of documents and analyses. Implemented by ``SQLiteStore`` and ``PostgresStore``."""

    url: str
    """Where the store lives (a file path or a ``postgresql://`` URL)."""

    def put(self, doc: Document, analysis: DocAnalysis | None = None) -> bool:
        """Store a document (and its analysis) in one transaction; False if it was already stored."""
        ...

    def put_analysis(self, analysis: DocAnalysis) -> None:
        """Replace the analysis of a stored document, in one transaction."""
        ...

    def has(self, doc_id: str) -> bool:
        """True when a document with this exact id is stored."""
        ...

    def has_analysis(self, doc_id: str) -> bool:
        """True when the document is stored with an analysis."""
        ...

    def document(self, doc_id: str) -> Document:
        """A stored document by id or unique id prefix (``StoreError`` when none or ambiguous)."""
        ...

    def documents(self) -> Iterator[Document]:
        """Every stored document in the order it was stored."""
        ...

    def count(self) -> int:
        """Number of stored documents."""
        ...

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Documents containing every word of ``text`` (stemmed), best first, with snippets."""
        ...

    def analysis(self, doc_id: str) -> DocAnalysis | None:
        """The stored analysis of a document, or None when it was not analysed."""
        ...

    def statements(
        self, *, doc_id: str | None = None, actor_id: str | None = None
    ) -> Iterator[Statement]:
        """Stored statements, optionally of one document and/or one actor."""
        ...

    def statements_by_id(self, ids: Sequence[str]) -> list[Statement]:
        """The stored statements with these ids, in first-seen order (repeats and unknown ids left out)."""
        ...

    def search_statements(self, text: str, *, limit: int) -> list[Statement]:
        """Statements whose content or sentence matches words of ``text``, best first."""
        ...

    def embeddings(self, statement_ids: list[str]) -> dict[str, np.ndarray]:
        """Statement id -> float32 embedding, for the ids that have one."""
        ...

    def parses(self, keys: Sequence[str], *, parser: str) -> dict[str, bytes]:
        """Key -> packed parse, made by ``parser``, of the statements' judged sentences with
        these keys (``claimgraph.analyze.readings``); keys without one are left out."""
        ...

    def nearest_statements(
        self, vector: np.ndarray | list[float], *, limit: int = 200
    ) -> list[tuple[str, float]]:
        """(statement id, cosine similarity) of the stored statements nearest ``vector``, best first."""
        ...

    def actors(self) -> list[tuple[Actor, int]]:
        """Actors merged across documents (aliases unioned) with their statement counts."""
        ...

    def near_duplicate(self, doc: Document) -> str | None:
        """Id of a stored document whose text nearly duplicates ``doc`` (syndication), if any."""
        ...

    def unanalyzed(self, *, language: str | None = "en") -> list[str]:
        """Ids of stored documents without an analysis (of that language; None: any)."""
        ...

    def stale(self, components: Mapping[str, str]) -> list[str]:
        """Ids of analysed documents whose component versions differ from ``components``."""
        ...

    def file_record(self, path: str) -> FileRecord | None:
        """What was recorded when ``path`` was last ingested."""
        ...

    def record_file(self, record: FileRecord) -> None:
        """Remember an ingested file."""
        ...

    def save_discovered(self, signature: str, payload: str) -> None:
        """Replace the stored discovered claims: JSON ``payload`` computed on a store whose
        state ``signature`` names (``claimgraph.link.discovered``)."""
        ...

    def discovered(self) -> tuple[str, str] | None:
        """(signature, payload) of the stored discovered claims, or None when none are stored."""
        ...

    def statement(self, statement_id: str) -> Statement | None:
        """One stored statement by id (users' actor corrections applied), or None."""
        ...

    def corrections(self) -> list[Correction]:
        """Users' corrections (annotations applied on every read), oldest first."""
        ...

    def add_correction(self, correction: Correction) -> bool:
        """Store a correction; False when the same one is already stored."""
        ...

    def migrations(self) -> list[str]:
        """Names of the schema migrations applied to this store, in order."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
