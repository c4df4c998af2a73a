"""Property tests: generated configs with comments, odd whitespace and unicode.

For any edit: the result parses, the semantic diff is exactly the target, comments
outside the target survive, and apply + undo gives back the original bytes.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import tomlkit
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mcpaudit.config.document import parse_text
from mcpaudit.fix import apply, plan_fixes, undo_last
from mcpaudit.fix import pointer as ptr
from mcpaudit.fix.ops import apply_text_edits
from mcpaudit.fix.semantic import changed_pointers
from mcpaudit.model import Edit, Fix

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
KEY = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=8
)
SCALAR = st.one_of(TEXT, st.integers(-1000, 1000), st.booleans(), st.none())
SERVER = st.fixed_dictionaries(
    {"command": TEXT},
    optional={
        "args": st.lists(TEXT, max_size=4),
        "env": st.dictionaries(KEY, TEXT, max_size=3),
        "disabled": st.booleans(),
        "timeout": st.integers(0, 600),
    },
)
CONFIG = st.fixed_dictionaries(
    {"mcpServers": st.dictionaries(KEY, SERVER, min_size=1, max_size=3)},
    optional={"theme": SCALAR, "list": st.lists(SCALAR, max_size=3)},
)


class Style:
    """How a generated JSONC text looks: drawn by hypothesis."""

    def __init__(self, data: st.DataObject, jsonc: bool) -> None:
        self.data = data
        self.jsonc = jsonc
        self.indent = data.draw(st.sampled_from(["  ", "    ", "\t", " "]))
        self.nl = data.draw(st.sampled_from(["\n", "\r\n"]))
        self.sep = data.draw(st.sampled_from([": ", ":", " : "]))
        self.trailing = jsonc and data.draw(st.booleans())
        self.comments: list[str] = []

    def comment(self) -> str:
        if not self.jsonc or not self.data.draw(st.booleans()):
            return ""
        body = self.data.draw(st.text(alphabet='abc xyz,{}[]:"é', max_size=10))
        text = f"// c{len(self.comments)} {body}"
        if self.data.draw(st.booleans()):
            text = f"/* c{len(self.comments)} {body.replace('*/', '')} */"
        self.comments.append(text)
        return " " + text

    def render(self, value: Any, depth: int = 0) -> str:
        if isinstance(value, (dict, list)) and value:
            pad = self.indent * (depth + 1)
            items = (
                [
                    json.dumps(k, ensure_ascii=False) + self.sep + self.render(v, depth + 1)
                    for k, v in value.items()
                ]
                if isinstance(value, dict)
                else [self.render(v, depth + 1) for v in value]
            )
            lines = []
            for i, item in enumerate(items):
                comma = "," if i < len(items) - 1 or self.trailing else ""
                lines.append(pad + item + comma + self.comment())
            open_, close = ("{", "}") if isinstance(value, dict) else ("[", "]")
            body = self.nl.join(lines)
            return f"{open_}{self.nl}{body}{self.nl}{self.indent * depth}{close}"
        return json.dumps(value, ensure_ascii=False)


def choose_edit(data: st.DataObject, doc: dict) -> tuple[Edit, Any]:  # type: ignore[type-arg]
    """An edit on the generated document and the data expected afterwards."""
    servers = doc["mcpServers"]
    name = data.draw(st.sampled_from(sorted(servers)))
    base = ptr.child("/mcpServers", name)
    expected = copy.deepcopy(doc)
    kind = data.draw(st.sampled_from(["set", "delete", "append", "add", "disable", "drop-arg"]))
    server = expected["mcpServers"][name]
    if kind == "set":
        new = data.draw(TEXT)
        server["command"] = new
        return Edit("set", ptr.child(base, "command"), new), expected
    if kind == "delete":
        del expected["mcpServers"][name]
        return Edit("delete", base), expected
    if kind == "append":
        new = data.draw(TEXT)
        if new not in server.get("args", []):
            server.setdefault("args", []).append(new)
        return Edit("append", ptr.child(base, "args"), new), expected
    if kind == "add":
        value = data.draw(st.dictionaries(KEY, SCALAR, max_size=2))
        key = "x-added"
        server[key] = value
        return Edit("set", ptr.child(base, key), value), expected
    if kind == "drop-arg" and server.get("args"):
        index = data.draw(st.integers(0, len(server["args"]) - 1))
        del server["args"][index]
        return Edit("delete", ptr.child(ptr.child(base, "args"), index)), expected
    server["disabled"] = True
    return Edit("set", ptr.child(base, "disabled"), True), expected


@settings(max_examples=100, deadline=None)
@given(data=st.data(), doc=CONFIG, jsonc=st.booleans())
def test_json_edit_changes_only_the_target(data: st.DataObject, doc: dict, jsonc: bool) -> None:  # type: ignore[type-arg]
    style = Style(data, jsonc)
    text = style.render(doc) + style.nl
    edit, expected = choose_edit(data, doc)
    out = apply_text_edits(text, "jsonc" if jsonc else "json", [edit], style.nl)
    parsed = parse_text(out, "jsonc")
    assert parsed.data == expected
    assert not (parsed.needed_jsonc and not jsonc)  # strict JSON stays strict
    for changed in changed_pointers(doc, parsed.data):
        assert ptr.is_within(changed, ptr.parent(edit.pointer)[0])
    deleted_span = edit.op == "delete"
    if not deleted_span:  # every comment survives an edit that removes nothing
        for comment in style.comments:
            assert comment in out
    assert ("\r\n" in out) == (style.nl == "\r\n") or "\n" not in out.replace("\r\n", "")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), doc=CONFIG, bom=st.booleans())
def test_apply_then_undo_gives_back_the_exact_bytes(
    isolated_home: Path,
    data: st.DataObject,
    doc: dict,
    bom: bool,  # type: ignore[type-arg]
) -> None:
    style = Style(data, jsonc=True)
    raw = (b"\xef\xbb\xbf" if bom else b"") + (style.render(doc) + style.nl).encode()
    path = isolated_home / "prop" / "mcp.json"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    edit, expected = choose_edit(data, doc)
    plan = plan_fixes([Fix("p", "PROP", "property", True, str(path), (edit,))])
    assert not plan.skipped, (plan.skipped[0].reason, edit)
    apply(plan)
    written = path.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") == bom
    assert parse_text(written.decode("utf-8-sig"), "jsonc").data == expected
    undo_last()
    assert path.read_bytes() == raw


@settings(max_examples=60, deadline=None)
@given(doc=CONFIG, value=TEXT, comment=st.text(alphabet="abc xyz", max_size=10))
def test_toml_set_keeps_everything_else(doc: dict, value: str, comment: str) -> None:  # type: ignore[type-arg]
    clean = json.loads(
        json.dumps(doc), object_pairs_hook=lambda kv: {k: v for k, v in kv if v is not None}
    )
    clean = {"mcp_servers": clean["mcpServers"]}
    text = f"# top {comment}\n" + tomlkit.dumps(clean)
    name = sorted(clean["mcp_servers"])[0]
    pointer = ptr.child(ptr.child("/mcp_servers", name), "command")
    out = apply_text_edits(text, "toml", [Edit("set", pointer, value)])
    after = parse_text(out, "toml").data
    assert changed_pointers(clean, after) in ([], [pointer])
    assert after["mcp_servers"][name]["command"] == value
    assert out.startswith(f"# top {comment}\n")


@settings(max_examples=60, deadline=None)
@given(doc=CONFIG, value=TEXT)
def test_yaml_edits_keep_other_lines(doc: dict, value: str) -> None:  # type: ignore[type-arg]
    import io

    from ruamel.yaml import YAML

    y = YAML()
    buf = io.StringIO()
    y.dump(json.loads(json.dumps(doc)), buf)
    lines = buf.getvalue().splitlines(keepends=True)
    text = "# header comment\n" + "".join(lines)
    # ruamel cannot dump some characters (e.g. NEL) faithfully: skip inputs it garbles
    assume(parse_text(text, "yaml").data == json.loads(json.dumps(doc)))
    name = sorted(doc["mcpServers"])[0]
    pointer = ptr.child(ptr.child("/mcpServers", name), "command")
    out = apply_text_edits(text, "yaml", [Edit("set", pointer, value)])
    after = parse_text(out, "yaml").data
    assert after["mcpServers"][name]["command"] == value
    assert changed_pointers(parse_text(text, "yaml").data, after) in ([], [pointer])
    unchanged = [ln for ln in text.splitlines() if "command" not in ln]
    kept = out.splitlines()
    assert all(ln in kept for ln in unchanged if ln.strip())
