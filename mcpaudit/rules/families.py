"""The list of rule family modules; importing one registers its rules."""

from mcpaudit.rules import (
    config_health,  # noqa: F401
    logs,  # noqa: F401
    processes,  # noqa: F401
    source_code,  # noqa: F401
    tool_content,  # noqa: F401
)
