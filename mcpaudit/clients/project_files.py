"""The project-level files of the catalogue (`{project}/…` templates), as patterns.

Two users: `--config PATH` recognises a project file by where it sits (`.gemini/settings.json`
is Gemini CLI's, `.cursor/mcp.json` Cursor's) before guessing from its shape, and the
pre-commit hook's `files` regex is generated from the same list (a test keeps
`.pre-commit-hooks.yaml` equal to `pre_commit_pattern()`).
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from functools import cache
from pathlib import PurePath

from mcpaudit.clients.catalog import CLIENTS
from mcpaudit.clients.spec import ClientSpec, FileSpec

PREFIX = "{project}/"


@cache
def project_patterns() -> tuple[tuple[str, ClientSpec, FileSpec], ...]:
    """(relative glob, client, file spec) for every project file, in catalogue order."""
    out: list[tuple[str, ClientSpec, FileSpec]] = []
    seen: set[str] = set()
    for client in CLIENTS:
        for spec in client.files:
            for template in (spec.linux, spec.macos, spec.windows):
                if template and template.startswith(PREFIX):
                    relative = template.removeprefix(PREFIX)
                    if relative not in seen:
                        seen.add(relative)
                        out.append((relative, client, spec))
    return tuple(out)


def match_project_file(path: PurePath) -> tuple[ClientSpec, FileSpec, str] | None:
    """The client whose project file `path` is, by its last components (`.cursor/mcp.json`),
    with the spec and the matching relative pattern."""
    parts = PurePath(path).parts
    # The longest pattern first: `.warp/.mcp.json` is Warp's, not Claude Code's `.mcp.json`.
    ordered = sorted(project_patterns(), key=lambda p: -len(PurePath(p[0]).parts))
    for relative, client, spec in ordered:
        wanted = PurePath(relative).parts
        if len(parts) >= len(wanted) and all(
            fnmatchcase(have, want)
            for have, want in zip(parts[-len(wanted) :], wanted, strict=True)
        ):
            return client, spec, relative
    return None


def user_twin(client: ClientSpec, relative: str) -> FileSpec | None:
    """The client's user-level spec for the same relative path (`~/.gemini/settings.json`
    for `.gemini/settings.json`), for a file that sits in the home directory itself."""
    for spec in client.files:
        if spec.scope == "user" and any(
            t and t.startswith("{") and t.endswith(f"}}/{relative}")
            for t in (spec.linux, spec.macos, spec.windows)
        ):
            return spec
    return None


def pre_commit_pattern() -> str:
    """A Python regex (pre-commit's `files`) matching every project file at any depth."""
    alternatives = sorted(
        re.escape(relative).replace(r"\*", "[^/]*") for relative, _, _ in project_patterns()
    )
    return f"(^|/)({'|'.join(alternatives)})$"
