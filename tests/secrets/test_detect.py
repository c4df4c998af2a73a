"""The shared secret detector: provider formats, key context, URLs, and what is never a secret.

Fake secrets here are built from parts so no whole token sits in the source; each contains
EXAMPLE or is obviously fake.
"""

from __future__ import annotations

import pytest

from mcpaudit.redact import redact
from mcpaudit.secrets import HIGH, MEDIUM, find_secrets, key_kind, mask_secrets
from mcpaudit.secrets_mask import mask_args, mask_url

FAKE = {
    "github-token": "ghp_" + "EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o",
    "github-fine-grained-token": "github_pat_" + "11EXAMPLE0" + "a1B2c3D4e5F6g7H8i9J0k1",
    "anthropic-api-key": "sk-ant-api03-" + "EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5",
    "openai-api-key": "sk-proj-" + "EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3",
    "aws-access-key-id": "AKIA" + "IOSFODNN7EXAMPLE",
    "slack-token": "xoxb-" + "123456789012-1234567890123-" + "EXAMPLEa1B2c3D4e5F6g7H8",
    "stripe-key": "sk_live_" + "EXAMPLE" + "a1B2c3D4e5F6g7H8i9",
    "google-api-key": "AIza" + "SyEXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3",
    "gitlab-token": "glpat-" + "EXAMPLE" + "a1B2c3D4e5F6g7H8",
    "huggingface-token": "hf_" + "EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4",
    "npm-token": "npm_" + "EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o",
    "jwt": "eyJhbGciOiJIUzI1NiJ9." + "eyJzdWIiOiJFWEFNUExFIn0." + "EXAMPLEsignature0123456789",
    "private-key": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaEXAMPLE\n"
    + "-----END OPENSSH PRIVATE KEY-----",
}


@pytest.mark.parametrize("kind", sorted(FAKE))
def test_provider_tokens_are_found_with_high_confidence(kind: str) -> None:
    secret = FAKE[kind]
    text = f"prefix {secret} suffix"
    [m] = find_secrets(text)
    assert (m.kind, m.confidence) == (kind, HIGH)
    assert text[m.start : m.end] == secret == m.value


@pytest.mark.parametrize(
    "value",
    [
        "${env:GITHUB_TOKEN}",
        "${input:github-token}",
        "${GITHUB_TOKEN}",
        "${GITHUB_TOKEN:-}",
        "$GITHUB_TOKEN",
        "{env:GITHUB_TOKEN}",
        "Bearer ${input:token}",
        "<your-token>",
        "YOUR_API_KEY",
        "your-api-key-here",
        "xxxxxxxxxxxxxxxx",
        "changeme",
        "",
        "GITHUB_PERSONAL_ACCESS_TOKEN",
        "sk-" + "x" * 40,
        "ghp_" + "X" * 36,
        "3600",
        "/home/dev/.config/gcloud/key.json",
    ],
)
def test_references_placeholders_and_names_are_not_secrets(value: str) -> None:
    assert find_secrets(value, key="API_TOKEN") == []
    assert find_secrets(value) == []


@pytest.mark.parametrize(
    ("key", "value", "found"),
    [
        ("DB_PASSWORD", "EXAMPLE-hunter2", True),
        ("Authorization", "Bearer EXAMPLE9f8e7d6c5b4a", True),
        ("X-API-Key", "EXAMPLEa8f7d6s5a4f3d2", True),
        ("BRAVE_API_KEY", "BSAEXAMPLEq2w3e4r5t6y7u8", True),
        ("clientSecret", "EXAMPLE_9f8e7d6c5b4a3", True),
        ("LOG_LEVEL", "warnEXAMPLEabc1234567", False),
        ("TOKEN_URL", "EXAMPLEa8f7d6s5a4f3d2", False),
        ("API_TOKEN", "short", False),
        ("API_TOKEN", "aaaaaaaaaabbbbbbbbbb", False),  # long but not random: a word, not a key
        ("KEY_ID", "EXAMPLEa8f7d6s5a4f3d2", False),
    ],
)
def test_key_context_and_entropy(key: str, value: str, found: bool) -> None:
    matches = find_secrets(value, key=key)
    assert bool(matches) is found, key
    if found:
        assert matches[0].confidence == MEDIUM
        assert matches[0].value in value and not matches[0].value.lower().startswith("bearer")


def test_aws_secret_key_by_name_is_high_confidence() -> None:
    [m] = find_secrets("wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY", key="AWS_SECRET_ACCESS_KEY")
    assert (m.kind, m.confidence) == ("aws-secret-access-key", HIGH)


def test_urls_userinfo_and_query() -> None:
    text = "postgresql://admin:EXAMPLE-pass@db.internal:5432/app"
    [m] = find_secrets(text)
    assert (m.kind, m.value) == ("url-password", "EXAMPLE-pass")
    text = "https://mcp.example.com/sse?api_key=EXAMPLEa8f7d6s5a4f3d2&team=core"
    [m] = find_secrets(text)
    assert (m.kind, text[m.start : m.end]) == ("url-query-secret", "EXAMPLEa8f7d6s5a4f3d2")
    assert find_secrets("https://user:${env:PASS}@host/x") == []
    assert find_secrets("https://mcp.example.com/sse?team=core&page=2") == []


def test_free_text_assignments_like_logs_and_process_lists() -> None:
    line = "spawn node server.js --api-key EXAMPLEa8f7d6s5a4f3d2 DB_PASSWORD=EXAMPLE-pw9"
    kinds = [(m.kind, m.value) for m in find_secrets(line)]
    assert kinds == [("keyword", "EXAMPLEa8f7d6s5a4f3d2"), ("keyword", "EXAMPLE-pw9")]
    assert find_secrets("loaded 3 tools; token_count: 1200; timeout=30") == []


def test_match_repr_never_shows_the_value() -> None:
    [m] = find_secrets(FAKE["github-token"])
    assert FAKE["github-token"] not in repr(m)
    assert redact(FAKE["github-token"]) in repr(m)


def test_masking_helpers() -> None:
    token = FAKE["github-token"]
    masked = mask_args(["--token", "EXAMPLEa8f7d6s5a4f3d2", f"--gh={token}", "--port", "8080"])
    assert masked[1] == redact("EXAMPLEa8f7d6s5a4f3d2")
    assert masked[2] == "--gh=" + redact(token)
    assert masked[3:] == ["--port", "8080"]
    url = "https://admin:EXAMPLE-pass@host/x?token=EXAMPLEa8f7d6s5a4f3d2"
    out = mask_url(url)
    assert "EXAMPLE-pass" not in out and "EXAMPLEa8f7d6s5a4f3d2" not in out
    assert mask_secrets(f"a {token} b") == f"a {redact(token)} b"


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("GITHUB_TOKEN", "secret"),
        ("githubToken", "secret"),
        ("PGPASSWORD", "password"),
        ("PG_PASSWORD", "password"),
        ("OPENAI_API_KEY", "secret"),
        ("API_KEY_FILE", None),
        ("--api-key", "secret"),
        ("Authorization", "secret"),
        ("AUTHOR", None),
        ("SSH_KEY", "secret"),
        ("KEY", None),
    ],
)
def test_key_kind(key: str, kind: str | None) -> None:
    assert key_kind(key) == kind


def test_every_pattern_has_prefilter_keywords_found_in_its_matches() -> None:
    from mcpaudit.secrets.patterns import KEYWORDS, PATTERNS

    assert {p.kind for p in PATTERNS} == set(KEYWORDS)
    for kind, secret in FAKE.items():
        assert any(k in secret for k in KEYWORDS[kind]), kind


def test_literal_default_of_a_reference_is_a_secret() -> None:
    token = FAKE["openai-api-key"]
    text = "${OPENAI_API_KEY:-" + token + "}"
    [m] = find_secrets(text, key="OPENAI_API_KEY")
    assert text[m.start : m.end] == token
    assert find_secrets("${OPENAI_API_KEY:-}", key="OPENAI_API_KEY") == []
    assert find_secrets("${SENTRY_URL:-https://mcp.sentry.dev/mcp}", key="SENTRY_URL") == []
