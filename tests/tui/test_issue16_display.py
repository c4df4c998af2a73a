"""Issue 16 in the TUI, what is on screen (80×24 and 120×40): cut text ends in an ellipsis
(point 8), every severity reads without colour (13), an empty table says why (5)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mcpaudit.model import Severity
from mcpaudit.tui.app import make_app
from mcpaudit.tui.widgets.finding_detail import FindingDetail
from mcpaudit.tui.widgets.findings_table import FindingsTable
from mcpaudit.tui.widgets.server_tree import ServerTree
from mcpaudit.tui.widgets.severity_bar import SeverityBar
from tests.tui.sample import options_for, sample_result
from tests.tui.screen import attributes, contrast, segments, shown_colours, strip_text
from tests.tui.test_first_hour import settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)])


def demo_app():  # type: ignore[no-untyped-def]
    from mcpaudit.demo import demo_env
    from mcpaudit.scan import ScanOptions

    env, project = demo_env()
    return make_app(ScanOptions(env=env, project=project))


def tree_lines(tree: ServerTree) -> list[tuple[str, str]]:
    """(what the line shows, the node's whole label) for every visible line of the tree."""
    out = []
    for y in range(tree.size.height):
        node = tree.get_node_at_line(y + round(tree.scroll_y))
        if node is not None:
            out.append((strip_text(tree.render_line(y)).rstrip(), node.label.plain.rstrip()))
    return out


@SIZES
async def test_a_cut_tree_label_ends_in_an_ellipsis_and_a_short_one_is_whole(
    size: tuple[int, int],
) -> None:
    app = demo_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = tree_lines(app.screen.query_one(ServerTree))
        assert len(lines) > 10
        cut = 0
        for shown, label in lines:
            start = shown.find(label[:6])  # the badge and the name's first letters
            assert start >= 0, (shown, label)
            visible = shown[start:]
            if visible != label:
                cut += 1
                assert visible.endswith("…"), f"cut without a sign: {shown!r} of {label!r}"
                assert label.startswith(visible[:-1]), (visible, label)
        assert cut, "the demo's long file names must be cut somewhere in a pane this narrow"
        shown = "\n".join(s for s, _ in lines)
        assert "sequential-thinking (of\n" not in shown + "\n"
        assert " github" in shown and "(off in 1 project)" not in shown.replace("…", "")[:0]


@SIZES
async def test_a_cut_title_cell_ends_in_an_ellipsis(size: tuple[int, int]) -> None:
    app = demo_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FindingsTable)
        header = strip_text(app.screen.query_one(SeverityBar).render_line(0)).rstrip()
        cut = 0
        for y in range(1, table.size.height):
            row = y - 1 + round(table.scroll_y)
            if row >= len(table.findings):
                break
            line = strip_text(table.render_line(y)).rstrip()
            title = table.findings[row].title
            if title not in line:
                cut += 1
                assert line.endswith("…"), f"title cut without a sign: {line!r}"
                assert title.startswith(line.rsplit("  ", 1)[-1].strip()[:-1]), (line, title)
        assert cut  # the demo has titles longer than the pane at both sizes
    if size[0] == 80:
        assert header.endswith("…"), header  # the counts do not fit: cut visibly


def every_severity(home: Path):  # type: ignore[no-untyped-def]
    """The sample, plus one INFO finding: all five severities are on the screen."""
    result = sample_result(home, fixes=False)
    low = next(f for f in result.findings if f.severity is Severity.LOW)
    info = replace(low, severity=Severity.INFO, rule_id="MCP999", title="An informational note")
    return replace(result, findings=[*result.findings, info])


WORDS = {
    "CRIT": Severity.CRITICAL,
    "HIGH": Severity.HIGH,
    "MED": Severity.MEDIUM,
    "LOW": Severity.LOW,
    "INFO": Severity.INFO,
}


@SIZES
async def test_no_color_every_severity_reads_and_each_looks_different(
    tmp_path: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    home = tmp_path / "home"
    app = make_app(options_for(home), result=every_severity(home))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.no_color
        app.screen.query_one(ServerTree).focus()  # no table row under the cursor
        await pilot.pause()
        seen: dict[str, list[tuple[float, tuple[bool, bool, bool, bool]]]] = {}
        for seg in segments(app):
            word = seg.text.strip()
            counts = word.split(" ")
            if word in WORDS or (
                len(counts) == 2
                and counts[0].isdigit()
                and counts[1] in {s.value for s in Severity}
            ):
                fg, bg = shown_colours(seg.style)
                seen.setdefault(word, []).append((contrast(fg, bg), attributes(seg.style)))
        # Table cells and the header's counts (zero counts are dim words, not severities).
        for word in WORDS:
            assert word in seen, (word, sorted(seen))
        for word, looks in seen.items():
            for ratio, _ in looks:
                assert ratio >= 4.5, f"{word!r}: contrast {ratio:.2f} (grey on grey?)"
        table_looks = {WORDS[w]: {a for _, a in seen[w]} for w in WORDS}
        flat = [a for looks in table_looks.values() for a in looks]
        assert len(flat) == len(set(flat)) == 5, table_looks  # one look per severity
        counts = [f"1 {s.value}" for s in Severity]
        assert all(name in seen for name in counts), sorted(seen)
        header_looks = [a for name in counts for a in {a for _, a in seen[name]}]
        assert len(header_looks) == len(set(header_looks)) == 5, header_looks


async def test_colour_stays_when_no_color_is_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    home = tmp_path / "home"
    app = make_app(options_for(home), result=every_severity(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        high = next(s for s in segments(app) if s.text.strip() == "HIGH")
        fg, _bg = shown_colours(high.style)
        assert fg[0] > 150 and fg[1] < 60  # red3


@SIZES
async def test_an_empty_filtered_table_says_why_in_the_table(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(ServerTree)
        table = app.screen.query_one(FindingsTable)
        server = next(
            n
            for n in _walk(tree.root)
            if n.data and n.data.kind == "server" and "filesystem" in n.label.plain
        )
        tree.focus()
        tree.move_cursor(server)
        await pilot.press("enter")
        await pilot.pause()
        assert table.findings and {f.server for f in table.findings} == {"filesystem"}
        await pilot.press("s")  # critical only: filesystem has none
        await pilot.pause()
        assert not table.findings
        line = strip_text(table.render_line(1)).strip()
        assert line.startswith("No findings in filesystem at severity ≥ critical")
        whole = (
            "No findings in filesystem at severity ≥ critical"
            " — press s to change, Enter on “All servers” widens"
        )
        assert line == whole or (line.endswith("…") and whole.startswith(line[:-1])), line
        detail = str(app.screen.query_one(FindingDetail).query_one("#detail-body").render())
        assert whole in detail  # the detail pane has room for all of it
        header = strip_text(app.screen.query_one(SeverityBar).render_line(0))
        assert "showing 0/4 (in filesystem, severity ≥ critical)" in header, header
        await pilot.press("s", "s", "s", "s")  # back to every severity
        await pilot.pause()
        assert table.findings and "No findings" not in strip_text(table.render_line(1))


def _walk(node):  # type: ignore[no-untyped-def]
    yield node
    for child in node.children:
        yield from _walk(child)
