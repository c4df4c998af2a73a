"""MCP3xx: how far a server reaches: inline shell scripts, privileged containers, broad paths.

One module per part of the family (importing them registers the rules): `shell` (MCP30x),
`docker` (MCP31x), `filesystem` (MCP320). `shapes` recognises dangerous launch lines and
`host_paths` judges host paths; both are shared with the hook rules, the fixes and the
path checks.
"""

from mcpaudit.rules.containment import docker, filesystem, shell  # noqa: F401
