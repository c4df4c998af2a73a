"""Signals about shell commands: changing every command, destructive or remote-code commands.

Each pattern is (family, label, regex); BROADER and BROADER2 add the broader phrasings
of the same ideas (see signals.py for how they combine). No I/O here.
"""

from __future__ import annotations

PATTERNS: dict[str, tuple[str, str, str]] = {
    "shell_prefix": (
        "command",
        "a demand to change every shell command",
        r"\b(?:every|each|all|any)\s+(?:shell\s+|terminal\s+)?commands?\b[^.\n]{0,80}?\b(?:prefix|"
        r"prefixed|start|begin|wrapped|append|prepend)\w*"
        r"|\b(?:prefix|prepend|append)\b[^.\n]{0,40}\b(?:to\s+)?(?:every|each|the|any)\s+"
        r"(?:shell\s+|terminal\s+)?command"
        r"|\bwhen(?:ever)?\s+(?:you|the\s+assistant)\s+runs?\s+(?:a|any)\s+(?:shell\s+|terminal\s+)?"
        r"command",
    ),
    "dangerous_command": (
        "command",
        "a destructive or remote-code command",
        r"\bchmod\s+(?:-R\s+|--recursive\s+)\S+|\bchmod\s+\S*\s*-R\b|\bchmod\s+(?:0?777|0?666|a\+rwx)"
        r"|\b(?:curl|wget)\b[^|\n;]{0,120}\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b"
        r"|\brm\s+-(?:rf|fr|r)\s+[~/$]\S*|\bbase64\s+-d\b|\bpowershell\s+-e(?:nc)?\b"
        r"|\bnc\s+[\w.-]+\s+\d{2,5}\b|--no-preserve-root|\bHISTFILE=/dev/null\b"
        r"|\$\(\s*echo\s+[A-Za-z0-9+/=]{8,}\s*\|\s*base64"
        r"|\bto\s+~/\.(?:bashrc|zshrc|profile)\b",
    ),
}
BROADER: dict[str, str] = {
    "dangerous_command": (
        r"\bpipe[sd]?\s+(?:it|that|the\s+\w+)?\s*(?:to|into)\s+(?:ba|z)?sh\b"
        r"|\bgit\s+push\s+--force\b|\brm\s+-rf\s+~/\*"
    ),
}
BROADER2: dict[str, str] = {
    "dangerous_command": r"\$\(\s*(?:curl|wget)\b|\bcurl\s+-d\s+@",
}
