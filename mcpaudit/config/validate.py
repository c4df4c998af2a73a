"""Check a parsed config against its client format's JSON Schema (mcpaudit/schemas/)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
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


def validate_file(data: Any, dialect: str, content_sha256: str) -> list[SchemaProblem]:
    """`validate`, remembered per file content: unchanged files skip jsonschema entirely.

    Importing jsonschema costs more than a whole scan of a typical laptop; configs
    rarely change between scans. The memo lives in the user cache dir and is only
    an optimisation: any problem reading or writing it falls back to validating.
    """
    key = f"{SCHEMA_BY_DIALECT[dialect]}:{_schema_digest(dialect)}:{content_sha256}"
    memo = _memo()
    if key in memo:
        return [SchemaProblem(p, m) for p, m in memo[key]]
    problems = validate(data, dialect)
    memo[key] = [[p.pointer, p.message] for p in problems]
    _dirty.append(key)
    return problems


MEMO_MAX_ENTRIES = 512


@cache
def _schema_digest(dialect: str) -> str:
    text = resources.files("mcpaudit.schemas").joinpath(SCHEMA_BY_DIALECT[dialect]).read_bytes()
    return hashlib.sha256(text).hexdigest()[:12]


def _memo_path() -> Path:
    from mcpaudit.paths import state_dirs

    return state_dirs().cache / "schema-checks.json"


@cache
def _memo() -> dict[str, list[list[str]]]:
    try:
        loaded = json.loads(_memo_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


_dirty: list[str] = []


def save_memo() -> None:
    """Write the memo once per scan, and only when it learned something."""
    if not _dirty:
        return
    _dirty.clear()
    from mcpaudit.atomic import write_text_atomic

    memo = _memo()

    while len(memo) > MEMO_MAX_ENTRIES:
        memo.pop(next(iter(memo)))  # oldest first: dicts keep insertion order
    try:
        path = _memo_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps(memo))
    except OSError:
        pass  # read-only cache dir: validate every time


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
