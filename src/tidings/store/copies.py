"""Copies in the database: each new article is checked against those stored, through LSH
bands kept in the ``article_bands`` table, so the check costs a few indexed lookups however
large the corpus grows (no comparison of all pairs).

An article whose estimated similarity to a stored one reaches
:data:`tidings.corpus.dedup.THRESHOLD` (0.8) is a copy: a syndicated version, an update, a
re-post with a new byline. It is stored and keeps all its facts, with ``duplicate_of`` the
original (the copied article's own original when that was a copy too) and ``similarity``
the estimate against the stored article it matched best (which may itself be a copy), so
stories and event counts can count it once.
"""

from __future__ import annotations

import sqlite3

from tidings.corpus.dedup import THRESHOLD, Signature, band_keys, from_bytes, similarity

__all__ = ["Copy", "find_original", "index_article"]

Copy = tuple[str, float]  # (the original's id, similarity)


def find_original(
    connection: sqlite3.Connection, article_id: str, signature: Signature
) -> Copy | None:
    """The stored article ``article_id`` copies, with the similarity, or None."""
    keys = band_keys(signature)
    rows = connection.execute(
        "SELECT DISTINCT article_id FROM article_bands WHERE "
        + " OR ".join("(band = ? AND bucket = ?)" for _ in keys),
        [value for band, key in enumerate(keys) for value in (band, key)],
    ).fetchall()
    best: Copy | None = None
    for (candidate,) in rows:
        if candidate == article_id:
            continue
        stored = connection.execute(
            "SELECT minhash, duplicate_of FROM articles WHERE id = ?", (candidate,)
        ).fetchone()
        if stored is None or stored[0] is None:
            continue
        score = similarity(signature, from_bytes(stored[0]))
        original = stored[1] or candidate
        if score >= THRESHOLD and (best is None or score > best[1]):
            best = (original, score)
    return best


def index_article(connection: sqlite3.Connection, article_id: str, signature: Signature) -> None:
    """Put a stored article's bands in the index."""
    connection.executemany(
        "INSERT OR IGNORE INTO article_bands (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, key, article_id) for band, key in enumerate(band_keys(signature))],
    )
