"""Dangerous sinks in Python source, found with the standard library's `ast`.

A call is resolved through the file's imports (`import subprocess as sp`,
`from os import system`) so `sp.run(..., shell=True)` is found and
`cursor.execute(sql)` is not. Inside a tool handler (`@mcp.tool()`,
`@server.call_tool()`) the handler's parameters, and names assigned from them,
count as tool input; that is how directly a model-controlled value reaches a sink.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from mcpaudit.collect.patterns import credential_path, snippet, spread_taint
from mcpaudit.collect.results import CONSTANT, DYNAMIC, TOOL_INPUT, VIA_HELPER, SinkHit

_SUBPROCESS_SHELLABLE = {
    "subprocess.run",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.Popen",
}
_ALWAYS_SHELL = {
    "os.system",
    "os.popen",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
    "asyncio.create_subprocess_shell",
    "commands.getoutput",
}
_DESERIALIZE = {
    "pickle.loads",
    "pickle.load",
    "cPickle.loads",
    "cPickle.load",
    "dill.loads",
    "dill.load",
    "marshal.loads",
    "marshal.load",
    "jsonpickle.decode",
    "yaml.unsafe_load",
    "yaml.unsafe_load_all",
}
_SAFE_YAML_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}
_NETWORK_PREFIXES = (
    "requests.",
    "httpx.",
    "urllib.request.",
    "urllib3.",
    "aiohttp.",
    "http.client.",
    "socket.",
    "smtplib.",
    "ftplib.",
)
_SERIALIZERS = {"json.dumps", "json.dump", "str", "repr", "yaml.dump", "pickle.dumps"}
_CONTEXT_PARAMS = {"self", "cls", "ctx", "context"}
_TEXT_KEYWORDS = {"description", "help", "doc", "title", "summary", "message", "msg"}


def scan_python(source: str, path: str) -> list[SinkHit]:
    """Every dangerous sink in one Python file; SyntaxError/ValueError if it does not parse."""
    tree = ast.parse(source, filename=path)
    lines = source.splitlines()
    visitor = _Visitor(path, lines, _imports(tree), _helper_seeds(tree))
    visitor.visit(tree)
    network = visitor.network
    return [_with_network(h, network) for h in visitor.hits]


def _with_network(hit: SinkHit, network: bool) -> SinkHit:
    return replace(hit, network=True) if network else hit


def _imports(tree: ast.AST) -> dict[str, str]:
    """Local name -> qualified name, for every import in the file."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _names_in(node: ast.AST | None) -> set[str]:
    if node is None:
        return set()
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _is_tool_decorator(dec: ast.expr) -> bool:
    target = dec.func if isinstance(dec, ast.Call) else dec
    if isinstance(target, ast.Attribute):
        return target.attr in ("tool", "call_tool")
    return isinstance(target, ast.Name) and target.id in ("tool", "call_tool")


def _targets(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


Function = ast.FunctionDef | ast.AsyncFunctionDef


def _positional(func: Function) -> list[str]:
    return [a.arg for a in (*func.args.posonlyargs, *func.args.args)]


def _tainted_names(func: Function, seed: set[str] | None = None) -> set[str]:
    """The handler's parameters (or `seed`) and every local assigned (transitively) from them."""
    if seed is None:
        args = func.args
        params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        if args.vararg:
            params.append(args.vararg)
        if args.kwarg:
            params.append(args.kwarg)
        tainted = {a.arg for a in params if a.arg not in _CONTEXT_PARAMS}
    else:
        tainted = set(seed)
    flows: list[tuple[set[str], set[str]]] = []
    for node in ast.walk(func):
        if isinstance(node, ast.Assign):
            flows.append((_targets(ast.Tuple(node.targets)), _names_in(node.value)))
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            flows.append((_targets(node.target), _names_in(node.value)))
        elif isinstance(node, ast.NamedExpr):
            flows.append(({node.target.id}, _names_in(node.value)))
        elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            flows.append((_targets(node.target), _names_in(node.iter)))
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            flows.append((_targets(node.optional_vars), _names_in(node.context_expr)))
    return spread_taint(tainted, flows)


def _is_handler(func: Function) -> bool:
    return any(_is_tool_decorator(d) for d in func.decorator_list)


def _helper_seeds(tree: ast.AST) -> dict[str, set[str]]:
    """Functions of this file that a tool handler calls with its input: name -> parameters."""
    functions = {
        n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    seeds: dict[str, set[str]] = {}
    for handler in functions.values():
        if not _is_handler(handler):
            continue
        tainted = _tainted_names(handler)
        for call in ast.walk(handler):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in ("self", "cls")
                else None
            )
            target = functions.get(name or "")
            if target is None or _is_handler(target):
                continue
            params = [p for p in _positional(target) if p not in ("self", "cls")]
            for i, arg in enumerate(call.args):
                if i < len(params) and _names_in(arg) & tainted:
                    seeds.setdefault(target.name, set()).add(params[i])
            for kw in call.keywords:
                if kw.arg and _names_in(kw.value) & tainted:
                    seeds.setdefault(target.name, set()).add(kw.arg)
    return seeds


class _Visitor(ast.NodeVisitor):
    def __init__(
        self,
        path: str,
        lines: list[str],
        imports: dict[str, str],
        helper_seeds: dict[str, set[str]] | None = None,
    ) -> None:
        self.path = path
        self.lines = lines
        self.imports = imports
        self.helper_seeds = helper_seeds or {}
        self.hits: list[SinkHit] = []
        self.network = False
        self.tainted: list[set[str]] = [set()]
        self.indirect: list[set[str]] = [set()]
        self.parents: list[ast.AST] = []

    # --- structure -----------------------------------------------------------

    def generic_visit(self, node: ast.AST) -> None:
        self.parents.append(node)
        super().generic_visit(node)
        self.parents.pop()

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if _is_handler(node):
            self.tainted.append(_tainted_names(node))
        else:
            # Nested functions see the handler's tainted names (closures).
            self.tainted.append(set(self.tainted[-1]))
        seed = self.helper_seeds.get(node.name)
        helper = _tainted_names(node, seed) if seed and not _is_handler(node) else set()
        self.indirect.append(self.indirect[-1] | helper)
        self.generic_visit(node)
        self.tainted.pop()
        self.indirect.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return  # a docstring or bare string: text, not code
        self.generic_visit(node)

    # --- helpers -------------------------------------------------------------

    def qualified(self, func: ast.expr) -> str | None:
        parts: list[str] = []
        while isinstance(func, ast.Attribute):
            parts.append(func.attr)
            func = func.value
        if not isinstance(func, ast.Name):
            return None
        base = self.imports.get(func.id, func.id)
        return ".".join([base, *reversed(parts)])

    def reach(self, node: ast.AST | None) -> str:
        if node is None:
            return CONSTANT
        names = _names_in(node)
        if names & self.tainted[-1]:
            return TOOL_INPUT
        if names & self.indirect[-1]:
            return VIA_HELPER
        if isinstance(node, ast.Constant) or (
            isinstance(node, ast.List | ast.Tuple)
            and all(isinstance(e, ast.Constant) for e in node.elts)
        ):
            return CONSTANT
        return DYNAMIC

    def hit(self, node: ast.AST, kind: str, sink: str, reach: str) -> None:
        line = getattr(node, "lineno", 1)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.hits.append(
            SinkHit(
                path=self.path,
                line=line,
                column=getattr(node, "col_offset", 0) + 1,
                kind=kind,
                sink=sink,
                reach=reach,
                snippet=snippet(text),
                language="python",
            )
        )

    # --- sinks ---------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        name = self.qualified(node.func)
        if name:
            self._check_call(node, name)
        self.generic_visit(node)

    def _check_call(self, node: ast.Call, name: str) -> None:
        first = node.args[0] if node.args else None
        kwargs = {k.arg: k.value for k in node.keywords if k.arg}
        if name.startswith(_NETWORK_PREFIXES):
            self.network = True
        if name in ("eval", "exec", "builtins.eval", "builtins.exec") and isinstance(
            node.func, ast.Name | ast.Attribute
        ):
            self.hit(node, "code_exec", name.removeprefix("builtins.") + "()", self.reach(first))
        elif name in _ALWAYS_SHELL:
            self.hit(node, "shell", name, self.reach(first or kwargs.get("cmd")))
        elif name in _SUBPROCESS_SHELLABLE:
            shell = kwargs.get("shell")
            if shell is not None and not (isinstance(shell, ast.Constant) and not shell.value):
                command = first or kwargs.get("args")
                self.hit(node, "shell", f"{name}(shell=True)", self.reach(command))
        elif name in _DESERIALIZE:
            self.hit(node, "deserialize", name, self.reach(first))
        elif name in ("yaml.load", "yaml.load_all"):
            loader = kwargs.get("Loader") or (node.args[1] if len(node.args) > 1 else None)
            loader_name = (
                loader.attr
                if isinstance(loader, ast.Attribute)
                else loader.id
                if isinstance(loader, ast.Name)
                else None
            )
            if loader_name not in _SAFE_YAML_LOADERS:
                self.hit(node, "deserialize", f"{name} without a safe Loader", self.reach(first))
        elif name in _SERIALIZERS and first is not None and self._is_whole_environ(first):
            self.hit(node, "env_exfil", f"{name}(os.environ)", CONSTANT)
        for key, value in kwargs.items():
            if (
                name.startswith(_NETWORK_PREFIXES)
                and key in ("json", "data", "params", "body")
                and self._is_whole_environ(value)
            ):
                self.hit(node, "env_exfil", f"{name}({key}=os.environ)", CONSTANT)

    def _is_whole_environ(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Call):
            called = self.qualified(node.func)
            if called == "os.environ.copy":
                return True
            return called == "dict" and bool(node.args) and self._is_whole_environ(node.args[0])
        return self.qualified(node) == "os.environ" if isinstance(node, ast.Attribute) else False

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and credential_path(node.value) and self._path_use():
            self.hit(node, "credential_read", f"credential store {node.value!r}", CONSTANT)

    def _path_use(self) -> bool:
        """A literal used as data (call argument, path join, list), not as a message."""
        if not self.parents:
            return False
        parent = self.parents[-1]
        if isinstance(parent, ast.keyword):
            return parent.arg not in _TEXT_KEYWORDS
        if isinstance(parent, ast.Call):
            called = (self.qualified(parent.func) or "").rsplit(".", 1)[-1]
            return called not in ("print", "info", "debug", "warning", "error", "echo")
        if isinstance(parent, ast.BinOp):
            return isinstance(parent.op, ast.Div | ast.Add)
        return isinstance(parent, ast.Assign | ast.List | ast.Tuple | ast.Set | ast.JoinedStr)
