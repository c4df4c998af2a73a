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

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import cache

try:
    from tree_sitter import Language, Node, Parser, Query, QueryCursor
except ImportError:  # pragma: no cover - a platform without the wheels: JS files become opaque
    Language = Node = Parser = Query = QueryCursor = None  # type: ignore[assignment,misc]

from mcpaudit.collect.patterns import credential_path, snippet, spread_taint
from mcpaudit.collect.results import CONSTANT, DYNAMIC, TOOL_INPUT, VIA_HELPER, SinkHit

_FUNCTIONS = {
    "arrow_function",
    "function_expression",
    "function",
    "function_declaration",
    "method_definition",
    "generator_function",
    "generator_function_declaration",
}
_TOOL_REGISTRARS = {"tool", "registerTool", "setRequestHandler", "addTool"}
_HANDLER_KEYS = {"execute", "handler", "callback", "run"}
_CONTEXT_PARAMS = {"extra", "context", "ctx"}
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


@cache
def _language(language: str) -> Language:
    if language == "javascript":
        import tree_sitter_javascript as grammar

        return Language(grammar.language())
    import tree_sitter_typescript as grammar

    return Language(grammar.language_tsx() if language == "tsx" else grammar.language_typescript())


@cache
def _parser(language: str) -> Parser:
    return Parser(_language(language))


# The node kinds the scanner looks at, found by tree-sitter in C rather than by walking
# every node in Python (a 1 MB bundle has ~300 000 nodes).
_QUERY = """
(import_statement) @import
(variable_declarator) @declarator
(call_expression) @call
(new_expression) @new
(string) @string
(template_string) @string
(function_declaration) @function
(arrow_function) @function
(function_expression) @function
"""


@cache
def _query(language: str) -> Query:
    return Query(_language(language), _QUERY)


def language_for(path: str) -> str | None:
    lower = path.lower()
    if lower.endswith((".d.ts", ".d.mts", ".d.cts")):
        return None  # type declarations: no code
    if lower.endswith((".js", ".mjs", ".cjs", ".jsx")):
        return "javascript"
    if lower.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    if lower.endswith(".tsx"):
        return "tsx"
    return None


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


def _in_order(nodes: list[Node]) -> list[Node]:
    return sorted(nodes, key=lambda n: n.start_byte)


def _module(spec: str) -> str:
    return spec.removeprefix("node:")


class _Scanner:
    def __init__(self, source: bytes, path: str, language: str) -> None:
        self.src = source
        self.path = path
        self.language = language
        self.lines = source.decode("utf-8", "replace").splitlines()
        self.bindings: dict[str, str] = {}
        self.hits: list[SinkHit] = []
        self.network = False
        self._handler_cache: dict[int, frozenset[str]] = {}
        self._helper_seeds: dict[int, set[str]] = {}

    def text(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "replace")

    # --- bindings: local names -> module members ------------------------------

    def _bind_import(self, node: Node) -> None:
        source = node.child_by_field_name("source")
        if source is None:
            return
        module = _module(self._string_value(source) or "")
        for clause in node.children:
            if clause.type != "import_clause":
                continue
            for part in clause.children:
                if part.type == "identifier":  # default import
                    self.bindings[self.text(part)] = module
                elif part.type == "namespace_import":
                    for ident in part.children:
                        if ident.type == "identifier":
                            self.bindings[self.text(ident)] = module
                elif part.type == "named_imports":
                    for spec in part.children:
                        if spec.type != "import_specifier":
                            continue
                        name = self.text(spec.child_by_field_name("name"))
                        alias = spec.child_by_field_name("alias")
                        self.bindings[self.text(alias) if alias else name] = f"{module}.{name}"

    def _bind_declarator(self, node: Node) -> None:
        name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if name is None or value is None:
            return
        value = _unwrap(value)
        target: str | None = None
        if value.type == "call_expression":
            callee = self.qualified(value.child_by_field_name("function"))
            args = _arguments(value)
            if callee == "require" and args:
                target = _module(self._string_value(args[0]) or "") or None
            elif callee in ("util.promisify", "promisify") and args:
                target = self.qualified(args[0])
        elif value.type in ("member_expression", "identifier"):
            resolved = self.qualified(value)
            if resolved and resolved != self.text(value):
                target = resolved
        if not target:
            return
        if name.type == "identifier":
            self.bindings[self.text(name)] = target
        elif name.type == "object_pattern":
            for prop in name.children:
                if prop.type == "shorthand_property_identifier_pattern":
                    self.bindings[self.text(prop)] = f"{target}.{self.text(prop)}"
                elif prop.type == "pair_pattern":
                    key = self.text(prop.child_by_field_name("key"))
                    local = prop.child_by_field_name("value")
                    if local is not None and local.type == "identifier":
                        self.bindings[self.text(local)] = f"{target}.{key}"

    def _string_value(self, node: Node) -> str | None:
        if node.type == "string":
            return "".join(self.text(c) for c in node.children if c.type == "string_fragment")
        return None

    def qualified(self, node: Node | None) -> str | None:
        if node is None:
            return None
        node = _unwrap(node)
        if node.type == "identifier":
            name = self.text(node)
            return self.bindings.get(name, name)
        if node.type == "call_expression":  # require("util").promisify
            callee = node.child_by_field_name("function")
            args = _arguments(node)
            if self.text(callee) == "require" and args:
                return _module(self._string_value(args[0]) or "") or None
            return None
        if node.type == "member_expression":
            base = self.qualified(node.child_by_field_name("object"))
            prop = node.child_by_field_name("property")
            if base and prop is not None:
                return f"{base}.{self.text(prop)}"
        return None

    # --- taint: which names hold tool input -------------------------------------

    def _is_handler(self, fn: Node) -> bool:
        parent = fn.parent
        if parent is not None and parent.type == "pair":
            key = self.text(parent.child_by_field_name("key")).strip("'\"")
            if key not in _HANDLER_KEYS:
                return False
            obj = parent.parent
            parent = obj.parent if obj is not None else None
        if parent is None or parent.type != "arguments" or parent.parent is None:
            return False
        callee = parent.parent.child_by_field_name("function")
        if callee is None or callee.type != "member_expression":
            return False
        prop = callee.child_by_field_name("property")
        return self.text(prop) in _TOOL_REGISTRARS

    def _handler_taint(self, fn: Node, seed: set[str] | None = None) -> set[str]:
        params = fn.child_by_field_name("parameters") or fn.child_by_field_name("parameter")
        if seed is None:
            tainted = {n for n in self._pattern_names(params) if n not in _CONTEXT_PARAMS}
        else:
            tainted = set(seed)
        body = fn.child_by_field_name("body")
        flows: list[tuple[set[str], set[str]]] = []
        for node in _descendants(body):
            if node.type == "variable_declarator":
                targets = self._pattern_names(node.child_by_field_name("name"))
                flows.append((targets, self.references(node.child_by_field_name("value"))))
            elif node.type in (
                "assignment_expression",
                "augmented_assignment_expression",
                "for_in_statement",
            ):
                targets = self._pattern_names(node.child_by_field_name("left"))
                flows.append((targets, self.references(node.child_by_field_name("right"))))
        return spread_taint(tainted, flows)

    def _pattern_names(self, node: Node | None) -> set[str]:
        names: set[str] = set()
        for n in _descendants(node):
            if n.type in ("identifier", "shorthand_property_identifier_pattern"):
                parent = n.parent
                # Type annotations name types, not variables.
                if parent is not None and parent.type in ("type_annotation", "type_identifier"):
                    continue
                names.add(self.text(n))
        return names

    def references(self, node: Node | None) -> set[str]:
        return {
            self.text(n)
            for n in _descendants(node)
            if n.type in ("identifier", "shorthand_property_identifier")
        }

    def find_helpers(self, functions: list[Node], calls: list[Node]) -> None:
        """Functions of this file that a tool handler calls with its input."""
        named: dict[str, Node] = {}
        for fn in functions:
            name = fn.child_by_field_name("name")
            if name is None and fn.parent is not None and fn.parent.type == "variable_declarator":
                name = fn.parent.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                named.setdefault(self.text(name), fn)
        if not named:
            return
        for handler in functions:
            if not self._is_handler(handler):
                continue
            tainted = self._handler_taint(handler)
            for call in calls:
                if not handler.start_byte <= call.start_byte < handler.end_byte:
                    continue
                callee = call.child_by_field_name("function")
                target = named.get(self.text(callee)) if callee is not None else None
                if target is None or target.id == handler.id or self._is_handler(target):
                    continue
                params = target.child_by_field_name("parameters")
                slots = [c for c in params.named_children if c.type != "comment"] if params else []
                single = target.child_by_field_name("parameter")
                if single is not None:
                    slots = [single]
                for slot, arg in zip(slots, _arguments(call), strict=False):
                    if self.references(arg) & tainted:
                        self._helper_seeds.setdefault(target.id, set()).update(
                            self._pattern_names(slot)
                        )

    def indirect_at(self, node: Node) -> set[str]:
        """Names holding tool input that a handler passed to an enclosing helper function."""
        names: set[str] = set()
        parent = node.parent
        while parent is not None:
            seed = self._helper_seeds.get(parent.id)
            if seed:
                names |= self._handler_taint(parent, seed)
            parent = parent.parent
        return names

    def reach(
        self, node: Node | None, tainted: set[str], indirect: AbstractSet[str] = frozenset()
    ) -> str:
        if node is None:
            return CONSTANT
        refs = self.references(node)
        if refs & tainted:
            return TOOL_INPUT
        if refs & indirect:
            return VIA_HELPER
        node = _unwrap(node)
        if node.type in ("string", "number"):
            return CONSTANT
        if node.type == "template_string" and not any(
            c.type == "template_substitution" for c in node.children
        ):
            return CONSTANT
        if node.type == "array" and all(
            c.type in ("string", "number", "[", "]", ",", "comment") for c in node.children
        ):
            return CONSTANT
        return DYNAMIC

    # --- the walk --------------------------------------------------------------

    def tainted_at(self, node: Node) -> set[str]:
        """Names holding tool input where `node` is: the taint of every enclosing handler."""
        tainted: set[str] = set()
        parent = node.parent
        while parent is not None:
            if parent.type in _FUNCTIONS:
                key = parent.id
                if key not in self._handler_cache:
                    self._handler_cache[key] = (
                        frozenset(self._handler_taint(parent))
                        if self._is_handler(parent)
                        else frozenset()
                    )
                tainted |= self._handler_cache[key]
            parent = parent.parent
        return tainted

    def hit(self, node: Node, kind: str, sink: str, reach: str) -> None:
        row, col = node.start_point
        text = self.lines[row] if row < len(self.lines) else ""
        self.hits.append(
            SinkHit(self.path, row + 1, col + 1, kind, sink, reach, snippet(text), self.language)
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
            self.hit(node, "code_exec", name, self.reach(code, tainted, indirect))
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


def _unwrap(node: Node) -> Node:
    """Look through parentheses, `await`, and TypeScript `as`/`!` wrappers."""
    while node.type in (
        "parenthesized_expression",
        "await_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
    ):
        inner = [c for c in node.named_children if c.type != "comment"]
        if not inner:
            break
        node = inner[0]
    return node


def _arguments(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    if args is None:
        return []
    return [c for c in args.named_children if c.type != "comment"]


def _descendants(node: Node | None) -> Iterator[Node]:
    if node is None:
        return
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))
