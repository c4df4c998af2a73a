"""insecure_transport: http:// -> https:// (ws:// -> wss://). Unsafe: the server must
answer on TLS at the same address."""

from __future__ import annotations

from mcpaudit.model import Edit, Finding, Fix

from .registry import FixContext, make_fix, provides

_UPGRADE = (("http://", "https://"), ("ws://", "wss://"))


@provides("insecure_transport")
def use_tls(finding: Finding, ctx: FixContext) -> Fix | None:
    value = ctx.value(finding)
    if not isinstance(value, str):
        return None
    for old, new in _UPGRADE:
        if value[: len(old)].lower() == old:
            return make_fix(
                finding,
                "tls",
                f"use {new} instead of {old} (the server must support TLS)",
                False,
                [Edit("set", finding.location.pointer, new + value[len(old) :])],
            )
    return None
