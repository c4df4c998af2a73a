"""config_permissions: chmod 600, so other accounts on the machine cannot read the file."""

from __future__ import annotations

import stat

from mcpaudit.model import Edit, Finding, Fix

from .registry import FixContext, make_fix, provides

PRIVATE = 0o600


def chmod_fix(finding: Finding, ctx: FixContext, kind: str, why: str) -> Fix | None:
    cfg = ctx.file(finding.file)
    if cfg is None or cfg.mode is None:
        return None
    mode = stat.S_IMODE(cfg.mode)
    if not mode & 0o077:
        return None
    return make_fix(
        finding,
        kind,
        f"chmod 600 {cfg.path} (now {mode:04o}): {why}",
        True,
        [Edit("chmod", "", PRIVATE)],
    )


@provides("config_permissions")
def tighten_permissions(finding: Finding, ctx: FixContext) -> Fix | None:
    return chmod_fix(finding, ctx, "chmod", "only you can read and write it")
