"""Numbered schema migrations, recorded in the database's ``migrations`` table.

Each migration is a function ``mNNN_name(execute)``; a store applies, in order, those whose
name is not yet recorded (sqlite-utils ``migrations`` style). Never edit a released
migration: add the next number.
"""

from __future__ import annotations

from collections.abc import Callable

Execute = Callable[[str], object]
"""Runs one SQL statement."""

_STATEMENT_SQL_COLUMNS = """
    kind TEXT NOT NULL,
    content_start INTEGER NOT NULL, content_end INTEGER NOT NULL, content_text TEXT NOT NULL,
    source_start INTEGER, source_end INTEGER, source_text TEXT,
    cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
    cue_lemma TEXT, speaker TEXT, actor_id TEXT, anonymous BOOLEAN NOT NULL,
    via TEXT, via_span_start INTEGER, via_span_end INTEGER, via_span_text TEXT,
    role TEXT, affiliation TEXT, negated BOOLEAN NOT NULL, hedged BOOLEAN NOT NULL,
    sentence_start INTEGER, sentence_end INTEGER, sentence_text TEXT,
    date_value TEXT, date_precision TEXT, date_inferred BOOLEAN,
    date_span_start INTEGER, date_span_end INTEGER, date_span_text TEXT,
    confidence DOUBLE PRECISION NOT NULL, component TEXT NOT NULL
"""

_DOCUMENT_SQL_COLUMNS = """
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    title TEXT, outlet TEXT, published TEXT, authors TEXT NOT NULL,
    url TEXT, path TEXT, language TEXT NOT NULL, source_format TEXT NOT NULL,
    title_span TEXT, paragraphs TEXT NOT NULL, boilerplate TEXT NOT NULL, captions TEXT NOT NULL,
    date_span TEXT, near_duplicate_of TEXT, word_count INTEGER NOT NULL,
    added_at TEXT NOT NULL
"""

_ANALYSIS_TABLES = """
CREATE TABLE analyses (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    sentences TEXT NOT NULL,
    analyzed_at TEXT NOT NULL
);
CREATE TABLE components (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    PRIMARY KEY (doc_id, name)
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL,
    role TEXT, affiliation TEXT, anonymous BOOLEAN NOT NULL
);
CREATE TABLE doc_actors (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL,
    role TEXT, affiliation TEXT, anonymous BOOLEAN NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX doc_actors_id ON doc_actors(id);
CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, span_text TEXT NOT NULL,
    value TEXT, precision TEXT,
    PRIMARY KEY (doc_id, seq)
);
CREATE TABLE embeddings (
    statement_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    dim INTEGER NOT NULL,
    vector {blob} NOT NULL
);
CREATE INDEX embeddings_doc ON embeddings(doc_id);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size BIGINT NOT NULL, mtime_ns BIGINT NOT NULL,
    doc_ids TEXT NOT NULL, analyzed BOOLEAN NOT NULL, recorded_at TEXT NOT NULL
);
CREATE TABLE doc_signatures (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature {blob} NOT NULL
);
CREATE TABLE doc_bands (
    band_key TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX doc_bands_key ON doc_bands(band_key);
CREATE INDEX doc_bands_doc ON doc_bands(doc_id);
"""


def _run_script(execute: Execute, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            execute(statement)


def sqlite_m001_initial(execute: Execute) -> None:
    """Documents with FTS5 over title + text, analyses, merged actors, files, signatures."""
    _run_script(
        execute,
        f"""
CREATE TABLE documents (seq INTEGER PRIMARY KEY, {_DOCUMENT_SQL_COLUMNS});
CREATE INDEX documents_outlet ON documents(outlet);
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE statements (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    {_STATEMENT_SQL_COLUMNS}
);
CREATE INDEX statements_id ON statements(id);
CREATE INDEX statements_doc ON statements(doc_id, seq);
CREATE INDEX statements_actor ON statements(actor_id);
CREATE VIRTUAL TABLE statements_fts USING fts5(
    content, sentence, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""
        + _ANALYSIS_TABLES.format(blob="BLOB"),
    )


def postgres_m001_initial(execute: Execute) -> None:
    """The same schema on PostgreSQL, with tsvector columns and GIN indexes for search."""
    _run_script(
        execute,
        f"""
CREATE TABLE documents (
    seq BIGSERIAL PRIMARY KEY, {_DOCUMENT_SQL_COLUMNS},
    tsv tsvector NOT NULL
);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
CREATE TABLE statements (
    rid BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    {_STATEMENT_SQL_COLUMNS},
    tsv tsvector NOT NULL
);
CREATE INDEX statements_id ON statements(id);
CREATE INDEX statements_doc ON statements(doc_id, seq);
CREATE INDEX statements_actor ON statements(actor_id);
CREATE INDEX statements_tsv ON statements USING GIN (tsv);
"""
        + _ANALYSIS_TABLES.format(blob="BYTEA"),
    )


_BITS_TABLE = """
CREATE TABLE embedding_bits (
    seq {serial} PRIMARY KEY,
    statement_id TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    dim INTEGER NOT NULL,
    bits {blob} NOT NULL
);
CREATE INDEX embedding_bits_doc ON embedding_bits(doc_id);
CREATE INDEX embedding_bits_dim ON embedding_bits(dim, seq)
"""


def sqlite_m002_embedding_bits(execute: Execute) -> None:
    """Sign bits of every statement embedding: the compact index of nearest-statement search.

    Rows for embeddings stored before this migration are filled in by the store right after.
    """
    _run_script(execute, _BITS_TABLE.format(serial="INTEGER", blob="BLOB"))


def postgres_m002_embedding_bits(execute: Execute) -> None:
    """Sign bits of every statement embedding (see ``sqlite_m002_embedding_bits``)."""
    _run_script(execute, _BITS_TABLE.format(serial="BIGSERIAL", blob="BYTEA"))


_CORRECTIONS_TABLE = """
CREATE TABLE corrections (
    seq {serial} PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    target TEXT NOT NULL, payload TEXT NOT NULL, author TEXT NOT NULL,
    created_at TEXT NOT NULL, note TEXT NOT NULL
);
"""

_DATE_KIND_BACKFILL = """
UPDATE statements SET date_kind = CASE
    WHEN date_value IS NULL THEN 'undated'
    WHEN date_inferred = {false} THEN 'stated'
    WHEN date_span_start IS NOT NULL THEN 'inferred'
    ELSE 'published' END
WHERE date_inferred IS NOT NULL
"""


def _m004(execute: Execute, *, serial: str, false: str) -> None:
    execute("ALTER TABLE statements ADD COLUMN date_kind TEXT")
    execute("ALTER TABLE statements ADD COLUMN date_not_before BOOLEAN")
    # Stores of the previous version did not keep ``not_before``: a bound read from an
    # undated article's text was stored as an inferred date with its span, so it becomes
    # "inferred" here (never placed on a timeline); re-analysis restores "bound".
    execute(_DATE_KIND_BACKFILL.format(false=false))
    execute(f"UPDATE statements SET date_not_before = {false} WHERE date_inferred IS NOT NULL")
    _run_script(execute, _CORRECTIONS_TABLE.format(serial=serial))


def sqlite_m004_corrections_and_dates(execute: Execute) -> None:
    """What each statement date is (``date_kind``, ``date_not_before``) and the table of
    user corrections (annotations: who, when, why), applied whenever the store is read."""
    _m004(execute, serial="INTEGER", false="0")


def postgres_m004_corrections_and_dates(execute: Execute) -> None:
    """See ``sqlite_m004_corrections_and_dates``."""
    _m004(execute, serial="BIGSERIAL", false="FALSE")


_DISCOVERED_TABLE = """
CREATE TABLE discovered_claims (
    signature TEXT NOT NULL,
    payload TEXT NOT NULL,
    computed_at TEXT NOT NULL
)
"""


def sqlite_m005_discovered_claims(execute: Execute) -> None:
    """The claims discovery found (``link.discovered``), stored as JSON with the signature of
    the store they were computed on, so listing them costs a read. Nothing existing changes:
    a store without the table simply computes its list on first use."""
    _run_script(execute, _DISCOVERED_TABLE)


def postgres_m005_discovered_claims(execute: Execute) -> None:
    """The stored discovered claims (see ``sqlite_m005_discovered_claims``)."""
    _run_script(execute, _DISCOVERED_TABLE)


def m006_actor_canonical(execute: Execute) -> None:
    """Actor kinds under their current names: "org" -> "organisation", "gpe" -> "government"
    (media and groups are told apart when a document is analysed again: ``add --reanalyze``)."""
    for table in ("actors", "doc_actors"):
        execute(f"UPDATE {table} SET kind = 'organisation' WHERE kind = 'org'")
        execute(f"UPDATE {table} SET kind = 'government' WHERE kind = 'gpe'")


_PARSES_TABLE = """
CREATE TABLE statement_parses (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text_key TEXT NOT NULL,
    parser TEXT NOT NULL,
    data {blob} NOT NULL,
    PRIMARY KEY (doc_id, text_key)
);
CREATE INDEX statement_parses_key ON statement_parses(text_key)
"""


def sqlite_m006_stored_readings(execute: Execute) -> None:
    """The packed parse of each statement's judged sentence (``analyze.readings``), stored
    at analysis time so that a claim map reads it instead of parsing. Nothing existing
    changes: analyses stored before have none (their ``readings`` component is missing, so
    they are stale), claim maps parse their sentences as before, and ``claimgraph add
    --reanalyze`` stores them."""
    _run_script(execute, _PARSES_TABLE.format(blob="BLOB"))


def postgres_m006_stored_readings(execute: Execute) -> None:
    """The stored parses (see ``sqlite_m006_stored_readings``)."""
    _run_script(execute, _PARSES_TABLE.format(blob="BYTEA"))


SQLITE_MIGRATIONS: tuple[tuple[str, Callable[[Execute], None]], ...] = (
    ("m001_initial", sqlite_m001_initial),
    ("m002_embedding_bits", sqlite_m002_embedding_bits),
    ("m004_corrections_and_dates", sqlite_m004_corrections_and_dates),
    ("m005_discovered_claims", sqlite_m005_discovered_claims),
    ("m006_actor_canonical", m006_actor_canonical),
    ("m006_stored_readings", sqlite_m006_stored_readings),
)
"""Migrations of the SQLite store, in order."""

POSTGRES_MIGRATIONS: tuple[tuple[str, Callable[[Execute], None]], ...] = (
    ("m001_initial", postgres_m001_initial),
    ("m002_embedding_bits", postgres_m002_embedding_bits),
    ("m004_corrections_and_dates", postgres_m004_corrections_and_dates),
    ("m005_discovered_claims", postgres_m005_discovered_claims),
    ("m006_actor_canonical", m006_actor_canonical),
    ("m006_stored_readings", postgres_m006_stored_readings),
)
"""Migrations of the PostgreSQL store, in order."""


def pending_message(
    applied: set[str], migrations: tuple[tuple[str, Callable[[Execute], None]], ...]
) -> str | None:
    """Why a store opened read-only cannot be read by this version (None: it can).

    A read-only store cannot be migrated; without this check a query would fail on a missing
    table with SQL's own words."""
    if not applied:
        return "not a claimgraph store (it has no migrations table)"
    missing = [name for name, _ in migrations if name not in applied]
    if not missing:
        return None
    return (
        "the store was written by an older claimgraph (not yet applied: "
        + ", ".join(missing)
        + "); upgrade it by opening it once for writing: claimgraph add --db STORE --reanalyze"
    )
