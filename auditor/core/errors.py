"""Errors that stop a document from being audited (exit status 2 at the command line)."""

from __future__ import annotations


class InputError(Exception):
    """A source that cannot be read: the message names the file and the problem, on one line."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    # picklable: it travels back from worker processes
    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return (type(self), (self.source, self.problem))


class RuleError(Exception):
    """A rule file that is not valid: the message names the file, the rule and the field."""
