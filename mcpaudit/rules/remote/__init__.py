"""MCP45x: what a remote server's OAuth discovery chain says, as seen live.

Input: `ctx.live["oauth"]` (server id -> `mcpaudit.inspect.oauth_records.OAuthProbe`), filled
only with `--live` or the user's consent in the TUI. Pure judgement, no I/O.

One module per question (importing them registers the rules): `metadata` (MCP450-455,
what the metadata documents say), `connection` (MCP456, 457, 459: how the server
answered) and `credentials` (MCP458: a credential sent where it is not needed).
`probes` holds what they share.
"""

from mcpaudit.rules.remote import connection, credentials, metadata  # noqa: F401
