"""MCP6xx: tools that run without the user's confirmation, and server sets forming a toxic flow.

`grants` reads where each client writes an auto-approval or a client-wide switch;
`confirmation` (MCP601-604) judges them; `toxic_flow` (MCP610) judges which servers run
together. Importing the package registers the rules.
"""

from mcpaudit.rules.approval import confirmation, toxic_flow  # noqa: F401
