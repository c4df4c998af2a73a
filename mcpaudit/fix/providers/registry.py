"""Fix providers: given a finding and the scan context, propose a `Fix` (or None).

Rules only find; this registry proposes. Providers are keyed by finding category
(the fixed vocabulary in DESIGN.md) or by rule id (a rule id wins over its
category). A provider reads the scan model and may look at local caches (I/O is
allowed in the fix stage) but never the network unless `FixContext.network`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from mcpaudit.clients.catalog import BY_ID
from mcpaudit.clients.spec import ClientSpec
from mcpaudit.model import ConfigFile, Edit, Finding, Fix, ScanResult, Server
from mcpaudit.sanitize import one_line

from .. import pointer as ptr

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FixContext:
    """What providers may look at: the scanned files and servers, and user choices."""

    files: tuple[ConfigFile, ...]
    servers: tuple[Server, ...]
    home: str
    project: str | None = None
    clients: Mapping[str, ClientSpec] = field(default_factory=lambda: BY_ID)
    network: bool = False  # registry look-ups (npm, PyPI) allowed
    # What the --online OSV stage learned (an OsvLookup: `for_package(ecosystem, name)`),
    # so an advisory only OSV knows still gets its upgrade fix. None: the bundled table only.
    online_advisories: Any = None
    narrow_to: str | None = None  # broad_filesystem: the narrower path the user gave

    @classmethod
    def from_result(cls, result: ScanResult, **kw: Any) -> FixContext:
        return cls(result.files, result.servers, result.home, result.project, **kw)

    @cached_property
    def _files(self) -> dict[str, ConfigFile]:
        return {f.path: f for f in self.files}

    @cached_property
    def _servers(
        self,
    ) -> tuple[dict[str, Server], dict[tuple[str, str], list[Server]], dict[str, list[Server]]]:
        by_id: dict[str, Server] = {}
        by_name: dict[tuple[str, str], list[Server]] = {}
        by_file: dict[str, list[Server]] = {}
        for s in self.servers:
            by_id.setdefault(s.id, s)
            by_name.setdefault((s.file, s.name), []).append(s)
            by_file.setdefault(s.file, []).append(s)
        return by_id, by_name, by_file

    def file(self, path: str | None) -> ConfigFile | None:
        return self._files.get(path) if path else None

    def server_for(self, finding: Finding) -> Server | None:
        """The server a finding is about (indexed: scans can hold 10,000 servers)."""
        by_id, by_name, by_file = self._servers
        if finding.server_id and finding.server_id in by_id:
            return by_id[finding.server_id]
        pointer = finding.location.pointer
        if finding.server is None:
            inside = [
                s
                for s in by_file.get(finding.file or "", [])
                if pointer and ptr.is_within(pointer, s.pointer)
            ]
            return inside[0] if inside else None
        candidates = by_name.get((finding.file or "", finding.server), [])
        for s in candidates:
            if not pointer or ptr.is_within(pointer, s.pointer):
                return s
        return candidates[0] if candidates else None

    def client(self, client_id: str | None) -> ClientSpec | None:
        return self.clients.get(client_id or "")

    def value(self, finding: Finding) -> Any:
        """The parsed value the finding points at (None when unknown)."""
        cfg = self.file(finding.file)
        if cfg is None or cfg.data is None:
            return None
        return ptr.get(cfg.data, finding.location.pointer, None)


Provider = Callable[[Finding, FixContext], Fix | None]
PROVIDERS: dict[str, list[Provider]] = {}


def provides(*keys: str) -> Callable[[Provider], Provider]:
    """Register a provider for finding categories and/or rule ids."""

    def register(fn: Provider) -> Provider:
        for key in keys:
            PROVIDERS.setdefault(key, []).append(fn)
        return fn

    return register


def load_providers() -> dict[str, list[Provider]]:
    from . import (  # noqa: F401  (imports register the providers)
        approve,
        disable,
        docker,
        filesystem,
        keychain,
        packages,
        permissions,
        secrets,
        transport,
    )

    return PROVIDERS


def propose(finding: Finding, ctx: FixContext) -> Fix | None:
    """The first fix a provider offers for `finding`, or None. Never raises."""
    load_providers()
    for provider in PROVIDERS.get(finding.rule_id, []) + PROVIDERS.get(finding.category, []):
        try:
            fix = provider(finding, ctx)
        except Exception as exc:  # a provider bug must not break the scan
            # One clean line (a hostile cache file must not paint a traceback on stderr).
            log.warning(
                "mcpaudit: fix provider %s failed on %s: %s",
                provider.__name__,
                finding.rule_id,
                one_line(f"{type(exc).__name__}: {exc}", 200),
            )
            continue
        if fix is not None:
            return fix
    return None


def attach_fixes(findings: Iterable[Finding], ctx: FixContext) -> list[Finding]:
    """`findings` with `fix` filled in where a provider has one (a rule's own fix is kept)."""
    out = []
    for f in findings:
        if f.fix is None and f.file and f.offer_fix:
            fix = propose(f, ctx)
            if fix is not None:
                f = replace(f, fix=fix)
        out.append(f)
    return out


def make_fix(
    finding: Finding,
    kind: str,
    description: str,
    safe: bool,
    edits: Iterable[Edit],
    path: str | None = None,
) -> Fix:
    """A Fix with a stable id: same rule, file, pointer and kind -> same id across scans.

    Its safety comes from `mcpaudit.fix.safety` when the table knows the kind (the one
    definition the docs show); `safe` is only the fallback."""
    from mcpaudit.fix.safety import is_safe

    path = path or finding.file or finding.location.path
    safe = is_safe(finding.rule_id, finding.category, kind, default=safe)
    return Fix(
        id=fix_id(finding.rule_id, path, finding.location.pointer, kind),
        rule_id=finding.rule_id,
        description=description,
        safe=safe,
        path=path,
        edits=tuple(edits),
    )


def fix_id(rule_id: str, path: str, pointer: str, kind: str) -> str:
    key = f"{rule_id}\0{path}\0{pointer}\0{kind}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{rule_id}-{kind}-{digest}"
