"""dangerous_docker: drop --privileged, host namespaces, dangerous mounts and added
capabilities from `docker run`, and add `--cap-drop=ALL`. Unsafe: a server that needs
one of those will stop working."""

from __future__ import annotations

import os

from mcpaudit.model import Edit, Finding, Fix, Server

from .. import pointer as ptr
from .registry import FixContext, make_fix, provides

WITH_VALUE = frozenset(
    {
        "-v",
        "--volume",
        "--mount",
        "--pid",
        "--network",
        "--net",
        "--ipc",
        "--uts",
        "--userns",
        "--cap-add",
        "--security-opt",
        "--device",
    }
)
_HOST_NS = frozenset({"--pid", "--network", "--net", "--ipc", "--uts", "--userns"})
_SENSITIVE = (
    "/",
    "/etc",
    "/root",
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/proc",
    "/sys",
    "/dev",
    "/boot",
    "/var/lib/docker",
    "/home",
    "/Users",
    "~",
    "$HOME",
    "${HOME}",
)


def _source(mount: str) -> str:
    if mount.startswith(("type=", "source=", "src=")) or ",src" in mount or ",source" in mount:
        for part in mount.split(","):
            k, _, v = part.partition("=")
            if k in ("source", "src"):
                return v
        return ""
    return mount.split(":", 1)[0]


def is_dangerous(flag: str, value: str | None, home: str) -> bool:
    if flag == "--privileged":
        return value in (None, "true")
    if flag in _HOST_NS:
        return value == "host"
    if flag == "--cap-add":
        return True
    if flag == "--security-opt":
        return value is not None and "unconfined" in value
    if flag == "--device":
        return True
    if flag in ("-v", "--volume", "--mount") and value is not None:
        src = os.path.normpath(_source(value)) if _source(value) else ""
        return src in _SENSITIVE or src == os.path.normpath(home)
    return False


def dangerous_spans(args: list[str], home: str) -> list[tuple[int, int]]:
    """(first, last) index of each dangerous flag (with its separate value, if any)."""
    spans = []
    i = 0
    while i < len(args):
        a = args[i]
        flag, eq, value = a.partition("=")
        if eq and flag.startswith("--"):
            if is_dangerous(flag, value, home):
                spans.append((i, i))
        elif a in WITH_VALUE and i + 1 < len(args):
            if is_dangerous(a, args[i + 1], home):
                spans.append((i, i + 1))
            i += 1
        elif a == "--privileged":
            spans.append((i, i))
        i += 1
    return spans


def _docker_run(server: Server) -> bool:
    cmd = os.path.basename(server.command.text) if server.command else ""
    return cmd in ("docker", "podman", "docker.exe", "podman.exe") and any(
        a.text == "run" for a in server.args
    )


@provides("dangerous_docker")
def harden_docker(finding: Finding, ctx: FixContext) -> Fix | None:
    server = ctx.server_for(finding)
    if server is None or not server.args or not _docker_run(server):
        return None
    texts = [a.text for a in server.args]
    spans = dangerous_spans(texts, ctx.home)
    pointer = finding.location.pointer
    pointed = next((i for i, a in enumerate(server.args) if a.pointer == pointer), None)
    if pointed is not None:
        # The rule named the offending argument: drop it (with its flag or value).
        if texts[pointed] in WITH_VALUE and pointed + 1 < len(texts):
            spans = [(pointed, pointed + 1)]
        elif pointed > 0 and texts[pointed - 1] in WITH_VALUE:
            spans = [(pointed - 1, pointed)]
        elif texts[pointed].startswith("-"):
            spans = [(pointed, pointed)]
        else:
            spans = [s for s in spans if s[0] <= pointed <= s[1]]
    if not spans:
        return None
    args_pointer, _ = ptr.parent(server.args[0].pointer)
    offset = int(ptr.parent(server.args[0].pointer)[1])  # opencode: command[0] is the program
    edits = [
        Edit("delete", server.args[i].pointer)
        for first, last in spans
        for i in range(first, last + 1)
    ]
    dropped = " ".join(texts[i] for first, last in spans for i in range(first, last + 1))
    extra = ""
    if not any(t.startswith("--cap-drop") for t in texts):
        run_at = texts.index("run") + 1 + offset
        edits.append(Edit("insert", ptr.child(args_pointer, run_at), "--cap-drop=ALL"))
        extra = " and add --cap-drop=ALL"
    return make_fix(finding, "docker", f"remove `{dropped}` from docker run{extra}", False, edits)
