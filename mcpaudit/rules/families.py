"""The list of rule family modules; importing one registers its rules."""

from mcpaudit.rules import (
    config_health,  # noqa: F401
    suppressions,  # noqa: F401
    tool_content,  # noqa: F401
)
