"""The JSON output of ``auditor check --format json`` and its JSON Schema, generated from the
pydantic models.

The schema is versioned: the output carries ``"schema_version"`` and the schema's ``$id``
ends with the same version. The file shipped in the package (``auditor/schemas/report-1.json``)
is generated, never hand-edited; after changing the models run::

    python -m auditor.report.schema   # rewrites auditor/schemas/report-<version>.json

A test fails when the shipped file differs from what the models generate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..core.models import AuditReport, InputFailure

#: Bump on a change that breaks readers (a field removed or retyped); adding fields does not.
SCHEMA_VERSION = "1"
SCHEMA_ID = f"urn:auditor:schema:report:{SCHEMA_VERSION}"
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / f"report-{SCHEMA_VERSION}.json"


class ReportOutput(BaseModel):
    """The document ``auditor check --format json`` prints: every audited document and every
    input that could not be read."""

    schema_version: Literal["1"] = Field(description="version of this schema (the $id ends with it)")
    documents: list[AuditReport] = Field(description="one audit per document read")
    errors: list[InputFailure] = Field(description="inputs that could not be read, with the one-line reason")


def documents_json(reports: list[AuditReport], failures: list[InputFailure] | None = None) -> str:
    """The JSON output of a batch: every report and every input that could not be read."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "documents": [r.model_dump(mode="json") for r in reports],
        "errors": [f.model_dump(mode="json") for f in failures or []],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON output, as the models define it now."""
    schema = ReportOutput.model_json_schema(mode="serialization")
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"auditor report output, schema version {SCHEMA_VERSION}",
    }
    schema.pop("title", None)
    return {**head, **schema}


def schema_text() -> str:
    """The schema file's text (stable key order, UTF-8, ending in a newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def shipped_schema() -> dict[str, Any]:
    """The schema file shipped in the package."""
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return data


def write_schema(path: str | Path = SCHEMA_FILE) -> Path:
    """Regenerate the schema file from the models."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover
    print(f"wrote {write_schema()}")
