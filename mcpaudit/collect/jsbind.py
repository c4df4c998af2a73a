"""Local names of a JavaScript/TypeScript file resolved to module members.

`cp.exec(cmd)` after `const cp = require("node:child_process")` is `child_process.exec`,
and `regex.exec(text)` or `db.exec(sql)` stays what it is.
"""

from __future__ import annotations

from mcpaudit.collect.jsgrammar import Node, _arguments, _descendants, _module, _unwrap


class Bindings:
    def __init__(self, source: bytes) -> None:
        self.src = source
        self.bindings: dict[str, str] = {}

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

    def references(self, node: Node | None) -> set[str]:
        return {
            self.text(n)
            for n in _descendants(node)
            if n.type in ("identifier", "shorthand_property_identifier")
        }
