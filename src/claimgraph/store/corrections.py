"""Users' corrections (``claimgraph.model.Correction``) applied to what a store reads.

Corrections are annotations: the stored analysis is never changed. Every read of actors
and statements goes through ``ActorCorrections`` so a correction holds after every
analysis and re-analysis. Stance corrections are read by the link layer
(``stance_overrides``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, get_args

from claimgraph.errors import InputError
from claimgraph.model import (
    CORRECTION_JUDGE,
    Actor,
    Correction,
    CorrectionKind,
    Stance,
    StanceLabel,
    Statement,
)

__all__ = [
    "ActorCorrections",
    "correction_from_dict",
    "correction_id",
    "correction_to_row",
    "row_to_correction",
    "stance_overrides",
    "split_actor_id",
]

CORRECTION_COLUMNS = ("id", "kind", "target", "payload", "author", "created_at", "note")


def correction_id(kind: str, target: str, payload: Mapping[str, Any]) -> str:
    """The stable id of a correction."""
    text = json.dumps([kind, target, payload], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def split_actor_id(actor_id: str, name: str) -> str:
    """The id of the actor a split makes from ``actor_id`` under ``name``."""
    return f"{actor_id}~split-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


def correction_to_row(c: Correction) -> dict[str, Any]:
    row = c.to_dict()
    row["payload"] = json.dumps(c.payload, sort_keys=True, ensure_ascii=False)
    return row


def row_to_correction(row: Mapping[str, Any]) -> Correction:
    return Correction(
        id=row["id"],
        kind=row["kind"],
        target=row["target"],
        payload=json.loads(row["payload"]),
        author=row["author"],
        created_at=row["created_at"],
        note=row["note"],
    )


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: '{key}' must be a non-empty string")
    return value


def correction_from_dict(data: object, *, where: str = "correction") -> Correction:
    """A correction read from JSON (``Correction.to_dict``); ``InputError`` naming
    ``where`` and the reason when it is not one."""
    if not isinstance(data, Mapping):
        raise InputError(f"{where}: a correction must be a JSON object")
    kind = _text(data, "kind", where)
    if kind not in get_args(CorrectionKind):
        raise InputError(f"{where}: unknown correction kind {kind!r}")
    target = _text(data, "target", where)
    payload = data.get("payload")
    if not isinstance(payload, Mapping):
        raise InputError(f"{where}: 'payload' must be a JSON object")
    if kind == "actor_merge":
        _text(payload, "merged", where)
    elif kind in ("actor_rename", "actor_split"):
        _text(payload, "name", where)
    if kind == "actor_split":
        ids = payload.get("statements")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise InputError(f"{where}: 'statements' must be a non-empty list of statement ids")
    if kind == "stance_set":
        label = _text(payload, "label", where)
        if label not in get_args(StanceLabel):
            raise InputError(
                f"{where}: unknown stance label {label!r} (one of {', '.join(get_args(StanceLabel))})"
            )
        _text(payload, "claim", where)
    author = _text(data, "author", where)
    created = _text(data, "created_at", where)
    note = data.get("note", "")
    if not isinstance(note, str):
        raise InputError(f"{where}: 'note' must be a string")
    return Correction(
        id=correction_id(kind, target, dict(payload)),
        kind=kind,  # type: ignore[arg-type]
        target=target,
        payload=dict(payload),
        author=author,
        created_at=created,
        note=note,
    )


class ActorCorrections:
    """The actor corrections of a store, in the order they were made."""

    def __init__(self, corrections: Iterable[Correction]) -> None:
        self.items = [c for c in corrections if c.kind.startswith("actor_")]
        self._merged_into: dict[str, str] = {}
        self._split: dict[str, tuple[str, str, str]] = {}  # statement -> (from, new id, name)
        self._names: dict[str, tuple[str, str]] = {}  # actor -> (new name, correction id)
        for c in self.items:
            if c.kind == "actor_merge":
                self._merged_into[c.payload["merged"]] = c.target
            elif c.kind == "actor_split":
                new_id = split_actor_id(c.target, c.payload["name"])
                for sid in c.payload["statements"]:
                    self._split[sid] = (c.target, new_id, c.payload["name"])
            elif c.kind == "actor_rename":
                self._names[c.target] = (c.payload["name"], c.id)

    def __bool__(self) -> bool:
        return bool(self.items)

    def final(self, actor_id: str | None) -> str | None:
        """The id ``actor_id`` stands under after every merge."""
        seen: set[str] = set()
        while actor_id is not None and actor_id in self._merged_into and actor_id not in seen:
            seen.add(actor_id)
            actor_id = self._merged_into[actor_id]
        return actor_id

    def sources(self, actor_id: str) -> set[str]:
        """Stored actor ids whose statements may stand under ``actor_id`` when corrected."""
        found = {actor_id}
        found |= {a for a in self._merged_into if self.final(a) == actor_id}
        found |= {src for src, new, _ in self._split.values() if self.final(new) == actor_id}
        return found

    def statement(self, st: Statement) -> Statement:
        """``st`` with its actor corrected (split first, then merges)."""
        actor_id = st.actor_id
        if st.id in self._split and self._split[st.id][0] == actor_id:
            actor_id = self._split[st.id][1]
        actor_id = self.final(actor_id)
        return st if actor_id == st.actor_id else dataclasses.replace(st, actor_id=actor_id)

    def actors(
        self, rows: Sequence[tuple[Actor, int]], statements: Iterable[Statement]
    ) -> list[tuple[Actor, int]]:
        """Stored actors with counts, corrected: merged ones folded into their target
        (names kept as aliases), split ones added, renamed ones renamed (the old name kept
        as an alias); each touched actor lists the corrections in ``Actor.corrections``."""
        by_id = {a.id: a for a, _ in rows}
        touched: dict[str, list[str]] = {}
        for c in self.items:
            touched.setdefault(self.final(c.target) or c.target, []).append(c.id)
            if c.kind == "actor_merge":
                touched.setdefault(self.final(c.payload["merged"]) or "", []).append(c.id)
        counts: dict[str, int] = {}
        for st in statements:
            if st.actor_id is not None:
                counts[st.actor_id] = counts.get(st.actor_id, 0) + 1
        out: dict[str, Actor] = {}
        for actor, _count in rows:
            final = self.final(actor.id) or actor.id
            base = out.get(final) or by_id.get(final, actor)
            if final != actor.id:
                aliases = tuple(dict.fromkeys([*base.aliases, actor.name, *actor.aliases]))
                base = dataclasses.replace(base, aliases=aliases)
            out[final] = base
        for src, new_id, name in self._split.values():
            final = self.final(new_id) or new_id
            if final not in out and src in by_id:
                out[final] = dataclasses.replace(by_id[src], id=new_id, name=name, aliases=())
        for actor_id, (name, _cid) in self._names.items():
            final = self.final(actor_id) or actor_id
            if final in out and out[final].name != name:
                old = out[final]
                aliases = tuple(a for a in dict.fromkeys([old.name, *old.aliases]) if a != name)
                out[final] = dataclasses.replace(old, name=name, aliases=aliases)
        result = [
            (
                dataclasses.replace(a, corrections=tuple(dict.fromkeys(touched.get(i, ())))),
                counts.get(i, 0),
            )
            for i, a in out.items()
        ]
        result.sort(key=lambda r: (-r[1], r[0].name))
        return result


def stance_overrides(
    corrections: Iterable[Correction], is_claim: Callable[[str], bool]
) -> dict[str, Stance]:
    """Statement id -> the stance a user set toward the claim (``is_claim(text)`` true for
    the correction's claim; the latest correction wins), judged ``correction.v1:<id>``."""
    out: dict[str, Stance] = {}
    for c in corrections:
        if c.kind == "stance_set" and is_claim(c.payload["claim"]):
            out[c.target] = Stance(c.payload["label"], 1.0, judge=f"{CORRECTION_JUDGE}:{c.id}")
    return out


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


def _known_actor(store: Any, actor_id: str) -> None:
    known = {a.id for a, _ in store.actors()}
    if actor_id not in known:
        raise InputError(f"unknown actor id {actor_id!r} (see: claimgraph actors)")


def check(store: Any, correction: Correction) -> None:
    """``InputError`` when ``correction`` names an actor or statement ``store`` lacks, or
    would do nothing (merging an actor into itself)."""
    if correction.kind.startswith("actor_"):
        _known_actor(store, correction.target)
    if correction.kind == "actor_merge":
        merged = correction.payload["merged"]
        _known_actor(store, merged)
        if merged == correction.target:
            raise InputError(f"cannot merge actor {merged!r} into itself")
    ids = (
        correction.payload["statements"]
        if correction.kind == "actor_split"
        else [correction.target]
        if correction.kind == "stance_set"
        else []
    )
    for sid in ids:
        st = store.statement(sid)
        if st is None:
            raise InputError(f"unknown statement id {sid!r}")
        if correction.kind == "actor_split" and st.actor_id != correction.target:
            raise InputError(f"statement {sid!r} is not by actor {correction.target!r}")


def record(
    store: Any,
    kind: str,
    target: str,
    payload: Mapping[str, Any],
    *,
    author: str,
    note: str = "",
) -> Correction:
    """Check and store a new correction; nothing is stored when it is invalid."""
    correction = correction_from_dict(
        {
            "kind": kind,
            "target": target,
            "payload": dict(payload),
            "author": author,
            "created_at": _now(),
            "note": note,
        }
    )
    check(store, correction)
    store.add_correction(correction)
    return correction


def import_corrections(store: Any, data: object, *, where: str) -> list[Correction]:
    """Check every correction of ``data`` (a JSON list, ``export`` format) against
    ``store`` first, then store the new ones: an invalid file stores nothing."""
    if isinstance(data, Mapping) and "corrections" in data:
        data = data["corrections"]
    if not isinstance(data, list):
        raise InputError(f"{where}: expected a JSON list of corrections")
    items = [correction_from_dict(d, where=f"{where} item {i + 1}") for i, d in enumerate(data)]
    known = {c.id for c in store.corrections()}
    fresh: list[Correction] = []
    for c in items:
        if c.id in known:
            continue
        try:
            check(store, c)
        except InputError as e:
            raise InputError(f"{where} item {items.index(c) + 1}: {e.message}") from e
        fresh.append(c)
        known.add(c.id)
    for c in fresh:
        store.add_correction(c)
    return fresh


class CorrectedReads:
    """The corrections part of a SQL store (mixed into ``claimgraph.store.sql.SQLStore``):
    the ``corrections`` table, and the ``ActorCorrections`` every read goes through."""

    _query: Callable[..., list[Mapping[str, Any]]]
    _execute: Callable[..., None]
    _transaction: Callable[[str], AbstractContextManager[None]]

    def corrections(self) -> list[Correction]:
        """Users' corrections, oldest first."""
        columns = ", ".join(CORRECTION_COLUMNS)
        return [
            row_to_correction(r)
            for r in self._query(f"SELECT {columns} FROM corrections ORDER BY seq")
        ]

    def add_correction(self, correction: Correction) -> bool:
        """Store a correction (one transaction); False when the same one is already stored."""
        if self._query("SELECT 1 FROM corrections WHERE id = :id", {"id": correction.id}):
            return False
        row = correction_to_row(correction)
        columns = tuple(row)
        sql = (
            f"INSERT INTO corrections ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})"
        )
        with self._transaction("store a correction"):
            self._execute(sql, row)
        self.__dict__.pop("_actor_corrections", None)
        return True

    def _corrected(self) -> ActorCorrections:
        # cached until the number of corrections changes (another connection may add one)
        count = int(self._query("SELECT count(*) AS n FROM corrections")[0]["n"])
        cached: tuple[int, ActorCorrections] | None = self.__dict__.get("_actor_corrections")
        if cached is None or cached[0] != count:
            cached = (count, ActorCorrections(self.corrections()))
            self.__dict__["_actor_corrections"] = cached
        return cached[1]
