"""Stored parses of statements' judged sentences (table ``statement_parses``, migration
``m006_stored_readings``): written with a document's analysis, read by claim maps.

A mixin of ``SQLStore``: it uses the store's own ``_execute`` / ``_query`` / ``_blob``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from claimgraph.model import DocAnalysis

_FETCH = 500


class StoredParses:
    """``parses`` of the store interface, and the rows it reads."""

    def _execute(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        raise NotImplementedError

    def _query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Mapping[str, Any]]:
        raise NotImplementedError

    def _blob(self, data: bytes) -> Any:
        raise NotImplementedError

    def _write_parses(self, analysis: DocAnalysis) -> None:
        for key, data in analysis.parses.items():
            self._execute(
                "INSERT INTO statement_parses (doc_id, text_key, parser, data) "
                "VALUES (:doc_id, :key, :parser, :data)",
                {
                    "doc_id": analysis.doc_id,
                    "key": key,
                    "parser": analysis.parser,
                    "data": self._blob(data),
                },
            )

    def _parses_of(self, doc_id: str) -> dict[str, Any]:
        """``DocAnalysis`` fields ``parses`` and ``parser`` of a stored analysis."""
        rows = self._query(
            "SELECT text_key, parser, data FROM statement_parses WHERE doc_id = :id "
            "ORDER BY text_key",
            {"id": doc_id},
        )
        return {
            "parses": {str(r["text_key"]): bytes(r["data"]) for r in rows},
            "parser": str(rows[0]["parser"]) if rows else "",
        }

    def parses(self, keys: Sequence[str], *, parser: str) -> dict[str, bytes]:
        """Key -> packed parse of the judged sentences with these keys that were parsed by
        ``parser`` (``claimgraph.analyze.readings``); keys without one are left out."""
        found: dict[str, bytes] = {}
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), _FETCH):
            chunk = wanted[start : start + _FETCH]
            params: dict[str, Any] = {f"k{i}": key for i, key in enumerate(chunk)}
            params["parser"] = parser
            marks = ", ".join(f":k{i}" for i in range(len(chunk)))
            for row in self._query(
                f"SELECT text_key, data FROM statement_parses WHERE text_key IN ({marks}) "
                "AND parser = :parser",
                params,
            ):
                found.setdefault(str(row["text_key"]), bytes(row["data"]))
        return found
