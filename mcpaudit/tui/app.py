"""The Textual app: holds the scan result and runs long work in workers; screens render it.

`make_app` builds the app (tests reuse it); `run_tui` is what `mcpaudit` with no
arguments calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from mcpaudit.model import ScanResult
from mcpaudit.output import write_report
from mcpaudit.report import render
from mcpaudit.sanitize import clean, one_line
from mcpaudit.scan import Progress, ScanOptions, scan
from mcpaudit.tui.dialogs.export import ExportDialog
from mcpaudit.tui.dialogs.help import HelpDialog
from mcpaudit.tui.flows.fixing import FixFlow
from mcpaudit.tui.flows.inspecting import InspectFlow
from mcpaudit.tui.flows.walking import WalkFlow
from mcpaudit.tui.live import carry_live, inspection_failures, is_demo, live_scan_options
from mcpaudit.tui.screens.empty import EmptyScreen
from mcpaudit.tui.screens.main import ACTIONS, MOVES, PALETTE, MainScreen
from mcpaudit.tui.services import Services
from mcpaudit.tui.view import display_path, export_format, is_empty, shorten_home

Scanner = Callable[[ScanOptions, Progress | None], ScanResult]


class McpAuditApp(App[int]):
    CSS_PATH = "mcpaudit.tcss"
    TITLE = "mcpaudit"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="Leave mcpaudit", id="quit")
    ]
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        options: ScanOptions,
        *,
        result: ScanResult | None = None,
        scanner: Scanner | None = None,
        services: Services | None = None,
        report_default: str | None = None,
    ) -> None:
        super().__init__()
        self.options = options
        self.result = result
        self.scanner: Scanner = scanner or (lambda o, p: scan(o, p))
        self.services = services or Services()
        self.report_default = report_default
        self.inspect_failures: dict[str, str] = {}
        self.inspected: set[str] = set()  # servers the user let mcpaudit start, this session
        self._screenshot_why = ""  # why the screenshot is not in ~/Downloads
        self._held: list[tuple[str, str, SeverityLevel, float | None, bool]] = []
        self.fixes = FixFlow(self)
        self.inspections = InspectFlow(self)
        self.walks = WalkFlow(self)

    # --- screens ---------------------------------------------------------------------------

    async def on_mount(self) -> None:
        if self.result is not None:
            self.install_result(self.result)
        else:
            await self.push_screen(MainScreen())
            self.start_scan()

    @property
    def base(self) -> MainScreen | EmptyScreen | None:
        """The main or empty screen under any open dialog."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen | EmptyScreen):
                return screen
        return None

    def install_result(self, result: ScanResult) -> None:
        """Show a new scan result, switching between the audit and the empty screen."""
        self.result = result
        self.services.set_result(result)
        self.inspect_failures = dict(inspection_failures(result))
        base = self.base
        wanted = EmptyScreen if is_empty(result) else MainScreen
        if isinstance(base, wanted):
            base.show_result(result)
            base.set_busy(None)
            return
        screen = EmptyScreen(result) if wanted is EmptyScreen else MainScreen()
        if base is None:
            self.push_screen(screen)
        else:
            while self.screen is not base:
                self.pop_screen()
            self.switch_screen(screen)
        if isinstance(screen, MainScreen):
            self.call_after_refresh(screen.show_result, result)

    # --- toasts: outcomes only, never over a dialog (issue 16, point 6) -------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast; while a dialog is open it waits until the dialog closes. Every toast
        (screens and widgets end here too) is sanitised plain text: messages carry paths,
        server names and errors from the config, never markup."""
        if isinstance(self.screen, ModalScreen):
            self._held.append((message, title, severity, timeout, markup))
            return
        super().notify(
            clean(message, max_len=2000),
            title=one_line(title, 200),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def push_screen(self, screen, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        if isinstance(screen, ModalScreen):
            self.clear_notifications()  # earlier toasts would cover the dialog
        return super().push_screen(screen, *args, **kwargs)

    def show_held_notices(self) -> None:
        """The toasts that waited for a dialog to close (the base screens call this)."""
        held, self._held = self._held, []
        for message, title, severity, timeout, markup in held:
            self.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # --- scanning --------------------------------------------------------------------------

    def start_scan(self, options: ScanOptions | None = None, live_ids: Sequence[str] = ()) -> None:
        """Scan again in a worker; `live_ids` also inspects those servers (consent given)."""
        if options is not None:
            self.options = options
            self.inspected.clear()
        opts = self.options
        if live_ids:
            opts = live_scan_options(opts, live_ids)
            self._busy(f"inspecting {len(live_ids)} server(s) live…")
        else:
            self._busy("reading config files…")
        self.run_worker(
            lambda: self._scan_in_thread(opts, tuple(live_ids)),
            thread=True,
            group="scan",
            exclusive=True,
            exit_on_error=False,
            name="scan",
        )

    def _scan_in_thread(self, options: ScanOptions, live_ids: tuple[str, ...]) -> None:
        result = self.scanner(options, lambda msg: self.call_from_thread(self._busy, msg))
        self.call_from_thread(self._scanned, result, live_ids)

    def _scanned(self, result: ScanResult, live_ids: tuple[str, ...]) -> None:
        earlier = [sid for sid in self.inspected if sid not in live_ids]
        result = carry_live(result, self.result, earlier)
        self.inspected.update(live_ids)
        self.install_result(result)
        self.walks.report(result)
        if live_ids:
            failed = [sid for sid in live_ids if sid in self.inspect_failures]
            done = len(live_ids) - len(failed)
            message = f"inspected {done} server(s) live"
            if failed:
                message += f"; {len(failed)} could not be inspected (see ⚠ in the tree)"
            self.notify(message, severity="warning" if failed else "information")

    def _busy(self, message: str | None) -> None:
        base = self.base
        if base is not None:
            home = (self.options.env or {}).get("HOME", "")
            base.set_busy(shorten_home(message, home) if message else None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self._busy(None)
            self.walks.pending = None
            error = event.worker.error
            self.notify(
                f"{event.worker.name} failed: {type(error).__name__}: {error}",
                severity="error",
                markup=False,
                timeout=10,
            )

    def open_demo(self, reset: bool = False) -> None:
        """Audit the demo copy (its state kept inside it); `reset` starts it afresh."""
        from mcpaudit.demo import demo_env

        env, project = demo_env(reset=reset)
        self.start_scan(ScanOptions(env=env, project=project))
        if reset:
            self.notify("The demo home and its fixes, undo journal and secrets start afresh.")

    def reset_demo(self) -> None:
        self.open_demo(reset=True)

    # --- export ----------------------------------------------------------------------------

    def action_export(self) -> None:
        fmt = export_format()
        default = self.report_default or "./mcpaudit-report.md"
        self.push_screen(ExportDialog(fmt, default), lambda path: self._export(path, fmt))

    def _export(self, path: Path | None, fmt: str) -> None:
        if path is None or self.result is None:
            return
        try:
            write_report(path, render(self.result, fmt).encode("utf-8"))
        except OSError as exc:
            self.notify(
                f"cannot write {path}: {exc.strerror or exc}", severity="error", markup=False
            )
            return
        self.notify(
            f"wrote the {fmt} report to {display_path(str(path.absolute()), '')}", markup=False
        )

    # --- screenshot (command palette) -----------------------------------------------------

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        from mcpaudit.tui.screenshot import screenshot_folder

        self._screenshot_why = ""
        if path is None:
            folder, self._screenshot_why = screenshot_folder()
            path = str(folder)
        return super().deliver_screenshot(filename, path, time_format)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name != "screenshot":
            return
        event.prevent_default()  # instead of Textual's toast: ours says why it went there
        why = self._screenshot_why
        where = str(event.path) if event.path else "the browser"
        self.notify(
            f"saved the screenshot to {where}" + (f" ({why})" if why else ""),
            title="Screenshot",
            markup=False,
        )

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name != "screenshot":
            return
        event.prevent_default()
        self.notify(
            f"could not save the screenshot: {event.exception}",
            title="Screenshot",
            severity="error",
            markup=False,
        )

    # --- help and command palette ----------------------------------------------------------

    def action_help(self) -> None:
        keys = [(_key_name(k), tip) for k, _a, _l, tip in ACTIONS]
        keys.append(("q", "Quit"))
        keys.extend(MOVES)
        self.push_screen(HelpDialog(keys))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        base = self.base
        if isinstance(base, MainScreen):
            for key, action, _label, tip in ACTIONS:
                name = f"{PALETTE[action]} ({_key_name(key)})"
                yield SystemCommand(name, tip, _runner(base, action))
            if is_demo(self.options):
                yield SystemCommand(
                    "Reset the demo home",
                    "Start the demo afresh: its configs, fixes, undo journal and secret store",
                    self.reset_demo,
                )
        elif isinstance(base, EmptyScreen):
            yield SystemCommand("Open the demo home (d)", "Audit the bundled demo", self.open_demo)
            yield SystemCommand("Rescan (r)", "Look for config files again", self.start_scan)
            yield SystemCommand(
                "Find project configs under a folder (w)",
                "Search a code folder for project configs (scan --walk)",
                self.walks.ask,
            )


def _key_name(key: str) -> str:
    return {"slash": "/", "question_mark": "?"}.get(key, key)


def _runner(screen: Screen, action: str) -> Callable[[], object]:
    return lambda: screen.run_action(action)


def make_app(
    options: ScanOptions | None = None,
    *,
    result: ScanResult | None = None,
    scanner: Scanner | None = None,
    services: Services | None = None,
    report_default: str | None = None,
) -> McpAuditApp:
    """The app on `options` (default: this machine); `result` skips the first scan."""
    return McpAuditApp(
        options or ScanOptions(),
        result=result,
        scanner=scanner,
        services=services,
        report_default=report_default,
    )


def run_tui(options: ScanOptions) -> int:
    app = make_app(options)
    code = app.run()
    return code if isinstance(code, int) else 0
