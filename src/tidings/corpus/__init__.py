"""The corpus stage: work over many articles at once, such as finding near-duplicates
(:mod:`tidings.corpus.dedup`)."""
