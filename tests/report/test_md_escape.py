"""Untrusted text in the Markdown report, checked with GitHub's own renderer (cmark-gfm)."""

from __future__ import annotations

import html
import re

import cmarkgfm
from hypothesis import given, settings
from hypothesis import strategies as st

from mcpaudit.report.escape import md_cell, md_code, md_ours, md_text, unwrap
from mcpaudit.sanitize import clean

HOSTILE = (
    "evil | cell `code` <img src=x onerror=alert(1)> <script>alert(1)</script> "
    "[click](javascript:alert(1)) ![i](http://x/i.png) \x1b[31mred\x1b[0m \x1b]8;;http://x\x07 "
    "line1\nline2\r\n# heading **bold** _em_ ~~del~~ $x^2$ :smile: www.evil.example "
    "https://evil.example me@evil.example @someone &amp; &#124; \u202etxt.exe \u200b"
)

GFM = st.sampled_from(
    [
        *"ab |`*_[]()<>!#&;:@.\\-~=$^\"'\n\r\t/wW{}+1",
        "\x1b",
        "\u202e",
        "é",
        "www.",
        "https://",
        "1.",
    ]
)
TEXT = st.lists(GFM | st.characters(), max_size=40).map("".join)


def render(md: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(md)


def cells(md_row: str, ncols: int) -> list[str]:
    table = "| " + " | ".join(f"h{i}" for i in range(ncols)) + " |\n"
    table += "|" + "---|" * ncols + "\n" + md_row + "\n"
    out = render(table)
    return re.findall(r"<td>(.*?)</td>", out, re.S)


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def assert_inert(out: str) -> None:
    assert "<a " not in out
    assert "<img" not in out
    assert "<script" not in out
    assert "raw HTML omitted" not in out
    tags = set(re.findall(r"</?([a-z0-9]+)", out))
    assert tags <= {"p", "code", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "strong"}


def test_hostile_text_in_a_table_keeps_the_columns_and_shows_the_text() -> None:
    row = f"| {md_cell(HOSTILE, None)} | {md_cell(HOSTILE, None, code=True)} | end |"
    tds = cells(row, 3)
    assert len(tds) == 3
    assert visible(tds[2]) == "end"
    expected = clean(HOSTILE, keep_newlines=False).replace("\t", " ")
    assert visible(tds[0]) == expected
    assert visible(tds[1]) == expected
    assert "\x1b" not in row and "\n" not in row and "\u202e" not in row
    assert_inert(render("| a | b | c |\n|---|---|---|\n" + row))


def test_hostile_text_as_prose_does_not_make_links_html_or_headings() -> None:
    out = render(f"{md_text(HOSTILE)}\n\n- **What:** {md_text(HOSTILE)}\n")
    assert_inert(out)
    assert "<h1" not in out and "<strong>bold" not in out and "<del>" not in out
    assert "me@evil.example" in visible(out)  # shown, but not a mailto link


def test_code_span_fence_is_longer_than_any_backtick_run() -> None:
    assert md_code("a ``` b") == "````a ``` b````"
    assert visible(render(md_code("``x"))).strip() == "``x"
    assert md_code("") == "(empty)"


def test_unwrap_joins_a_docstring_into_one_line() -> None:
    assert unwrap("A rule that\n  wraps.\n\nSecond para.") == "A rule that wraps. Second para."


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_stays_in_its_cell_and_reads_back(text: str) -> None:
    row = f"| {md_cell(text, None)} | {md_cell(text, None, code=True)} | end |"
    tds = cells(row, 3)
    assert len(tds) == 3, row
    assert visible(tds[2]) == "end"
    flat = clean(text, keep_newlines=False).replace("\t", " ")
    assert visible(tds[0]).strip(" ") == flat.strip(" "), row
    if flat.strip():
        assert visible(tds[1]) == flat, row
    assert_inert(render("| a | b | c |\n|---|---|---|\n" + row))


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_any_text_as_prose_is_one_inert_paragraph(text: str) -> None:
    flat = clean(text, keep_newlines=False).replace("\t", " ").strip(" ")
    for prefix, shown in (("- **What:** ", "What: "), ("- ", "")):
        md = prefix + md_text(text, None) + "\n"
        out = render(md)
        assert_inert(out)
        assert out.count("<li>") == 1, md
        assert visible(out).strip() == (shown + flat).strip(), md
    out = render(md_text(text, None) + "\n")
    assert_inert(out)
    assert out.count("<p>") <= 1 and "<h" not in out and "<pre" not in out, out
    assert visible(out).strip() == flat.strip(), out


def test_our_own_prose_keeps_its_code_spans() -> None:
    md = md_ours("Tags such as `<IMPORTANT>` or\n  `~/.ssh/id_rsa`, and <b>html</b>.")
    out = render(md)
    assert "<code>&lt;IMPORTANT&gt;</code>" in out and "<code>~/.ssh/id_rsa</code>," in out
    assert "&lt;b&gt;html&lt;/b&gt;" in out


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_our_own_prose_cannot_break_out_either(text: str) -> None:
    out = render(f"- **Why it matters:** {md_ours(text, None)}\n")
    assert_inert(out)
    assert out.count("<li>") == 1
