"""The tidings database: SQLite tables of articles and their facts (:mod:`.schema`), one
writer (:mod:`.writer`), ingest from sources (:mod:`.ingestion`)."""
