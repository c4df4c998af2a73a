"""Positions: every JSON pointer resolves to the exact spot of its value, in every format."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from mcpaudit.config.document import parse_text
from mcpaudit.config.jsonpos import (
    JsonLocator,
    escape_pointer_token,
    loads_with_positions,
    strip_jsonc,
)

keys = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=25,
)


def _pointers(value, prefix=""):
    yield prefix, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _pointers(v, f"{prefix}/{escape_pointer_token(k)}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _pointers(v, f"{prefix}/{i}")


@settings(max_examples=150, deadline=None)
@given(documents, st.sampled_from([None, 1, 2, "\t"]))
def test_every_pointer_locates_its_value(doc, indent):
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    locator = JsonLocator(text)
    decoder = json.JSONDecoder()
    for pointer, value in _pointers(doc):
        offset = locator.offset_of(pointer)
        assert offset is not None, pointer
        assert decoder.raw_decode(text, offset)[0] == value


def _index_paths(doc, depth=3):
    """Key paths into `doc`, some through `*`, as a client's server maps would be."""
    paths = [("*",) * depth]
    node = doc
    path: tuple[str, ...] = ()
    while isinstance(node, dict) and node and len(path) < depth:
        key = next(iter(node))
        path += (key,)
        paths.append(path)
        node = node[key]
    return paths


def _outcome(text, index):
    try:
        data, locator, needed = loads_with_positions(text, index=index)
    except ValueError as exc:
        return "error", str(exc)
    pointers = [p for p, _ in _pointers(data)]
    return data, [locator.position(p) for p in pointers], needed


@settings(max_examples=150, deadline=None)
@given(
    documents,
    st.sampled_from([None, 2]),
    st.integers(0, 40),
    st.sampled_from(["", ",", "}", "x", " // c\n"]),
)
def test_indexed_parse_gives_what_the_plain_parse_gives(doc, indent, cut, junk):
    """The one-pass indexer is only an optimisation: same data, positions and errors."""
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    index = _index_paths(doc)
    assert _outcome(text, index) == _outcome(text, ())
    # Broken and JSONC variants too: the indexer must give up and defer to the parser.
    cut = min(cut, len(text))
    broken = text[:cut] + junk + text[cut:]
    assert _outcome(broken, index) == _outcome(broken, ())


def _unambiguous(value, prefix=""):
    """Pointers whose every key is told apart from its siblings by its ASCII letters."""
    yield prefix
    if isinstance(value, dict):
        shadows = [k.encode("ascii", "replace") for k in value]
        for k, v in value.items():
            if shadows.count(k.encode("ascii", "replace")) == 1:
                yield from _unambiguous(v, f"{prefix}/{escape_pointer_token(k)}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _unambiguous(v, f"{prefix}/{i}")


@settings(max_examples=150, deadline=None)
@given(documents, st.sampled_from([None, 2]))
def test_non_ascii_text_is_located_through_a_compact_copy(doc, indent):
    """An emoji makes Python store the whole text at 4 bytes a character; the locator keeps
    a one-byte copy instead, and every position it gives is still the real one."""
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    exact = JsonLocator(text)
    for index in (_index_paths(doc), ()):
        data, locator, _ = loads_with_positions(text, index=index)
        assert data == doc
        assert locator.text.isascii()
        for pointer in _unambiguous(doc):
            assert locator.position(pointer) == exact.position(pointer), pointer


def test_emoji_in_a_prompt_keeps_the_lines_of_servers_after_it():
    text = (
        '{"projects": {"/home/dév/🚀": {\n"history": [{"display": "déjà 🚀🚀"}],\n'
        '"mcpServers": {"ß": {\n"command": "npx"}}}}}'
    )
    doc = parse_text(text, "json")
    assert doc.data["projects"]["/home/dév/🚀"]["mcpServers"]["ß"]["command"] == "npx"
    assert doc.line_of("/projects/~1home~1dév~1🚀/mcpServers/ß/command") == 4
    assert doc.position("/projects/~1home~1dév~1🚀/history/0/display") == (2, 25)


@settings(max_examples=100, deadline=None)
@given(documents)
def test_jsonc_blanking_keeps_length_and_lines(doc):
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    # Sprinkle a comment after every line and a trailing comma before closers.
    commented = "\n".join(line + "  // note, with } and ] inside" for line in text.split("\n"))
    commented = commented.replace("\n}", ",\n}") if isinstance(doc, dict) and doc else commented
    cleaned = strip_jsonc(commented)
    assert len(cleaned) == len(commented)
    assert cleaned.count("\n") == commented.count("\n")
    assert json.loads(cleaned) == doc


def test_jsonc_keeps_comment_markers_inside_strings():
    text = (
        '{\n  // real comment\n  "url": "https://x.example/a//b", /* block */ "n": "/* not */",\n}'
    )
    doc = parse_text(text, "jsonc")
    assert doc.data == {"url": "https://x.example/a//b", "n": "/* not */"}
    assert doc.needed_jsonc
    assert doc.position("/url") == (3, 10)
    assert doc.line_of("/n") == 3


def test_duplicate_keys_point_at_the_last_one_like_the_parser():
    doc = parse_text('{\n"a": 1,\n"a": 2\n}', "json")
    assert doc.data == {"a": 2}
    assert doc.line_of("/a") == 3


def test_toml_positions():
    text = (
        'model = "x"\n\n[mcp_servers.one]\ncommand = "npx"\nargs = ["-y", "pkg"]\n\n'
        '[mcp_servers.one.env]\nTOKEN = "v"\n\n[mcp_servers."dotted.name"]\nurl = "https://x"\n'
    )
    doc = parse_text(text, "toml")
    assert doc.line_of("/mcp_servers/one") == 3
    assert doc.line_of("/mcp_servers/one/args") == 5
    assert doc.line_of("/mcp_servers/one/args/1") == 5
    assert doc.line_of("/mcp_servers/one/env/TOKEN") == 8
    assert doc.line_of("/mcp_servers/dotted.name/url") == 11


def test_yaml_positions_and_plain_types():
    text = (
        "extensions:\n  gh:\n    cmd: npx\n    args:\n      - -y\n      - pkg\n    timeout: 300\n"
    )
    doc = parse_text(text, "yaml")
    assert doc.data == {"extensions": {"gh": {"cmd": "npx", "args": ["-y", "pkg"], "timeout": 300}}}
    assert type(doc.data["extensions"]["gh"]["cmd"]) is str
    assert doc.line_of("/extensions/gh/args/1") == 6
    assert doc.line_of("/extensions/gh/timeout") == 7


def test_yaml_does_not_build_python_objects():
    doc = parse_text("a: !!python/object/apply:os.system ['echo pwned']\n", "yaml")
    assert isinstance(doc.data["a"], (str, list, dict))
