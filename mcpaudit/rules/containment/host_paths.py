"""Which host paths are too broad to hand to a server (the whole disk, the home directory,
credentials folders, the Docker socket), and how bad each is. Shared by the container
mount rule, the file-system rule and the fix that narrows a file-system server."""

from __future__ import annotations

import posixpath
import re

from mcpaudit.model import Severity

_SOCKETS = ("/var/run/docker.sock", "/run/docker.sock", "//./pipe/docker_engine")
_SENSITIVE_HOME = (".ssh", ".aws", ".gnupg", ".kube", ".docker", ".password-store", ".azure")


def _expand_home(path: str, home: str) -> str:
    p = path.strip().strip('"').strip("'")
    for token in ("${userHome}", "${HOME}", "$HOME", "%USERPROFILE%", "${env:HOME}", "{env:HOME}"):
        if p.startswith(token):
            p = home + p[len(token) :]
    if p == "~" or p.startswith("~/"):
        p = home + p[1:]
    return p


def classify_path(path: str, home: str) -> tuple[str, Severity] | None:
    """Why a host path is too broad to hand to a server, with how bad it is; None if fine."""
    p = _expand_home(path, home).replace("\\", "/")
    if re.fullmatch(r"[A-Za-z]:/?", p):
        return "the whole drive", Severity.HIGH
    if not p.startswith("/"):
        return None
    p = posixpath.normpath(p)
    if p.startswith("//"):
        p = p[1:]
    homes = {posixpath.normpath(home.replace("\\", "/"))}
    m = re.fullmatch(r"(/home|/Users|/[A-Za-z]:/Users)/[^/]+", p)
    if m:
        homes.add(p)
    if p in _SOCKETS:
        return "the Docker socket (root on the host)", Severity.CRITICAL
    if p == "/":
        return "the root of the file system", Severity.HIGH
    if p in homes:
        return "the whole home directory", Severity.HIGH
    if p in ("/home", "/Users", "/root"):
        return f"{p} (every user's files)" if p != "/root" else "root's home", Severity.HIGH
    for h in homes:
        for name in _SENSITIVE_HOME:
            if p == f"{h}/{name}" or p.startswith(f"{h}/{name}/"):
                return f"~/{name} (credentials)", Severity.HIGH
        if p == f"{h}/.config":
            return "~/.config (every app's settings and tokens)", Severity.MEDIUM
    if p == "/etc" or p.startswith("/etc/"):
        return "/etc (system configuration)", Severity.MEDIUM
    if p in ("/var", "/usr", "/bin", "/sbin", "/boot", "/proc", "/sys", "/dev"):
        return f"{p} (a system directory)", Severity.MEDIUM
    return None
