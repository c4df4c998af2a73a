"""Mask literal secrets inside args and URLs before they are listed in a report.

The inventory of servers shows command lines; a token passed as an argument or a
password in a URL must not appear whole there. This is deliberately eager: it
masks anything secret-shaped, and the rules decide what is worth a finding.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from mcpaudit.redact import redact
from mcpaudit.references import find_reference

_SECRET_KEY = re.compile(
    r"(?i)(token|secret|passw(or)?d|pwd|api[-_]?key|apikey|auth|credential|private[-_]?key|access[-_]?key|sig)"
)
_PROVIDER = re.compile(
    r"(ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|sk-|sk_live_|rk_live_|sk_test_|xox[abposr]-|AKIA|ASIA|AIza|glpat-|"
    r"hf_|npm_|sgp_|eyJ)[A-Za-z0-9_\-.=]{8,}"
)
_KEY_VALUE = re.compile(r"^(--?[A-Za-z0-9_.-]+=|[A-Za-z0-9_.-]+=)(.+)$")


def mask_secret_like(text: str) -> str:
    return _PROVIDER.sub(lambda m: redact(m.group(0)), text)


def mask_arg(arg: str) -> str:
    if "://" in arg:
        return mask_url(arg)
    m = _KEY_VALUE.match(arg)
    if m and _SECRET_KEY.search(m.group(1)) and find_reference(m.group(2)) is None:
        return m.group(1) + redact(m.group(2))
    return mask_secret_like(arg)


def mask_url(url: str) -> str:
    """Mask a URL's password and secret-looking query values."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return mask_secret_like(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        user, sep, password = userinfo.partition(":")
        if sep and find_reference(password) is None:
            netloc = f"{user}:{redact(password)}@{hostport}"
        elif not sep and len(user) >= 16:
            netloc = f"{redact(user)}@{hostport}"
    query = parts.query
    if query:
        pieces = []
        for piece in query.split("&"):
            key, eq, value = piece.partition("=")
            if eq and _SECRET_KEY.search(key) and value and find_reference(value) is None:
                value = redact(value)
            pieces.append(f"{key}{eq}{value}")
        query = "&".join(pieces)
    rebuilt = urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    return mask_secret_like(rebuilt)
