"""The tidings database, and only the database: SQLite tables of articles and their facts
(:mod:`.schema`, columns following the fact dataclasses by :mod:`.layout`, dates as calendar
days by :mod:`.calendar`), one writer (:mod:`.writer`) that also links copies
(:mod:`.copies`) and keeps stories and canonical events (:mod:`.stories`), and the read side
(:mod:`.queries`, with :mod:`.event_queries` and the row types of :mod:`.rows`). The flow that
reads sources, analyses them and writes the result is :mod:`tidings.ingestion`, above it."""
