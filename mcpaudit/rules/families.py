"""The list of rule family modules; importing one registers its rules."""

from mcpaudit.rules import (
    approval,  # noqa: F401
    config_health,  # noqa: F401
    config_text,  # noqa: F401
    containment,  # noqa: F401
    hooks,  # noqa: F401
    inline_code,  # noqa: F401
    inspection,  # noqa: F401
    logs,  # noqa: F401
    oauth_config,  # noqa: F401
    processes,  # noqa: F401
    remote,  # noqa: F401
    secrets,  # noqa: F401
    source_code,  # noqa: F401
    supply_chain,  # noqa: F401
    suppressions,  # noqa: F401
    tool_content,  # noqa: F401
    tool_flows,  # noqa: F401
    transport,  # noqa: F401
    typosquat,  # noqa: F401
)
