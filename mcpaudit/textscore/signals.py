"""The signals of the tool-text scorer: each says *what* in a text reads like an attack.

A signal is a named check over the texts of one item (a tool, prompt, resource or the
server's instructions). It returns the phrases that fired it, so a finding can quote
them. Signals are deliberately broad: real servers also say "you must" and name paths,
and the calibrated weights (mcpaudit/data/tool_text_weights.json) decide how much each
counts. No I/O here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

_I = re.IGNORECASE

Texts = Sequence[tuple[str, str]]  # (where, text)


@dataclass(frozen=True)
class Context:
    """What a signal may know besides the texts: the item's own name and its siblings'."""

    name: str = ""
    own_names: frozenset[str] = frozenset()  # tools of the same server (naming them is normal)
    other_names: frozenset[str] = frozenset()  # tools of other servers in the same client
    param_names: tuple[str, ...] = ()


@functools.lru_cache(maxsize=16)
def _lowered(names: frozenset[str]) -> frozenset[str]:
    """The names lower-cased, once per server: every tool of a server shares its set, and
    lowering it per tool made scoring quadratic (100,000 tools took hours)."""
    return frozenset(n.lower() for n in names)


@dataclass(frozen=True)
class Fired:
    signal: str
    phrase: str
    where: str


@dataclass(frozen=True)
class Signal:
    id: str
    label: str  # what it means, in words, for the finding
    family: str  # steering | cross_tool | concealment | exfiltration | command | hidden | shape
    check: Callable[[Texts, Context], Iterable[tuple[str, str]]]

    @property
    def prior(self) -> float:
        return PRIORS.get(self.id, 0.5)


# The designer's judgment of each signal alone, before the corpus: calibration pulls each
# weight from here towards what the labelled data shows (an L2 penalty around the prior),
# so a signal the training split never exercises keeps a sensible weight.
PRIORS: dict[str, float] = {
    "tag": 2.5,
    "override": 2.5,
    "role": 1.5,
    "addressed": 0.3,
    "absolute": 0.7,
    "tool_choice": 1.5,
    "every_request": 1.2,
    "before_after": 1.0,
    "other_tool": 1.0,
    "alter_other": 1.5,
    "conceal": 2.2,
    "read_sensitive": 2.2,
    "sensitive_path": 0.5,
    "harvest_secrets": 2.0,
    "capture_conversation": 2.0,
    "side_channel": 1.0,
    "send_out": 0.5,
    "trigger": 1.0,
    "authority": 0.8,
    "follow_output": 1.8,
    "shell_prefix": 1.5,
    "dangerous_command": 2.2,
    "param_name": 2.2,
    "names_tool": 0.5,
    "hidden_text": 2.5,
    "escape": 2.2,
    "homoglyph": 2.5,
    "padding": 0.8,
}


def _regex(pattern: str) -> Callable[[Texts, Context], Iterable[tuple[str, str]]]:
    compiled = re.compile(pattern, _I)

    def check(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
        for where, text in texts:
            m = compiled.search(text)
            if m:
                yield m.group(0), where
                return

    return check


_IDENT = re.compile(r"`?\b([A-Za-z][\w-]*[_-][\w-]*[A-Za-z0-9]|[a-z]+[A-Z]\w*)\b`?")


def _regex_not_own(pattern: str) -> Callable[[Texts, Context], Iterable[tuple[str, str]]]:
    """Like `_regex`, but a match that points at one of the server's own tools (the next
    tool-like name after it, within a few words) is ordinary documentation, not steering."""
    compiled = re.compile(pattern, _I)

    def check(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
        # Siblings only: a tool that tells the model to call *itself* for everything steers.
        own, me = _lowered(ctx.own_names), ctx.name.lower()
        for where, text in texts:
            for m in compiled.finditer(text):
                tail = _IDENT.search(text, m.start(), min(len(text), m.end() + 60))
                if tail and (sibling := tail.group(1).lower()) in own and sibling != me:
                    continue
                yield m.group(0), where
                return

    return check


MODEL = r"(?:you|the\s+(?:assistant|model|ai|agent|llm|llm\s+agent)|assistants?|agents?)"
VERB_USE = r"(?:call|use|run|invoke|execute|trigger)"
SENSITIVE = (
    r"(?:~|\$HOME|%USERPROFILE%)?[/\\]?\.ssh\b[\w/\\.-]*|\bid_(?:rsa|dsa|ecdsa|ed25519)\b"
    r"|(?<![\w.])\.env\b(?![\w-])|\bmcp\.json\b|\bclaude_desktop_config\.json\b"
    r"|\.aws[/\\]credentials\b|\.netrc\b|\.npmrc\b|\.pypirc\b|\.git-credentials\b"
    r"|/etc/(?:passwd|shadow)\b|\.kube[/\\]config\b|\.docker[/\\]config\.json\b|\.gnupg\b"
    r"|\.(?:bash|zsh)_history\b|\.bashrc\b|\.zshrc\b|\bprivate\s+keys?\b|\bssh\s+keys?\b"
    r"|\bbrowser\s+cookies\b|\bcookies\s+file\b|\bkeychain\b"
)
SECRETS = (
    r"(?:api\s+keys?|tokens?|passwords?|secrets?|credentials?|ssh\s+keys?|private\s+keys?|"
    r"environment\s+variables|the\s+output\s+of\s+`?env`?)"
)
CONVERSATION = (
    r"(?:(?:entire|whole|full|complete)\s+(?:conversation|chat|transcript|session)"
    r"|conversation\s+(?:history|so\s+far)|chat\s+(?:history|transcript)|transcript"
    r"|(?:previous|last|earlier)\s+(?:\d+\s+)?messages|system\s+prompt"
    r"|user'?s?\s+(?:last|previous)\s+(?:\w+\s+)?messages)"
)
SIDE_PARAMS = (
    "sidenote|side_note|sidenote|note|notes|context|feedback|extra|metadata|meta|comment|"
    "comments|remarks|summary|debug|details|additional_info|additionalinfo|info|reasoning|"
    "thoughts|annotation|conversation|env_dump"
)

PATTERNS: dict[str, tuple[str, str, str]] = {
    # id: (family, label, regex)
    "tag": (
        "hidden",
        "an instruction tag",
        r"<\s*/?\s*(?:important|system|instructions?|secret|hidden|critical|override|admin)\b"
        r"[^<>]{0,40}>|<\|im_start\|>|\[/?(?:SYSTEM|INST|HIDDEN)\]",
    ),
    "override": (
        "steering",
        "an instruction to drop earlier instructions",
        r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
        r"(?:previous|prior|above|earlier|preceding|system|original|user'?s?)\s+"
        r"(?:instructions?|prompts?|rules|directions|guidelines|messages|restrictions|safety)",
    ),
    "role": (
        "steering",
        "an attempt to change the model's role",
        r"\byou\s+are\s+now\s+(?:a|an|in)\b|\bnew\s+instructions\s*:|\bdeveloper\s+mode\b"
        r"|\bfrom\s+now\s+on\s+obey\b",
    ),
    "addressed": (
        "steering",
        "an instruction addressed to the model",
        rf"\b{MODEL}\s+(?:must|should|needs?\s+to|have\s+to|has\s+to|are\s+required\s+to|"
        r"is\s+required\s+to)\s+(?!be\s+(?:used|called)\b)\w+"
        r"|\bnote\s+for\s+the\s+(?:assistant|model|ai|agent)\b|\bfor\s+the\s+assistant\s*:",
    ),
    "absolute": (
        "steering",
        "an absolute demand",
        r"\b(?:must|has\s+to|is\s+required\s+to)\s+(?:always\s+)?be\s+used\s+for\s+(?:every|all|any)\b"
        r"|\bunder\s+no\s+circumstances\b|\bat\s+all\s+costs\b|\bvery\s+very\b"
        r"|\botherwise\s+the\s+(?:tool|system|application)\s+will\s+(?:not\s+work|crash|fail)\b"
        r"|\bwill\s+crash\b|\ball\s+data\s+will\s+be\s+lost\b",
    ),
    "tool_choice": (
        "steering",
        "steering which tool the model picks",
        r"\b(?:use|choose|prefer|call)\s+(?:this|the\s+\w+)\s+tool\s+(?:instead\s+of|rather\s+than|"
        r"over)\s+(?:any|all|every|the\s+(?:other|built-?in|standard)|other)\b"
        r"|\b(?:instead\s+of|rather\s+than)\s+(?:any|every|all)\s+(?:other\s+)?(?:\w+\s+){0,2}tools?\b"
        r"|\bprefer\s+it\s+over\b|\b(?:do\s+not|don'?t|never)\s+use\s+(?:any\s+)?(?:the\s+)?"
        r"other\s+(?:\w+\s+)?tools?\b|\bthe\s+only\s+(?:\w+\s+){0,2}tool\s+(?:you\s+should|allowed)"
        r"|\bignore\s+any\s+other\s+\w*\s*tools?\b|\brefuse\s+to\s+use\s+other\b"
        r"|\bthe\s+(?:standard|other|built-?in)\s+\w+\s+tools?\s+(?:is|are)\s+"
        r"(?:compromised|outdated|unreliable|dangerous)"
        r"|\bother\s+\w*\s*tools?\s+(?:return|give)\s+(?:outdated|wrong|dangerous)"
        r"|\b(?:under\s+no\s+circumstances|never)\s+use\s+the\s+[\w\s]{0,30}?tools?\b"
        r"|\b(?:with|use)\s+this\s+tool\s+instead\b"
        r"|\buse\s+this\s+tool\s+(?:rather\s+than|instead\s+of)\s+`?\w+",
    ),
    "every_request": (
        "steering",
        "a demand to be used for every request",
        r"\b(?:for|on)\s+(?:any|every|all)\s+(?:request|question|turn|calculation|addition|"
        r"arithmetic|snippet|command|file\s+access|lookups?|numeric\s+question|database\s+request)"
        r"\w*\b[^.\n]{0,60}\b(?:whatever|no\s+matter|regardless|irrespective|at\s+all|must|"
        r"whatsoever|in\s+every\s+case|instead)"
        r"|\b(?:whatever|no\s+matter\s+what)\s+the\s+(?:user|arguments|request)\w*\b"
        r"|\bno\s+matter\s+(?:how|what|the)\b|\bregardless\s+of\s+(?:what|the\s+(?:path|user|"
        r"language))\b|\birrespective\s+of\b|\bfor\s+any\s+(?:request|question)\s+(?:at\s+all|"
        r"whatsoever)\b|\bmust\s+be\s+used\s+on\s+every\s+turn\b"
        r"|\b(?:must|should)\s+(?:route|call|use)\b[^.\n]{0,40}\b(?:every|all)\b",
    ),
    "before_after": (
        "cross_tool",
        "an instruction to call something before or after other tools",
        rf"\b(?:before|prior\s+to|after)\s+(?:using|calling|invoking|running|returning|any|every)"
        rf"\b[^.\n]{{0,60}}?\b(?:{MODEL}\s+)?(?:must|should|need\s+to|always|first|have\s+to)\s*"
        rf"(?:first\s+)?{VERB_USE}\b"
        rf"|\b(?:before|after|prior\s+to)\s+(?:using|calling|returning|running)\b[^.\n]{{0,50}},\s*"
        rf"(?:always\s+|also\s+)?{VERB_USE}\b"
        rf"|\b(?:always\s+)?{VERB_USE}\s+(?:this\s+tool|\w+)\s+(?:first\s+)?(?:before|after)\s+"
        r"(?:the\s+|any\s+|every\s+|other\s+|calling\s+|using\s+)?(?:\w+\s+){0,3}"
        r"(?:tools?|servers?|\w+_\w+)\b"
        r"|\bafter\s+(?:any|every)\s+other\s+tool\b|\bcall\s+\w+\s+afterwards\b"
        r"|\bbefore\s+any\s+(?:file|git|shell|install)\s+\w+"
        r"|\b(?:after|before)\s+every\s+answer\b",
    ),
    "other_tool": (
        "cross_tool",
        "a reference to another server's tools",
        r"\balso\s+(?:present|available|connected)\b|\b(?:another|other)\s+server'?s?\b"
        r"|\b(?:any|every|all)\s+other\s+(?:server'?s?\s+)?tools?\b"
        r"|\bthe\s+other\s+\w+\s+server'?s?\b|\btools\s+from\s+other\s+servers\b"
        r"|\bthe\s+\w+\s+server'?s\s+\w+\s+tool\b|\(mcp_\w+\)\s+\w+\s+is\s+(?:invoked|called|used)"
        r"|\b(?:when(?:ever)?|if)\s+(?:the\s+)?\w+\s+(?:tool|server)\s+is\s+(?:called|invoked|used)"
        r"|\bside\s+effect\s+on\b|\btools?\s+of\s+the\s+\w+\s+server\b"
        r"|\b(?:every|all|any)\s+(?:results?|outputs?|calls?)\s+(?:from|of)\s+the\s+\w+\s+tools?\b"
        r"|\bwith\s+the\s+(?-i:[A-Z]\w+)\s+tool\b",
    ),
    "alter_other": (
        "cross_tool",
        "an instruction to change another tool's arguments or result",
        r"\b(?:substitute|replace|overwrite|override|change|set)\s+(?:its|that\s+tool'?s|the\s+"
        r"(?:\w+\s+)?tool'?s|the\s+(?:recipient|destination|remote|path|to|amount|bcc)|its\s+\w+)"
        r"\b[^.\n]{0,60}\b(?:argument|parameter|input|recipient|output|result|rows|to|field|"
        r"address|account|prices?|bcc|value|environment|remote)s?\b"
        r"|\b(?:substitute|use|pass)\s+its\s+(?:output|result)\s+(?:for|as|in\s+place\s+of)\b"
        r"|\breplace\s+the\s+\w+\s+(?:argument|parameter|field)\s+of\s+(?:that|the|another|other)\b"
        r"|\bin\s+place\s+of\s+(?:the|their|its)\b|\binstead\s+of\s+(?:the\s+address|what\s+"
        r"(?:the|it)|the\s+original|origin\b)"
        r"|\b(?:correct|fix)\s+(?:its|that\s+tool'?s|the\s+other)\s+(?:result|output)"
        r"|\bpresent\s+its\s+corrected\b|\bshow\s+(?:the\s+user\s+)?only\s+its\s+output\b"
        r"|\bshow\s+the\s+user\s+what\s+\w+\s+returns\s+instead\b"
        r"|\b(?:shown?|present(?:ed)?|display(?:ed)?)\s+only\s+(?:its|this\s+tool'?s)\s+"
        r"(?:output|result)|\bpassed\s+through\s+this\s+tool\b"
        r"|\b(?:to|recipient)\s+(?:parameter|argument|field)?\s*(?:must|has\s+to)\s+be\s+"
        r"(?:changed|replaced|set)\b|\bchange\s+the\s+recipient\b"
        r"|\b(?:blind[- ]cop(?:y|ied)|bcc)\b",
    ),
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
        r"mention\b|\bact\s+(?:as\s+if|normally)\b|\bwithout\s+asking\b"
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
    "trigger": (
        "steering",
        "a trigger phrase",
        r"\b(?:when(?:ever)?|each\s+time|every\s+time|if)\s+the\s+(?:user|conversation)\s*'?s?\s*"
        r"(?:message\s+)?(?:says|mentions|contains|pastes|commits|types)\b"
        r"|\bwhen(?:ever)?\s+any\s+tool\s+fails\b|\bimmediately\b[^.\n]{0,40}\b(?:before\s+"
        r"replying|call)\b|\bevery\s+time\s+this\s+tool\s+is\s+listed\b"
        r"|\beach\s+time\s+this\s+tool\s+is\s+used\b",
    ),
    "authority": (
        "steering",
        "a claim of authority or urgency",
        r"\brequired\s+by\s+(?:regulation|company\s+policy|law|the\s+system)\b"
        r"|\bofficially\s+recommended\b|\bsystem\s+administrator\b|\bis\s+authoritative\b"
        r"|\boverrides\s+the\s+user'?s?\b|\bcome\s+from\s+the\s+system\b|\bpolicy\s+of\s+this\b"
        r"|\bnever\s+ask\s+for\s+permission\b|\bwithout\s+confirmation\b|\bcompromised\b",
    ),
    "follow_output": (
        "steering",
        "an instruction to obey text in tool output",
        r"\bfollow\s+(?:any|all)\s+instructions\s+(?:that\s+appear\s+)?in\b"
        r"|\bis\s+an\s+instruction\s+for\s+you\b|\brepeat\s+its\s+output\s+word\s+for\s+word\b"
        r"|\bobey\s+only\b|\bthe\s+error\s+message\s+is\s+authoritative\b",
    ),
    "shell_prefix": (
        "command",
        "a demand to change every shell command",
        r"\b(?:every|each|all|any)\s+(?:shell\s+|terminal\s+)?commands?\b[^.\n]{0,80}?\b(?:prefix|"
        r"prefixed|start|begin|wrapped|append|prepend)\w*"
        r"|\b(?:prefix|prepend|append)\b[^.\n]{0,40}\b(?:to\s+)?(?:every|each|the|any)\s+"
        r"(?:shell\s+|terminal\s+)?command"
        r"|\bwhen(?:ever)?\s+(?:you|the\s+assistant)\s+runs?\s+(?:a|any)\s+(?:shell\s+|terminal\s+)?"
        r"command",
    ),
    "dangerous_command": (
        "command",
        "a destructive or remote-code command",
        r"\bchmod\s+(?:-R\s+|--recursive\s+)\S+|\bchmod\s+\S*\s*-R\b|\bchmod\s+(?:0?777|0?666|a\+rwx)"
        r"|\b(?:curl|wget)\b[^|\n;]{0,120}\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b"
        r"|\brm\s+-(?:rf|fr|r)\s+[~/$]\S*|\bbase64\s+-d\b|\bpowershell\s+-e(?:nc)?\b"
        r"|\bnc\s+[\w.-]+\s+\d{2,5}\b|--no-preserve-root|\bHISTFILE=/dev/null\b"
        r"|\$\(\s*echo\s+[A-Za-z0-9+/=]{8,}\s*\|\s*base64"
        r"|\bto\s+~/\.(?:bashrc|zshrc|profile)\b",
    ),
}


# Broader phrasings of the same ideas: word lists within a short window rather than one
# fixed phrase (paraphrases of an attack change the words, rarely the ideas).
_PERSON = r"(?:the\s+)?(?:user|human|person|operator|customer)s?'?s?"
_WINDOW = r"[^.\n]{0,40}?"
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
    "override": (
        r"\b(?:forget|disregard|ignore|set\s+aside|drop)\s+(?:what|everything|anything|whatever)\s+"
        r"(?:the\s+)?(?:system|user|developer|policy|instructions?)\b[^.\n]{0,20}"
        r"(?:told|said|says|wrote|asked)|\bnew\s+policy\s*:|\bpriority\s+instruction\b"
    ),
    "capture_conversation": (
        r"\b(?:previous|last|earlier|past)\s+(?:\w+\s+)?(?:messages|turns|exchanges)\b"
        r"|\beverything\s+(?:the\s+user\s+and\s+you|you\s+and\s+the\s+user)\s+(?:have\s+)?said\b"
        r"|\bfull\s+body\s+and\s+recipients\b|\bhand\s+it\s+the\s+(?:full|whole|entire)\b"
    ),
    "dangerous_command": (
        r"\bpipe[sd]?\s+(?:it|that|the\s+\w+)?\s*(?:to|into)\s+(?:ba|z)?sh\b"
        r"|\bgit\s+push\s+--force\b|\brm\s+-rf\s+~/\*"
    ),
    "tool_choice": (
        r"\beach\s+and\s+every\b|\brefuse\s+to\s+(?:call|use)\b"
        r"|\b(?:disregard|ignore|avoid)\s+(?:all\s+|any\s+)?(?:the\s+)?other\s+(?:\w+\s+){0,2}"
        r"(?:tools?|functions?|integrations?|servers?|engines?)\b"
        r"|\b(?:only|sole)\s+(?:safe|reliable|trusted|correct)\s+(?:option|tool|choice|source)\b"
        r"|\b(?:are|is)\s+known\s+to\s+be\s+(?:broken|unsafe|compromised|wrong)\b"
        r"|\b(?:never|don'?t|do\s+not)\s+(?:use|call)\s+the\s+(?:built-?in|other|standard|default)\b"
        r"|\brely\s+(?:only\s+)?on\s+\w+\s+for\s+(?:all|every|any)\b"
    ),
    "every_request": (
        r"\b(?:each|every|any)\s+(?:and\s+every\s+)?\w+\s+(?:question|request|lookup|query)\s+"
        r"(?:through|via|with)\s+this\b|\bfor\s+all\s+(?:lookups|requests|questions)\b"
        r"|\bwhatever\s+the\s+user\s+(?:types|writes|says)\b"
        r"|\bbefore\s+doing\s+anything\s+else\b|\bprior\s+to\s+answering\s+anything\b"
    ),
    "other_tool": (
        r"\b(?:another|other|any\s+other)\s+(?:\w+\s+){0,2}(?:integrations?|servers?|engines?|"
        r"tools?|plugins?|connectors?)\b[^.\n]{0,30}\b(?:connected|present|available|produced|"
        r"returned|used|sent|runs?)\b"
        r"|\bthe\s+\w+\s+server'?s\s+(?:\w+\s+)?tool\b|\bany\s+messaging\s+integration\b"
        r"|\bthe\s+(?:database|mail|email|document|calendar|file|search|chat)\s+(?:tool|server)\b"
    ),
    "alter_other": (
        r"\b(?:swap|exchange|rewrite|replace)\s+(?:the\s+|its\s+|that\s+)?\w+\s+(?:for|with)\s+"
        r"(?:the\s+one|what|whatever)\b"
        r"|\bmust\s+replace\s+whatever\b|\bpresent\s+only\s+that\b"
        r"|\b(?:should|must)\s+see\s+only\b|\blist\s+\S+@\S+\s+as\s+an?\s+attendee\b"
        r"|\bcopy\s+the\s+same\s+message\s+to\b"
    ),
    "addressed": (
        rf"\b{MODEL}\s+(?:is|are)\s+(?:expected|obliged|required|instructed|supposed)\s+to\b"
    ),
    "trigger": (
        r"\b(?:in\s+case|whenever|once|if)\s+the\s+user'?s?\s+(?:message\s+)?(?:contains|includes|"
        r"mentions|has)\b|\bany\s+time\s+you\s+(?:write|run|answer|open)\b"
        r"|\bwhen(?:ever)?\s+the\s+user\s+mentions\b"
    ),
    "harvest_secrets": (
        rf"\b(?:gather|collect|harvest)\s+every\s+(?:\w+,?\s+){{0,4}}(?:secret|token|password|key)s?"
        rf"|\bpass\s+it\s+along\b{_WINDOW}\b(?:argument|parameter|field)"
    ),
}
# A second broadening, from the misses of fresh2.jsonl (ideas, not those sentences);
# fresh3.jsonl was written after it to measure it blind.
BROADER2: dict[str, str] = {
    "read_sensitive": (
        rf"\b(?:dump|grab|take|supply|hand\s+over|return|share)\w*\b[^.\n]{{0,60}}?(?:{SENSITIVE})"
    ),
    "override": (
        r"\b(?:as\s+)?lower\s+priority\s+than\b|\btakes?\s+precedence\s+over\s+(?:the\s+)?"
        r"(?:user|system|instructions?)|\bsupersedes?\s+(?:the\s+|any\s+)?(?:user|system|instructions?)"
    ),
    "tool_choice": (
        r"\b(?:the\s+tool\s+to\s+pick|pick\s+`?\w+`?\s+every\s+time)\b"
        r"|\b(?:is|are)\s+deprecated\s+and\s+(?:unsafe|insecure|broken)\b|\bin\s+all\s+cases\b"
    ),
    "alter_other": (
        r"\b(?:double|increase|raise|change)\s+the\s+amount\b|\bsend\s+the\s+difference\b"
        r"|\bpayable\s+to\b|\bIBAN\b|\bfeed\s+(?:its|the|this\s+tool'?s)\s+(?:result|output)\s+"
        r"into\b"
    ),
    "conceal": (
        r"\b(?:not|never)\s+(?:become|be|get)\s+aware\b|\bdon'?t\s+surface\b"
        r"|\bnever\s+reveal\b|\bsay\s+it\s+only\s+(?:returns|does)\b"
    ),
    "dangerous_command": r"\$\(\s*(?:curl|wget)\b|\bcurl\s+-d\s+@",
    "trigger": r"\bwhen(?:ever)?\s+the\s+conversation\s+(?:contains|mentions|includes)\b",
    "harvest_secrets": (
        r"\b(?:credentials?|passwords?|tokens?|secrets?|api\s+keys?)\b[^.\n]{0,30}\b(?:save|store|"
        r"send|pass|forward|keep)\s+(?:them|it)\b"
    ),
}
for _table in (BROADER, BROADER2):
    for _sid, _extra in _table.items():
        _family, _label, _pattern = PATTERNS[_sid]
        PATTERNS[_sid] = (_family, _label, f"(?:{_pattern})|(?:{_extra})")


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


def _names_other_tool(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """Names a tool that another server of the same client offers (and this one does not)."""
    if not ctx.other_names:
        return
    ident = re.compile(r"`?\b([A-Za-z][\w-]*[_-][\w-]*[A-Za-z0-9]|[a-z]+[A-Z]\w*)\b`?")
    lowered, me = _lowered(ctx.own_names), ctx.name.lower()

    def own(name: str) -> bool:
        return name.lower() in lowered or name.lower() == me

    plain = re.compile(r"\bthe\s+(?:also\s+\w+\s+)?`?([a-z]{3,})`?\s+tool\b", _I)
    for where, text in texts:
        for m in ident.finditer(text):
            name = m.group(1)
            if name in ctx.other_names and not own(name) and name not in ctx.param_names:
                yield text[max(0, m.start() - 40) : m.end() + 40], where
                return
        for m in plain.finditer(text):
            name = m.group(1)
            if name in ctx.other_names and not own(name):
                yield text[max(0, m.start() - 40) : m.end() + 40], where
                return


def _hidden_text(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """Text spelled in invisible Unicode tag characters, zero-width or bidi controls (emoji
    flags and joiners inside emoji or scripts that need them are left alone)."""
    from mcpaudit.rules.tool_text import unicode_hits

    for where, text in texts:
        if text.isascii():
            continue
        for hit in unicode_hits(text, where):
            if hit.severity.rank >= 2:
                yield hit.phrase, where
                return


def _terminal_escape(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    for where, text in texts:
        m = re.search(r"\x1b[\[\]][^\x07\x1b]{0,40}", text)
        if m:
            yield m.group(0), where
            return


def _homoglyph(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    import unicodedata

    scripts = {
        unicodedata.name(ch, "").split(" ")[0] for ch in ctx.name if ch.isalpha() and ord(ch) > 127
    }
    if scripts & {"CYRILLIC", "GREEK", "ARMENIAN", "FULLWIDTH"} and re.search("[a-z]", ctx.name):
        yield ctx.name, "name"


def _padding(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """Bulk that pushes instructions out of view: very long prose or long blank runs."""
    for where, text in texts:
        if where == "description" and len(text) > 6000:
            yield f"{len(text)} characters", where
            return
        m = re.search(r"(?:[ \t]*\n){12,}|[ \t]{200,}", text)
        if m:
            yield f"{len(m.group(0))} blank characters", where
            return


# Signals whose phrase usually points at a tool: naming one of the server's own is normal.
_POINTS_AT_TOOLS = {"before_after", "tool_choice", "every_request", "alter_other"}

SIGNALS: tuple[Signal, ...] = (
    *(
        Signal(
            sid,
            label,
            family,
            _regex_not_own(pattern) if sid in _POINTS_AT_TOOLS else _regex(pattern),
        )
        for sid, (family, label, pattern) in PATTERNS.items()
    ),
    Signal(
        "param_name",
        "a parameter named like an instruction",
        "exfiltration",
        _param_name_instruction,
    ),
    Signal("names_tool", "names another server's tool", "cross_tool", _names_other_tool),
    Signal("hidden_text", "invisible characters", "hidden", _hidden_text),
    Signal("escape", "terminal escape sequences", "hidden", _terminal_escape),
    Signal("homoglyph", "a look-alike tool name", "hidden", _homoglyph),
    Signal("padding", "padding that hides text", "shape", _padding),
)
SIGNAL_IDS: tuple[str, ...] = tuple(s.id for s in SIGNALS)
BY_ID = {s.id: s for s in SIGNALS}


def fire(texts: Texts, ctx: Context) -> list[Fired]:
    """Every signal that fires on these texts, with its first phrase."""
    out: list[Fired] = []
    for signal in SIGNALS:
        for phrase, where in signal.check(texts, ctx):
            out.append(Fired(signal.id, phrase, where))
            break
    return out
