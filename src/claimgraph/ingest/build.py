"""Turn a text and what a reader knows about it into a ``Document``.

Every reader ends here, so titles, boilerplate, captions, datelines, bylines, paragraphs,
language and the id are found the same way whatever the source format.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimgraph.errors import EmptyInput
from claimgraph.ingest import clean, identity, meta
from claimgraph.model import Document, Span

MAX_TITLE_CHARS = 400


def compose(title: str | None, body: str) -> str:
    """The text of an extracted article: its title line, a blank line, then the body.

    The title is not repeated when the body already starts with it.
    """
    body = body.strip("\n")
    if not title or not title.strip():
        return body
    title = " ".join(title.split())
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if " ".join(first.split()).casefold() == title.casefold():
        return body
    return f"{title}\n\n{body}" if body else title


def build_document(
    text: str,
    *,
    source_format: str,
    path: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    authors: Iterable[str] = (),
    language: str | None = None,
    caption_lines: Iterable[str] = (),
) -> Document:
    """A ``Document`` for ``text`` with boilerplate, captions, title, date and paragraphs marked.

    ``title``, ``outlet``, ``published``, ``authors`` and ``language`` given by a reader (from
    metadata) win over what the text says; what is missing is read from the text.
    ``caption_lines`` are captions the reader knows of (HTML figcaptions): lines equal to one
    are marked as captions too.
    Raises ``EmptyInput`` when no article text is left.
    """
    where = path or url
    if not text.strip():
        raise EmptyInput("no article text", path=where)
    cleaning = clean.find_boilerplate(text)
    boilerplate = cleaning.boilerplate
    captions = list(cleaning.captions)
    known = {" ".join(c.split()).casefold() for c in caption_lines if c.strip()}
    if known:
        for line in clean.lines(text):
            if " ".join(line.text.split()).casefold() in known and not clean.covered(
                line.start, line.end, boilerplate
            ):
                captions.append(Span.of(text, line.start, line.end))
    captions = sorted(set(captions), key=lambda s: s.start)
    caption_starts = {span.start for span in captions}
    candidates = [
        line for line in clean.lines(text) if not clean.covered(line.start, line.end, boilerplate)
    ]
    if not candidates:
        raise EmptyInput("only boilerplate, no article text", path=where)

    dateline = meta.find_dateline(text, [(line.start, line.end) for line in candidates])
    dateline_starts = {
        line.start
        for line in candidates
        if dateline is not None
        and line.start <= dateline.start
        and dateline.end <= line.end
        and len(line.text) - len(dateline.text) < 30
    }
    title_span = _title_span(text, candidates, title, caption_starts | dateline_starts)
    if title is None and title_span is not None:
        title = " ".join(title_span.text.split())

    date_span = None
    if published is None and dateline is not None:
        date_span = dateline
        published = meta.parse_date(dateline.text)

    paragraphs = tuple(
        (line.start, line.end)
        for line in candidates
        if line.start not in caption_starts
        and line.start not in dateline_starts
        and not (title_span and title_span.start <= line.start < title_span.end)
    )
    names = list(dict.fromkeys([a.strip() for a in authors if a and a.strip()]))
    for author in cleaning.authors:
        if author not in names:
            names.append(author)
    if language is None:
        language = meta.detect_language("\n".join(text[s:e] for s, e in paragraphs) or text)
    outlet = outlet or cleaning.outlet or meta.outlet_from_url(url)

    doc = Document(
        id="",
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        authors=tuple(names),
        url=url,
        path=path,
        language=language,
        source_format=source_format,
        title_span=title_span,
        paragraphs=paragraphs,
        boilerplate=boilerplate,
        captions=tuple(captions),
        date_span=date_span,
    )
    return _with_id(doc)


def _with_id(doc: Document) -> Document:
    import dataclasses

    return dataclasses.replace(doc, id=identity.document_id(doc.masked_text()))


def _title_span(
    text: str, candidates: list[clean.Line], title: str | None, skip_starts: set[int]
) -> Span | None:
    if title is not None:
        wanted = " ".join(title.split()).casefold()
        for line in candidates[:10]:
            if " ".join(line.text.split()).casefold() == wanted:
                return Span.of(text, line.start, line.end)
        return None
    for line in candidates:
        if line.start in skip_starts:
            continue
        if len(line.text) <= MAX_TITLE_CHARS:
            return Span.of(text, line.start, line.end)
        return None
    return None
