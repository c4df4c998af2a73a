"""What a piece of inline code does, as traits the MCP306-308 rules grade.

Python and JavaScript/TypeScript are parsed (names resolved through their imports, so
`__import__('os').system` is `os.system` and `require("child_process").exec` is
`child_process.exec`); code that does not parse, and the languages mcpaudit has no
parser for, are read with patterns (`scripts.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mcpaudit.collect.patterns import CREDENTIAL_PATH
from mcpaudit.inlinecode.extract import InlineCode
from mcpaudit.inlinecode.javascript import javascript_names
from mcpaudit.inlinecode.names import Names
from mcpaudit.inlinecode.python import python_names
from mcpaudit.inlinecode.scripts import SHELL_STRING, script_traits

_PIPE_OR_FETCH_TO_SHELL = re.compile(
    r"(?i)\b(?:curl|wget)\b[^\n|]*\|\s*(?:sudo\s+)?(?:sh|bash|zsh|python3?|node|perl|ruby)\b"
)
_DECODE_IN_SHELL = re.compile(r"(?i)\bbase64\s+(?:-d|--decode|-D)\b")

# --- Python ---------------------------------------------------------------------------
PY = {
    "network": (
        frozenset({"urlopen", "urlretrieve"}),
        (
            "urllib.request.",
            "urllib.urlopen",
            "urllib2.",
            "requests.",
            "httpx.",
            "http.client.",
            "aiohttp.",
            "urllib3.",
            "ftplib.",
            "smtplib.",
            "socket.",
            "websocket.",
            "websockets.",
        ),
    ),
    "socket": (frozenset({"socket.socket", "socket.create_connection"}), ("socket.socket.",)),
    "exec_code": (
        frozenset(
            {
                "eval",
                "exec",
                "compile",
                "builtins.eval",
                "builtins.exec",
                "runpy.run_path",
                "runpy.run_module",
                "types.FunctionType",
                "marshal.loads",
                "pickle.loads",
                "dill.loads",
            }
        ),
        (),
    ),
    "shell": (
        frozenset(
            {
                "commands.getoutput",
                "asyncio.create_subprocess_shell",
                "asyncio.create_subprocess_exec",
            }
        ),
        (
            "os.system",
            "os.popen",
            "os.exec",
            "os.spawn",
            "os.posix_spawn",
            "subprocess.",
            "pty.spawn",
        ),
    ),
    "decode": (
        frozenset(
            {
                "codecs.decode",
                "bytes.fromhex",
                "zlib.decompress",
                "bz2.decompress",
                "lzma.decompress",
                "gzip.decompress",
                "binascii.a2b_base64",
                "binascii.unhexlify",
                "marshal.loads",
            }
        ),
        (
            "base64.b64decode",
            "base64.b32decode",
            "base64.b85decode",
            "base64.a85decode",
            "base64.b16decode",
            "base64.decode",
            "base64.standard_b64decode",
            "base64.urlsafe_b64decode",
        ),
    ),
    "fd_redirect": (frozenset({"os.dup2", "pty.spawn"}), ()),
}

# --- JavaScript / TypeScript -----------------------------------------------------------
JS = {
    "network": (
        frozenset(
            {
                "fetch",
                "XMLHttpRequest",
                "WebSocket",
                "axios",
                "got",
                "node-fetch",
                "Deno.connect",
                "Bun.connect",
            }
        ),
        ("http.", "https.", "axios.", "undici.", "net.", "tls.", "dgram.", "got."),
    ),
    "socket": (
        frozenset(
            {
                "net.connect",
                "net.createConnection",
                "net.Socket",
                "tls.connect",
                "Deno.connect",
                "Bun.connect",
                "dgram.createSocket",
            }
        ),
        ("net.Socket.",),
    ),
    "exec_code": (
        frozenset(
            {
                "eval",
                "Function",
                "import",
                "vm.runInNewContext",
                "vm.runInThisContext",
                "vm.runInContext",
                "vm.compileFunction",
                "vm.Script",
                "module._compile",
                "Module._compile",
                "globalThis.eval",
                "window.eval",
                "$.NSAppleScript",
            }
        ),
        (),
    ),
    "shell": (
        frozenset(
            {
                "execa",
                "shelljs.exec",
                "Bun.spawn",
                "Bun.spawnSync",
                "Bun.$",
                "Deno.run",
                "Deno.Command",
                "app.doShellScript",
                "$.NSTask",
                "cross-spawn",
            }
        ),
        ("child_process.", "execa.", "cross-spawn."),
    ),
    "decode": (
        frozenset(
            {
                "atob",
                "zlib.inflateSync",
                "zlib.gunzipSync",
                "zlib.inflate",
                "zlib.gunzip",
                "zlib.brotliDecompressSync",
                "zlib.inflateRawSync",
            }
        ),
        (),
    ),
    "fd_redirect": (frozenset(), ()),
}


@dataclass(frozen=True)
class Traits:
    """What the code does; each trait keeps the names that show it (for the message)."""

    parsed: bool  # read by a parser (Python, JS/TS); False: patterns only
    network: tuple[str, ...] = ()
    socket: tuple[str, ...] = ()
    exec_code: tuple[str, ...] = ()
    shell: tuple[str, ...] = ()
    decode: tuple[str, ...] = ()
    fd_redirect: tuple[str, ...] = ()
    credentials: tuple[str, ...] = ()  # credential stores the code names
    phishing: tuple[str, ...] = ()  # asks for a password in a fake dialog (AppleScript)
    env_dump: bool = False

    @property
    def runs(self) -> tuple[str, ...]:
        return self.exec_code + self.shell

    @property
    def reverse_shell(self) -> bool:
        return bool(self.socket) and bool(self.fd_redirect or self.shell)

    @property
    def download_exec(self) -> bool:
        return bool(self.network) and bool(self.runs)

    @property
    def decode_exec(self) -> bool:
        return bool(self.decode) and bool(self.runs)


@lru_cache(maxsize=4096)
def analyse(inline: InlineCode) -> Traits:
    """The traits of one piece of inline code (never raises)."""
    code = inline.code
    names: Names | None = None
    table = None
    if inline.language == "python":
        names, table = python_names(code), PY
    elif inline.language in ("javascript", "typescript"):
        try:
            names = javascript_names(code, inline.language)
        except Exception:  # a grammar problem: fall back to patterns, never crash a scan
            names = None
        table = JS
    found: dict[str, list[str]] = {}
    parsed = names is not None and table is not None
    if names is not None and table is not None:
        for trait, (exact, prefixes) in table.items():
            hits = names.any_of(exact, prefixes)
            if hits:
                found[trait] = hits
        strings = names.strings
        if (
            inline.language != "python"
            and "Buffer.from" in names.calls
            and any(s in ("base64", "hex", "base64url") for s in strings)
        ):
            found.setdefault("decode", []).append("Buffer.from(…, 'base64')")
        if any(SHELL_STRING.search(s) for s in strings) and found.get("socket"):
            found.setdefault("fd_redirect", []).append("a shell wired to the socket")
        env_dump = names.whole_environ
    else:
        # No parser for the language (or the code does not parse): patterns.
        language = (
            inline.language
            if inline.language in ("perl", "ruby", "php")
            else ("applescript" if inline.language == "applescript" else "perl")
        )
        found = script_traits(code, language)
        strings = [code]
        env_dump = bool(re.search(r"%ENV|ENV\.to_h|getenv\(\)|\$_ENV|printenv|\benv\s*\|", code))
    # Shell one-liners inside the code's strings (`os.system("curl … | sh")`).
    text = "\n".join(strings)
    if _PIPE_OR_FETCH_TO_SHELL.search(text):
        found.setdefault("network", []).append("curl … | sh")
        found.setdefault("shell", []).append("curl … | sh")
    if _DECODE_IN_SHELL.search(text):
        found.setdefault("decode", []).append("base64 -d")
    credentials = sorted(
        {m.group(0).strip("/\\~") for s in strings for m in CREDENTIAL_PATH.finditer(s[:4096])}
    )
    if found.get("socket"):
        found.setdefault("network", []).extend(found["socket"])
    return Traits(
        parsed=parsed,
        network=tuple(dict.fromkeys(found.get("network", ()))),
        socket=tuple(found.get("socket", ())),
        exec_code=tuple(found.get("exec_code", ())),
        shell=tuple(found.get("shell", ())),
        decode=tuple(found.get("decode", ())),
        fd_redirect=tuple(found.get("fd_redirect", ())),
        credentials=tuple(credentials),
        phishing=tuple(found.get("phishing", ())),
        env_dump=env_dump,
    )
