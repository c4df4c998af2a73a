"""The one error type of the fix stage: a message a user can act on, never a traceback."""

from __future__ import annotations


class FixError(Exception):
    """A fix that cannot be planned, applied or undone; `str()` says why and what to do."""
