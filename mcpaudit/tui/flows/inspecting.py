"""`i` and `I`: show the exact launch, ask, then run the same live scan as `scan --live`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcpaudit.model import Server
from mcpaudit.tui.dialogs.consent import ConsentDialog
from mcpaudit.tui.flows.notices import not_available
from mcpaudit.tui.live import is_demo
from mcpaudit.tui.view import shorten_home

if TYPE_CHECKING:
    from mcpaudit.tui.app import McpAuditApp


class InspectFlow:
    def __init__(self, app: McpAuditApp) -> None:
        self.app = app

    @property
    def services(self):  # type: ignore[no-untyped-def]
        return self.app.services

    def inspect_selected(self, server_id: str | None) -> None:
        server = next(
            (s for s in (self.app.result.servers if self.app.result else ()) if s.id == server_id),
            None,
        )
        if server is None:
            self.app.notify(
                "Select a server first: a finding of it, or the server in the tree.",
                severity="warning",
            )
            return
        self._consent_then_inspect([server])

    def inspect_all(self) -> None:
        servers = [
            s for s in (self.app.result.servers if self.app.result else ()) if not s.disabled
        ]
        if not servers:
            self.app.notify("There is no enabled server to inspect.", severity="warning")
            return
        self._consent_then_inspect(servers)

    def _consent_then_inspect(self, servers: list[Server], named: tuple[str, ...] = ()) -> None:
        """Ask, then inspect; `named`: held-back servers the user typed the name of."""
        if not self.services.can_inspect:
            not_available(self.app, "Live inspection", "live inspection")
            return
        if is_demo(self.app.options):
            self.app.notify(
                "The demo servers are examples, not programs to start: live inspection is off "
                "in the demo home.",
                severity="warning",
            )
            return
        plans = self.services.launch_plans(servers, self.app.options, named)
        runnable = [p for p in plans if not p.skip_reason]
        held = [p for p in plans if p.skip_reason and p.skip_reason.startswith("held back")]
        if not runnable and not held:
            reasons = "; ".join(f"{p.server_name}: {p.skip_reason}" for p in plans)
            self.app.notify(f"Cannot inspect: {reasons}", severity="warning", markup=False)
            return
        ids = [p.server_id for p in runnable]

        def done(answer: bool | str | None) -> None:
            if isinstance(answer, str):  # a held-back server's name: show its command first
                self._consent_then_inspect(servers, (*named, answer))
            elif answer is True and ids:
                self.app.start_scan(live_ids=ids)

        home = self.app.result.home if self.app.result else ""
        lines = [[shorten_home(line, home) for line in p.display_lines()] for p in runnable]
        dialog = ConsentDialog(
            lines,
            len(plans) - len(runnable) - len(held),
            [f"{p.server_name}: {p.skip_reason}" for p in held],
            held_names=tuple(p.server_name for p in held),
            named=named,
        )
        self.app.push_screen(dialog, done)
