"""Per-text analysis for the article-level stance model: sentences, tokens, lexicon hits, vectors.

A text (a claim/headline or an article body) is analysed once into a ``TextInfo``; the pair
features in ``fnc_features`` only combine two of them, so a batch of N claims x M bodies costs
N + M analyses. Everything here is plain Python + numpy and picklable, so analyses can be
computed in worker processes.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from claimgraph.resources import load_data

MAX_SENTENCES = 40
"""Body sentences kept for the sentence-level features (the first ones)."""
MAX_SENTENCE_CHARS = 600
"""Longer sentences are cut before embedding."""
LEXICON_CATEGORIES = ("refute", "hedge", "support", "negation")
"""Word lists of data/fnc_lexicon.json counted per sentence (plus a question-mark column)."""
LEX_COLUMNS = (*LEXICON_CATEGORIES, "question")
PROTOTYPE_KINDS = ("refute", "hedge", "confirm")
"""Kinds of generic prototype sentences in data/fnc_lexicon.json (``prototypes``)."""

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Co|Corp|No|vs)"
    r"|\b[A-Z](?:\.[A-Z])*)\.$"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

Embed = Callable[[Sequence[str]], np.ndarray]


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, list[str]]:
    """The packaged word lists (data/fnc_lexicon.json)."""
    data = load_data("fnc_lexicon.json")
    return {
        k: [str(w).lower() for w in v]
        for k, v in data.items()
        if not k.startswith("_") and isinstance(v, list)
    }


@functools.lru_cache(maxsize=1)
def prototypes() -> dict[str, tuple[str, ...]]:
    """The packaged prototype sentences of each PROTOTYPE_KINDS kind (data/fnc_lexicon.json)."""
    data = load_data("fnc_lexicon.json").get("prototypes", {})
    return {kind: tuple(str(s) for s in data.get(kind, ())) for kind in PROTOTYPE_KINDS}


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    patterns = {}
    for category in LEXICON_CATEGORIES:
        words = sorted(set(lex[category]), key=len, reverse=True)
        alternation = "|".join(re.escape(w) for w in words)
        patterns[category] = re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])")
    return patterns


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(lexicon()["stopwords"])


@functools.lru_cache(maxsize=1)
def negations() -> frozenset[str]:
    return frozenset(w for w in lexicon()["negation"] if " " not in w)


def text_key(text: str) -> str:
    """Cache key of a text (sha256 of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def stem(word: str) -> str:
    """A crude, fast normaliser: lower case, no possessive, no plural -s."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Word tokens of ``text`` as written."""
    return _WORD.findall(text)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (newlines end sentences too); empty pieces dropped."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        start = 0
        for match in _SENT_END.finditer(line):
            if _ABBREV.search(line, 0, match.start() + 1):
                continue
            out.append(line[start : match.end()].strip())
            start = match.end()
        out.append(line[start:].strip())
    out = [s for s in out if s]
    return out


def lexicon_counts(sentence: str) -> list[int]:
    """Hits of each lexicon category in ``sentence`` and its question marks (LEX_COLUMNS order)."""
    lower = sentence.lower().replace("’", "'")
    counts = [len(p.findall(lower)) for p in _patterns().values()]
    counts.append(sentence.count("?"))
    return counts


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Inverse document frequencies of stemmed content words (fitted on training texts)."""

    idf: dict[str, float]
    default_idf: float

    @classmethod
    def fit(cls, texts: Sequence[str], *, min_df: int = 2, max_terms: int = 30_000) -> Vocabulary:
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(content_stems(text)))
        n = len(texts)
        common = [(t, c) for t, c in df.most_common(max_terms) if c >= min_df]
        idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in common}
        return cls(idf=idf, default_idf=math.log(1 + n) + 1.0)

    def vector(self, stems: Sequence[str]) -> dict[str, float]:
        """L2-normalised TF-IDF weights of ``stems``."""
        counts = Counter(stems)
        weights = {
            t: (1 + math.log(c)) * self.idf.get(t, self.default_idf) for t, c in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def to_json(self) -> dict[str, object]:
        return {"idf": self.idf, "default_idf": self.default_idf}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Vocabulary:
        idf = data["idf"]
        assert isinstance(idf, dict)
        return cls(
            idf={str(k): float(v) for k, v in idf.items()},
            default_idf=float(str(data["default_idf"])),
        )


def content_stems(text: str) -> list[str]:
    """Stemmed words of ``text`` without stop words (order kept, repeats kept)."""
    stops = stopwords()
    return [s for s in (stem(w) for w in words(text)) if s not in stops and len(s) > 1]


@dataclass(frozen=True, slots=True)
class TextInfo:
    """What the pair features need to know about one text (claim/headline or article body)."""

    key: str
    """sha256 of the text."""
    lower: str
    """The text lower-cased with whitespace collapsed (for phrase and character n-gram tests)."""
    sentences: tuple[str, ...]
    """The first MAX_SENTENCES sentences."""
    sentence_tokens: tuple[tuple[str, ...], ...]
    """Stemmed word tokens of each kept sentence (all words, for negation windows)."""
    sentence_content: tuple[frozenset[str], ...]
    """Stemmed content words of each kept sentence."""
    content: frozenset[str]
    """Stemmed content words of the whole text."""
    bigrams: frozenset[tuple[str, str]]
    """Adjacent content-word pairs of the whole text."""
    capitals: frozenset[str]
    """Stems of capitalised words not opening a sentence (names, places, organisations)."""
    numbers: frozenset[str]
    """Numbers written in the text."""
    lex: np.ndarray
    """Lexicon hits per kept sentence, shape (n_sentences, len(LEX_COLUMNS))."""
    lex_total: np.ndarray
    """Lexicon hits over the whole text, shape (len(LEX_COLUMNS),)."""
    n_sentences: int
    """Sentences in the whole text."""
    n_words: int
    """Words in the whole text."""
    tfidf: dict[str, float]
    """L2-normalised TF-IDF vector of the whole text."""
    vectors: np.ndarray
    """Sentence embeddings of the kept sentences, shape (n_sentences_kept, dim)."""
    mean_vector: np.ndarray
    """Normalised mean of the sentence embeddings (the text's own embedding for a headline)."""
    proto: np.ndarray
    """Highest cosine of each kept sentence to each PROTOTYPE_KINDS kind's prototype sentences,
    shape (n_sentences_kept, len(PROTOTYPE_KINDS)); zeros when no prototypes are given."""


def _capitals(sentences: Sequence[str]) -> set[str]:
    out: set[str] = set()
    stops = stopwords()
    for sentence in sentences:
        for i, word in enumerate(words(sentence)):
            if i > 0 and word[:1].isupper() and stem(word) not in stops:
                out.add(stem(word))
    return out


def prepare(text: str, *, is_claim: bool = False) -> tuple[list[str], list[str]]:
    """All sentences of ``text`` and the kept ones to embed (a claim is one sentence)."""
    if is_claim:
        flat = " ".join(text.split())
        return [flat], [flat[:MAX_SENTENCE_CHARS] or " "]
    sentences = split_sentences(text) or [" ".join(text.split()) or " "]
    kept = [s[:MAX_SENTENCE_CHARS] for s in sentences[:MAX_SENTENCES]]
    return sentences, kept


def analyse(
    text: str,
    vocab: Vocabulary,
    *,
    embed: Embed,
    is_claim: bool = False,
    vectors: np.ndarray | None = None,
    prototype_vectors: Sequence[np.ndarray] | None = None,
) -> TextInfo:
    """Analyse ``text`` (``vectors`` of its kept sentences may be given, else ``embed`` is called).

    ``prototype_vectors``: one (n, dim) array per PROTOTYPE_KINDS kind (see ``TextInfo.proto``).
    """
    sentences, kept = prepare(text, is_claim=is_claim)
    if vectors is None:
        vectors = embed(kept)
    vectors = np.asarray(vectors, dtype=np.float32)
    all_stems = content_stems(text)
    mean = vectors.mean(axis=0) if len(vectors) else np.zeros(vectors.shape[1], np.float32)
    mean = mean / max(float(np.linalg.norm(mean)), 1e-12)
    lex = np.array([lexicon_counts(s) for s in kept], dtype=np.float32).reshape(
        -1, len(LEX_COLUMNS)
    )
    tokens = tuple(tuple(stem(w) for w in words(s)) for s in kept)
    proto = np.zeros((len(vectors), len(PROTOTYPE_KINDS)), dtype=np.float32)
    if prototype_vectors is not None and len(vectors):
        for k, kind_vectors in enumerate(prototype_vectors):
            if len(kind_vectors):
                proto[:, k] = (vectors @ np.asarray(kind_vectors, np.float32).T).max(axis=1)
    return TextInfo(
        key=text_key(text),
        lower=" ".join(text.lower().replace("’", "'").split()),
        sentences=tuple(kept),
        sentence_tokens=tokens,
        sentence_content=tuple(frozenset(content_stems(s)) for s in kept),
        content=frozenset(all_stems),
        bigrams=frozenset(zip(all_stems, all_stems[1:], strict=False)),
        capitals=frozenset(_capitals(sentences)),
        numbers=frozenset(_NUMBER.findall(text)),
        lex=lex,
        lex_total=np.array(lexicon_counts(text), dtype=np.float32),
        n_sentences=len(sentences),
        n_words=len(words(text)),
        tfidf=vocab.vector(all_stems),
        vectors=vectors,
        mean_vector=mean.astype(np.float32),
        proto=proto,
    )
