"""The web app's store access: one store connection per request thread, cached claim maps,
actors and discovered claims, dropped when the store changes. Claim maps and discovery come
from the API (``claimgraph.api.Linker``) unless the app was given its own functions."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from claimgraph.model import ClaimMap


class Data:
    """Store access for request threads (one connection per thread) and a small claim cache."""

    def __init__(
        self,
        db: str,
        *,
        writable: bool,
        mapper: Callable[[Any, str], ClaimMap] | None = None,
        discoverer: Callable[[Any], Iterable[Any]] | None = None,
        refresh_seconds: float = 5.0,
    ) -> None:
        self.db = db
        self.writable = writable
        self._mapper = mapper
        self._discoverer = discoverer
        self._linker: Any = None
        self._local = threading.local()
        self._stores: list[Any] = []
        self._lock = threading.Lock()
        self._compute = threading.Lock()
        self._maps: OrderedDict[str, ClaimMap] = OrderedDict()
        self._discovered: list[Any] | None = None
        self._actors: dict[str, tuple[Any, int]] | None = None
        self.refresh_seconds = refresh_seconds
        self._checked = 0.0
        self._count = -1
        self.store()  # fail at startup, not on the first request, when the store is missing

    def store(self) -> Any:
        store = getattr(self._local, "store", None)
        if store is None:
            from claimgraph.store import open_store

            store = open_store(self.db, readonly=not self.writable)
            self._local.store = store
            with self._lock:
                self._stores.append(store)
        return store

    def linker(self) -> Any:
        """The API's claim maps and discovery (the judge the settings name), made on first use."""
        if self._linker is None:
            from claimgraph.api import Linker

            self._linker = Linker()
        return self._linker

    def settings(self) -> dict[str, Any]:
        """The settings the API was opened with (the settings table, the user's file)."""
        return dict(self.linker().settings)

    def claim_map(self, text: str) -> ClaimMap:
        self.refresh()
        key = " ".join(text.split()).casefold()
        with self._lock:
            if key in self._maps:
                self._maps.move_to_end(key)
                return self._maps[key]
        with self._compute:  # one map at a time: judging is CPU-bound and may not be thread-safe
            with self._lock:
                if key in self._maps:
                    return self._maps[key]
            if self._mapper is None:
                self._mapper = self.linker().claim_map
            cmap = self._mapper(self.store(), text)
        with self._lock:
            self._maps[key] = cmap
            while len(self._maps) > 64:
                self._maps.popitem(last=False)
        return cmap

    def discovered(self) -> list[Any]:
        self.refresh()
        with self._compute:
            return self._discover()

    def _discover(self) -> list[Any]:
        if self._discovered is None:
            if self._discoverer is None:
                self._discoverer = self.linker().discover
            self._discovered = list(self._discoverer(self.store()))
        return self._discovered

    def actors(self) -> dict[str, tuple[Any, int]]:
        """Actor id -> (actor, statement count), merged across documents (cached)."""
        self.refresh()
        actors = self._actors
        if actors is None:
            actors = {actor.id: (actor, count) for actor, count in self.store().actors()}
            self._actors = actors
        return actors

    def refresh(self) -> None:
        """Drop the caches when the store's document count changed (``add`` running in another
        process while the app serves); checked at most every ``refresh_seconds``."""
        now = time.monotonic()
        if now - self._checked < self.refresh_seconds:
            return
        self._checked = now
        count = self.store().count()
        if count != self._count:
            self._count = count
            self.forget()

    def forget(self) -> None:
        """Drop cached maps and lists after the store changed."""
        with self._lock:
            self._maps.clear()
            self._discovered = None
            self._actors = None

    def close(self) -> None:
        with self._lock:
            for store in self._stores:
                store.close()
            self._stores.clear()
