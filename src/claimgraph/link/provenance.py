"""Provenance: who cites whom, original reports versus echoes, and how independent a side is.

From the sentence of a statement ("X told CNN", "according to Reuters", "Quoting Aamaj
News, Sputnik Tajikistan recalled ...", "footage obtained by CNN", "the agency quoted
Shahin") the media that relayed it are read in order from the source outwards; the chain
ends with the outlet that published the document. A report is *original* when no other
outlet stands between the source and the document, an *echo* otherwise.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from claimgraph.model import Document, JudgedStatement, Span, Statement

_FUNCTION_WORDS = {"The", "A", "An", "In", "On", "And", "But", "Or", "Of", "To", "For", "As", "At"}


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The packaged provenance lexicon (``data/provenance.toml``)."""
    data = resources.files("claimgraph").joinpath("data/provenance.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Every known spelling (lowercased, no leading "the") -> canonical medium name."""
    table: dict[str, str] = {}
    for name, others in lexicon()["media"].items():
        for spelling in (name, *others):
            table[_key(spelling)] = name
    return table


def _key(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().lower())


def canonical_medium(name: str | None) -> str | None:
    """The canonical name of a medium ("the Sunday Times" -> "The Sunday Times")."""
    if not name:
        return None
    return _aliases().get(_key(name), name.strip())


def is_medium(name: str | None) -> bool:
    """Whether ``name`` is a news medium of the provenance lexicon ("CNN", "the Times")."""
    return bool(name) and _key(name or "") in _aliases()


def outlet_spellings(name: str | None) -> dict[str, str]:
    """Spellings of an outlet's name (lowercased key -> the name): "The Luzan Tribune" is also
    "Luzan Tribune" and "the Tribune"; "VBC News" is also "VBC"."""
    if not name or not name.strip():
        return {}
    full = name.strip()
    bare = re.sub(r"^The\s+", "", full)
    forms = {full, bare}
    words = bare.split()
    lex = lexicon()
    if (
        len(words) >= 2
        and words[-1] in lex["name_suffixes"]
        and words[-1] not in lex["short_name_suffixes"]
    ):
        forms.add(" ".join(words[:-1]))
    if len(words) >= 2 and words[-1] in lex["short_name_suffixes"]:
        forms.add(words[-1])
    return {_key(f): full for f in forms if f}


@functools.lru_cache(maxsize=64)
def _medium_re(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    lex = lexicon()
    spellings = sorted(
        {re.sub(r"^The\s+", "", s) for n, o in lex["media"].items() for s in (n, *o)} | set(extra),
        key=len,
        reverse=True,
    )
    known = "|".join(re.escape(s) for s in spellings)
    suffixes = "|".join(re.escape(s) for s in lex["name_suffixes"])
    cap = r"[A-Z][\w'’-]+"
    extension = rf"(?:\s+(?!(?:{'|'.join(_FUNCTION_WORDS)})\b)[A-Z][a-z]+\b)?"
    anaphors = "|".join(re.escape(a) for a in sorted(lex["anaphors"], key=len, reverse=True))
    own = "|".join(re.escape(a) for a in sorted(lex["self_references"], key=len, reverse=True))
    return re.compile(
        rf"(?P<own>\b(?:{own})\b)"
        rf"|(?P<known>\b(?:{known})\b{extension})"
        rf"|(?P<named>\b(?:{cap}\s+){{1,3}}(?:{suffixes})\b)"
        rf"|(?P<anaphor>\b[Tt]he\s+(?:[A-Z][\w'’-]*\s+|[a-z-]+\s+)?(?:{anaphors})\b)"
    )


@functools.lru_cache(maxsize=1)
def _lead_words() -> frozenset[str]:
    """Capitalised words that start a sentence before a medium's name ("Quoting Aamaj News")."""
    lex = lexicon()
    words = {w.lower() for w in _FUNCTION_WORDS}
    for phrase in (*lex["before"], *lex["relay"]):
        words.update(phrase.split())
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class MediumMention:
    """A medium named (or referred back to) in the text."""

    name: str
    """Canonical name."""
    span: Span
    """Where it is written."""
    rank: int = 2
    """0: the source spoke to it directly (told, interview); 1: it relays another medium
    (quoting); 2: it reports (according to, reported)."""


def find_media(
    text: str, *, outlets: Mapping[str, str] | None = None, own: str | None = None
) -> list[MediumMention]:
    """Every medium mention in ``text``; anaphors ("the agency") take the last one named.

    ``outlets`` adds the corpus's outlets (spelling key -> name, see ``outlet_spellings``);
    ``own`` is the publishing outlet, which "this newspaper" refers to.
    """
    known = tuple(sorted((outlets or {}).items()))
    return list(_find_media(text, known, own))


@functools.lru_cache(maxsize=512)
def _find_media(
    text: str, known: tuple[tuple[str, str], ...], own: str | None
) -> tuple[MediumMention, ...]:
    """``find_media`` cached: a claim map asks it of one document once per statement."""
    outlets = dict(known)
    extra = tuple(sorted({m.group(0) for m in _spelled(text, outlets)}))
    mentions: list[MediumMention] = []
    last: str | None = None
    for match in _medium_re(extra).finditer(text):
        start = match.start()
        if match.group("own"):
            if not own:
                continue
            name = own
        elif match.group("anaphor"):
            if last is None:
                continue
            name = last
        else:
            raw = match.group(0)
            while (m := re.match(r"([A-Z][\w'’-]*)\s+", raw)) and m.group(
                1
            ).lower() in _lead_words():
                start, raw = start + m.end(), raw[m.end() :]
            if match.group("named") and not re.search(r"[A-Z][\w'’-]*\s+\S", raw):
                continue  # only the suffix word is left ("Quoting News")
            name = outlets.get(_key(raw)) or canonical_medium(raw) or raw.strip()
            last = name
        mentions.append(MediumMention(name, Span.of(text, start, match.end())))
    return tuple(mentions)


def _spelled(text: str, outlets: Mapping[str, str]) -> list[re.Match[str]]:
    """Occurrences in ``text`` of the outlets' spellings, as written (capitalised)."""
    found: list[re.Match[str]] = []
    for key in outlets:
        for match in re.finditer(rf"\b{re.escape(key)}\b", text, flags=re.IGNORECASE):
            if match.group(0)[:1].isupper():
                found.append(match)
    return found


def same_medium(a: str | None, b: str | None) -> bool:
    """True when two medium names are spellings of one medium."""
    if not a or not b:
        return False
    ka, kb = _key(canonical_medium(a) or a), _key(canonical_medium(b) or b)
    return ka == kb or ka in outlet_spellings(b) or kb in outlet_spellings(a)


def _trigger(text: str, mention: MediumMention) -> int | None:
    """The rank of the citation context around a mention, None when it is not a citation."""
    lex = lexicon()
    before = text[max(0, mention.span.start - 90) : mention.span.start]
    before = re.sub(r"\s*\bthe$", "", before.rstrip().lower()).rstrip()
    after = text[mention.span.end : mention.span.end + 40].lower()
    if (
        re.search(r"\binterview\b[^.;:]{0,70}\b(?:to|with)$", before)
        or re.search(r"\b(?:told|tells|telling)$", before)
        or re.search(r"\b(?:speaking|talking|spoke|talked)(?:\s+[a-z]+ly)?\s+(?:to|with)$", before)
        or re.search(
            r"\b(?:message|statement|comments?|remarks|letter|e-?mail|reply|response)\s+"
            r"(?:sent\s+|given\s+)?(?:to|with)$",
            before,
        )
    ):
        return 0
    for phrase in lex["relay"]:
        if before.endswith(phrase):
            return 1
    for phrase in sorted(lex["before"], key=len, reverse=True):
        if before.endswith(phrase):
            return 0 if phrase.startswith(("obtained", "interview", "told")) else 2
    words = re.findall(r"[a-z]+", after)[:3]
    if words and words[0] in ("has", "had", "have", "also", "later", "then", "purportedly"):
        words = words[1:]
    if words and words[0] in lex["after"]:
        return 2
    return None


def citing_media(
    text: str,
    start: int,
    end: int,
    *,
    exclude: Iterable[tuple[int, int]] = (),
    outlets: Mapping[str, str] | None = None,
    own: str | None = None,
) -> list[MediumMention]:
    """Media cited in ``text[start:end]``, source-nearest first (told < quoting < reported)."""
    media = find_media(text, outlets=outlets, own=own)
    skip = list(exclude)
    found: list[MediumMention] = []
    for mention in media:
        if not (start <= mention.span.start and mention.span.end <= end):
            continue
        if any(s < mention.span.end and mention.span.start < e for s, e in skip):
            continue
        rank = _trigger(text, mention)
        if rank is None:
            continue
        if any(same_medium(f.name, mention.name) for f in found):
            continue
        found.append(MediumMention(mention.name, mention.span, rank))
    found.sort(key=lambda m: (m.rank, m.span.start))
    return found


def _paragraph_bounds(doc: Document, offset: int) -> list[tuple[int, int]]:
    paragraphs = list(doc.paragraphs) or [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text)
    ]
    return [p for p in paragraphs if p[1] <= offset or p[0] <= offset < p[1]]


def statement_media(
    doc: Document, statement: Statement, *, outlets: Mapping[str, str] | None = None
) -> list[MediumMention]:
    """The media that relayed ``statement``, source-nearest first.

    Reads the statement's sentence (cue and source included) and, for statements standing
    in a block introduced by a paragraph ending with ":" ("CNN reports:"), that paragraph.
    The statement's own ``via`` (set by attribution) comes first when given. ``outlets``
    (see ``outlet_spellings``) names the corpus's outlets; the document's own is added.
    """
    text = doc.masked_text()
    own = canonical_medium(doc.outlet) if doc.outlet else None
    known = {**(outlets or {}), **outlet_spellings(own)}
    region = statement.sentence or statement.content
    extra = [s for s in (statement.cue, statement.source) if s is not None]
    start = min([region.start, *(s.start for s in extra)])
    end = max([region.end, *(s.end for s in extra)])
    exclude = (
        [(statement.content.start, statement.content.end)] if statement.kind != "authorial" else []
    )
    found = citing_media(text, start, end, exclude=exclude, outlets=known, own=own)
    if not found:
        before = _paragraph_bounds(doc, statement.content.start)
        for s, e in reversed(before[:-1][-3:]):
            if text[s:e].rstrip().endswith(":"):
                found = citing_media(text, s, e, outlets=known, own=own)
                break
    if statement.via:
        via = known.get(_key(statement.via)) or canonical_medium(statement.via) or statement.via
        span = statement.via_span or Span(0, 0, "")
        found = [MediumMention(via, span, 0), *(m for m in found if not same_medium(m.name, via))]
    return found


def outlet_name(doc: Document) -> str:
    """The publishing outlet's name, or the file (or id) when the outlet is unknown."""
    if doc.outlet:
        return canonical_medium(doc.outlet) or doc.outlet
    if doc.path:
        return re.split(r"[\\/]", doc.path)[-1]
    return doc.id[:12]


def is_document_source(statement: Statement) -> bool:
    """True when the statement's source is a record (footage, document) rather than a person."""
    words = set(
        re.findall(
            r"[a-z]+",
            (statement.speaker or statement.source.text if statement.source else "").lower(),
        )
    )
    return bool(words & set(lexicon()["documents"]))


def via_chain(statement: Statement, media: Sequence[str], outlet: str) -> tuple[str, ...]:
    """speaker -> media ... -> outlet, as names (repeats dropped)."""
    chain: list[str] = []
    first = statement.speaker or (statement.source.text if statement.source else None)
    if statement.kind == "authorial":
        first = None
    for name in (first, *media, outlet):
        if name and (not chain or not same_medium(chain[-1], name)):
            chain.append(name)
    return tuple(chain)


def is_original(media: Sequence[str], outlet: str) -> bool:
    """First-hand: no other outlet between the source and the publishing outlet."""
    return all(same_medium(m, outlet) for m in media)


# --- the same remark reported in several documents ------------------------------------------


def _words(text: str) -> set[str]:
    """Crude word keys: the content words of ``text``, stemmed and cut to five letters
    ("refute"/"refuting" -> "refut", "arms"/"arming" -> "arm")."""
    from claimgraph.link.retrieve import content_words

    return {w[:5] for w in content_words(text)}


def word_overlap(a: Statement, b: Statement) -> float:
    """Shared word keys over the smaller statement's keys (0..1)."""
    wa, wb = _words(a.content.text), _words(b.content.text)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def similarity(
    a: Statement, b: Statement, vectors: Mapping[str, np.ndarray] | None = None
) -> float:
    """Cosine of the statements' embeddings when both have one, else word overlap."""
    if vectors and a.id in vectors and b.id in vectors:
        va, vb = np.asarray(vectors[a.id], dtype=float), np.asarray(vectors[b.id], dtype=float)
        denom = float(np.linalg.norm(va) * np.linalg.norm(vb)) or 1.0
        return float(va @ vb) / denom
    return word_overlap(a, b)


def _same_actor(a: Statement, b: Statement) -> bool:
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    if a.speaker and b.speaker:
        return a.speaker.split()[-1].lower() == b.speaker.split()[-1].lower()
    return False


def link_same_statements(
    statements: Sequence[Statement],
    vectors: Mapping[str, np.ndarray] | None = None,
    *,
    threshold: float = 0.7,
    anonymous_threshold: float = 0.85,
    min_overlap: float = 0.5,
) -> dict[str, tuple[str, ...]]:
    """Statement id -> ids of statements in other documents reporting the same remark.

    Two statements are the same remark when they are in different documents, their
    speakers are the same actor (or both anonymous, with a stricter threshold), their
    embeddings are similar (cosine >= ``threshold``) and they share words (overlap >=
    ``min_overlap``; an actor's remarks on one topic all embed alike, the words tell them
    apart). Without embeddings, word overlap alone must reach ``threshold``. Links are
    closed transitively.
    """
    parent = {s.id: s.id for s in statements}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    items = [s for s in statements if s.kind != "authorial"]
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a.doc_id == b.doc_id:
                continue
            if a.anonymous and b.anonymous:
                limit = anonymous_threshold
            elif _same_actor(a, b):
                limit = threshold
            else:
                continue
            if similarity(a, b, vectors) >= limit and word_overlap(a, b) >= min_overlap:
                parent[find(a.id)] = find(b.id)
    groups: dict[str, list[str]] = {}
    for s in statements:
        groups.setdefault(find(s.id), []).append(s.id)
    return {sid: tuple(o for o in groups[find(sid)] if o != sid) for sid in parent}


# --- independence ----------------------------------------------------------------------------


def source_key(item: JudgedStatement) -> str | None:
    """The original source a judged statement rests on (None for the writer's own voice and
    for sources the map does not list as actors, see ``claimgraph.link.speakers``)."""
    from claimgraph.link.speakers import is_actor

    st = item.statement
    if not is_actor(st, item.document):
        # the writer's own voice, a headline fragment, an unresolved or misread source
        return None
    if st.actor_id:
        return st.actor_id
    name = st.speaker or (st.source.text if st.source else None)
    return f"{st.doc_id}:{name.lower()}" if name else None


def independence(
    items: Sequence[JudgedStatement],
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Per side: the number of distinct original sources, and notes on fragile sides.

    Statements linked as the same remark count once. A side is noted when it rests on a
    single anonymous source, on a single source, or when every report of it comes through
    one outlet.
    """
    by_id = {i.statement.id: i for i in items}
    counts: dict[str, int] = {}
    notes: dict[str, list[str]] = {}
    for side in ("supports", "refutes", "neutral"):
        members = [i for i in items if i.stance.label == side]
        if not members:
            continue
        roots: dict[str, JudgedStatement] = {}
        for item in members:
            key = source_key(item)
            if key is None:
                continue
            linked = [source_key(by_id[o]) for o in item.same_as if o in by_id]
            key = min([key, *(k for k in linked if k)])
            roots.setdefault(key, item)
        counts[side] = len(roots)
        side_notes: list[str] = []
        if len(roots) == 1:
            only = next(iter(roots.values()))
            who = only.statement.speaker or (
                only.statement.source.text if only.statement.source else "?"
            )
            kind = "anonymous source" if only.statement.anonymous else "source"
            side_notes.append(f"rests on a single {kind}: {who}")
        channels = {
            (i.via_chain[-2] if len(i.via_chain) >= 2 and not i.original else i.via_chain[-1])
            for i in members
            if i.via_chain
        }
        if len(channels) == 1 and len(members) > 1:
            side_notes.append(f"every report comes through one outlet: {next(iter(channels))}")
        if side_notes:
            notes[side] = side_notes
    return counts, notes
