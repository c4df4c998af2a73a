"""MCP458: a server that answers without credentials, yet the config sends it one (and
the token's format says it belongs to another service)."""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.model import Finding, Server, Severity
from mcpaudit.redact import redact
from mcpaudit.references import find_reference
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.rules.remote.probes import probed
from mcpaudit.sanitize import one_line
from mcpaudit.secrets import find_secrets
from mcpaudit.urlsafety import host_of

# Which hosts a vendor's credential belongs on (kinds from mcpaudit.secrets). A dotted
# entry matches that domain and its subdomains; a bare word matches a whole host label
# (GitHub Enterprise on github.example.com).
PROVIDER_HOSTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "github-token": ("GitHub", ("github", "github.com", "githubcopilot.com", "ghe.com")),
    "github-fine-grained-token": ("GitHub", ("github", "github.com", "githubcopilot.com")),
    "gitlab-token": ("GitLab", ("gitlab", "gitlab.com")),
    "anthropic-api-key": ("Anthropic", ("anthropic.com", "claude.ai")),
    "openai-api-key": ("OpenAI", ("openai.com", "openai.azure.com")),
    "slack-token": ("Slack", ("slack.com",)),
    "stripe-key": ("Stripe", ("stripe.com",)),
    "google-api-key": ("Google", ("googleapis.com", "google.com")),
    "huggingface-token": ("Hugging Face", ("huggingface.co", "hf.co")),
    "npm-token": ("npm", ("npmjs.org", "npmjs.com")),
    "linear-api-key": ("Linear", ("linear.app",)),
    "notion-token": ("Notion", ("notion.com", "notion.so")),
    "aws-access-key-id": ("AWS", ("amazonaws.com", "aws.amazon.com")),
    "sentry-token": ("Sentry", ("sentry.io",)),
    "figma-token": ("Figma", ("figma.com",)),
    "supabase-token": ("Supabase", ("supabase.co", "supabase.com")),
    "atlassian-api-token": ("Atlassian", ("atlassian.com", "atlassian.net")),
    "shopify-token": ("Shopify", ("shopify.com", "myshopify.com")),
    "postman-api-key": ("Postman", ("postman.com", "getpostman.com")),
    "perplexity-api-key": ("Perplexity", ("perplexity.ai",)),
    "groq-api-key": ("Groq", ("groq.com",)),
    "sendgrid-key": ("SendGrid", ("sendgrid.com", "sendgrid.net")),
    "digitalocean-token": ("DigitalOcean", ("digitalocean.com",)),
}


@rule(
    "MCP458",
    "remote-credentials-for-another-host",
    "malicious_oauth",
    Severity.HIGH,
    "Config sends another service's credential to a server that does not need it",
    "Remove the header from this server's entry and rotate the credential: the server "
    "answers without it, so it only collects it.",
    live=True,
)
def remote_credentials_for_another_host(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """The server answered an MCP request that carried no credentials, yet the config sends
    it a header with a credential, and the token's format says it belongs to another service
    (a GitHub, Slack, OpenAI … token going to an unrelated host). A server that does not
    check the credential has no use for it, except to collect it."""
    for probe, server in probed(ctx):
        if not probe.accepted_unauthenticated:
            continue
        host = host_of(probe.target.url)
        for header in probe.target.headers:
            matches = find_secrets(_resolve(header.value, server), key=header.name)
            if not matches:
                continue
            secret = matches[0]
            evidence = one_line(f"{header.name}: {redact(secret.value)}", 240)
            provider = PROVIDER_HOSTS.get(secret.kind)
            if provider is None:
                yield r.finding(
                    one_line(
                        f"{host} answers without credentials, yet the config sends it "
                        f"{header.name}; the credential is handed over for nothing"
                    ),
                    server=server,
                    at=header.at,
                    evidence=evidence,
                    severity=Severity.LOW,
                )
            elif not _host_belongs(host, provider[1]):
                yield r.finding(
                    one_line(
                        f"a {provider[0]} credential in {header.name} is sent to {host}, which "
                        f"answers without it: a {provider[0]} token has no business there"
                    ),
                    server=server,
                    at=header.at,
                    evidence=evidence,
                )


def _resolve(value: str, server: Server | None) -> str:
    """The header value, with a `${X}` reference filled from the server's own env literals."""
    scheme, _, rest = value.partition(" ")
    text = rest if rest and scheme.lower() in ("bearer", "token", "basic") else value
    ref = find_reference(text.strip())
    if ref and server is not None:
        for env in server.env:
            if env.key == ref and not env.is_reference:
                return env.text
    return text


def _host_belongs(host: str, domains: tuple[str, ...]) -> bool:
    labels = host.split(".")
    return any(host == d or host.endswith(f".{d}") if "." in d else d in labels for d in domains)
