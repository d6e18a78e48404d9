"""The auditor's version (in the shared layer, so that outputs can name it without importing
the package's public face)."""

__version__ = "0.1.0"
