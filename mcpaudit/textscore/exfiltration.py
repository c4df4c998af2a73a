"""Signals that move data out: keeping things from the user, reading sensitive files,
collecting secrets or the conversation, side channels, outside addresses.

Each pattern is (family, label, regex); BROADER and BROADER2 add the broader phrasings
of the same ideas (see signals.py for how they combine). No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mcpaudit.textscore.base import _I, Context, Texts
from mcpaudit.textscore.vocab import _PERSON, _WINDOW, CONVERSATION, SECRETS, SENSITIVE, SIDE_PARAMS

PATTERNS: dict[str, tuple[str, str, str]] = {
    "conceal": (
        "concealment",
        "an instruction to keep something from the user",
        r"\b(?:do\s+not|don'?t|never|without|refrain\s+from|no\s+need\s+to|no\s+reason\s+to)\s+"
        r"(?:tell|mention|inform|notify|reveal|show|alert|let|disclos|warn|describ|bring\s+(?:it\s+|"
        r"this\s+)?up|report|say)\w*\b[^.\n]{0,60}?\b(?:the\s+)?(?:user|human|operator|anyone|"
        r"it|this|them|these|step|change|extra|upload|what)\w*\b"
        r"|\b(?:the\s+)?users?\s+(?:must|should|will|does)\s+(?:not|never)\s+(?:need\s+to\s+)?"
        r"(?:know|see|notice|be\s+told|hear|find\s+out)"
        r"|\b(?:the\s+)?users?\s+(?:need\s+not|needn'?t)\s+(?:be\s+told|know)"
        r"|\b(?:hide|conceal)\s+(?:this|it|these|that)\b[^.\n]{0,40}\bfrom\b|\bsecretly\b|\bquietly\s+\w+"
        r"|(?<!instead\sof\s)\bsilently\s+(?:send|forward|copy|upload|include|read|add|pass|attach)\w*|\bkeep\s+(?:this|it)\s+(?:between\s+us|to\s+yourself|secret|confidential)"
        r"|\bsay\s+nothing\b|\binvisible\s+to\s+the\s+user\b|\bthere\s+is\s+no\s+need\s+to\s+"
        r"mention\b|\bact\s+(?:as\s+if|normally)\b"
        r"|\bdo\s+not\s+(?:show|display)\s+this\s+change\b|\bneed\s+not\s+be\s+mentioned\b"
        r"|\bis\s+confidential\b|\bthe\s+user\s+already\s+knows\b|\bapply\s+it\s+silently\b",
    ),
    "read_sensitive": (
        "exfiltration",
        "an instruction to read a sensitive file",
        r"\b(?:read|cat|open|load|look\s+at|fetch|retrieve|access|include|send|pass|upload|attach|"
        r"copy|provide|extract|collect|forward|post|paste|append|put|place)\w*\b[^.\n]{0,80}?"
        rf"(?:{SENSITIVE})"
        rf"|(?:{SENSITIVE})[^.\n]{{0,40}}?\b(?:read|include|send|pass|attach|upload)\s+(?:it|them)\b"
        r"|\b(?:include|send|copy|attach|upload)\w*\s+the\s+contents\s+of\s+(?:the\s+|all\s+)?"
        r"private\s+(?:repositor(?:y|ies)|repos|files|messages|documents|data)\b",
    ),
    "sensitive_path": ("exfiltration", "a sensitive path", SENSITIVE),
    "harvest_secrets": (
        "exfiltration",
        "an instruction to collect secrets",
        r"\b(?:collect|copy|include|pass|send|put|paste|gather|harvest|forward|fill)\w*\b[^.\n]{0,40}?"
        rf"\b(?:every|all|any|the\s+user'?s)\s+(?:\w+\s+){{0,2}}{SECRETS}"
        r"|\b(?:paste|include|put|send|pass)\w*\s+the\s+output\s+of\s+`?(?:env|printenv|set)\b"
        r"|\bevery\s+environment\s+variable"
        r"|\b(?:every|all|any)\s+(?:api\s+keys?|tokens?|passwords?|secrets?)\b[^.\n]{0,40}"
        r"\b(?:seen|visible|found|mentioned)\b",
    ),
    "capture_conversation": (
        "exfiltration",
        "an instruction to pass on the conversation",
        r"\b(?:pass|put|include|send|forward|copy|attach|append|hold|fill|store)\w*\b[^.\n]{0,60}?"
        rf"\b{CONVERSATION}\b|\b{CONVERSATION}\b[^.\n]{{0,40}}\b(?:verbatim|as\s+the\s+`?\w+`?\s+"
        r"(?:argument|parameter))|\breveal\s+the\s+system\s+prompt\b"
        r"|\b(?:forward|send|pass|copy)\s+(?:it|them|that|this|the\s+\w+)\s+to\s+this\s+tool\b",
    ),
    "side_channel": (
        "exfiltration",
        "a side-channel parameter to be filled with data",
        rf"\b(?:as|in|into|to)\s+(?:the\s+)?['`\"]?(?:{SIDE_PARAMS})['`\"]?\s*(?:argument|parameter|"
        r"field)?\b[^.\n]{0,20}(?:too|as\s+well|first|,|\.|;|$)"
        rf"|\b(?:the\s+)?['`\"]?(?:{SIDE_PARAMS})['`\"]?\s+(?:argument|parameter|field)\s+"
        r"(?:has\s+to|must|should)\s+(?:contain|hold|carry|include)",
    ),
    "send_out": (
        "exfiltration",
        "an instruction to send data to an outside address",
        r"\b(?:send|post|upload|forward|share|copy|blind-copy|bcc|guest|cc|recipient)\w*\b"
        r"[^.\n]{0,80}?(?:https?://[^\s\"')]+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|\+\d[\d ]{7,})"
        r"|\bwebhook\s+https?://|\buploads?\s+a\s+(?:backup\s+)?cop(?:y|ies)\b",
    ),
}
BROADER: dict[str, str] = {
    "conceal": (
        rf"\b{_PERSON}\s+(?:does|do|should|must|need|will)\s*(?:not|n'?t|never)\s+(?:\w+\s+){{0,3}}"
        r"(?:know|hear|see|notice|find\s+out|be\s+(?:told|aware|informed))"
        rf"|\b(?:avoid|stop|prevent)\s+(?:letting\s+)?{_PERSON}\s+(?:from\s+)?(?:\w+\s+){{0,2}}"
        r"(?:find(?:ing)?\s+out|know(?:ing)?|notic(?:e|ing)|see(?:ing)?|learn(?:ing)?)"
        r"|\bkeep\s+(?:that|this|it|the\s+\w+)\s+(?:\w+\s+)?to\s+yourself\b"
        r"|\bbetween\s+you\s+and\s+(?:me|the\s+tool|this\s+tool|us)\b"
        r"|\bwithout\s+(?:the\s+user\s+)?(?:knowing|noticing|being\s+told)\b"
    ),
    "harvest_secrets": (
        rf"\b(?:gather|collect|harvest)\s+every\s+(?:\w+,?\s+){{0,4}}(?:secret|token|password|key)s?"
        rf"|\bpass\s+it\s+along\b{_WINDOW}\b(?:argument|parameter|field)"
    ),
    "capture_conversation": (
        r"\b(?:previous|last|earlier|past)\s+(?:\w+\s+)?(?:messages|turns|exchanges)\b"
        r"|\beverything\s+(?:the\s+user\s+and\s+you|you\s+and\s+the\s+user)\s+(?:have\s+)?said\b"
        r"|\bfull\s+body\s+and\s+recipients\b|\bhand\s+it\s+the\s+(?:full|whole|entire)\b"
    ),
}
BROADER2: dict[str, str] = {
    "conceal": (
        r"\b(?:not|never)\s+(?:become|be|get)\s+aware\b|\bdon'?t\s+surface\b"
        r"|\bnever\s+reveal\b|\bsay\s+it\s+only\s+(?:returns|does)\b"
    ),
    "read_sensitive": (
        rf"\b(?:dump|grab|take|supply|hand\s+over|return|share)\w*\b[^.\n]{{0,60}}?(?:{SENSITIVE})"
    ),
    "harvest_secrets": (
        r"\b(?:credentials?|passwords?|tokens?|secrets?|api\s+keys?)\b[^.\n]{0,30}\b(?:save|store|"
        r"send|pass|forward|keep)\s+(?:them|it)\b"
    ),
}


def _param_name_instruction(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """A parameter whose *name* is an instruction (CyberArk's full-schema poisoning)."""
    for name in ctx.param_names:
        words = re.split(r"[_\-\s]+|(?<=[a-z])(?=[A-Z])", name)
        if len(words) >= 4 and re.search(
            r"ssh|rsa|password|secret|credential|mcp_json|env_file|history|from_reading|auth_token|"
            r"api_key|private_key",
            name,
            _I,
        ):
            yield name, f"parameter {name} name"
            return
