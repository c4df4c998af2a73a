"""Dangerous sinks in JavaScript and TypeScript, found on a tree-sitter syntax tree.

Why tree-sitter: it is maintained, ships prebuilt wheels for the grammars
(`tree-sitter-javascript`, `tree-sitter-typescript`), parses modern syntax
(ES2024, TypeScript, JSX/TSX) that the pure-Python parsers on PyPI (esprima 4,
pyjsparser: ES5/ES2017, unmaintained since 2018/2019) reject, and recovers from
syntax errors instead of giving up. Strings and comments are real nodes, so
`// eval(x)` and `"exec"` are never mistaken for calls.

Calls are resolved through the file's `require`/`import` bindings, so
`cp.exec(cmd)` after `const cp = require("node:child_process")` is a shell
sink and `regex.exec(text)` or `db.exec(sql)` is not.
"""

from __future__ import annotations

from dataclasses import replace

from mcpaudit.collect.jsgrammar import (
    Node,
    Parser,
    QueryCursor,
    _arguments,
    _descendants,
    _in_order,
    _parser,
    _query,
    _unwrap,
    language_for,
)
from mcpaudit.collect.jstaint import _FUNCTIONS, Taint
from mcpaudit.collect.patterns import credential_path, snippet
from mcpaudit.collect.results import CONSTANT, DYNAMIC, TOOL_INPUT, VIA_HELPER, SinkHit

__all__ = ["Node", "Parser", "_descendants", "_parser", "language_for", "scan_javascript"]

_CODE_EXEC = {
    "eval",
    "Function",
    "vm.runInNewContext",
    "vm.runInThisContext",
    "vm.runInContext",
    "vm.compileFunction",
    "vm.Script",
}
_SHELL_ALWAYS = {"child_process.exec", "child_process.execSync", "shelljs.exec"}
_SHELL_OPTION = {
    "child_process.spawn",
    "child_process.spawnSync",
    "child_process.execFile",
    "child_process.execFileSync",
    "execa",
    "execa.execa",
    "execa.execaSync",
    "cross-spawn",
    "cross-spawn.sync",
}
_DESERIALIZE = {"node-serialize.unserialize"}
_NETWORK = ("http.", "https.", "axios", "got", "node-fetch", "undici.", "net.", "dns.", "tls.")
_NETWORK_EXACT = {"fetch", "WebSocket", "XMLHttpRequest"}
_ENV_SERIALIZERS = {"JSON.stringify", "Object.entries", "Object.values", "util.inspect", "String"}
_TEXT_KEYS = {"description", "help", "title", "message", "summary"}
_QUIET_CALLS = {"log", "info", "warn", "error", "debug", "write", "describe", "it", "test"}


def scan_javascript(source: bytes, path: str, language: str = "javascript") -> list[SinkHit]:
    """Every sink in one JS/TS file; ImportError when tree-sitter is not installed."""
    if Parser is None:
        raise ImportError("tree-sitter is not installed")
    tree = _parser(language).parse(source)
    captures = QueryCursor(_query(language)).captures(tree.root_node)
    scanner = _Scanner(source, path, "javascript" if language == "javascript" else "typescript")
    for node in _in_order(captures.get("import", []) + captures.get("declarator", [])):
        if node.type == "import_statement":
            scanner._bind_import(node)
        else:
            scanner._bind_declarator(node)
    calls = _in_order(captures.get("call", []) + captures.get("new", []))
    scanner.find_helpers(captures.get("function", []), captures.get("call", []))
    for node in calls:
        callee = node.child_by_field_name(
            "function" if node.type == "call_expression" else "constructor"
        )
        scanner._call(node, callee)
    for node in _in_order(captures.get("string", [])):
        scanner._literal(node)
    return [replace(h, network=True) if scanner.network else h for h in scanner.hits]


class _Scanner(Taint):
    def __init__(self, source: bytes, path: str, language: str) -> None:
        super().__init__(source)
        self.path = path
        self.language = language
        self.lines = source.decode("utf-8", "replace").splitlines()
        self.hits: list[SinkHit] = []
        self.network = False

    def hit(self, node: Node, kind: str, sink: str, reach: str, downloaded: bool = False) -> None:
        row, col = node.start_point
        text = self.lines[row] if row < len(self.lines) else ""
        self.hits.append(
            SinkHit(
                self.path,
                row + 1,
                col + 1,
                kind,
                sink,
                reach,
                snippet(text),
                self.language,
                downloaded=downloaded,
            )
        )

    def _fetches(self, node: Node | None) -> bool:
        """A network call anywhere inside `node` (`(await fetch(u)).text()` counts)."""
        for n in _descendants(node):
            if n.type == "call_expression":
                name = self.qualified(n.child_by_field_name("function")) or ""
                if name in _NETWORK_EXACT or name.startswith(_NETWORK):
                    return True
        return False

    def downloaded(self, call: Node, code: Node | None) -> bool:
        """The code given to `call` is fetched: a network call inside the argument, or a
        variable of the enclosing function assigned from one (one step, by name)."""
        if code is None:
            return False
        if self._fetches(code):
            return True
        names = self.references(code)
        if not names:
            return False
        scope = call.parent
        while scope is not None and scope.type not in _FUNCTIONS and scope.parent is not None:
            scope = scope.parent
        return any(
            n.type == "variable_declarator"
            and self.text(n.child_by_field_name("name")) in names
            and self._fetches(n.child_by_field_name("value"))
            for n in _descendants(scope)
        )

    def _call(self, node: Node, callee: Node | None) -> None:
        name = self.qualified(callee)
        if not name:
            return
        if (
            name in _CODE_EXEC
            or name in _SHELL_ALWAYS
            or name in _SHELL_OPTION
            or name in _DESERIALIZE
        ):
            tainted = self.tainted_at(node)
            indirect = self.indirect_at(node) if self._helper_seeds else set()
        else:
            tainted, indirect = set(), set()
        args = _arguments(node)
        first = args[0] if args else None
        if name in _NETWORK_EXACT or name.startswith(_NETWORK):
            self.network = True
            if any(self._is_whole_env(a) for a in args):
                self.hit(node, "env_exfil", f"{name}(process.env)", CONSTANT)
        if name in _CODE_EXEC:
            code = args[-1] if name == "Function" and args else first
            reach = self.reach(code, tainted, indirect)
            self.hit(node, "code_exec", name, reach, downloaded=self.downloaded(node, code))
        elif name in _SHELL_ALWAYS:
            self.hit(node, "shell", name, self.reach(first, tainted, indirect))
        elif name in _SHELL_OPTION and any(self._shell_true(a) for a in args):
            command = [a for a in args if a.type != "object"]
            reach = max(
                (self.reach(a, tainted, indirect) for a in command),
                key=[CONSTANT, DYNAMIC, VIA_HELPER, TOOL_INPUT].index,
                default=CONSTANT,
            )
            self.hit(node, "shell", f"{name}(shell: true)", reach)
        elif name in _DESERIALIZE:
            self.hit(node, "deserialize", name, self.reach(first, tainted, indirect))
        elif name in _ENV_SERIALIZERS and first is not None and self._is_whole_env(first):
            self.hit(node, "env_exfil", f"{name}(process.env)", CONSTANT)

    def _shell_true(self, node: Node) -> bool:
        if node.type != "object":
            return False
        for pair in node.children:
            if pair.type == "pair" and self.text(pair.child_by_field_name("key")) == "shell":
                return self.text(pair.child_by_field_name("value")) not in ("false", "undefined")
            if pair.type == "shorthand_property_identifier" and self.text(pair) == "shell":
                return True
        return False

    def _is_whole_env(self, node: Node) -> bool:
        node = _unwrap(node)
        if node.type == "member_expression":
            return self.text(node).replace(" ", "") in ("process.env", "globalThis.process.env")
        if node.type == "object":
            members = [c for c in node.children if c.type not in ("{", "}", ",", "comment")]
            return bool(members) and all(
                m.type == "spread_element" and self._is_whole_env(m.children[-1]) for m in members
            )
        return False

    def _literal(self, node: Node) -> None:
        value = "".join(
            self.text(c) for c in node.children if c.type in ("string_fragment", "escape_sequence")
        )
        if not credential_path(value):
            return
        parent = node.parent
        if parent is None:
            return
        if parent.type == "pair":
            if self.text(parent.child_by_field_name("key")).strip("'\"") in _TEXT_KEYS:
                return
        elif parent.type == "arguments":
            callee = parent.parent.child_by_field_name("function") if parent.parent else None
            called = (self.qualified(callee) or "").rsplit(".", 1)[-1]
            if called in _QUIET_CALLS:
                return
        elif parent.type not in (
            "binary_expression",
            "variable_declarator",
            "array",
            "assignment_expression",
            "template_substitution",
        ):
            return
        self.hit(node, "credential_read", f"credential store {value!r}", CONSTANT)
