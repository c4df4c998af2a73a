"""Which names of a JavaScript/TypeScript file hold a tool's input, and where.

A tool handler is a function given to `server.tool(...)`, `registerTool`,
`setRequestHandler` or `addTool` (directly or as an `execute`/`handler` key); its
parameters are tainted, and so is whatever is assigned from them inside it, and the
parameters of this file's functions it passes them to ("helpers").
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from mcpaudit.collect.jsbind import Bindings
from mcpaudit.collect.jsgrammar import Node, _arguments, _descendants, _unwrap
from mcpaudit.collect.patterns import spread_taint
from mcpaudit.collect.results import CONSTANT, DYNAMIC, TOOL_INPUT, VIA_HELPER

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


class Taint(Bindings):
    def __init__(self, source: bytes) -> None:
        super().__init__(source)
        self._handler_cache: dict[int, frozenset[str]] = {}
        self._helper_seeds: dict[int, set[str]] = {}

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
