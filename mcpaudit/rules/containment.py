"""MCP3xx: how far a server reaches: inline shell scripts, privileged containers, broad paths."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from mcpaudit.model import Finding, Server, Severity, Value
from mcpaudit.rules.launch import basename, docker_run, launch_line, package_ref
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line
from mcpaudit.secrets_mask import mask_secret_like

# ---------------------------------------------------------------- shell

_POSIX_SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "fish", "ash", "busybox"}
_POWERSHELL = {"powershell", "pwsh"}


def inline_script(server: Server) -> tuple[Value, str] | None:
    """(value, script) when the server is a shell running an inline script."""
    line = launch_line(server)
    if not line:
        return None
    head = basename(line[0].text)
    args = line[1:]
    if head in _POSIX_SHELLS:
        for i, a in enumerate(args):
            if re.fullmatch(r"-[a-z]*c[a-z]*", a.text) and i + 1 < len(args):
                return args[i + 1], args[i + 1].text
    if head in _POWERSHELL:
        for i, a in enumerate(args):
            flag = a.text.lower()
            if flag in ("-command", "-c", "/c") and i + 1 < len(args):
                script = " ".join(v.text for v in args[i + 1 :])
                return args[i + 1], script
            if flag in ("-encodedcommand", "-enc", "-ec", "-e") and i + 1 < len(args):
                return args[i + 1], f"-EncodedCommand {args[i + 1].text}"
    if head in ("cmd",) and len(args) >= 2 and args[0].text.lower() in ("/c", "/k"):
        return args[1], " ".join(v.text for v in args[1:])
    if head in ("npx", "npm") and any(a.text in ("-c", "--call") for a in args):
        i = next(i for i, a in enumerate(args) if a.text in ("-c", "--call"))
        if i + 1 < len(args):
            return args[i + 1], args[i + 1].text
    command = server.command
    if (
        command is not None
        and " " in command.text.strip()
        and re.search(r"[|;&`$<>]", command.text)
    ):
        return command, command.text  # a whole shell line written as the command
    return None


def _inline_scripts(ctx: RuleContext) -> Iterator[tuple[Server, Value, str]]:
    """(server, value, script) for every server started through an inline shell script."""
    for s in ctx.servers:
        found = inline_script(s)
        if found is not None:
            yield s, *found


_PIPE_TO_SHELL = re.compile(
    r"(?i)\b(curl|wget|fetch|iwr|irm|invoke-webrequest|invoke-restmethod)\b[^\n]*?"
    r"\|\s*(sudo\s+)?(sh|bash|zsh|dash|ksh|python3?|node|perl|ruby|iex|invoke-expression)\b"
    r"|(sh|bash|zsh)\s+<\(\s*(curl|wget)\b"
    r"|\$\(\s*(curl|wget)\b[^)]*\)"
    r"|(?i:\b(iex|invoke-expression)\b[^\n]*\b(iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring)\b)"
)
_ENCODED = re.compile(
    r"(?i)base64\s+(-d|--decode|-D)\b|frombase64string|-encodedcommand\b|\bb64decode\b|atob\("
)
_EVAL = re.compile(r"\beval\b")
_SUDO = re.compile(r"(?:^|[\s;&|(])(sudo|doas|pkexec|runas)\b")

_SHELL_REMEDIATION = (
    "Start the server binary directly (command + args, no shell), from a reviewed, pinned "
    "package; move any setup into a script you have read and keep under version control."
)


@rule(
    "MCP301",
    "inline-shell-script",
    "shell_command",
    Severity.MEDIUM,
    "Server is started through a shell with an inline script",
    _SHELL_REMEDIATION,
)
def inline_shell(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A server entry whose command is `sh -c "…"`, `cmd /c …` or `powershell -Command …`
    runs an arbitrary script every time the client starts. Such scripts are easy to hide
    payloads in, hard to review in a JSON string, and bypass what the client shows as "the
    command". `eval` makes the script's real content depend on data at run time."""
    for s, value, script in _inline_scripts(ctx):
        if _PIPE_TO_SHELL.search(script) or _ENCODED.search(script):
            continue  # MCP302 / MCP303 report these, at high severity
        has_eval = bool(_EVAL.search(script))
        yield r.finding(
            f"server {s.name!r} runs an inline shell script"
            + (" that uses eval" if has_eval else ""),
            server=s,
            at=value,
            evidence=one_line(mask_secret_like(script), 160),
            severity=Severity.HIGH if has_eval else None,
        )


@rule(
    "MCP302",
    "download-piped-to-shell",
    "shell_command",
    Severity.HIGH,
    "Server start downloads code and pipes it into an interpreter",
    _SHELL_REMEDIATION,
)
def download_to_shell(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`curl … | sh` runs whatever the remote host serves at that moment, unverified, on
    every start. Anyone controlling the host, the DNS, or (over http) the network path
    controls your machine; nothing is pinned and nothing is left to review afterwards."""
    for s, value, script in _inline_scripts(ctx):
        if _PIPE_TO_SHELL.search(script):
            yield r.finding(
                f"server {s.name!r} downloads a script and runs it",
                server=s,
                at=value,
                evidence=one_line(mask_secret_like(script), 160),
            )


@rule(
    "MCP303",
    "encoded-shell-payload",
    "shell_command",
    Severity.HIGH,
    "Server start decodes and runs an encoded payload",
    _SHELL_REMEDIATION,
)
def encoded_payload(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Base64-decoded scripts and `powershell -EncodedCommand` hide what is run from the
    person reading the config. Legitimate servers have no reason to do this; malware
    droppers do it all the time."""
    for s, value, script in _inline_scripts(ctx):
        if _ENCODED.search(script):
            yield r.finding(
                f"server {s.name!r} decodes an encoded payload and runs it",
                server=s,
                at=value,
                evidence=one_line(mask_secret_like(script), 120),
            )


_WORLD_WRITABLE = re.compile(
    r"^(/tmp/|/var/tmp/|/dev/shm/|/private/tmp/|/private/var/tmp/|"
    r"(?i:[a-z]:[\\/](windows[\\/])?temp[\\/])|(?i:%temp%|%tmp%|\$tmpdir|\$\{tmpdir\}))"
)
_INTERPRETERS = {"node", "python", "python3", "deno", "bun", "ruby", "perl", "php", "java"}
_INTERPRETERS |= _POSIX_SHELLS


def exec_targets(server: Server) -> list[Value]:
    """The program a server starts and, for an interpreter, the script it is given."""
    line = launch_line(server)
    if not line:
        return []
    targets = [line[0]]
    if basename(line[0].text) in _INTERPRETERS:
        targets += [v for v in line[1:] if not v.text.startswith("-")][:1]
    return targets


@rule(
    "MCP304",
    "binary-in-world-writable-dir",
    "shell_command",
    Severity.HIGH,
    "Server runs a program from a world-writable directory",
    "Install the server into a directory only you can write (e.g. ~/.local/bin or a "
    "package manager's location) and point the config there.",
)
def world_writable_binary(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A program or script that other local users can replace runs with your rights the next
    time the client starts it. When the path exists, its real permission chain is checked:
    the file writable by others, or any directory above it writable by others without the
    sticky bit, or owned by another user (high), so a private 0700 folder under /tmp is fine
    and a world-writable ~/bin is not. A path under /tmp, /var/tmp, /dev/shm or %TEMP% that
    does not exist (yet) is medium: temporary folders are cleaned, and anyone may recreate
    the path. Code a launcher leads to (start.sh -> /tmp/x/server.js) is checked by prefix."""
    from mcpaudit.collect.paths import PATHS, PathCheck

    checks = ctx.extra.get(PATHS)
    checks = checks if isinstance(checks, dict) else None
    launched = _launched_roots(ctx)
    for s in ctx.servers:
        reported = False
        for v in exec_targets(s):
            check = checks.get(v.text) if checks is not None else None
            prefixed = bool(_WORLD_WRITABLE.match(v.text.strip()))
            if isinstance(check, PathCheck) and check.exists:
                if check.weak is None:
                    continue
                message = (
                    f"server {s.name!r} runs {v.text!r}, which others can replace: {check.weak}"
                )
                severity = None
            elif prefixed:
                known_absent = isinstance(check, PathCheck)
                message = f"server {s.name!r} runs {v.text!r} from a world-writable directory" + (
                    " (it does not exist now: whoever recreates it runs as you)"
                    if known_absent
                    else ""
                )
                severity = Severity.MEDIUM if known_absent else None
            else:
                continue
            yield r.finding(message, server=s, at=v, evidence=one_line(v.text), severity=severity)
            reported = True
            break
        if reported:
            continue
        # The code a launcher leads to (start.sh -> /tmp/x/server.js), as the code scan
        # found it: the first script may be safe while the real one is not.
        for root in launched.get(s.id, ()):
            if _WORLD_WRITABLE.match(root.path):
                yield r.finding(
                    f"server {s.name!r} runs code from a world-writable directory:"
                    f" {root.path} ({root.how})",
                    server=s,
                    evidence=one_line(root.path),
                )
                break


def _launched_roots(ctx: RuleContext) -> dict[str, list]:  # type: ignore[type-arg]
    """Code the source scan reached through a launcher or wrapper, per server id."""
    from mcpaudit.collect.launchers import LAUNCHED
    from mcpaudit.collect.results import SOURCE, SourceScan

    scan = ctx.extra_of(SOURCE, SourceScan)
    roots: dict[str, list] = {}  # type: ignore[type-arg]
    for root in scan.roots if scan is not None else ():
        if LAUNCHED in root.how:
            roots.setdefault(root.server_id, []).append(root)
    return roots


@rule(
    "MCP305",
    "server-runs-sudo",
    "shell_command",
    Severity.HIGH,
    "Server is started with sudo or another privilege switch",
    "Run the server as your normal user; grant it only the specific access it needs.",
)
def runs_sudo(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """An MCP server started through sudo/doas/pkexec runs as root: every tool call the
    model makes, including ones triggered by prompt injection, acts with full control of
    the machine. A password-less sudo rule makes it silent."""
    for s in ctx.servers:
        line = launch_line(s)
        if not line:
            continue
        if basename(line[0].text) in ("sudo", "doas", "pkexec", "runas", "gsudo"):
            yield r.finding(
                f"server {s.name!r} is started as root via {basename(line[0].text)}",
                server=s,
                at=line[0],
                evidence=one_line(line[0].text),
            )
            continue
        found = inline_script(s)
        if found and _SUDO.search(found[1]):
            yield r.finding(
                f"server {s.name!r} runs sudo inside its start script",
                server=s,
                at=found[0],
                evidence=one_line(mask_secret_like(found[1]), 160),
            )


# ---------------------------------------------------------------- docker

_DOCKER_REMEDIATION = (
    "Drop the flag; run the container with `--read-only --cap-drop ALL "
    "--security-opt no-new-privileges`, no host namespaces, and mount only the one "
    "project folder it needs (read-only where possible)."
)


@rule(
    "MCP310",
    "docker-privileged",
    "dangerous_docker",
    Severity.HIGH,
    "Container runs with --privileged",
    _DOCKER_REMEDIATION,
)
def docker_privileged(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`--privileged` gives the container every capability and access to all host devices:
    escaping to root on the host is a documented one-liner. The container is then no
    boundary at all for a malicious or prompt-injected server."""
    for s in ctx.servers:
        run = docker_run(s)
        flag = run.has_flag("--privileged") if run else None
        if flag is not None:
            yield r.finding(
                f"server {s.name!r} runs a privileged container",
                server=s,
                at=flag,
                evidence=flag.text,
            )


_SOCKETS = ("/var/run/docker.sock", "/run/docker.sock", "//./pipe/docker_engine")
_SENSITIVE_HOME = (".ssh", ".aws", ".gnupg", ".kube", ".docker", ".password-store", ".azure")


def _expand_home(path: str, home: str) -> str:
    p = path.strip().strip('"').strip("'")
    for token in ("${userHome}", "${HOME}", "$HOME", "%USERPROFILE%", "${env:HOME}", "{env:HOME}"):
        if p.startswith(token):
            p = home + p[len(token) :]
    if p == "~" or p.startswith("~/"):
        p = home + p[1:]
    return p


def classify_path(path: str, home: str) -> tuple[str, Severity] | None:
    """Why a host path is too broad to hand to a server, with how bad it is; None if fine."""
    p = _expand_home(path, home).replace("\\", "/")
    if re.fullmatch(r"[A-Za-z]:/?", p):
        return "the whole drive", Severity.HIGH
    if not p.startswith("/"):
        return None
    p = posixpath.normpath(p)
    if p.startswith("//"):
        p = p[1:]
    homes = {posixpath.normpath(home.replace("\\", "/"))}
    m = re.fullmatch(r"(/home|/Users|/[A-Za-z]:/Users)/[^/]+", p)
    if m:
        homes.add(p)
    if p in _SOCKETS:
        return "the Docker socket (root on the host)", Severity.CRITICAL
    if p == "/":
        return "the root of the file system", Severity.HIGH
    if p in homes:
        return "the whole home directory", Severity.HIGH
    if p in ("/home", "/Users", "/root"):
        return f"{p} (every user's files)" if p != "/root" else "root's home", Severity.HIGH
    for h in homes:
        for name in _SENSITIVE_HOME:
            if p == f"{h}/{name}" or p.startswith(f"{h}/{name}/"):
                return f"~/{name} (credentials)", Severity.HIGH
        if p == f"{h}/.config":
            return "~/.config (every app's settings and tokens)", Severity.MEDIUM
    if p == "/etc" or p.startswith("/etc/"):
        return "/etc (system configuration)", Severity.MEDIUM
    if p in ("/var", "/usr", "/bin", "/sbin", "/boot", "/proc", "/sys", "/dev"):
        return f"{p} (a system directory)", Severity.MEDIUM
    return None


def _mount_source(option: str, value: str) -> str | None:
    if option in ("-v", "--volume"):
        drive = value[:2] if re.match(r"^[A-Za-z]:[\\/]", value) else ""  # C:\\x:/dst
        parts = value[len(drive) :].split(":")
        return drive + parts[0] if len(parts) >= 2 else None
    for field in value.split(","):
        key, _, val = field.partition("=")
        if key.strip() in ("source", "src"):
            return val
    return None


@rule(
    "MCP311",
    "docker-sensitive-mount",
    "dangerous_docker",
    Severity.HIGH,
    "Container mounts a sensitive host path",
    _DOCKER_REMEDIATION,
)
def docker_sensitive_mount(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Mounting `/`, the home directory, `/etc`, `~/.ssh`, `~/.aws` or the Docker socket
    hands the server your keys and credentials or, with the socket, root on the host —
    the container stops being a boundary."""
    for s in ctx.servers:
        run = docker_run(s)
        if run is None:
            continue
        mounts = [("-v", v, t) for v, t in run.values_of("-v", "--volume")]
        mounts += [("--mount", v, t) for v, t in run.values_of("--mount")]
        for option, value, text in mounts:
            source = _mount_source(option, text)
            found = classify_path(source, ctx.home) if source else None
            if found:
                what, severity = found
                yield r.finding(
                    f"server {s.name!r} mounts {what} into its container",
                    server=s,
                    at=value,
                    evidence=one_line(text),
                    severity=severity,
                )


@rule(
    "MCP312",
    "docker-host-namespace",
    "dangerous_docker",
    Severity.MEDIUM,
    "Container shares a host namespace",
    _DOCKER_REMEDIATION,
)
def docker_host_namespace(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`--network host` lets the server reach every service listening on the host's
    loopback (databases, admin UIs, other MCP servers); `--pid host` lets it see and signal
    your processes; `--ipc`/`--uts`/`--userns host` remove further isolation."""
    for s in ctx.servers:
        run = docker_run(s)
        if run is None:
            continue
        for names in (("--network", "--net"), ("--pid",), ("--ipc",), ("--uts",), ("--userns",)):
            for value, text in run.values_of(*names):
                if text.strip().lower() == "host":
                    yield r.finding(
                        f"server {s.name!r} uses the host's {names[0].lstrip('-')} namespace",
                        server=s,
                        at=value,
                        evidence=f"{names[0]} host",
                    )


_BAD_CAPS = {
    "ALL",
    "SYS_ADMIN",
    "SYS_PTRACE",
    "SYS_MODULE",
    "DAC_READ_SEARCH",
    "NET_ADMIN",
    "SYS_RAWIO",
}


@rule(
    "MCP313",
    "docker-weakened-isolation",
    "dangerous_docker",
    Severity.HIGH,
    "Container gets dangerous capabilities or runs unconfined",
    _DOCKER_REMEDIATION,
)
def docker_capabilities(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`--cap-add SYS_ADMIN` (or `ALL`) is close to `--privileged`: mounts, namespaces and
    known container escapes become possible. `seccomp=unconfined` / `apparmor=unconfined`
    remove the kernel filters that block many of those escapes."""
    for s in ctx.servers:
        run = docker_run(s)
        if run is None:
            continue
        for value, text in run.values_of("--cap-add"):
            caps = {c.strip().upper().removeprefix("CAP_") for c in text.split(",")}
            bad = sorted(caps & _BAD_CAPS)
            if bad:
                yield r.finding(
                    f"server {s.name!r} adds capabilities {', '.join(bad)} to its container",
                    server=s,
                    at=value,
                    evidence=f"--cap-add {text}",
                )
        for value, text in run.values_of("--security-opt"):
            t = text.replace(":", "=").lower()
            if t in (
                "seccomp=unconfined",
                "apparmor=unconfined",
                "label=disable",
                "systempaths=unconfined",
            ):
                yield r.finding(
                    f"server {s.name!r} turns off a container security profile ({text})",
                    server=s,
                    at=value,
                    evidence=f"--security-opt {text}",
                    severity=Severity.MEDIUM,
                )


# ---------------------------------------------------------------- file system

FILESYSTEM_PACKAGES = {
    "@modelcontextprotocol/server-filesystem",
    "mcp-server-filesystem",
    "@cyanheads/filesystem-mcp-server",
    "@mark3labs/mcp-filesystem-server",
    "fast-filesystem-mcp",
    "@rust-mcp-stack/rust-mcp-filesystem",
    "mcp-filesystem-server",
    "filesystem-mcp",
}
_PATHLIKE = re.compile(r"^(/|~|\$HOME|\$\{HOME\}|\$\{userHome\}|%USERPROFILE%|[A-Za-z]:[\\/])")
_FLAG_PATH = re.compile(r"^--?[A-Za-z][\w-]*=(.+)$")


def _is_filesystem_server(server: Server) -> bool:
    ref = package_ref(server)
    if ref is not None and ref.name in FILESYSTEM_PACKAGES:
        return True
    line = launch_line(server)
    return bool(line) and basename(line[0].text) in {"mcp-filesystem-server", "rust-mcp-filesystem"}


@rule(
    "MCP320",
    "broad-filesystem-access",
    "broad_filesystem",
    Severity.HIGH,
    "Server is given the whole disk, the home directory or a credentials folder",
    "Give the server only the project directories it needs (e.g. one repository), never "
    "`/`, `~`, or folders holding keys such as ~/.ssh and ~/.aws.",
)
def broad_filesystem(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """File-system servers act on whatever directories their arguments allow. Handing one `/`
    or your home directory lets any prompt injection read SSH keys, cloud credentials, browser
    profiles and every other secret on disk — and write to shell start-up files. Scoping the
    server to one project directory keeps a mistake contained."""
    for s in ctx.servers:
        is_fs = _is_filesystem_server(s)
        ref = package_ref(s)
        for v in s.args:
            if ref is not None and v is ref.value:
                continue
            text = v.text
            m = _FLAG_PATH.match(text)
            candidate = m.group(1) if m else text
            if not _PATHLIKE.match(candidate.strip()) and not (
                is_fs and candidate.strip() in (".", "..")
            ):
                continue
            found = classify_path(candidate, ctx.home)
            if found is None:
                continue
            what, severity = found
            if not is_fs:
                severity = min(severity, Severity.MEDIUM, key=lambda x: x.rank)
            yield r.finding(
                f"server {s.name!r} is given {what}",
                server=s,
                at=v,
                evidence=one_line(text),
                severity=severity,
            )
