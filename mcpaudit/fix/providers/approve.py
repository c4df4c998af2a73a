"""auto_approve: remove the auto-approve entries, or switch the setting back to asking."""

from __future__ import annotations

from mcpaudit.model import Edit, Finding, Fix

from .. import pointer as ptr
from .registry import FixContext, make_fix, provides

# Setting value -> the value that makes the client ask again.
ASKING = {
    "approve": "prompt",  # Codex default_tools_approval_mode / approval_mode
    "auto": "approve",  # Goose GOOSE_MODE
    "allow": "ask",  # opencode permission
    "always_allow": "ask_before",  # Goose permission.yaml
    "never": "on-request",  # Codex approval_policy
    "trusted": "untrusted",
}
# Switching these off would trade one protection for another (VS Code's sandbox
# auto-approves only while the server is sandboxed): no automatic fix.
NO_FIX = frozenset({"sandboxEnabled"})
# Zed tool_permissions use "confirm" rather than "ask".
_ZED_ASK = "confirm"


@provides("auto_approve")
def stop_auto_approve(finding: Finding, ctx: FixContext) -> Fix | None:
    pointer = finding.location.pointer
    if not pointer:
        return None
    value = ctx.value(finding)
    cfg = ctx.file(finding.file)
    data = cfg.data if cfg else None
    parent, key = ptr.parent(pointer)
    if key in NO_FIX:
        return None
    if isinstance(value, list):
        return make_fix(
            finding,
            "remove",
            f"remove {key} ({len(value)} auto-approved tools)",
            True,
            [Edit("delete", pointer)],
        )
    if isinstance(ptr.get(data, parent, None), list):
        return make_fix(
            finding,
            "remove",
            f"remove {value!r} from the auto-approved list",
            True,
            [Edit("delete", pointer)],
        )
    if value is True:
        return make_fix(finding, "off", f"set {key} to false", True, [Edit("set", pointer, False)])
    if isinstance(value, str):
        lowered = value.lower()
        new = (
            _ZED_ASK
            if (cfg and cfg.client == "zed" and lowered == "allow")
            else ASKING.get(lowered)
        )
        if new is not None:
            return make_fix(
                finding,
                "ask",
                f"set {key} from {value!r} to {new!r}",
                True,
                [Edit("set", pointer, new)],
            )
    return None
