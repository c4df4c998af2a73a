"""File URIs as editors record them -> paths on this machine (or why they are not here)."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_DRIVE = re.compile(r"^/?([A-Za-z])(?::|%3[Aa])(/.*)?$")


def uri_to_path(uri: str, os_name: str) -> tuple[str | None, str | None]:
    """(path, None) for a `file://` URI, else (None, why it cannot be reached from here).

    Handles percent-encoding (`%20`, `%3A`), Windows drive letters (`file:///c%3A/x`)
    and UNC hosts (`file://server/share`). Remote schemes (`vscode-remote://`,
    `vscode-vfs://`, ...) are never guessed into a local path.
    """
    try:
        parts = urlsplit(uri)
    except ValueError:
        return None, "not a valid URI"
    scheme = parts.scheme.lower()
    if scheme != "file":
        kind = f"{scheme}://" if scheme else "relative"
        return None, f"{kind} URI: a remote or virtual folder, not reachable from this machine"
    path = unquote(parts.path)
    host = parts.netloc
    drive = _DRIVE.match(path)
    if host and host.lower() != "localhost":
        # file://server/share/dir is a UNC path (Windows network share).
        unc = f"//{unquote(host)}{path}"
        return (unc.replace("/", "\\"), None) if os_name == "windows" else (unc, None)
    if drive:
        letter, rest = drive.group(1).upper(), drive.group(2) or "/"
        text = f"{letter}:{rest}"
        return (text.replace("/", "\\"), None) if os_name == "windows" else (text, None)
    return (path or "/"), None
