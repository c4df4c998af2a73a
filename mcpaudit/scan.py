"""discover -> load -> extract -> rules: one static scan, and the result every view renders."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from mcpaudit import suppress
from mcpaudit.baseline import Baseline, anchor
from mcpaudit.clients.catalog import CLIENTS
from mcpaudit.clients.discover import Bases, candidates, current_os
from mcpaudit.clients.extract import extract_servers
from mcpaudit.clients.guess import guess_spec
from mcpaudit.clients.spec import ClientSpec, FileSpec
from mcpaudit.clients.switches import resolve as resolve_switches
from mcpaudit.collect import CollectOptions, collect
from mcpaudit.config.document import ParseError, load_document
from mcpaudit.config.read import DEFAULT_MAX_BYTES, ReadError
from mcpaudit.config.validate import save_memo, validate_file
from mcpaudit.gcpause import gc_paused
from mcpaudit.inspect.options import InspectOptions
from mcpaudit.model import (
    ClientReport,
    ConfigFile,
    FileStatus,
    Project,
    ScanResult,
    Server,
    Suppressed,
)
from mcpaudit.rules.registry import RuleContext, run_rules
from mcpaudit.settings import RuleSelection

Progress = Callable[[str], None]

# Live stages run only with ScanOptions.live (after consent): (key in RuleContext.live,
# "module:function"). Each function takes (servers, options, progress) and returns what
# the live rules read under that key. Imported lazily: a static scan loads no SDK.
LIVE_STAGES: list[tuple[str, str]] = [
    ("inspections", "mcpaudit.inspect:live_stage"),
    ("oauth", "mcpaudit.inspect.oauth:live_stage"),
]
# Online stages run only with ScanOptions.online (--online): (key in RuleContext.extra,
# "module:function"). Each takes (servers, options, progress, notes) and returns what
# the rules read under that key; its `report` mapping goes to ScanResult.online.
ONLINE_STAGES: list[tuple[str, str]] = [
    ("osv", "mcpaudit.osv.stage:online_stage"),
]


@dataclass(frozen=True)
class ScanOptions:
    env: Mapping[str, str] | None = None  # None: this process's environment
    project: Path | None = None
    extra_configs: tuple[Path, ...] = ()
    os_name: str | None = None
    clients: tuple[ClientSpec, ...] = CLIENTS
    extra: Mapping[str, object] = field(default_factory=dict)
    # None: read .mcpaudit.toml / pyproject.toml from the project dir and the cwd.
    suppressions: tuple[suppress.Suppression, ...] | None = None
    baseline: Baseline | None = None  # report only findings not in this previous report
    today: date | None = None  # for suppression expiry; None: today
    live: bool = False  # start/contact servers (the user consented with --live or in the TUI)
    inspect: InspectOptions | None = None  # live inspection limits; None: the defaults
    fixes: bool = True  # propose a fix for each finding (mcpaudit.fix providers)
    fix_options: Mapping[str, Any] = field(default_factory=dict)  # FixContext extras
    collect: CollectOptions = field(default_factory=CollectOptions)  # logs, processes, code
    online: bool = False  # network look-ups allowed (--online): OSV advisories
    # Also audit every project folder the clients' records name (mcpaudit.projects).
    known_projects: bool = True
    plugins: bool = True  # servers brought by extensions and plugins (mcpaudit.plugins)
    walk: tuple[Path, ...] = ()  # --walk: code folders searched for project configs
    rules: RuleSelection | None = None  # select/ignore (settings or --select/--ignore)


def load_config_file(
    client: ClientSpec, spec: FileSpec, path: Path
) -> tuple[ConfigFile, list[Server]]:
    """Read, parse, validate and extract one file; problems become statuses, never exceptions."""
    base = {"path": str(path), "client": client.id, "format": spec.format, "scope": spec.scope}
    try:
        # Index each server entry while parsing: extraction asks for all their positions.
        index = [(*key_path, "*") for key_path in spec.servers_at]
        doc = load_document(path, spec.format, spec.max_bytes or DEFAULT_MAX_BYTES, index)
    except ReadError as exc:
        status = FileStatus.MISSING if exc.kind == "missing" else FileStatus.UNREADABLE
        return ConfigFile(
            **base, status=status, error=None if exc.kind == "missing" else str(exc)
        ), []
    except ParseError as exc:
        return ConfigFile(
            **base,
            status=FileStatus.MALFORMED,
            error=str(exc),
            error_line=exc.line,
            error_column=exc.column,
        ), []
    notes: list[str] = []
    if doc.needed_jsonc and spec.format == "json":
        notes.append("jsonc-in-strict-json")
    problems = validate_file(doc.data, spec.dialect, doc.sha256)
    notes.extend(f"schema:{p.pointer} {p.message}" for p in problems)
    duplicates = _duplicate_keys(doc) if spec.format in ("json", "jsonc") else ()
    raw = doc.raw
    sha256 = doc.sha256
    doc.drop_source()
    cfg = ConfigFile(
        **base,
        status=FileStatus.OK,
        sha256=sha256,
        mode=raw.mode if raw else None,
        dir_mode=raw.dir_mode if raw else None,
        owner_uid=raw.owner_uid if raw else None,
        data=doc.data,
        document=doc,
        notes=tuple(notes),
        duplicate_keys=duplicates,
    )
    servers, _problems = extract_servers(cfg, spec)  # shape problems are reported via the schema
    return cfg, servers


def _duplicate_keys(doc: Any) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Keys written twice in one object, with every line: the whole file when it is
    small, else the server maps the parser indexed."""
    from mcpaudit.config.duplicates import MAX_WALK_CHARS, find_duplicates

    if len(doc.text) <= MAX_WALK_CHARS:
        return tuple((d.pointer, d.lines) for d in find_duplicates(doc.text, doc.needed_jsonc))
    locator = doc.locator
    repeated = getattr(locator, "repeated", None) or {}
    return tuple((p, tuple(locator.line_at(o) for o in offs)) for p, offs in repeated.items())


def scan(options: ScanOptions | None = None, progress: Progress | None = None) -> ScanResult:
    options = options or ScanOptions()
    started = time.perf_counter()
    env = os.environ if options.env is None else options.env
    bases = Bases.from_env(env, options.os_name)
    os_name = options.os_name or current_os()
    with gc_paused():
        files_by_client, servers, all_clients, projects, project_notes = _load_all(
            options, bases, os_name, progress
        )
    reports = tuple(
        ClientReport(cid, all_clients[cid].name, tuple(files))
        for cid, files in files_by_client.items()
    )
    files = tuple(f for r in reports for f in r.files)
    # On/off switches kept outside the entry (~/.claude.json projects, Gemini settings).
    servers, notes = resolve_switches(servers, files)
    notes[:0] = project_notes
    live = run_live_stages(servers, options, progress, notes) if options.live else {}
    online, online_reports = (
        run_online_stages(servers, options, progress, notes) if options.online else ({}, {})
    )
    with gc_paused():
        if progress:
            progress("reading logs, processes and server code")
        collected = collect(
            servers,
            tuple(all_clients.values()),
            bases,
            options.project,
            os_name,
            env,
            options.collect,
        )
        notes.extend(collected.notes)
        suppressions = options.suppressions
        if suppressions is None:
            suppressions = suppress.discover(options.project, Path.cwd())
        today = options.today or date.today()
        ctx = RuleContext(
            files=files,
            servers=servers,
            home=str(bases.home),
            project=str(options.project) if options.project else None,
            extra={
                **collected.extra,
                **online,
                **options.extra,
                "suppressions": suppressions,
                "today": today,
            },
            live=live,
        )
        if progress:
            progress("running rules")
        findings = anchor(run_rules(ctx, include_live=options.live), ctx.home, ctx.project)
        if options.rules is not None:
            findings = [f for f in findings if options.rules.keeps(f.rule_id, f.category)]
        findings, suppressed, unused = suppress.apply(findings, suppressions, today)
        notes.extend(unused)
        findings, hidden = filter_baseline(findings, options.baseline, notes)
        if options.fixes:
            from mcpaudit.fix.providers.registry import FixContext, attach_fixes

            fix_options = {"online_advisories": online.get("osv"), **options.fix_options}
            fix_ctx = FixContext(ctx.files, ctx.servers, ctx.home, ctx.project, **fix_options)
            findings = attach_fixes(findings, fix_ctx)
    return ScanResult(
        clients=reports,
        servers=servers,
        findings=tuple(sort_findings(findings)),
        home=str(bases.home),
        project=ctx.project,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        duration_s=time.perf_counter() - started,
        notes=tuple(notes),
        suppressed=tuple(suppressed + hidden),
        tools={sid: r.items for sid, r in live.get("inspections", {}).items() if r.ok},
        online=online_reports,
        projects=projects,
    )


def _load_all(
    options: ScanOptions, bases: Bases, os_name: str, progress: Progress | None
) -> tuple[
    dict[str, list[ConfigFile]],
    tuple[Server, ...],
    dict[str, ClientSpec],
    tuple[Project, ...],
    list[str],
]:
    """Discover, read, parse and extract every config file: (files per client, servers,
    every client seen, including those guessed for files given on the command line,
    the projects the clients' records name, notes)."""
    files_by_client: dict[str, list[ConfigFile]] = {c.id: [] for c in options.clients}
    servers: list[Server] = []
    own = str(options.project) if options.project else None
    for cand in candidates(bases, options.project, os_name, options.clients):
        if cand.unmatched_glob:
            spec = cand.spec
            missing = ConfigFile(
                cand.pattern, cand.client.id, spec.format, spec.scope, FileStatus.MISSING
            )
            files_by_client[cand.client.id].append(cand.annotate(missing))
            continue
        if progress:
            progress(f"reading {cand.path}")
        cfg, file_servers = load_config_file(cand.client, cand.spec, cand.path)
        if own and "{project}" in (cand.spec.template_for(os_name) or ""):
            cfg, file_servers = in_project(cfg, file_servers, own)
        files_by_client[cand.client.id].append(cand.annotate(cfg))
        servers.extend(file_servers)

    projects: tuple[Project, ...] = ()
    notes: list[str] = []
    if options.clients and (options.known_projects or options.walk):
        projects, notes = _load_projects(options, bases, os_name, files_by_client, servers)
    if options.clients and options.plugins:
        notes.extend(_load_plugins(options, bases, os_name, files_by_client, servers))

    extra_clients: dict[str, ClientSpec] = {}
    for path in options.extra_configs:
        client, spec = guess_spec(path)
        extra_clients.setdefault(client.id, client)
        cfg, file_servers = load_config_file(client, spec, path)
        files_by_client.setdefault(client.id, []).append(cfg)
        servers.extend(file_servers)
    save_memo()
    all_clients = {c.id: c for c in options.clients} | extra_clients
    return files_by_client, tuple(servers), all_clients, projects, notes


def in_project(
    cfg: ConfigFile, servers: list[Server], project: str
) -> tuple[ConfigFile, list[Server]]:
    """A project-scope file and its servers, marked as belonging to `project`."""
    return replace(cfg, project=project), [
        s if s.project is not None else replace(s, project=project) for s in servers
    ]


def _load_plugins(
    options: ScanOptions,
    bases: Bases,
    os_name: str,
    files_by_client: dict[str, list[ConfigFile]],
    servers: list[Server],
) -> list[str]:
    """Claude Desktop extensions, Claude Code plugins, VS Code / Zed extension rows."""
    from mcpaudit.plugins import gather

    env = os.environ if options.env is None else options.env
    values = dict(bases.values, claude_config_dir=env.get("CLAUDE_CONFIG_DIR", ""))
    skip = {f.path for files in files_by_client.values() for f in files}
    brought = gather(values, os_name, load_config_file, skip)
    for cid, files in brought.files.items():
        if cid in files_by_client:
            files_by_client[cid].extend(files)
    known = set(files_by_client)
    servers.extend(s for s in brought.servers if s.client in known)
    return brought.notes


def _load_projects(
    options: ScanOptions,
    bases: Bases,
    os_name: str,
    files_by_client: dict[str, list[ConfigFile]],
    servers: list[Server],
) -> tuple[tuple[Project, ...], list[str]]:
    """Every project the clients' records name (and --walk finds): each one's
    project-scope files of every client, read once however many records name it."""
    from mcpaudit.projects.load import gather, project_files
    from mcpaudit.projects.workspace import WORKSPACE_FILE_SPEC

    env = os.environ if options.env is None else options.env
    loaded = [f for files in files_by_client.values() for f in files]
    extra, notes = [], []
    if options.walk:
        from mcpaudit.projects.walk import walk_roots

        extra, notes = walk_roots(options.walk, options.clients, os_name)
    known, workspaces = gather(
        loaded if options.known_projects else [],
        bases,
        env,
        os_name,
        options.project if options.known_projects else None,
        extra,
        records=options.known_projects,
    )
    skip = {f.path for f in loaded}
    for pf in project_files(known, options.clients, bases, os_name, skip):
        cfg, file_servers = load_config_file(pf.client, pf.spec, pf.path)
        cfg, file_servers = in_project(cfg, file_servers, pf.project)
        files_by_client.setdefault(pf.client.id, []).append(cfg)
        servers.extend(file_servers)
    by_id = {c.id: c for c in options.clients}
    for cid, path in workspaces:
        client = by_id.get("vscode") or by_id.get(cid)
        if client is None or str(path) in skip or not os.path.lexists(path):
            continue
        skip.add(str(path))
        cfg, file_servers = load_config_file(client, WORKSPACE_FILE_SPEC, path)
        cfg, file_servers = in_project(cfg, file_servers, str(path.parent))
        files_by_client.setdefault(client.id, []).append(cfg)
        servers.extend(file_servers)
    return tuple(known.projects), notes + known.notes


def run_live_stages(
    servers: tuple[Server, ...], options: ScanOptions, progress: Progress | None, notes: list[str]
) -> dict[str, Any]:
    """Run every live stage; one that fails is noted and the scan goes on."""
    from importlib import import_module

    live: dict[str, Any] = {}
    for key, target in LIVE_STAGES:
        module, _, func = target.partition(":")
        try:
            live[key] = getattr(import_module(module), func)(servers, options, progress)
        except Exception as exc:  # a broken stage must not lose the static findings
            notes.append(f"live stage {key} failed: {type(exc).__name__}: {exc}")
    return live


def run_online_stages(
    servers: tuple[Server, ...], options: ScanOptions, progress: Progress | None, notes: list[str]
) -> tuple[dict[str, Any], dict[str, Mapping[str, Any]]]:
    """Run every online stage: (what the rules read per key, each stage's report). One
    that fails is noted and left out: the rules fall back to the bundled data."""
    from importlib import import_module

    found: dict[str, Any] = {}
    reports: dict[str, Mapping[str, Any]] = {}
    for key, target in ONLINE_STAGES:
        module, _, func = target.partition(":")
        try:
            found[key] = getattr(import_module(module), func)(servers, options, progress, notes)
            reports[key] = dict(getattr(found[key], "report", {}))
        except Exception as exc:  # the offline findings must survive a broken stage
            notes.append(f"online stage {key} failed: {type(exc).__name__}: {exc}")
            reports[key] = {"status": "failed", "error": type(exc).__name__}
    return found, reports


def filter_baseline(
    findings: list,
    baseline: Baseline | None,
    notes: list[str],  # type: ignore[type-arg]
) -> tuple[list, list[Suppressed]]:  # type: ignore[type-arg]
    if baseline is None:
        return findings, []
    kept, known = baseline.apply(findings)
    notes.append(f"{len(known)} finding(s) already in the baseline {baseline.path} are not shown")
    return kept, known


def sort_findings(findings: list) -> list:  # type: ignore[type-arg]
    return sorted(
        findings,
        key=lambda f: (
            -f.severity.rank,
            f.file or "",
            f.location.line or 0,
            f.rule_id,
            f.location.pointer,
        ),
    )
