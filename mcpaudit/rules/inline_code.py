"""MCP306-308: code handed to an interpreter on the command line (`python -c`, `node -e`).

A server entry can be a whole program: `python3 -c "import urllib.request…; exec(…)"`,
`node -e`, `deno eval`, `bun -e`, `perl -e`, `ruby -e`, `php -r`, `osascript -e`. The code
is read by `mcpaudit.inlinecode` (Python with `ast`, JavaScript/TypeScript with
tree-sitter, the others with patterns) and graded like the server-code rules: what it
runs, where that comes from (the network, a decoded blob) and what it reads.
"""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.inlinecode import InlineCode, Traits, analyse, inline_code, nested_inline_code
from mcpaudit.model import Finding, Server, Severity
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line
from mcpaudit.secrets_mask import mask_secret_like

_REMEDIATION = (
    "Start the server from a reviewed, pinned package or a script file you keep under "
    "version control (command + args), not from code written into the config. If you did "
    "not write this entry, remove it and check what it has already run."
)


def _inline(ctx: RuleContext) -> Iterator[tuple[Server, InlineCode, Traits]]:
    for s in ctx.servers:
        found = inline_code(s)
        if found is not None:
            yield s, found, analyse(found)
        for nested in nested_inline_code(s):  # `sh -c "python3 -c …"`, heredocs, pipes
            yield s, nested, analyse(nested)


def evidence(inline: InlineCode, max_len: int = 160) -> str:
    """The code on one line, secrets masked, invisible characters shown (`<U+202E>`)."""
    return one_line(mask_secret_like(inline.code), max_len)


def payload(traits: Traits) -> tuple[Severity, str] | None:
    """MCP307's verdict: reverse shell, download-and-run or decode-and-run."""
    if traits.reverse_shell:
        shown = ", ".join((traits.socket + traits.fd_redirect + traits.shell)[:3])
        return Severity.CRITICAL, f"opens a reverse shell ({shown})"
    if traits.download_exec:
        shown = ", ".join(traits.network[:1] + traits.runs[:2])
        return Severity.CRITICAL, f"downloads code and runs it ({shown})"
    if traits.decode_exec:
        shown = ", ".join(traits.decode[:1] + traits.runs[:2])
        return Severity.HIGH, f"decodes a hidden payload and runs it ({shown})"
    return None


def harvest(traits: Traits) -> tuple[Severity, str] | None:
    """MCP308's verdict: credential stores, a password prompt, the whole environment."""
    if traits.phishing:
        return (
            Severity.CRITICAL,
            f"asks for your password or reads the keychain ({traits.phishing[0]})",
        )
    if traits.credentials:
        where = ", ".join(traits.credentials[:3])
        if traits.network:
            return Severity.HIGH, f"reads credential stores ({where}) and uses the network"
        return Severity.MEDIUM, f"refers to credential stores ({where})"
    if traits.env_dump and traits.network:
        return Severity.HIGH, "sends the whole environment (where API tokens live) over the network"
    return None


def plain(traits: Traits, language: str) -> tuple[Severity, str]:
    """MCP306's verdict for code that is neither a payload nor a harvester."""
    if traits.runs:
        return Severity.HIGH, f"runs code or commands at start ({', '.join(traits.runs[:3])})"
    if traits.network or traits.decode or traits.env_dump:
        what = traits.network[:1] + traits.decode[:1]
        return Severity.MEDIUM, "uses the network or decodes data" + (
            f" ({', '.join(what)})" if what else ""
        )
    if not traits.parsed and language in ("python", "javascript", "typescript"):
        return Severity.MEDIUM, f"does not parse as {language}, so what it does is unknown"
    if not traits.parsed:
        return Severity.LOW, "has no dangerous call mcpaudit's patterns know"
    return Severity.LOW, "only imports and starts something"


@rule(
    "MCP306",
    "inline-interpreter-code",
    "shell_command",
    Severity.MEDIUM,
    "Server is started as code written into the config",
    _REMEDIATION,
)
def inline_interpreter_code(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`python -c`, `node -e`/`-p`/`--eval`, `deno eval`, `bun -e`, `perl -e`, `ruby -e`,
    `php -r` and `osascript -e` run a program that lives in the config as one string: it is
    hard to read there, no package manager or code review ever sees it, and clients show it
    as a plain command. High when the code runs further code or commands (`exec`,
    `subprocess`, `child_process`, `system`), medium when it uses the network or decodes
    data or does not parse, low when it only imports and starts a server. Payloads (MCP307)
    and credential access (MCP308) are reported by their own rules instead. Code inside an
    inline shell script (`sh -c "python3 -c …"`, `bash -lc "node -e …"`, a heredoc or
    `echo … | python3` feeding an interpreter's stdin) is read the same way; there only code
    that runs commands, uses the network or decodes data is reported, since MCP301 already
    reports the script itself."""
    for s, inline, traits in _inline(ctx):
        if payload(traits) or harvest(traits):
            continue
        severity, what = plain(traits, inline.language)
        if inline.nested and not (traits.runs or traits.network or traits.decode):
            continue  # MCP301 already reports the shell script; harmless code adds nothing
        yield r.finding(
            f"server {s.name!r} runs {inline.language} code given to {inline.interpreter}: "
            f"it {what}",
            server=s,
            at=inline.value,
            evidence=evidence(inline),
            severity=severity,
        )


@rule(
    "MCP307",
    "inline-code-payload",
    "shell_command",
    Severity.CRITICAL,
    "Inline interpreter code downloads or decodes code and runs it, or opens a reverse shell",
    _REMEDIATION,
)
def inline_code_payload(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """The shapes of published droppers and backdoors, written as one-liners: code fetched
    from a URL and handed to `exec`/`eval`/a shell (critical: whoever controls the host
    controls your machine, at every start), a socket wired to a shell (a reverse shell:
    critical), or a base64/hex/zlib blob decoded and run (high: the config hides what it
    runs from whoever reads it)."""
    for s, inline, traits in _inline(ctx):
        verdict = payload(traits)
        if verdict is None:
            continue
        severity, what = verdict
        yield r.finding(
            f"server {s.name!r}: the {inline.language} code given to {inline.interpreter} {what}",
            server=s,
            at=inline.value,
            evidence=evidence(inline),
            severity=severity,
        )


@rule(
    "MCP308",
    "inline-code-credentials",
    "shell_command",
    Severity.HIGH,
    "Inline interpreter code reads credential stores or sends the environment away",
    "Remove the entry unless you wrote it for this purpose, and rotate the credentials it "
    "could read (SSH keys, cloud credentials, browser stores, the tokens in your env).",
)
def inline_code_credentials(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Inline code that names `~/.ssh`, `~/.aws/credentials`, a browser's `Login Data` or
    the macOS keychain, or serialises the whole environment, is what credential stealers
    look like. High when the same code uses the network, medium without it; an AppleScript
    password prompt (`display dialog … with hidden answer`, the macOS stealers' trick) or
    a `security find-generic-password` call is critical. Code that also runs a payload is
    reported by MCP307 as well."""
    for s, inline, traits in _inline(ctx):
        verdict = harvest(traits)
        if verdict is None:
            continue
        severity, what = verdict
        yield r.finding(
            f"server {s.name!r}: the {inline.language} code given to {inline.interpreter} {what}",
            server=s,
            at=inline.value,
            evidence=evidence(inline),
            severity=severity,
        )
