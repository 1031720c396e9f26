"""The corpus stage: near-duplicate articles (:mod:`.dedup` signatures and LSH, :mod:`.copies`
in the database) and the rules of stories and canonical events (:mod:`.stories`)."""
