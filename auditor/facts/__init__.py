"""Stage 3, facts: figures bound to what they measure.

In: a ``parse.document.Document``. Out: ``binding.Fact`` — a level amount bound to a concept, a
scope, a period and a place through the vocabulary of ``rules/concepts.toml`` (``binding.Binder``),
and a report's identity and year facts for the across-years check (``years.YearFacts``). May
import ``auditor.parse``, ``auditor.read`` and ``auditor.core``; never a later stage.
"""
