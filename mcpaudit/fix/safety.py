"""Fix safety, per kind of fix: the one table the providers, `--unsafe` and the rule docs share.

Safe means the client and its servers behave as before (like ruff's fix safety): same
servers start, with the same arguments, environment and reach, and every tool still runs.
Everything else is unsafe and needs `--unsafe` (CLI) or typing `yes` (TUI). Asking for a
confirmation before a tool call is "as before": the tool still runs once you say yes.
A test checks every fix the providers make against this table.
"""

from __future__ import annotations

# (rule id or finding category, fix kind) -> (safe, why). The rule id wins.
SAFETY: dict[tuple[str, str], tuple[bool, str]] = {
    ("config_permissions", "chmod"): (
        True,
        "chmod 600: the client runs as you and still reads the file; only other accounts lose "
        "access",
    ),
    ("secret_in_config", "chmod-secret"): (
        True,
        "chmod 600 where the client cannot read the secret from anywhere else: nothing changes "
        "for the client",
    ),
    ("secret_in_args", "chmod-secret"): (True, "as for secret_in_config"),
    ("secret_in_config", "secret"): (
        False,
        "the value moves out of the file: the client only gets it if the variable is set where "
        "it starts (a GUI app started from the desktop may not see your shell's variables)",
    ),
    ("secret_in_args", "secret"): (False, "as for secret_in_config"),
    ("MCP601", "remove"): (
        True,
        "the tool is no longer auto-approved: it still runs, after you confirm",
    ),
    ("MCP601", "ask"): (True, "the client asks before each tool call; every tool still runs"),
    ("MCP601", "off"): (True, "as above"),
    ("MCP602", "off"): (True, "the server's tool calls are confirmed again; they still run"),
    ("MCP602", "ask"): (True, "as above"),
    ("MCP602", "remove"): (True, "as above"),
    ("MCP603", "off"): (
        False,
        "a client-wide mode: every tool call (built-in ones too) waits for you, and unattended "
        "runs (CI, `codex exec`, `goose run`) stop to ask",
    ),
    ("MCP603", "ask"): (False, "as above"),
    ("MCP603", "remove"): (False, "as above"),
    ("MCP604", "off"): (
        False,
        "project servers no longer start until you approve each one: a project that relied on "
        "them loses its tools until then",
    ),
    ("MCP604", "remove"): (False, "as above"),
    ("unpinned_package", "pin"): (
        False,
        "the server stays on that version instead of taking the newest one at each start",
    ),
    ("unpinned_package", "digest"): (False, "as above: the image stops following its tag"),
    ("unpinned_package", "commit"): (False, "as above: the source stops following its branch"),
    ("known_vulnerable_package", "bump"): (
        False,
        "a newer version of the server runs, which may behave differently",
    ),
    ("dangerous_docker", "docker"): (
        False,
        "the container loses privileges, mounts or host networking it may use",
    ),
    ("broad_filesystem", "narrow"): (
        False,
        "the server no longer reaches anything outside the folder you chose",
    ),
    ("insecure_transport", "https"): (False, "the server must speak TLS, or it stops working"),
    ("insecure_transport", "tls"): (
        False,
        "certificates are checked: a self-signed one stops the connection",
    ),
    ("insecure_transport", "verify"): (False, "as above"),
    ("*", "disable"): (False, "the server no longer starts"),
}


def kind_of(fix_id: str, rule_id: str) -> str:
    """`MCP601-remove-1a2b3c4d5e` -> `remove` (ids are rule-kind-digest)."""
    middle = fix_id[len(rule_id) + 1 :]
    return middle.rsplit("-", 1)[0] if "-" in middle else middle


def lookup(rule_id: str, category: str, kind: str) -> tuple[bool, str] | None:
    for key in ((rule_id, kind), (category, kind), ("*", kind)):
        if key in SAFETY:
            return SAFETY[key]
    return None


def is_safe(rule_id: str, category: str, kind: str, default: bool = False) -> bool:
    found = lookup(rule_id, category, kind)
    return found[0] if found else default


def for_rule(rule_id: str, category: str) -> list[tuple[str, bool, str]]:
    """(kind, safe, why) of every fix a rule's findings can get, for its doc page."""
    out = []
    for (key, kind), (safe, why) in SAFETY.items():
        if key in (rule_id, category) and lookup(rule_id, category, kind) == (safe, why):
            out.append((kind, safe, why))
    return out
