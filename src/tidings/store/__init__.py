"""The tidings database: SQLite tables of articles and their facts (:mod:`.schema`, dates as
calendar days by :mod:`.calendar`), one writer (:mod:`.writer`) that also keeps stories and
canonical events (:mod:`.stories`), ingest from sources (:mod:`.ingestion`), and the read
side (:mod:`.queries`, with :mod:`.event_queries` and the row types of :mod:`.rows`)."""
