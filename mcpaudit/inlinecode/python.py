"""Names and strings in inline Python, read with the standard `ast`.

One-liners avoid `import` statements (`__import__('os').system(...)`,
`getattr(__import__('os'), 'system')`), so those are resolved too: every
dotted name is given by the module it really comes from.
"""

from __future__ import annotations

import ast

from mcpaudit.inlinecode.names import Names


def python_names(code: str) -> Names | None:
    """The qualified names and string literals of `code`; None when it does not parse."""
    try:
        tree = ast.parse(code, mode="exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    imports: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name if alias.asname else alias.name.split(".")[0]
                imports[alias.asname or top] = top if not alias.asname else alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            # o = __import__('os'): a local name bound to a module
            target, module = node.targets[0], _import_call(node.value)
            if isinstance(target, ast.Name) and module:
                imports[target.id] = module
    names = Names()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute | ast.Name):
            name = _qualified(node, imports)
            if name:
                names.add(name)
        elif isinstance(node, ast.Call):
            name = _qualified(node.func, imports)
            if name:
                names.calls.add(name)
            module = _import_call(node)
            if module:
                names.add(module)
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                names.strings.append(node.value)
            elif isinstance(node.value, bytes):
                names.strings.append(node.value.decode("latin-1"))
    names.whole_environ = any(_whole_environ(n, imports) for n in ast.walk(tree))
    return names


def _import_call(node: ast.AST) -> str | None:
    """`__import__('os')` / `importlib.import_module('os')` -> 'os'."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    func = node.func
    if isinstance(func, ast.Name) and func.id == "__import__":
        return first.value
    if isinstance(func, ast.Attribute) and func.attr == "import_module":
        return first.value
    return None


def _qualified(node: ast.AST, imports: dict[str, str]) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        base = imports.get(node.id, node.id)
    elif isinstance(node, ast.Call):
        base = _import_call(node) or ""
        func = node.func
        if (
            not base
            and isinstance(func, ast.Name)
            and func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            inner = _qualified(node.args[0], imports)
            base = f"{inner}.{node.args[1].value}" if inner else ""
        if not base:
            return None
    else:
        return None
    return ".".join([base, *reversed(parts)])


def _whole_environ(node: ast.AST, imports: dict[str, str]) -> bool:
    """`os.environ` handed on whole (json.dumps(dict(os.environ)), str(os.environ))."""
    if not isinstance(node, ast.Call):
        return False
    return any(
        isinstance(a, ast.Attribute) and _qualified(a, imports) == "os.environ"
        for a in [*node.args, *(k.value for k in node.keywords)]
    ) or any(
        isinstance(a, ast.Call)
        and isinstance(a.func, ast.Attribute)
        and a.func.attr == "copy"
        and _qualified(a.func.value, imports) == "os.environ"
        for a in node.args
    )
