"""The bundled demo corpus (demo/expected.json): metadata and quotes survive ingestion."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimgraph.ingest import read_paths
from claimgraph.model import Document


@pytest.fixture(scope="module")
def demo(demo_dir: Path) -> tuple[dict[str, object], list[Document]]:
    expected = json.loads((demo_dir / "expected.json").read_text(encoding="utf-8"))
    docs, errors = read_paths([str(demo_dir)])
    assert errors == []
    return expected, docs


def _article(docs: list[Document], article: dict[str, object]) -> Document:
    for doc in docs:
        if os.path.basename((doc.path or "").split("#")[0]) == article["file"] and article.get(
            "record"
        ) in (None, doc.url):
            return doc
    raise AssertionError(f"no document for {article['file']} {article.get('record')}")


def test_every_demo_article_read_once(demo: tuple[dict[str, object], list[Document]]) -> None:
    expected, docs = demo
    articles = expected["articles"]
    assert isinstance(articles, list)
    assert len(docs) == len(articles)  # README.md and expected.json are not articles
    assert len({d.id for d in docs}) == len(docs)


def test_demo_metadata(demo: tuple[dict[str, object], list[Document]]) -> None:
    expected, docs = demo
    for article in expected["articles"]:  # type: ignore[attr-defined]
        doc = _article(docs, article)
        assert doc.title == article["title"], article["file"]
        assert doc.outlet == article["outlet"], article["file"]
        assert doc.published == article["published"], article["file"]
        assert list(doc.authors) == article["authors"], article["file"]
        assert doc.source_format == article["format"], article["file"]


def test_demo_quotes_kept_and_not_masked(demo: tuple[dict[str, object], list[Document]]) -> None:
    expected, docs = demo
    for article in expected["articles"]:  # type: ignore[attr-defined]
        doc = _article(docs, article)
        masked = doc.masked_text()
        for statement in article["statements"]:
            quote = statement["quote"]
            assert quote in doc.text, (article["file"], quote)
            assert quote in masked, (article["file"], quote)
