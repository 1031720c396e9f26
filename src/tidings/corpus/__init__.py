"""The corpus stage, as pure functions over facts: near-duplicate signatures and their LSH
bands (:mod:`.dedup`) and the rules of stories and canonical events (:mod:`.stories`). The
SQL that applies them to a database lives in :mod:`tidings.store` (:mod:`tidings.store.copies`,
:mod:`tidings.store.stories`)."""
