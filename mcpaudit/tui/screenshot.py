"""Where the palette's "Screenshot" goes: ~/Downloads when it exists, else a folder that
does (issue 16, point 15: Textual's default failed with no reason on a fresh account)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def screenshot_folder() -> tuple[Path, str]:
    """The folder to write to, and why it is not Downloads ("" when it is)."""
    import platformdirs

    downloads = platformdirs.user_downloads_path()
    if downloads.is_dir() and os.access(downloads, os.W_OK):
        return downloads, ""
    why = f"{downloads} does not exist" if not downloads.exists() else f"cannot write {downloads}"
    cwd = Path.cwd()
    if os.access(cwd, os.W_OK):
        return cwd, why
    return Path(tempfile.gettempdir()), why
