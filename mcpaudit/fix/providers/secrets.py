"""secret_in_config / secret_in_args: move the literal out, put the client's reference in.

Per client (see docs/clients.md):
  VS Code      `${input:id}` plus a `promptString` input with `password: true`
  Cursor, Windsurf, Roo Code   `${env:NAME}`
  Claude Code, Copilot CLI, Kiro, Gemini CLI   `${NAME}` (Kiro and Gemini: in env only)
  opencode     `{env:NAME}`
  Codex        the env entry becomes `env_vars = ["NAME"]`; an Authorization header
               becomes `bearer_token_env_var`, other headers `env_http_headers`
  Goose        the `envs` entry becomes an `env_keys` name
  Continue     `${{ secrets.NAME }}` (read from ~/.continue/.env or the hub)
The value goes to the secret store chosen at apply time (see `secretstore`).
Clients that cannot refer to a value kept elsewhere (Claude Desktop, Zed, Cline, LM
Studio, …) get the best real hardening there is, `chmod 600` on the file, with a
description that says what it does not protect. All moves are unsafe: the server
gets the secret only if the variable is set where the client runs.
"""

from __future__ import annotations

import re

from mcpaudit.model import Edit, Finding, Fix, Server
from mcpaudit.secrets import find_secrets

from .. import pointer as ptr
from .permissions import chmod_fix
from .registry import FixContext, make_fix, provides

ENV_ONLY = frozenset({"gemini-cli", "kiro"})  # references expand in env values only
_SCHEME = re.compile(r"^(bearer|token|basic)\s+", re.IGNORECASE)
_FLAG = re.compile(r"^--?([A-Za-z0-9_.-]+)=")


def env_name(*parts: str) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "_", "_".join(p for p in parts if p)).strip("_").upper()
    if not name or name[0].isdigit():
        name = "MCP_" + name
    return name


def _where(server: Server | None, pointer: str) -> tuple[str, int | None]:
    """(env | header | arg | url | other, index of the arg)."""
    if server is None:
        return "other", None
    if any(v.pointer == pointer for v in server.env):
        return "env", None
    if any(v.pointer == pointer for v in server.headers):
        return "header", None
    for i, v in enumerate(server.args):
        if v.pointer == pointer:
            return "arg", i
    if server.url is not None and server.url.pointer == pointer:
        return "url", None
    return "other", None


def _span(value: str, key: str | None, where: str) -> tuple[int, int] | None:
    """The part of `value` that moves out: a whole env value, a header after its auth
    scheme (`Bearer `), or the secret the detector finds inside an argument or URL."""
    if where == "env":
        return (0, len(value)) if value else None
    if where in ("header", "other"):
        m = _SCHEME.match(value)
        start = m.end() if m else 0
        return (start, len(value)) if start < len(value) else None
    matches = find_secrets(value, key)
    return (matches[0].start, matches[0].end) if matches else None


@provides("secret_in_config", "secret_in_args")
def move_secret(finding: Finding, ctx: FixContext) -> Fix | None:
    cfg = ctx.file(finding.file)
    value = ctx.value(finding)
    pointer = finding.location.pointer
    if cfg is None or not isinstance(value, str) or not pointer:
        return None
    server = ctx.server_for(finding)
    where, arg_index = _where(server, pointer)
    key = ptr.split_pointer(pointer)[-1]
    previous = None
    if where == "arg" and server is not None and arg_index:
        previous = server.args[arg_index - 1].text
    flag = _FLAG.match(value)
    prev_flag = previous if previous and previous[:1] == "-" else None
    span = _span(value, prev_flag, where)
    if span is None:
        return None
    server_name = server.name if server else ""
    if where == "env":
        name = env_name(key)
    elif where == "header":
        name = env_name(server_name, key)
    elif where == "arg":
        label = (
            flag.group(1)
            if flag
            else (previous.lstrip("-") if previous and previous[:1] == "-" else "secret")
        )
        name = env_name(server_name, label)
    else:
        name = env_name(server_name, key if not (key.isascii() and key.isdigit()) else "secret")

    client = cfg.client
    store = Edit("store_secret", pointer, {"name": name, "start": span[0], "end": span[1]})
    fallback = lambda: chmod_fix(  # noqa: E731
        finding,
        ctx,
        "chmod-secret",
        "the client cannot read this secret from anywhere else, so it stays in the file; "
        "this keeps other accounts on this machine from reading it, not programs running "
        "as you, backups or sync",
    )
    spliced = lambda ref: value[: span[0]] + ref + value[span[1] :]  # noqa: E731
    what = {"env": f"env {key}", "header": f"header {key}", "arg": "argument", "url": "URL"}.get(
        where, key
    )

    if client == "codex":
        return _codex(finding, server, where, key, value, span, name, store)
    if client == "goose":
        if where != "env" or server is None:
            return fallback()
        env_keys = ptr.child(server.pointer, "env_keys")
        return make_fix(
            finding,
            "secret",
            f"move the secret in {what} out of the file: Goose reads {name} from its keyring "
            "or the environment (env_keys); the value goes to your secret store",
            False,
            [store, Edit("delete", pointer), Edit("append", env_keys, name)],
        )
    if client == "continue":
        ref = f"${{{{ secrets.{name} }}}}"
        return make_fix(
            finding,
            "secret",
            f"replace the secret in {what} with {ref} (Continue reads it from "
            "~/.continue/.env or the hub); the value goes to your secret store",
            False,
            [store, Edit("set", pointer, spliced(ref))],
        )
    if client == "vscode":
        input_id = name.lower().replace("_", "-")
        inputs = "/inputs"
        if server is not None:
            servers_map, _ = ptr.parent(server.pointer)
            inputs = ptr.child(ptr.parent(servers_map)[0], "inputs") if servers_map else inputs
        ref = f"${{input:{input_id}}}"
        prompt = {
            "type": "promptString",
            "id": input_id,
            "description": f"{name} for MCP server {server_name}".strip(),
            "password": True,
        }
        return make_fix(
            finding,
            "secret",
            f"replace the secret in {what} with {ref}: VS Code asks for it once and keeps it "
            "in its secret storage; the value goes to your secret store so you can paste it",
            False,
            [store, Edit("set", pointer, spliced(ref)), Edit("append", inputs, prompt)],
        )
    spec = ctx.client(client)
    template = spec.env_ref_template if spec else None
    if template is None or (client in ENV_ONLY and where != "env"):
        return fallback()
    if where == "other" and client != "opencode":
        return fallback()
    ref = template.format(name=name)
    return make_fix(
        finding,
        "secret",
        f"replace the secret in {what} with {ref}; the value goes to your secret store "
        f"and the client reads it from the environment it starts in",
        False,
        [store, Edit("set", pointer, spliced(ref))],
    )


def _codex(
    finding: Finding,
    server: Server | None,
    where: str,
    key: str,
    value: str,
    span: tuple[int, int],
    name: str,
    store: Edit,
) -> Fix | None:
    if server is None:
        return None
    pointer = finding.location.pointer
    if where == "env":
        return make_fix(
            finding,
            "secret",
            f'move env {key} out of the file: env_vars = ["{name}"] passes it from Codex\'s '
            "environment; the value goes to your secret store",
            False,
            [
                store,
                Edit("delete", pointer),
                Edit("append", ptr.child(server.pointer, "env_vars"), name),
            ],
        )
    if where == "header":
        if (
            key.lower() == "authorization"
            and _SCHEME.match(value)
            and value[:6].lower() == "bearer"
        ):
            return make_fix(
                finding,
                "secret",
                f'move the bearer token out of the file: bearer_token_env_var = "{name}"; '
                "the value goes to your secret store",
                False,
                [
                    store,
                    Edit("delete", pointer),
                    Edit("set", ptr.child(server.pointer, "bearer_token_env_var"), name),
                ],
            )
        whole = Edit("store_secret", pointer, {"name": name, "start": 0, "end": len(value)})
        return make_fix(
            finding,
            "secret",
            f'move header {key} out of the file: env_http_headers.{key} = "{name}"; '
            "the value goes to your secret store",
            False,
            [
                whole,
                Edit("delete", pointer),
                Edit("set", ptr.child(ptr.child(server.pointer, "env_http_headers"), key), name),
            ],
        )
    return None
