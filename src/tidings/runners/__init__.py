"""Where the analysis runs: this machine's cores (:mod:`.local`)."""
