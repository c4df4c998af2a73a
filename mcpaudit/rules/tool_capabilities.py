"""What a listed tool can do, from its name, description, schema and annotations (no I/O).

The legs of the "lethal trifecta": reading private data, reading content an attacker can
write, and sending data out (plus code execution, which gives the first and last).
Names are split into words (`get_file_contents`, `printEnv`, `get-env`) and read as verb
+ object; the description only adds a leg when it says so plainly. Annotations
(`readOnlyHint`, `destructiveHint`, `openWorldHint`) are hints from the server: a
read-only tool sends nothing out. A request that goes back to the user (elicitation) or
to the client's own model (sampling) is not a way out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from mcpaudit.model import Tool


class Capability(StrEnum):
    PRIVATE = "reads private data"
    UNTRUSTED = "reads untrusted content"
    SENDS = "can send data out"
    SENDS_URL = "can send data out in the URLs it requests"
    CHANGES = "changes things"
    EXECUTES = "executes code"


_READ = {
    "read",
    "get",
    "list",
    "search",
    "query",
    "view",
    "open",
    "download",
    "export",
    "retrieve",
    "fetch",
    "find",
    "print",
    "show",
    "dump",
    "lookup",
    "browse",
    "load",
    "cat",
}
_PRIVATE_OBJ = {
    "file",
    "files",
    "directory",
    "directories",
    "dir",
    "document",
    "documents",
    "doc",
    "docs",
    "note",
    "notes",
    "email",
    "emails",
    "mail",
    "mails",
    "inbox",
    "mailbox",
    "message",
    "messages",
    "thread",
    "threads",
    "history",
    "database",
    "db",
    "table",
    "tables",
    "record",
    "records",
    "rows",
    "calendar",
    "events",
    "contact",
    "contacts",
    "secret",
    "secrets",
    "credential",
    "credentials",
    "env",
    "environment",
    "repo",
    "repos",
    "repository",
    "contents",
    "drive",
    "sheet",
    "spreadsheet",
    "graph",
    "nodes",
    "customer",
    "customers",
    "profile",
    "logs",
    "sql",
    "collection",
    "collections",
    "keys",
    "vault",
    "clipboard",
    "code",
    "commits",
    "diff",
    "chat",
    "chats",
    "channel",
    "channels",
    "dm",
}
_UNTRUSTED_OBJ = {
    "issue",
    "issues",
    "comment",
    "comments",
    "pull",
    "pulls",
    "pr",
    "prs",
    "email",
    "emails",
    "mail",
    "inbox",
    "message",
    "messages",
    "thread",
    "threads",
    "channel",
    "channels",
    "tweet",
    "tweets",
    "post",
    "posts",
    "page",
    "pages",
    "url",
    "web",
    "website",
    "html",
    "feed",
    "rss",
    "review",
    "reviews",
    "discussion",
    "discussions",
    "chat",
    "chats",
    "ticket",
    "tickets",
}
_FETCH = {
    "fetch",
    "browse",
    "navigate",
    "scrape",
    "crawl",
    "visit",
    "goto",
    "curl",
    "http",
    "webpage",
    "url",
    "extract",
}
_SEND = {
    "send",
    "post",
    "reply",
    "forward",
    "publish",
    "share",
    "upload",
    "push",
    "notify",
    "tweet",
    "webhook",
    "invite",
    "email",
    "mail",
    "dm",
    "message",
    "broadcast",
    "submit",
    "transfer",
}
_SEND_ANYWHERE = {  # "forward" only as the verb: browser_go_forward sends nothing
    "send",
    "post",
    "reply",
    "publish",
    "upload",
    "tweet",
    "webhook",
    "notify",
    "share",
    "invite",
}
_CREATE_OUT = {
    "issue",
    "issues",
    "comment",
    "comments",
    "pr",
    "pull",
    "gist",
    "message",
    "post",
    "page",
    "review",
    "release",
    "discussion",
    "ticket",
    "email",
    "draft",
    "invitation",
    "link",
}
_CHANGE = {
    "write",
    "edit",
    "delete",
    "remove",
    "update",
    "create",
    "move",
    "rename",
    "set",
    "merge",
    "drop",
    "insert",
    "patch",
    "put",
    "add",
    "apply",
    "modify",
    "deploy",
}
_EXEC = {
    "exec",
    "execute",
    "run",
    "shell",
    "bash",
    "terminal",
    "eval",
    "evaluate",
    "script",
    "command",
    "commands",
    "python",
    "javascript",
    "spawn",
}
_TO_USER = re.compile(
    r"\belicit\w*|\bask(?:s|ing)?\s+the\s+user\b|\bsampl(?:e|ing)\s+"
    r"(?:from\s+)?the\s+(?:client'?s?\s+)?(?:llm|model)\b|\bsample_?llm\b",
    re.I,
)
_I = re.IGNORECASE
_DESC_PRIVATE = re.compile(
    r"\benvironment\s+variables\b|\bsecrets?\b|\bcredentials?\b|\bprivate\s+(?:repos?|"
    r"repositor(?:y|ies)|data|files?|messages?)\b|\b(?:read|get|list|search|query)\w*\s+(?:the\s+)?"
    r"(?:complete\s+)?(?:contents?\s+of\s+)?(?:files?|emails?|inbox|database|tables?|messages?|"
    r"calendar|contacts?)\b",
    _I,
)
_DESC_UNTRUSTED = re.compile(
    r"\b(?:fetch|browse|scrape|crawl|navigate|visit|retrieve|read|get)\w*\b[^.\n]{0,40}?\b(?:"
    r"urls?|web\s*pages?|websites?|the\s+web|internet|issues?|pull\s+requests?|comments?|"
    r"emails?|inbox)\b|\bweb\s+search\b|\bsearch\s+the\s+(?:web|internet)\b",
    _I,
)
_DESC_SEND = re.compile(
    r"\b(?:send|post|publish|upload|forward|reply|tweet)\w*\b[^.\n]{0,40}?\b(?:emails?|"
    r"messages?|slack|channels?|webhooks?|recipients?|remote|servers?|endpoints?)\b",
    _I,
)
_DESC_EXEC = re.compile(
    r"\b(?:execute|run|eval(?:uate)?)\w*\b[^.\n]{0,30}?\b(?:shell\s+)?(?:commands?|shell|code|"
    r"scripts?|python|javascript|bash|terminal)\b",
    _I,
)


def words(name: str) -> list[str]:
    """`get_file_contents`, `getFileContents`, `get-file-contents` -> get, file, contents."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    return [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]


def _hint(tool: Tool, key: str) -> bool | None:
    value = tool.annotations.get(key) if isinstance(tool.annotations, Mapping) else None
    return value if isinstance(value, bool) else None


def capabilities(tool: Tool) -> set[Capability]:
    """The capabilities a tool's name, description, schema and annotations suggest."""
    w = words(tool.name)
    ws = set(w)
    verb = w[0] if w else ""
    desc = tool.description or ""
    first = re.split(r"(?<=[.!?])\s", desc, maxsplit=1)[0]  # what it does, not caveats
    found: set[Capability] = set()
    if _TO_USER.search(tool.name) or (_TO_USER.search(first) and not ws & _SEND - {"message"}):
        return found  # elicitation / sampling talk to the user or the client's own model
    reads = bool(ws & _READ) or verb in _READ
    if (
        (reads and ws & _PRIVATE_OBJ)
        or ws & {"env", "environment", "secrets"}
        or _DESC_PRIVATE.search(first)
    ):
        found.add(Capability.PRIVATE)
    if (reads and ws & _UNTRUSTED_OBJ) or ws & _FETCH or _DESC_UNTRUSTED.search(first):
        found.add(Capability.UNTRUSTED)
    if _hint(tool, "openWorldHint") and reads:
        found.add(Capability.UNTRUSTED)
    sends_word = verb in _SEND or bool(ws & _SEND_ANYWHERE)
    creates_out = verb in {"create", "add", "submit", "comment", "push"} and ws & _CREATE_OUT
    if sends_word or creates_out or _DESC_SEND.search(first):
        found.add(Capability.SENDS)
    if ws & _FETCH and _takes_url(tool.input_schema):
        found.add(Capability.SENDS_URL)  # a request to any URL carries data in the URL
    if verb in _CHANGE or _hint(tool, "destructiveHint"):
        found.add(Capability.CHANGES)
    if (ws & _EXEC and (verb in _EXEC or "command" in ws or "code" in ws)) or _DESC_EXEC.search(
        first
    ):
        found.add(Capability.EXECUTES)
    if _hint(tool, "readOnlyHint"):
        found -= {Capability.SENDS, Capability.CHANGES}
    return found


def _takes_url(schema: Any) -> bool:
    props = schema.get("properties") if isinstance(schema, Mapping) else None
    if not isinstance(props, Mapping):
        return False
    return any(re.search(r"url|uri|href|link|endpoint", str(k), _I) for k in props)


def trifecta_legs(caps: set[Capability]) -> dict[str, str]:
    """Which legs of the trifecta a capability set covers: leg -> "strong" | "weak"."""
    legs: dict[str, str] = {}
    if caps & {Capability.PRIVATE, Capability.EXECUTES}:
        legs["private"] = "strong"
    if Capability.UNTRUSTED in caps:
        legs["untrusted"] = "strong"
    if caps & {Capability.SENDS, Capability.EXECUTES}:
        legs["sends"] = "strong"
    elif Capability.SENDS_URL in caps:
        legs["sends"] = "weak"
    return legs
