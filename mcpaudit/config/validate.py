"""Check a parsed config against its client format's JSON Schema (mcpaudit/schemas/)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from mcpaudit.config.jsonpos import escape_pointer_token

SCHEMA_BY_DIALECT = {
    "standard": "standard.schema.json",
    "gemini": "standard.schema.json",
    "vscode": "vscode.schema.json",
    "zed": "zed.schema.json",
    "codex": "codex.schema.json",
    "continue": "continue.schema.json",
    "goose": "goose.schema.json",
    "opencode": "opencode.schema.json",
}
MAX_ERRORS = 20


@dataclass(frozen=True)
class SchemaProblem:
    pointer: str
    message: str


def load_schema(name: str) -> dict[str, Any]:
    return json.loads(resources.files("mcpaudit.schemas").joinpath(name).read_text("utf-8"))


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator  # deferred: ~40 ms of imports

    return Draft202012Validator(load_schema(name))


def validate(data: Any, dialect: str) -> list[SchemaProblem]:
    validator = _validator(SCHEMA_BY_DIALECT[dialect])
    problems = []
    for error in validator.iter_errors(data):
        pointer = "".join(f"/{escape_pointer_token(p)}" for p in error.absolute_path)
        problems.append(SchemaProblem(pointer, _message(error, pointer)))
        if len(problems) >= MAX_ERRORS:
            break
    return sorted(problems, key=lambda p: p.pointer)


def _message(error: Any, pointer: str) -> str:
    where = pointer or "/"
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        found = type(error.instance).__name__
        found = {"dict": "object", "list": "array", "str": "string", "NoneType": "null"}.get(
            found, found
        )
        return f"{where} should be {_article(expected)}, found {found}"
    # Other messages embed the offending value, which may be a secret: never echo it.
    if error.validator == "required":
        return f"{where}: {error.message}"
    if error.validator == "enum":
        return f"{where} should be one of: {', '.join(map(str, error.validator_value))}"
    return f"{where} fails the schema's {error.validator!r} check ({error.validator_value!r})"


def _article(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"
