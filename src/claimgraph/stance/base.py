"""The protocol every stance judge implements, and the registry backends join."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from claimgraph.model import Stance


@runtime_checkable
class StanceJudge(Protocol):
    """Judges the stance of texts toward claims.

    ``text`` is a statement's content (with its cue and source given as ``context``, the
    sentence as written) or a whole article body. A claim map gives ``judge_many`` what it
    knows of each statement (speaker, whom they speak for, the whole document), primes the
    stored embeddings of the contents and the stored parses of their sentences, and
    announces texts it will ask about next; a judge that has no use for some of it ignores
    it (``JudgeBase`` does so by default).
    """

    name: str
    """Name and version, stored with every stance it produces ("stance.v1")."""

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        """Stance of ``text`` (said in ``context``) toward ``claim``."""
        ...

    def judge_many(
        self,
        pairs: Sequence[tuple[str, str, str | None]],
        *,
        speakers: Sequence[str | None] | None = None,
        affiliations: Sequence[str | None] | None = None,
        documents: Sequence[str | None] | None = None,
    ) -> list[Stance]:
        """Stances of many (claim, text, context) triples; backends batch as they can.

        ``speakers``/``affiliations``: each triple's resolved speaker and whom they speak for
        (they resolve "we" and "it says it ..."); ``documents``: each triple's whole
        document text (its descriptions name the parties). Each is as long as ``pairs``.
        """
        ...

    def prime_vectors(self, vectors: Mapping[str, Any]) -> None:
        """Embeddings already stored for texts (text -> vector): a judge that embeds need
        not embed them again."""
        ...

    def prepare(self, texts: Sequence[str]) -> None:
        """Texts the judge will be asked about next (headline clauses): a judge that parses
        may parse them now, in one batch."""
        ...

    def parser(self) -> str | None:
        """The name of the pipeline whose stored parses this judge reads
        (``claimgraph.nlp.packed.parser_name``), or None when it reads none."""
        ...

    def prime_parses(self, parses: Mapping[str, bytes]) -> None:
        """Parses stored at analysis time (judged text -> parse packed by the pipeline that
        ``parser`` names): a judge that parses uses them instead of parsing those texts."""
        ...


class JudgeBase:
    """Defaults for the parts of ``StanceJudge`` a backend has no use for: ``judge_many``
    judges one triple at a time and ignores the statements' context, ``prime_vectors``,
    ``prepare`` and ``prime_parses`` do nothing, ``parser`` is None. A backend defines ``name`` and ``judge``."""

    name: str = "judge"

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        raise NotImplementedError

    def judge_many(
        self,
        pairs: Sequence[tuple[str, str, str | None]],
        *,
        speakers: Sequence[str | None] | None = None,
        affiliations: Sequence[str | None] | None = None,
        documents: Sequence[str | None] | None = None,
    ) -> list[Stance]:
        return [self.judge(claim, text, context=context) for claim, text, context in pairs]

    def prime_vectors(self, vectors: Mapping[str, Any]) -> None:
        return None

    def prepare(self, texts: Sequence[str]) -> None:
        return None

    def parser(self) -> str | None:
        return None

    def prime_parses(self, parses: Mapping[str, bytes]) -> None:
        return None


BACKENDS: dict[str, Callable[..., StanceJudge]] = {}
"""Backend name -> factory taking the settings as keyword arguments."""


def register(name: str) -> Callable[[Callable[..., StanceJudge]], Callable[..., StanceJudge]]:
    """Register a stance backend factory under ``name`` (built-ins register like plug-ins)."""

    def decorate(factory: Callable[..., StanceJudge]) -> Callable[..., StanceJudge]:
        BACKENDS[name] = factory
        return factory

    return decorate
