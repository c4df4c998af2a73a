"""The base folders and environment a code lookup follows (a fake HOME works), and where
each package runner keeps its downloads on every platform."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Where:
    """The base folders and environment the lookup follows (a fake HOME works)."""

    home: Path
    env: Mapping[str, str]
    os_name: str
    xdg_cache: Path
    xdg_data: Path
    localappdata: Path
    appdata: Path
    project: Path | None = None

    @classmethod
    def from_bases(
        cls, values: Mapping[str, str], env: Mapping[str, str], os_name: str, project: Path | None
    ) -> Where:
        return cls(
            home=Path(values["home"]),
            env=env,
            os_name=os_name,
            xdg_cache=Path(values["xdg_cache"]),
            xdg_data=Path(values["xdg_data"]),
            localappdata=Path(values["localappdata"]),
            appdata=Path(values["appdata"]),
            project=project,
        )

    def npm_cache(self) -> Path:
        value = self.env.get("npm_config_cache") or self.env.get("NPM_CONFIG_CACHE")
        if value:
            return Path(value)
        return self.localappdata / "npm-cache" if self.os_name == "windows" else self.home / ".npm"

    # The folders below are the ones the tools document (an environment variable first):
    # uv: docs.astral.sh/uv/reference/storage — XDG on Linux *and* macOS, Known Folders on
    # Windows (%LOCALAPPDATA%\uv\cache, %APPDATA%\uv\data; older uv put tools straight
    # under %APPDATA%\uv\tools, astral-sh/uv#7008). pipx: pipx.pypa.io "Configure paths" —
    # ~/.local/share/pipx (Linux), ~/.local/pipx (macOS), ~\pipx (Windows), plus the older
    # defaults it still uses when they exist; `pipx run` venvs in $PIPX_HOME/.cache.

    def uv_cache(self) -> Path:
        if self.env.get("UV_CACHE_DIR"):
            return Path(self.env["UV_CACHE_DIR"])
        if self.os_name == "windows":
            return self.localappdata / "uv" / "cache"
        return self.xdg_cache / "uv"

    def uv_tool_dirs(self) -> list[Path]:
        if self.env.get("UV_TOOL_DIR"):
            return [Path(self.env["UV_TOOL_DIR"])]
        if self.os_name == "windows":
            return [self.appdata / "uv" / "data" / "tools", self.appdata / "uv" / "tools"]
        return [self.xdg_data / "uv" / "tools"]

    def pipx_homes(self) -> list[Path]:
        if self.env.get("PIPX_HOME"):
            return [Path(self.env["PIPX_HOME"])]
        if self.os_name == "windows":
            return [self.home / "pipx", self.localappdata / "pipx", self.home / ".local" / "pipx"]
        if self.os_name == "macos":
            return [self.home / ".local" / "pipx", self.home / "Library/Application Support/pipx"]
        return [self.xdg_data / "pipx", self.home / ".local" / "pipx"]

    def pipx_run_caches(self) -> list[Path]:
        if self.env.get("PIPX_VENV_CACHEDIR"):
            return [Path(self.env["PIPX_VENV_CACHEDIR"])]
        return [home / ".cache" for home in self.pipx_homes()]
