"""A face: many reports at once.

In: paths, folders and globs. Out: one ``corpus.Outcome`` per file, streamed, over worker
processes (``corpus``) or a Dask cluster (``distributed``); findings across consecutive years of
one department (``years``); generated corpora for tests and benchmarks (``synth``); the time
limit per document (``deadline``) and the summary table (``summary``). Calls the
library (``auditor.pipeline``) for each document; may import every stage; must not import the
other faces (``cli``, ``pytest_plugin``).
"""
