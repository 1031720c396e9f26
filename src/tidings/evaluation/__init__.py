"""Evaluation: tidings measured against public, hand-annotated data sets.

A closed sub-package: only the CLI (``tidings eval``) and the tests import it, and nothing in
it is needed to analyse news. Each task is a package that owns its reader of the gold data
(``gold``, read at run time: nothing of it is bundled), its pure metrics (``scores``), the run
of the tidings pipeline over the texts (``run``) and the rendering of the result for the
terminal and as JSON (``report``), so the numbers in ``docs/quality.md`` can be reproduced
with one command:

- :mod:`.quotes`: quote attribution on PolNeAR (brat standoff files);
- :mod:`.places`: geoparsing on GeoVirus and TR-News (realigning their drifting offsets):
  toponym spans and resolution (P/R/F1, error km, Acc@161, AUC);
- :mod:`.temporal`: time expressions on TimeML, scored as TempEval-3 Task A;
- :mod:`.main_events`: the main event's who, what, when, where, why and how on Giveme5W1H.
"""
