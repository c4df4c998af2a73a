"""The tree-sitter side of the JavaScript/TypeScript scan: grammars, the query, node helpers.

Why tree-sitter: it is maintained, ships prebuilt wheels for the grammars
(`tree-sitter-javascript`, `tree-sitter-typescript`), parses modern syntax
(ES2024, TypeScript, JSX/TSX) that the pure-Python parsers on PyPI (esprima 4,
pyjsparser: ES5/ES2017, unmaintained since 2018/2019) reject, and recovers from
syntax errors instead of giving up. Strings and comments are real nodes, so
`// eval(x)` and `"exec"` are never mistaken for calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

try:
    from tree_sitter import Language, Node, Parser, Query, QueryCursor
except ImportError:  # pragma: no cover - a platform without the wheels: JS files become opaque
    Language = Node = Parser = Query = QueryCursor = None  # type: ignore[assignment,misc]


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


def _in_order(nodes: list[Node]) -> list[Node]:
    return sorted(nodes, key=lambda n: n.start_byte)


def _module(spec: str) -> str:
    return spec.removeprefix("node:")


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
