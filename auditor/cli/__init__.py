"""A face: the command line (``auditor`` and ``python -m auditor``: ``commands.main``).

``commands`` parses the arguments and runs ``check``, ``baseline``, ``schema``, ``rules`` and
``explain``; ``collect`` the whole-run formats (SARIF, HTML, files, baselines); ``check`` runs a
corpus streamed to the terminal, JSON or JSON Lines (``auditor.run``); ``output`` writes files
whole and keeps output whole against a closed pipe or Ctrl-C. The top of the house: may import
everything, nothing imports it but ``auditor.__main__``.
"""
