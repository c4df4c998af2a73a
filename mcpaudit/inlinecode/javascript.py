"""Names and strings in inline JavaScript/TypeScript, read with tree-sitter.

The binding resolution is the server-code scanner's (`require`/`import`, destructuring,
`require("child_process").exec`), so a one-liner is read the way a server file is.
"""

from __future__ import annotations

from mcpaudit.collect import jssinks
from mcpaudit.inlinecode.names import Names

_NAME_NODES = {"identifier", "member_expression", "call_expression"}


def javascript_names(code: str, language: str = "javascript") -> Names | None:
    """Qualified names and string literals of `code`; None without tree-sitter."""
    if jssinks.Parser is None:  # pragma: no cover - a platform without the wheels
        return None
    source = code.encode("utf-8", "replace")
    tree = jssinks._parser(language).parse(source)
    scanner = jssinks._Scanner(source, "<inline>", language)
    nodes = list(jssinks._descendants(tree.root_node))
    for node in nodes:
        if node.type == "import_statement":
            scanner._bind_import(node)
        elif node.type == "variable_declarator":
            scanner._bind_declarator(node)
    names = Names()
    for node in nodes:
        if node.type in _NAME_NODES:
            name = scanner.qualified(node)
            if name:
                names.add(name)
            if node.type == "call_expression":
                callee = node.child_by_field_name("function")
                called = scanner.qualified(callee) if callee is not None else None
                if callee is not None and callee.type == "import":
                    called = "import"  # import("data:text/javascript;base64,…")
                if called:
                    names.calls.add(called)
        elif node.type == "new_expression":
            called = scanner.qualified(node.child_by_field_name("constructor"))
            if called:
                names.calls.add(called)
                names.add(called)
        elif node.type == "string_fragment":
            names.strings.append(scanner.text(node))
        elif node.type == "template_string":
            names.strings.append(scanner.text(node).strip("`"))
    names.whole_environ = any(_whole_env(scanner, n) for n in nodes)
    return names


def _whole_env(scanner: jssinks._Scanner, node: jssinks.Node) -> bool:
    """`process.env` used whole: JSON.stringify(process.env), {...process.env}."""
    if node.type != "member_expression" or scanner.text(node) != "process.env":
        return False
    parent = node.parent
    if parent is None:
        return False
    if parent.type in ("member_expression", "subscript_expression"):
        return False  # process.env.X / process.env["X"]: one variable
    return parent.type in ("arguments", "spread_element", "pair", "array")
