"""Find the inline code in a launch line: which interpreter, which language, which value."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from mcpaudit.model import Server, Value
from mcpaudit.rules.launch import PER_SERVER, basename, launch_line

_PYTHON = re.compile(r"^(?:python|pypy|py)(?:\d+(?:\.\d+)*)?[tw]?$")
_NODE = {"node", "nodejs"}
# Project runners that start an interpreter of the project's environment.
_RUNNERS = {"uv", "poetry", "pipenv", "pdm", "hatch", "rye", "conda", "mamba", "pixi", "mise"}


@dataclass(frozen=True)
class InlineCode:
    language: str  # python | javascript | typescript | perl | ruby | php | applescript
    interpreter: str  # how it was given, e.g. "python3 -c", "deno eval"
    value: Value  # the (first) argument holding the code: its pointer and line
    code: str  # the code (several `-e` arguments joined by newlines)
    nested: bool = False  # found inside a shell script (`sh -c "python3 -c …"`), see shell.py


@lru_cache(maxsize=PER_SERVER)  # several rules ask for the same server
def inline_code(server: Server) -> InlineCode | None:
    """The code a server's interpreter is given on the command line, if any."""
    line = launch_line(server)
    if line and basename(line[0].text) in _RUNNERS:
        starts = [i for i, v in enumerate(line[:8]) if _interpreter(basename(v.text))]
        line = line[starts[0] :] if starts else []
    if not line:
        return None
    head = basename(line[0].text)
    kind = _interpreter(head)
    args = line[1:]
    if kind == "python":
        return _python(head, args)
    if kind == "node":
        return _flagged(head, args, {"-e", "--eval", "-p", "--print", "-pe"}, "javascript")
    if kind == "bun":
        return _flagged(head, args, {"-e", "--eval", "-p", "--print"}, "javascript")
    if kind == "deno":
        return _deno(args)
    if kind == "perl":
        return _multi(head, args, re.compile(r"^-[a-zA-Z]*[eE]$"), ("-M", "-m", "-I"), "perl")
    if kind == "ruby":
        return _multi(head, args, re.compile(r"^-[a-zA-Z]*e$"), ("-r", "-I", "-E"), "ruby")
    if kind == "php":
        return _flagged(head, args, {"-r"}, "php", value_opts={"-d", "-c", "-z"})
    if kind == "osascript":
        language = "applescript"
        for i, a in enumerate(args[:-1]):
            if a.text == "-l" and args[i + 1].text.lower() == "javascript":
                language = "javascript"  # JXA
        found = _multi(head, args, re.compile(r"^-e$"), (), language)
        return found
    return None


def interpreter_kind(head: str) -> str | None:
    """python | node | bun | deno | php | osascript | perl | ruby, or None."""
    return _interpreter(head)


def _interpreter(head: str) -> str | None:
    if _PYTHON.match(head):
        return "python"
    if head in _NODE:
        return "node"
    if head in ("bun", "deno", "php", "osascript"):
        return head
    if re.fullmatch(r"perl(?:5[\d.]*)?", head):
        return "perl"
    if re.fullmatch(r"ruby(?:[\d.]*)?", head):
        return "ruby"
    return None


def _python(head: str, args: Sequence[Value]) -> InlineCode | None:
    i = 0
    while i < len(args):
        text = args[i].text
        if text in ("-W", "-X", "--check-hash-based-pycs"):
            i += 2
            continue
        if re.fullmatch(r"-[a-zA-Z]*c", text) and i + 1 < len(args):
            return InlineCode("python", f"{head} -c", args[i + 1], args[i + 1].text)
        if not text.startswith("-") or text in ("-m", "-"):
            return None  # a script, a module or stdin: not inline code
        i += 1
    return None


def _flagged(
    head: str,
    args: Sequence[Value],
    flags: set[str],
    language: str,
    value_opts: set[str] | None = None,
) -> InlineCode | None:
    """`node -e CODE`, `node --eval=CODE`, `php -r CODE`: the first such flag wins."""
    value_opts = value_opts or {"-r", "--require", "--import", "--loader", "--env-file"}
    i = 0
    while i < len(args):
        text = args[i].text
        flag, eq, inline = text.partition("=")
        if flag in flags and eq and flag.startswith("--"):
            return InlineCode(language, f"{head} {flag}", args[i], inline)
        if text in flags and i + 1 < len(args):
            return InlineCode(language, f"{head} {text}", args[i + 1], args[i + 1].text)
        if text in value_opts:
            i += 2
            continue
        if not text.startswith("-"):
            return None  # a script file: read by the server-code scan, not here
        i += 1
    return None


def _deno(args: Sequence[Value]) -> InlineCode | None:
    if not args or args[0].text != "eval":
        return None
    rest = args[1:]
    i = 0
    while i < len(rest):
        text = rest[i].text
        if text in ("--ext", "--config", "-c", "--import-map", "--location", "--env-file"):
            i += 2
            continue
        if not text.startswith("-"):
            return InlineCode("typescript", "deno eval", rest[i], text)
        i += 1
    return None


def _multi(
    head: str,
    args: Sequence[Value],
    flag: re.Pattern[str],
    attached: tuple[str, ...],
    language: str,
) -> InlineCode | None:
    """Interpreters that take several `-e` lines (perl, ruby, osascript), joined."""
    parts: list[Value] = []
    i = 0
    while i < len(args):
        text = args[i].text
        if text.startswith(attached) and len(text) > 2:
            i += 1  # -MSocket, -rsocket: the value is attached
            continue
        if flag.match(text) and i + 1 < len(args):
            parts.append(args[i + 1])
            i += 2
            continue
        if text == "-l" and language != "perl":
            i += 2
            continue
        if not text.startswith("-"):
            break  # a script file or the script's own arguments
        i += 1
    if not parts:
        return None
    used = "-e" if language != "php" else "-r"
    return InlineCode(language, f"{head} {used}", parts[0], "\n".join(p.text for p in parts))
