"""A face: the command line (``auditor`` and ``python -m auditor``: ``commands.main``).

``commands`` parses the arguments and runs ``check`` (whole-run formats: SARIF, HTML, files,
baselines), ``baseline``, ``schema``, ``rules`` and ``explain``; ``check`` runs a corpus streamed
to the terminal, JSON or JSON Lines (``auditor.run``). The top of the house: may import
everything, nothing imports it but ``auditor.__main__``.
"""
