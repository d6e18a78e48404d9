"""A face: the command line (``auditor`` and ``python -m auditor``: ``commands.main``).

``commands`` parses the arguments and runs ``check``, ``baseline``, ``schema``, ``rules`` and
``explain``; ``check`` runs a corpus (``auditor.run``) for every output, each written by its
writer (``writers``); ``baseline`` writes a baseline file; ``output`` writes files whole (a
temporary file renamed over the target) and keeps output whole against a closed pipe or Ctrl-C.
The top of the house: may import everything, nothing imports it but ``auditor.__main__``.
"""
