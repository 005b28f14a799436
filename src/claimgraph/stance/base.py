"""The protocol every stance judge implements, and the registry backends join."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from claimgraph.model import Stance


@runtime_checkable
class StanceJudge(Protocol):
    """Judges the stance of texts toward claims.

    ``text`` is a statement's content (with its cue and source given as ``context``, the
    sentence as written) or a whole article body.
    """

    name: str
    """Name and version, stored with every stance it produces ("stance.v1")."""

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        """Stance of ``text`` (said in ``context``) toward ``claim``."""
        ...

    def judge_many(self, pairs: Sequence[tuple[str, str, str | None]]) -> list[Stance]:
        """Stances of many (claim, text, context) triples; backends batch as they can."""
        ...


BACKENDS: dict[str, Callable[..., StanceJudge]] = {}
"""Backend name -> factory taking the settings as keyword arguments."""


def register(name: str) -> Callable[[Callable[..., StanceJudge]], Callable[..., StanceJudge]]:
    """Register a stance backend factory under ``name`` (built-ins register like plug-ins)."""

    def decorate(factory: Callable[..., StanceJudge]) -> Callable[..., StanceJudge]:
        BACKENDS[name] = factory
        return factory

    return decorate
