"""MCP31x: containers that are no boundary: privileged, sensitive mounts, host namespaces,
dangerous capabilities or no security profile."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcpaudit.model import Finding, Severity
from mcpaudit.rules.containment.host_paths import classify_path
from mcpaudit.rules.launch import docker_run
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line

_DOCKER_REMEDIATION = (
    "Drop the flag; run the container with `--read-only --cap-drop ALL "
    "--security-opt no-new-privileges`, no host namespaces, and mount only the one "
    "project folder it needs (read-only where possible)."
)


@rule(
    "MCP310",
    "docker-privileged",
    "dangerous_docker",
    Severity.HIGH,
    "Container runs with --privileged",
    _DOCKER_REMEDIATION,
)
def docker_privileged(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`--privileged` gives the container every capability and access to all host devices:
    escaping to root on the host is a documented one-liner. The container is then no
    boundary at all for a malicious or prompt-injected server."""
    for s in ctx.servers:
        run = docker_run(s)
        flag = run.has_flag("--privileged") if run else None
        if flag is not None:
            yield r.finding(
                f"server {s.name!r} runs a privileged container",
                server=s,
                at=flag,
                evidence=flag.text,
            )


def _mount_source(option: str, value: str) -> str | None:
    if option in ("-v", "--volume"):
        drive = value[:2] if re.match(r"^[A-Za-z]:[\\/]", value) else ""  # C:\\x:/dst
        parts = value[len(drive) :].split(":")
        return drive + parts[0] if len(parts) >= 2 else None
    for field in value.split(","):
        key, _, val = field.partition("=")
        if key.strip() in ("source", "src"):
            return val
    return None


@rule(
    "MCP311",
    "docker-sensitive-mount",
    "dangerous_docker",
    Severity.HIGH,
    "Container mounts a sensitive host path",
    _DOCKER_REMEDIATION,
)
def docker_sensitive_mount(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Mounting `/`, the home directory, `/etc`, `~/.ssh`, `~/.aws` or the Docker socket
    hands the server your keys and credentials or, with the socket, root on the host —
    the container stops being a boundary."""
    for s in ctx.servers:
        run = docker_run(s)
        if run is None:
            continue
        mounts = [("-v", v, t) for v, t in run.values_of("-v", "--volume")]
        mounts += [("--mount", v, t) for v, t in run.values_of("--mount")]
        for option, value, text in mounts:
            source = _mount_source(option, text)
            found = classify_path(source, ctx.home) if source else None
            if found:
                what, severity = found
                yield r.finding(
                    f"server {s.name!r} mounts {what} into its container",
                    server=s,
                    at=value,
                    evidence=one_line(text),
                    severity=severity,
                )


@rule(
    "MCP312",
    "docker-host-namespace",
    "dangerous_docker",
    Severity.MEDIUM,
    "Container shares a host namespace",
    _DOCKER_REMEDIATION,
)
def docker_host_namespace(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`--network host` lets the server reach every service listening on the host's
    loopback (databases, admin UIs, other MCP servers); `--pid host` lets it see and signal
    your processes; `--ipc`/`--uts`/`--userns host` remove further isolation."""
    for s in ctx.servers:
        run = docker_run(s)
        if run is None:
            continue
        for names in (("--network", "--net"), ("--pid",), ("--ipc",), ("--uts",), ("--userns",)):
            for value, text in run.values_of(*names):
                if text.strip().lower() == "host":
                    yield r.finding(
                        f"server {s.name!r} uses the host's {names[0].lstrip('-')} namespace",
                        server=s,
                        at=value,
                        evidence=f"{names[0]} host",
                    )


_BAD_CAPS = {
    "ALL",
    "SYS_ADMIN",
    "SYS_PTRACE",
    "SYS_MODULE",
    "DAC_READ_SEARCH",
    "NET_ADMIN",
    "SYS_RAWIO",
}


@rule(
    "MCP313",
    "docker-weakened-isolation",
    "dangerous_docker",
    Severity.HIGH,
    "Container gets dangerous capabilities or runs unconfined",
    _DOCKER_REMEDIATION,
)
def docker_capabilities(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`--cap-add SYS_ADMIN` (or `ALL`) is close to `--privileged`: mounts, namespaces and
    known container escapes become possible. `seccomp=unconfined` / `apparmor=unconfined`
    remove the kernel filters that block many of those escapes."""
    for s in ctx.servers:
        run = docker_run(s)
        if run is None:
            continue
        for value, text in run.values_of("--cap-add"):
            caps = {c.strip().upper().removeprefix("CAP_") for c in text.split(",")}
            bad = sorted(caps & _BAD_CAPS)
            if bad:
                yield r.finding(
                    f"server {s.name!r} adds capabilities {', '.join(bad)} to its container",
                    server=s,
                    at=value,
                    evidence=f"--cap-add {text}",
                )
        for value, text in run.values_of("--security-opt"):
            t = text.replace(":", "=").lower()
            if t in (
                "seccomp=unconfined",
                "apparmor=unconfined",
                "label=disable",
                "systempaths=unconfined",
            ):
                yield r.finding(
                    f"server {s.name!r} turns off a container security profile ({text})",
                    server=s,
                    at=value,
                    evidence=f"--security-opt {text}",
                    severity=Severity.MEDIUM,
                )
