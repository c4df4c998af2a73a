"""Laptop-wide discovery: the project folders the clients' own records name.

`records` reads each client's list of opened or trusted folders (Claude Code's
`projects`, VS Code-family workspaceStorage and recently-opened lists, Codex
`[projects]`, Gemini's trustedFolders.json, JetBrains recentProjects.xml,
`.code-workspace` folders), `known` merges them into one entry per folder with its
status, and `load` finds every client's project-scope files in each. Read-only,
offline and bounded; nothing here is started.
"""
