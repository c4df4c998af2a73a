"""Mask literal secrets inside args and URLs before they are listed in a report.

The inventory of servers shows command lines; a token passed as an argument or a
password in a URL must not appear whole there. Detection is `mcpaudit.secrets`
(the same detector the rules use), so whatever a rule would flag is masked here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mcpaudit.secrets import key_kind, mask_secrets

_FLAG_EQ = re.compile(r"^(--?[A-Za-z0-9_.-]+=|[A-Za-z_][A-Za-z0-9_.-]*=)(.+)$", re.DOTALL)


def mask_secret_like(text: str) -> str:
    return mask_secrets(text)


def mask_arg(arg: str, previous: str | None = None) -> str:
    """One argument, masked; `previous` is the argument before it (`--token VALUE`)."""
    m = _FLAG_EQ.match(arg)
    if m and "://" not in m.group(1):
        key = m.group(1).rstrip("=")
        return m.group(1) + mask_secrets(m.group(2), key)
    if previous and previous.startswith("-") and "=" not in previous and key_kind(previous):
        return mask_secrets(arg, previous)
    return mask_secrets(arg)


def mask_args(args: Sequence[str]) -> list[str]:
    return [mask_arg(a, args[i - 1] if i else None) for i, a in enumerate(args)]


def mask_url(url: str) -> str:
    """Mask a URL's password and secret-looking query values (and any token in it)."""
    return mask_secrets(url)
