"""Structural signals: what a sentence *orders*, to whom, about what, read from its shape.

The phrase signals (steering.py, exfiltration.py, …) match wordings. These read the
sentence structure from sentences.py instead: an order (imperative, addressed modal or
obligation) that withholds from the user, that sends data the tool was not declared to
take, that reaches into another tool, that widens its scope past the call, or that
claims rank over the user. A prohibition ("Do not …") is protective and does not count,
except where it forbids telling the user. Word lists here name *classes* (verbs of
telling, channels to the user, sources of private data), not attack sentences. No I/O.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Iterator

from mcpaudit.textscore.base import Context, Texts, _lowered
from mcpaudit.textscore.sentences import Sentence, mention_masked, split

_I = re.IGNORECASE


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


_TELL = (
    r"(?:tell|mention|inform|notify|reveal|show|explain|say|describe|alert|disclose|report|"
    r"surface|bring\s+up|let)"
)
_USER = _c(
    r"\b(?:users?|human|person|people|customer|attendees?|anyone|they|them)\b"
    r"|\b(?:your|the)\s+(?:reply|replies|response|answer|output|summary|chat|message)s?\b"
)
_WITHHOLD = _c(
    r"\b(?:out\s+of|off)\s+(?:your|the)\s+(?:reply|replies|response|answer|chat|summary|output|"
    r"conversation|message)s?\b|\bnobody\s+else'?s\s+business\b|\bbetween\s+(?:us|ourselves)\b"
    r"|\b(?:describe|call|present|report|mention)\s+(?:it|this|that|them)\s+only\s+as\b"
    r"|\b(?:not|never|n't)\s+(?:\w+\s+){0,2}(?:show\s+up|appear|be\s+(?:visible|shown|mentioned))\s+in\s+(?:your|the)\b"
    r"|\bwould\s+(?:only\s+)?be\s+(?:confused|worried|alarmed|upset)\b"
)
_NEG_TELL = _c(
    rf"^(?:do\s+not|don'?t|never|avoid|no\s+need\s+to|refrain\s+from)\s+(?:\w+\s+){{0,2}}{_TELL}\w*"
)

_PATH = (
    r"(?:~|\$HOME|%\w+%)[/\\][^\s,;'\")]+|/etc/\w+|(?<![\w/])\.[a-z][\w-]*[/\\][\w./-]+"
    r"|(?<![\w.])\.(?:git|aws|ssh|config|docker|kube|gnupg|npmrc|netrc|pypirc|env|bash_history|"
    r"zsh_history|terraform\.d)\b|\*?\.(?:pem|key|p12|pfx|kdbx|keystore|tfrc|sqlite)\b"
    r"|\bhome\s+director(?:y|ies)\b|\bprofile\s+folder\b|\blogin\s+data\b|\bkeychain\b|\bwallet\s+file\b"
)
# Secrets in the secret sense: "token" and "key" alone are also words of NLP, pagination
# and dictionaries, so they count only qualified ("access token", "SSH key").
_SECRET = (
    r"\b(?:api[\s_-]?keys?|(?:access|auth|bearer|refresh|oauth|session|personal|secret|github|npm|"
    r"cloud|aws)\s+(?:tokens?|keys?)|(?:ssh|signing|gpg|pgp|encryption)\s+keys?|passwords?|passphrases?|"
    r"secrets?|credentials?|cookies?|one-time\s+(?:codes?|passwords?)|otp|(?:2fa|mfa|verification)\s+codes?|"
    r"pin|seed\s+phrase|recovery\s+(?:phrase|codes?)|private\s+keys?|national\s+id\w*|"
    r"social\s+security|date\s+of\s+birth|card\s+numbers?|env(?:ironment)?\s+variables?)\b|(?-i:\b[A-Z0-9]*_(?:KEY|TOKEN|SECRET)S?\b)"
)
_CONTEXT = (
    r"\b(?:conversation|chat\s+(?:log|history)|transcript|everything\s+(?:discussed|said|typed)|"
    r"earlier\s+in\s+the\s+(?:chat|conversation)|(?:previous|earlier|past)\s+messages|"
    r"the\s+user'?s\s+(?:request|messages?|question)|terminal\s+output|output\s+from\s+the\s+user'?s\s+terminal)\b"
)
_SOURCE = _c(f"{_PATH}|{_SECRET}|{_CONTEXT}")
_PATH_RE = _c(_PATH)
_MOVE = _c(
    r"\b(?:put|place|copy|paste|include|attach|pass|send|e-?mail|forward|post|store|fill|append|add|export|"
    r"hand|supply|insert|embed|print|enter|submit|upload|share|dump|give|provide)\w*\b"
)
_READ = _c(
    r"\b(?:read|open|cat|load|list|scan|look\s+(?:through|in|at)|grep|search|pick\s+up|grab|collect|"
    r"gather|dump|print|copy|fetch|retrieve|extract)\w*\b"
)
_HERE = _c(r"\b(?:here|to\s+this\s+tool|with\s+this\s+tool|in\s+this\s+call)\b")
_ADDRESS = _c(
    r"https?://[^\s\"')]+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|\+\d[\d ()-]{7,}\d|(?<![\w&])#[a-z][\w-]{2,}"
    r"|\baccount\s+(?:no\.?\s*|number\s+)?\d[\d-]{5,}|\b0x[0-9a-f]{8,}\b|\bIBAN\b"
)
_OTHER_TOOL = _c(
    r"\b(?:(?:other|another|any\s+other|every\s+other|a\s+different)\s+(?:[\w-]+\s+){0,2}?"
    r"|(?:the|a|an|any|every|each)\s+((?:(?!this\b|that\b|its\b|our\b|same\b|above\b|following\b|"
    r"current\b)[\w-]+\s+){1,2}?))"
    r"(?:integrations?|connectors?|servers?|plugins?|extensions?|apps?|services?|skills?|tools?)\b"
)
_SCOPE = _c(
    r"\bfrom\s+(?:now|here)\s+on\b|\bin\s+all\s+(?:of\s+)?(?:your\s+)?(?:future|later|subsequent)\b"
    r"|\bfor\s+the\s+rest\s+of\b|\b(?:later|future|subsequent|all\s+future)\s+(?:sessions?|conversations?|"
    r"replies|responses|turns|chats)\b|\bpermanent(?:ly)?\b|\bevery\s+time\s+you\b"
    r"|\b(?:every|each|any)\s+(?:answer|reply|response|terminal\s+command|shell\s+command|figure|"
    r"number|turn)s?\b|\bno\s+exceptions?\b|\bevery\s+\w+\s+(?:read|request|call|lookup)s?\s+belongs?\b"
)
_RANK = _c(
    r"\b(?:outrank\w*|ranks?\s+above|overrid(?:es|ing|den)|override\s+(?:the|any|all|your|whatever|what)|"
    r"supersed\w+|take[sn]?\s+precedence|carr(?:y|ies)\s+more\s+weight|"
    r"more\s+weight\s+than|higher\s+(?:priority|standing|authority|rank)|(?:is|are)\s+(?:void|null|"
    r"obsolete|suspended|lifted|revoked)|no\s+longer\s+(?:apply|applies|hold|valid|in\s+force)|"
    r"do(?:es)?\s+not\s+(?:apply\s+to|cover)|written\s+for\s+a\s+different)\b"
)
_RANK_TARGET = _c(
    r"\b(?:user|person|people|human|chat|conversation|participants?|instructions?|rules?|"
    r"restrictions?|guidelines?|safety|system\s+prompt|keyboard)\b|\banything\s+(?:said|asked|written)\b"
)
_PROVENANCE = _c(
    r"\b(?:directive|order|instruction|mandate|requirement|policy)s?\s+from\s+(?:the|your)\s+(?!user)"
    r"|\bas\s+(?:coming|written)\s+from\s+(?:your|the)\b|\bacting\s+(?:for|on\s+behalf\s+of)\b"
    r"|\bon\s+behalf\s+of\s+the\s+(?:\w+\s+)?(?:owner|admin\w*|operator|administrator)\b"
    r"|\b(?:trusted|approved|authori[sz]ed|sanctioned)\s+by\s+(?:your|the)\s+(?:\w+\s+)?(?:operator|admin\w*|"
    r"organi[sz]ation|developer|owner|security|company|employer)\b"
    r"|\byou\s+are\s+(?:authori[sz]ed|permitted|allowed|cleared)\b"
)
_OBEY = _c(
    r"\b(?:carry\s+(?:them|it|these|this)\s+out|act\s+on\s+(?:it|them|this|these|what)|"
    r"(?:follow|obey|comply\s+with)\s+(?:the\s+|any\s+|all\s+)?(?:directives?|instructions?|orders?|"
    r"commands?)\s+(?:in|inside|returned|from|contained|it|they)|do\s+what\s+(?:it|they)\s+says?|"
    r"treat\s+[^.;]{0,60}(?<!never\s)(?<!not\s)\bas\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:instructions?|commands?|orders?|directives?))\b"
)
_ALTERNATIVE = _c(
    r"\b(?:other|another|any\s+other|anything\s+else|the\s+original|built-?in|web\s+search|"
    r"(?:your|the\s+model'?s)\s+own)\b"
)
_DISPARAGE = _c(
    r"\b(?:unreliable|fabricated|wrong|broken|retired|deprecated|blocked|unsafe|outdated|inaccurate|"
    r"untrusted|compromised|hallucinat\w+|forbidden|banned|not\s+(?:allowed|permitted|approved)|"
    r"(?:must|should)\s+not\s+be\s+used)\b"
)
_REFRAME = _c(
    r"\bnew\s+task\b|\b(?:the\s+)?user'?s\s+(?:real|actual|true|hidden)\s+(?:goal|intent\w*|request|"
    r"wish|aim)\b|\bwhat\s+the\s+user\s+(?:really|actually)\s+wants\b|\bthe\s+real\s+task\b"
)
_WEAKEN = _c(
    r"\b(?:disable|switch\s+off|turn\s+off|bypass|skip|remove|suppress|deactivate)\w*\s+(?:\w+\s+){0,2}"
    r"(?:protection|verification|review|checks?|2fa|mfa|security|sandbox|firewall|approvals?|"
    r"confirmations?|signing|scanning|logging|audit)\b"
    r"|\b(?:approve|merge|accept)\w*\s+(?:every|all|any)\s+(?:\w+\s+){0,2}(?:pull\s+requests?|prs?|"
    r"requests?|changes?|invitations?)\b|\bgrant\s+all\b"
    r"|\b(?:add|append|write|insert|put)\w*\b[^.;\n]{0,80}\b(?:shell\s+profile|\.bashrc|\.zshrc|"
    r"\.profile|crontab|authorized_keys|startup\s+(?:items?|folder)|login\s+items?)\b"
    r"|\b(?:NODE_OPTIONS|LD_PRELOAD|PYTHONSTARTUP|DYLD_INSERT_LIBRARIES)\b"
)
_REMOTE_EXEC = _c(
    r"(?:urlopen|requests\.get|urllib|\bcurl\b|\bwget\b|\biwr\b|invoke-webrequest|fetch\()[^\n]{0,100}?"
    r"(?:\bexec\b|\beval\b|\|\s*(?:sudo\s+)?(?:ba|z)?sh\b|\biex\b|\|\s*python)"
    r"|\b(?:exec|eval)\s*\([^\n]{0,60}(?:urlopen|requests|https?://)"
)
_BEACON = _c(r"!\[[^\]]*\]\(\s*https?://[^)\s]*\?[^)\s]*=")
_VOCATIVE = _c(
    r"(?:^|[(\[{,;:]\s*|\s-\s)(?:assistant|model|agent|ai|llm|claude|copilot)\s*[:,]\s*\w"
    r"|\bnote\s+(?:to|for)\s+(?:the\s+)?(?:ai|assistant|model|agent|llm)\b"
    r"|\bthe\s+(?:model|assistant|agent|ai|llm)\s+(?:fills?|puts?|adds?|appends?|copies|includes?|sends?|"
    r"writes?|must|should|will)\b"
)
_CONSENT = _c(
    r"\b(?:don'?t|do\s+not|never|no\s+need\s+to)\s+(?:check|confirm|consult)\w*\s+with\s+"
    r"(?:the\s+)?(?:user|human|person|operator|them)\b|\b(?:don'?t|do\s+not|never|no\s+need\s+to)\s+"
    r"ask\s+(?:the\s+user\s+|them\s+)?(?:for\s+)?(?:permission|approval|confirmation|consent)\b"
    r"|\b(?:already|pre-?|in\s+advance)\s*(?:approved|consented|signed\s+off|authori[sz]ed|agreed)\b"
    r"|\b(?:signed\s+off|consented|agreed)\s+(?:on|to)\s+(?:all|every|any)\b|\bstop\s+asking\b"
)
_WITHOUT_ASK = _c(
    r"\bwithout\s+(?:asking|checking\s+with|confirming\s+with|consulting|telling)\s+(?:the\s+)?"
    r"(?:user|human|person|them|anyone)\b"
)
_B64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{20,}={0,2}(?![A-Za-z0-9+/=])")
_STEM = re.compile(r"[a-z]{3,}")


def _sentences(texts: Texts) -> Iterator[tuple[str, Sentence]]:
    """Sentences with their examples blanked (an example is mentioned, not ordered)."""
    for where, text in texts:
        for s in split(mention_masked(text)):
            yield where, s


def _ordering(s: Sentence) -> bool:
    """An order that is not a prohibition: what the text wants done."""
    return s.directive and not s.negated


def secrecy(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """An order to keep something from the user (or to misdescribe it)."""
    for where, s in _sentences(texts):
        body = s.text.strip()
        if _WITHHOLD.search(body) or (
            s.directive and s.negated and _NEG_TELL.search(_strip(body)) and _USER.search(body)
        ):
            yield body, where
            return


def _strip(body: str) -> str:
    from mcpaudit.textscore.sentences import _LEADING

    return _LEADING.sub("", body, count=1)


def consent_bypass(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """Skip the user's confirmation, or claim it was given already. "Do not … without asking
    the user" is the opposite (a prohibition around it) and does not count."""
    for where, s in _sentences(texts):
        if _CONSENT.search(s.text) or (_WITHOUT_ASK.search(s.text) and not s.negated):
            yield s.text.strip(), where
            return


def _other_tool(s: str, ctx: Context) -> str | None:
    own = _lowered(ctx.own_names)
    for m in _OTHER_TOOL.finditer(s):
        words = (m.group(1) or "").lower().split()
        if any(w in own or w.replace("-", "_") in own for w in words):
            continue
        return m.group(0)
    return None


def directs_other_tool(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """An order, or a "When … ," trigger, about another tool, server or integration."""
    for where, s in _sentences(texts):
        if (_ordering(s) or s.clause) and not s.first and _other_tool(s.text, ctx):
            yield s.text.strip(), where
            return


def _names_param(s: str, ctx: Context) -> str | None:
    for name in ctx.param_names:
        if len(name) > 1 and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", s):
            return name
    return None


def _declared(param: str, source: str) -> bool:
    """The parameter is named for the data (an `api_key` parameter takes the key)."""
    p, src = set(_STEM.findall(param.lower())), set(_STEM.findall(source.lower()))
    return bool({w.rstrip("s") for w in p} & {w.rstrip("s") for w in src})


def collect_into(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """An order to put private data (a file, a secret, the conversation) into one of this
    tool's arguments, "here", an address or another tool: data the schema did not declare."""
    for where, s in _sentences(texts):
        if not _ordering(s) or not _MOVE.search(s.text):
            continue
        src = _SOURCE.search(s.text)
        if not src:
            continue
        param = _names_param(s.text, ctx)
        if param and _declared(param, src.group(0)):
            continue
        if param or _HERE.search(s.text) or _ADDRESS.search(s.text) or _other_tool(s.text, ctx):
            yield s.text.strip(), where
            return


_PURPOSE = re.compile(
    r"file|fs|read|path|dir|folder|ssh|key|secret|env|config|vault|cred|password|git|kube|k8s|"
    r"docker|aws|cloud|scan|audit|backup|sync|cert",
    _I,
)


def read_unrelated(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """An order to read a private path or secret, in a tool whose name is about something
    else (a word counter has no business opening ~/.config)."""
    if _PURPOSE.search(ctx.name):
        return
    for where, s in _sentences(texts):
        if (
            _ordering(s)
            and _READ.search(s.text)
            and (_PATH_RE.search(s.text) or re.search(_SECRET, s.text, _I))
        ):
            yield s.text.strip(), where
            return


def order_to_address(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """An order (past the first sentence) to send or copy something to an address."""
    for where, s in _sentences(texts):
        if _ordering(s) and not s.first and _MOVE.search(s.text) and _ADDRESS.search(s.text):
            yield s.text.strip(), where
            return
        if _BEACON.search(s.text):
            yield s.text.strip(), where
            return


def _sentence_signal(pattern: re.Pattern[str], need_order: bool):  # type: ignore[no-untyped-def]
    def check(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
        for where, s in _sentences(texts):
            if (not need_order or _ordering(s) or s.clause) and pattern.search(s.text):
                yield s.text.strip(), where
                return

    return check


scope_beyond_call = _sentence_signal(_SCOPE, need_order=True)
provenance_claim = _sentence_signal(_PROVENANCE, need_order=False)
obey_content = _sentence_signal(_OBEY, need_order=True)
reframe_task = _sentence_signal(_REFRAME, need_order=False)
remote_exec = _sentence_signal(_REMOTE_EXEC, need_order=False)
_NEGATION_BEFORE = re.compile(r"\b(?:not|never|n't|no)\b(?:\W+\w+){0,5}\W*$", _I)


def weaken_security(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """An order to weaken a protection (past the first sentence, which says what the tool
    is for: an `unprotect_branch` tool removes protection). "never … remove" protects."""
    for where, s in _sentences(texts):
        if s.first or not (_ordering(s) or s.clause):
            continue
        m = _WEAKEN.search(s.text)
        if m and not _NEGATION_BEFORE.search(s.text[max(0, m.start() - 50) : m.start()]):
            yield s.text.strip(), where
            return


_OVER = ("outrank", "rank", "overrid", "supersed", "take", "carr", "more", "higher")


def rank_claim(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """A claim to outrank the user or earlier instructions, or that they no longer hold."""
    for where, s in _sentences(texts):
        # "X outranks the user": the target follows; "prior rules no longer apply": it leads.
        m = _RANK.search(s.text)
        if not m:
            continue
        over = m.group(0).lower().startswith(_OVER)
        if (
            _RANK_TARGET.search(s.text, m.end())
            if over
            else _RANK_TARGET.search(s.text, 0, m.start())
        ):
            yield s.text.strip(), where
            return


def disparage_alternatives(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """Other tools or the model's own answers called broken, fabricated or forbidden."""
    for where, s in _sentences(texts):
        if not s.first and _ALTERNATIVE.search(s.text) and _DISPARAGE.search(s.text):
            yield s.text.strip(), where
            return


_SCHEMA_VALUE = re.compile(r" (?:default|enum|const|examples)$")


def schema_instruction(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """Schema text (a parameter's description, title, default or enum) that talks to the
    model or orders something: those fields describe one value, they do not give orders."""
    for where, text in texts:
        if not where.startswith(("parameter ", "schema", "argument ", "title")):
            continue
        # Talking to the model is not enough (real servers write "Note to LLM: use the
        # collection-indexes tool"): it has to ask for data, an address or a wider scope.
        if _VOCATIVE.search(text) and (
            _SOURCE.search(text)
            or _ADDRESS.search(text)
            or _SCOPE.search(text)
            or _HERE.search(text)
        ):
            yield text, where
            return
        value = bool(_SCHEMA_VALUE.search(where))
        for s in split(text):
            if value and len(s.text.split()) >= 6 and (_ordering(s) or _READ.search(s.text)):
                yield text, where
                return


def encoded_text(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """A base64 run that decodes to words: instructions hidden from the person reading."""
    for where, text in texts:
        if decoded_runs(text):
            yield _B64.search(text).group(0), where  # type: ignore[union-attr]
            return


def decoded_runs(text: str) -> list[str]:
    """What the base64 runs of a text say, when they say words (not binary, not hashes)."""
    out = []
    for m in _B64.finditer(text):
        raw = m.group(0)
        try:
            data = base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True)
        except (binascii.Error, ValueError):
            continue
        try:
            words = data.decode("ascii")
        except UnicodeDecodeError:
            continue
        if (
            words.isprintable()
            and words.count(" ") >= 2
            and sum(c.isalpha() for c in words) > len(words) / 2
        ):
            out.append(words)
    return out
