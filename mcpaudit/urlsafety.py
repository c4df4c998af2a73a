"""Judge a URL that a remote party handed us: scheme, loopback, shell-injection shape.

Pure string work, shared by the OAuth probe (which refuses to fetch unsafe URLs)
and the remote rules (which report them). CVE-2025-6514: mcp-remote passed a
server-supplied `authorization_endpoint` to the OS "open" helper, and values like
`a:$(calc)` or `https://x/$(id)` became shell commands on the developer's laptop.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# Characters a shell (sh, cmd.exe, PowerShell) treats specially, plus whitespace and
# quotes that end an argument. `&`, `=` and `+` are normal inside a query string.
_META_CHARS = {
    "`": "backtick",
    '"': "double quote",
    "'": "single quote",
    ";": "semicolon",
    "|": "pipe",
    "<": "angle bracket",
    ">": "angle bracket",
    "\\": "backslash",
    "^": "caret (cmd.exe escape)",
    "{": "brace",
    "}": "brace",
}
_DOLLAR = re.compile(r"\$[({A-Za-z_]")  # $(cmd), ${x}, $VAR (PowerShell expands these)
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_MAX_DECODE_ROUNDS = 3
_MAX_MARKS = 12  # enough to explain; a megabyte of spaces must not make a megabyte of marks


@dataclass(frozen=True)
class UrlProblem:
    """What is wrong with a URL; `kind` is injection | scheme | no_scheme | plain_http."""

    kind: str
    detail: str


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_of(url: str) -> str:
    """Lower-case host name of `url`, or "" when it has none or does not parse."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def origin_of(url: str) -> str:
    """scheme://host[:port] of `url` (lower-cased), or "" when it does not parse."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def site_of(host: str) -> str:
    """A rough registrable domain: the last two labels (three under a short second level,
    as in example.co.uk). IP addresses and single labels are their own site."""
    host = host.strip("[]").lower().rstrip(".")
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    keep = 3 if len(labels[-2]) <= 3 and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def injection_marks(url: str) -> list[str]:
    """Why `url` looks like a shell-injection payload (empty when it does not).

    Checks the raw text and its percent-decoded forms; inside the query string
    encoded spaces (`scope=openid%20email`) are normal and not reported.
    """
    marks: list[str] = []
    query_start = url.find("?")
    _scan(url, query_start, marks, encoded=False)
    decoded = url
    for _ in range(_MAX_DECODE_ROUNDS):
        if not _PERCENT.search(decoded):
            break
        decoded = unquote(decoded)
        _scan(decoded, decoded.find("?"), marks, encoded=True)
    return list(dict.fromkeys(marks))


def _scan(text: str, query_start: int, marks: list[str], *, encoded: bool) -> None:
    suffix = " (percent-encoded)" if encoded else ""
    for index, ch in enumerate(text):
        if len(marks) >= _MAX_MARKS:
            return
        in_query = 0 <= query_start < index
        if ord(ch) < 0x20 or ord(ch) == 0x7F:
            marks.append(f"control character {ch!r}{suffix}")
        elif ch.isspace():
            if not (encoded and in_query):
                marks.append(f"whitespace{suffix}")
        elif ch in _META_CHARS:
            marks.append(f"{_META_CHARS[ch]} {ch}{suffix}")
        elif ch == "&" and not in_query:
            marks.append(f"ampersand & outside the query{suffix}")
    for match in _DOLLAR.finditer(text):
        marks.append(f"{match.group(0)} (shell expansion){suffix}")


def url_problems(url: str) -> list[UrlProblem]:
    """Everything wrong with `url` as an endpoint a client will fetch or open (empty: fine)."""
    problems: list[UrlProblem] = []
    marks = injection_marks(url)
    if marks:
        problems.append(UrlProblem("injection", ", ".join(marks[:4])))
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError as exc:
        return [*problems, UrlProblem("no_scheme", f"does not parse as a URL ({exc})")]
    scheme = parts.scheme.lower()
    if not scheme:
        problems.append(UrlProblem("no_scheme", "not an absolute URL"))
    elif scheme not in ("http", "https"):
        problems.append(UrlProblem("scheme", f"{scheme}: scheme"))
    elif not hostname:
        problems.append(UrlProblem("no_scheme", "no host"))
    elif scheme == "http" and not is_loopback_host(hostname):
        problems.append(UrlProblem("plain_http", f"plain http to {hostname}"))
    return problems


def is_safe_to_fetch(url: str) -> bool:
    """Only well-formed https URLs, or http on loopback, are ever requested."""
    return not url_problems(url)
