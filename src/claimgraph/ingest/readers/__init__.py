"""Built-in readers: plain text, HTML, WARC, RSS/Atom feeds, JSONL (one module each)."""
