"""Evaluation: tidings measured against public, hand-annotated data sets.

Each module reads one kind of annotated data at run time (nothing of it is bundled), runs the
tidings pipeline over its texts and scores the result with pure functions, so the numbers in
``docs/quality.md`` can be reproduced with one command:

- :mod:`tidings.evaluation.brat` reads brat standoff annotation files;
- :mod:`tidings.evaluation.attribution` scores quote attribution (source, cue, content spans);
- :mod:`tidings.evaluation.quotes` runs the quote evaluation on PolNeAR
  (``tidings eval quotes``);
- :mod:`tidings.evaluation.geoparsing` reads GeoVirus and TR-News (realigning their drifting
  offsets), and :mod:`tidings.evaluation.toponyms` scores toponym spans and resolution
  (P/R/F1, error km, Acc@161, AUC); the run over tidings' places comes with the places stage.

A temporal (time expression) evaluation is still to come.
"""
