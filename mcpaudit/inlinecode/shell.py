"""Inline code inside a shell script: `sh -c "python3 -c '…'"`, `bash -lc "node -e …"`,
`python3 - <<EOF … EOF`, `echo '…' | python3`, `node <<< '…'`.

The script is split into commands the way a POSIX shell would (`shlex` for the quoting,
`;`, `&&`, `||`, `|`, `&`, newlines and parentheses between commands; heredoc bodies cut
out first, since `shlex` knows nothing of them). Each command is read like a server's
start line (`extract.inline_code`), a nested `sh -c` is read in turn (three levels), and an
interpreter given no program reads the one fed to its stdin: a heredoc, a here-string, or
`echo`/`printf`/`cat <<EOF` piped into it. Variable expansions (`$X`) are left as written:
what they hold is not in the config.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from mcpaudit.inlinecode.extract import InlineCode, inline_code, interpreter_kind
from mcpaudit.model import Server, Value
from mcpaudit.rules.containment.shapes import inline_script
from mcpaudit.rules.launch import PER_SERVER, basename, launch_line

MAX_DEPTH = 3
MAX_SCRIPT = 16_000  # longer scripts are read up to here
MAX_COMMANDS = 256  # commands read per script

_SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "ash"}
_HEREDOC = re.compile(r"(?<!<)<<(?!<)(-?)[ \t]*(['\"]?)([A-Za-z_][\w.-]*)\2")
_PLACEHOLDER = "__mcpaudit_heredoc_{}__"
_OPS = set(";&|()<>\n")
_STDIN_LANGUAGE = {
    "python": "python",
    "node": "javascript",
    "bun": "javascript",
    "perl": "perl",
    "ruby": "ruby",
    "php": "php",
}


@dataclass
class _Command:
    words: list[str]
    stdin: str | None = None  # a program fed to it (heredoc, here-string, pipe)
    redirected: bool = False  # stdin is a file (`< x.py`): not inline code


@lru_cache(maxsize=PER_SERVER)  # several rules ask for the same server
def nested_inline_code(server: Server) -> tuple[InlineCode, ...]:
    """The interpreter code inside a server's inline shell script (`sh -c "…"`)."""
    found = inline_script(server)
    if found is None:
        return ()
    value, script = found
    line = launch_line(server)
    shell = basename(line[0].text) if line and line[0] is not value else "the shell line"
    where = f"{shell} -c" if shell in _SHELLS else shell
    return tuple(codes_in_script(script, value, server, where))


def codes_in_script(
    script: str, value: Value, server: Server, where: str, depth: int = 0
) -> list[InlineCode]:
    """Every piece of interpreter code in one shell script (empty when none)."""
    out: list[InlineCode] = []
    for pipeline in _pipelines(script[:MAX_SCRIPT])[:MAX_COMMANDS]:
        for k, cmd in enumerate(pipeline):
            if cmd.stdin is None and not cmd.redirected and k > 0:
                cmd.stdin = _output_of(pipeline[k - 1])
            out.extend(_code_of(cmd, value, server, where, depth))
    return out


def _code_of(
    cmd: _Command, value: Value, server: Server, where: str, depth: int
) -> Iterator[InlineCode]:
    words = _strip_assignments(cmd.words)
    if not words:
        return
    pseudo = replace(
        server,
        command=Value(words[0], value.pointer, value.line),
        args=tuple(Value(w, value.pointer, value.line) for w in words[1:64]),
    )
    found = inline_code(pseudo)
    if found is not None:
        yield replace(
            found, value=value, interpreter=f"{found.interpreter} inside {where}", nested=True
        )
        return
    head = basename(words[0])
    if head in _SHELLS and depth < MAX_DEPTH:
        for i, w in enumerate(words[1:-1], 1):
            if re.fullmatch(r"-[a-z]*c[a-z]*", w):
                yield from codes_in_script(words[i + 1], value, server, where, depth + 1)
                return
        if cmd.stdin and _reads_stdin(words[1:]):
            yield from codes_in_script(cmd.stdin, value, server, where, depth + 1)
        return
    kind = interpreter_kind(head)
    language = _STDIN_LANGUAGE.get(kind or "")
    if language and cmd.stdin and _reads_stdin(words[1:]):
        yield InlineCode(
            language, f"{head} reading stdin inside {where}", value, cmd.stdin, nested=True
        )


def _reads_stdin(args: list[str]) -> bool:
    """No program named: only flags (or `-`), as `python3 -u -`, `node`, `perl -w`."""
    for a in args:
        if a in ("-", "-s"):
            return True
        if not a.startswith("-") or a in ("-c", "-e", "-m", "-r", "-E", "-p"):
            return False  # a script file or a module, or code on the command line
    return True


def _output_of(cmd: _Command) -> str | None:
    """What `echo X`, `printf X` or `cat <<EOF` writes into a pipe."""
    words = _strip_assignments(cmd.words)
    if not words:
        return None
    head = basename(words[0])
    if head == "echo":
        args = words[1:]
        while args and re.fullmatch(r"-[neE]+", args[0]):
            args = args[1:]
        return " ".join(args)
    if head == "printf" and len(words) > 1:
        args = words[1:]
        if "%" in args[0] and len(args) > 1:
            args = args[1:]
        return "\n".join(args)
    if head == "cat" and len(words) == 1:
        return cmd.stdin
    return None


def _strip_assignments(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[i]):
        i += 1
    return words[i:]


def _pipelines(script: str) -> list[list[_Command]]:
    text, bodies = _cut_heredocs(script)
    lexer = shlex.shlex(text, posix=True, punctuation_chars="".join(sorted(_OPS)))
    lexer.whitespace = " \t\r"
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError:  # an unbalanced quote: the shell would refuse it as well
        return []
    pipelines: list[list[_Command]] = [[_Command([])]]
    pending: str | None = None  # a redirection waiting for its target
    for tok in tokens:
        if tok and set(tok) <= _OPS:
            if tok in ("<<", "<<-", "<<<", "<"):
                pending = tok
            elif tok.rstrip("&") in (">", ">>") or tok in ("&>", "&>>", "<&", ">|"):
                pending = ">"
            elif tok in ("|", "|&"):
                pipelines[-1].append(_Command([]))
            else:  # ; & && || ( ) newline: a new command
                pipelines.append([_Command([])])
            continue
        cmd = pipelines[-1][-1]
        if pending is None:
            cmd.words.append(tok)
            continue
        if pending in ("<<", "<<-"):
            m = re.fullmatch(_PLACEHOLDER.format(r"(\d+)"), tok)
            cmd.stdin = bodies[int(m[1])] if m else None
        elif pending == "<<<":
            cmd.stdin = tok
        elif pending == "<":
            cmd.redirected = True
        pending = None
    return [[c for c in p if c.words] for p in pipelines if any(c.words for c in p)]


def _cut_heredocs(script: str) -> tuple[str, list[str]]:
    """The script with every heredoc body cut out (`<<EOF` becomes a placeholder word)."""
    bodies: list[str] = []
    out: list[str] = []
    pos = 0
    quoted = _quoted(script)
    while (m := _HEREDOC.search(script, pos)) is not None:
        if quoted[m.start()]:  # `<<` inside a quoted string belongs to a nested script
            out.append(script[pos : m.end()])
            pos = m.end()
            continue
        line_end = script.find("\n", m.end())
        if line_end < 0:
            break
        strip_tabs, delimiter = m[1] == "-", m[3]
        lines = script[line_end + 1 :].split("\n")
        body: list[str] = []
        for n, line in enumerate(lines):
            if (line.lstrip("\t") if strip_tabs else line).rstrip("\r") == delimiter:
                consumed = sum(len(x) + 1 for x in lines[: n + 1])
                break
            body.append(line.lstrip("\t") if strip_tabs else line)
        else:
            consumed = len(script) - line_end  # unterminated: the body runs to the end
        out.append(script[pos : m.start()] + "<< " + _PLACEHOLDER.format(len(bodies)))
        out.append(script[m.end() : line_end + 1])
        bodies.append("\n".join(body))
        pos = line_end + 1 + consumed
    out.append(script[pos:])
    return "".join(out), bodies


def _quoted(script: str) -> list[bool]:
    """For each character: is it inside '…' or "…" (or escaped by a backslash)?"""
    out = []
    quote = ""
    escaped = False
    for char in script:
        out.append(bool(quote) or escaped)
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
    return out
