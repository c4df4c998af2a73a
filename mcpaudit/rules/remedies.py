"""Remediation text that fits the finding's client.

A rule's own remediation is written for every client at once. Where the advice depends on
what the client can do — how (or whether) it refers to a secret kept elsewhere, which
switch turns auto-approval off — the finding gets the sentence for its own client instead:
Claude Desktop is never told to write `${env:NAME}`, which it passes to the server as
those eleven characters. The syntaxes are the ones in `docs/clients.md` (and the
"references" line of each client in `clients/catalog.py`); sources are listed there.

`fit()` runs after each rule (see `registry.run_rules`); it only reads the model, no I/O.
"""

from __future__ import annotations

import stat
from dataclasses import replace
from typing import TYPE_CHECKING

from mcpaudit.clients.catalog import BY_ID

if TYPE_CHECKING:
    from mcpaudit.model import Finding
    from mcpaudit.rules.registry import RuleContext

# How a client refers to a secret kept elsewhere, as a phrase that ends "…, then rotate".
# `env` = usable in env values, `any` = also in args, URLs and headers.
_REFS: dict[str, tuple[str, str]] = {
    "claude-code": ("any", "write `${NAME}` (or `${NAME:-default}`) in its place"),
    "copilot-cli": ("any", "write `${NAME}` (or `$NAME`) in its place"),
    "vscode": (
        "any",
        "write `${input:name}` in its place with a `promptString` input (`password: true`: "
        "VS Code asks once and keeps it in its secret storage), or `${env:NAME}`",
    ),
    "cursor": ("any", "write `${env:NAME}` in its place (or load it from an `envFile`)"),
    "windsurf": ("any", "write `${env:NAME}` (or `${file:/path}`) in its place"),
    "roo-code": ("any", "write `${env:NAME}` in its place"),
    "gemini-cli": ("any", "write `$NAME` or `${NAME}` in its place"),
    "kiro": ("env", "write `${NAME}` in its place (Kiro expands it in `env` only)"),
    "opencode": ("any", "write `{env:NAME}` (or `{file:path}`) in its place"),
    "codex": (
        "any",
        'drop the value and name the variable instead (`env_vars = ["NAME"]`; for headers '
        "`bearer_token_env_var` or `env_http_headers`): Codex passes it from its environment",
    ),
    "goose": (
        "env",
        "drop the value and list the name in `env_keys` (Goose keeps it in the OS keyring)",
    ),
    "continue": (
        "any",
        "write `${{ secrets.NAME }}` in its place (Continue reads it from "
        "`~/.continue/.env` or the hub)",
    ),
}

# Clients with a documented place for local secrets other than a reference syntax.
_OWN_PLACE = {
    "devin-cli": "Keep it in the gitignored `.devin/config.local.json` instead of the shared file",
}

_LAUNCHER = (
    "move it into the OS keychain and start the server through the keychain launcher "
    "`mcpaudit run` (`mcpaudit fix --unsafe --rule {rule}` does both, diff first and "
    "undoable; it needs the `keyring` extra)"
)

_APPROVAL: dict[str, dict[str, str]] = {
    "MCP602": {
        "gemini-cli": "Remove `trust: true` from the server, so Gemini CLI asks before each "
        "of its tool calls; allow single read-only tools instead.",
        "codex": 'Set the server\'s `default_tools_approval_mode` to "prompt" (or remove it) and '
        "approve single read-only tools instead.",
        "vscode": "Remove `sandboxEnabled: true` unless you have checked what the sandbox "
        "allows: inside it every tool call is approved.",
    },
    "MCP603": {
        "vscode": "Remove `chat.tools.global.autoApprove` / `chat.tools.autoApprove` and set "
        "`chat.permissions.default` back to a mode that asks.",
        "claude-code": "Set `permissions.defaultMode` to something other than "
        "`bypassPermissions` (and do not start Claude Code with "
        "`--dangerously-skip-permissions`).",
        "zed": 'Set `agent.tool_permissions.default` to "confirm" and drop '
        "`agent.always_allow_tool_actions`.",
        "goose": "Set `GOOSE_MODE` to `approve` or `smart_approve`.",
        "codex": 'Set `approval_policy = "on-request"`.',
        "opencode": 'Set `permission` to "ask" (for every tool, or at least for bash, edit '
        "and MCP tools).",
        "antigravity": 'Set `toolPermission` to "request-review".',
    },
    "MCP604": {
        "claude-code": "Drop `enableAllProjectMcpServers` (and `enabledMcpjsonServers`) and "
        "approve a project's servers one by one after reading their command.",
        "zed": "Drop `session.trust_all_worktrees` and trust projects one by one after reading "
        "the context servers they define.",
    },
}

_SECRET_RULES = frozenset({"MCP101", "MCP102", "MCP103", "MCP104", "MCP105", "MCP110", "MCP710"})
RULES = _SECRET_RULES | frozenset(_APPROVAL)


def fit(finding: Finding, ctx: RuleContext) -> Finding:
    """The finding with the remediation for its own client (unchanged when generic fits)."""
    if finding.rule_id not in RULES or not finding.client:
        return finding
    if finding.rule_id in _APPROVAL:
        text = _APPROVAL[finding.rule_id].get(finding.client)
    else:
        text = _secret(finding, ctx)
    return replace(finding, remediation=text) if text else finding


def _name(client: str) -> str:
    spec = BY_ID.get(client)
    return spec.name if spec else client


def _private(finding: Finding, ctx: RuleContext) -> bool:
    """The config file is already closed to other accounts (chmod 600 was done)."""
    f = ctx.file(finding.file) if finding.file else None
    return f is not None and f.mode is not None and not stat.S_IMODE(f.mode) & 0o077


def _secret(finding: Finding, ctx: RuleContext) -> str | None:
    rule, client = finding.rule_id, finding.client or ""
    name = _name(client)
    scope, how = _REFS.get(client, (None, None))
    # An argument (MCP104/710) moves into `env`, where every reference syntax works.
    in_env = rule in ("MCP101", "MCP110", "MCP104", "MCP710")
    usable = how is not None and (scope == "any" or in_env)
    use = f" In {name}: {how}." if usable else ""
    if rule in ("MCP104", "MCP710"):
        fill = (
            "its value taken from the environment" + use
            if usable
            else f"filled by `mcpaudit run` from the OS keychain ({name} has no reference "
            "syntax, so a literal `env` value would only move the secret)."
        )
        again = " Restart the server, then" if rule == "MCP710" else " Then"
        return (
            f"Pass the secret to the server as an `env` variable instead of an argument, "
            f"{fill}{again} rotate the credential."
        )
    if rule == "MCP103":
        if usable:
            return (
                "Remove the credential from the URL (user:password@ or ?token=…) and send it "
                f"from an environment variable or secret input instead.{use} Then rotate it."
            )
        return (
            "Remove the credential from the URL (user:password@ or ?token=…). "
            f"{name} cannot fill a URL from elsewhere: for a local server, pass it as an `env` "
            "variable through `mcpaudit run` (OS keychain) if the server reads one; for a "
            "remote one, use its OAuth login if it has one. Then rotate the credential."
        )
    private = _private(finding, ctx)
    done = (
        "The file is already private to you (0600): other accounts cannot read it, but the "
        "secret is still in it. "
        if private
        else ""
    )
    if rule == "MCP110":
        if usable:
            return (
                "Restrict the file to its owner (`chmod 600 FILE`), then move the secret out "
                f"of it.{use}"
            )
        return (
            f"Restrict the file to its owner (`chmod 600 FILE`). {name} cannot refer to a "
            "secret kept elsewhere, so to get it out of the file, "
            + _LAUNCHER.format(rule="MCP101")
            + "."
        )
    if usable:
        return f"{done}Move the value out of the file and rotate the exposed credential.{use}"
    if client in _OWN_PLACE:
        return f"{done}{_OWN_PLACE[client]}; then rotate the exposed credential."
    what = {"MCP101": "`env` values", "MCP102": "headers"}.get(rule, "this value")
    if how is not None:  # a reference syntax, but not in this place (Goose, Kiro: env only)
        why = f"{name} expands references only in `env`, not in {what}"
    else:
        why = (
            f"{name} passes {what} to the server literally (it expands no references), so "
            "the value cannot be replaced by one there"
        )
    if rule == "MCP101":
        fix = _LAUNCHER.format(rule=rule)
        if not private:  # the chmod is what `mcpaudit fix` does without --unsafe
            fix += "; until then `chmod 600` the file so other accounts cannot read it"
    elif rule == "MCP102":
        fix = "use the server's OAuth login if it offers one, or keep the file private to you"
    else:
        fix = "use the client's own login or secret storage if it has one, or keep the file "
        fix += "private to you"
    return f"{done}{why}: {fix}. Then rotate the exposed credential."
