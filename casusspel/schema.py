"""The JSON Schema of a case file, generated from the model (the one source of truth)."""

from __future__ import annotations

import json
from typing import Any

from casusspel.model import Case

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def case_schema() -> dict[str, Any]:
    schema = Case.model_json_schema()
    schema["properties"]["$schema"] = {
        "type": "string",
        "description": "Verwijzing naar dit schema, voor editors.",
    }
    return {"$schema": DIALECT, "$id": "casus.schema.json", **schema}


def schema_text() -> str:
    return json.dumps(case_schema(), ensure_ascii=False, indent=2) + "\n"
