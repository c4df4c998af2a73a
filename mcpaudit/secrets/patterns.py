"""Provider token formats: detectors as data, one entry per kind of credential.

Each pattern is anchored on a vendor-issued prefix or structure, so a match is a
high-confidence secret on its own. Sources: Yelp/detect-secrets' plugins
(`detect_secrets/plugins/*.py`, Apache-2.0) and gitleaks' default rules
(`config/gitleaks.toml`, MIT), tightened where they are too eager for config values
(e.g. detect-secrets' Artifactory `AP…` and Twilio `SK…` rules are left out: they
match ordinary identifiers). Adding a provider = one `Pattern` line + a test case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    kind: str
    description: str
    regex: re.Pattern[str]
    source: str
    group: int = 0  # the capture group holding the secret itself


def _p(kind: str, description: str, regex: str, source: str, group: int = 0) -> Pattern:
    return Pattern(kind, description, re.compile(regex), source, group)


# Word boundaries are spelled out: `\b` treats `_` and `-` differently from tokens' alphabets.
_B = r"(?<![A-Za-z0-9_])"
_E = r"(?![A-Za-z0-9_])"

PATTERNS: tuple[Pattern, ...] = (
    _p(
        "private-key",
        "PEM private key",
        r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
        r"(?:[\s\S]{0,10000}?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----)?",
        "detect-secrets private_key",
    ),
    _p(
        "github-token",
        "GitHub token",
        _B + r"(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,40}" + _E,
        "detect-secrets github_token",
    ),
    _p(
        "github-fine-grained-token",
        "GitHub fine-grained personal access token",
        _B + r"github_pat_[A-Za-z0-9_]{22,255}" + _E,
        "gitleaks github-fine-grained-pat",
    ),
    _p(
        "anthropic-api-key",
        "Anthropic API key",
        _B + r"sk-ant-[a-z]{3,6}\d{2}-[A-Za-z0-9_\-]{20,}",
        "gitleaks anthropic-api-key",
    ),
    _p(
        "openai-api-key",
        "OpenAI API key",
        _B + r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{20,}"
        r"|" + _B + r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}" + _E,
        "detect-secrets openai + gitleaks openai-api-key",
    ),
    _p(
        "sk-api-key",
        "API secret key (sk-…)",
        _B + r"sk-[A-Za-z0-9]{32,}" + _E,
        "gitleaks (OpenAI legacy, DeepSeek and compatible providers)",
    ),
    _p(
        "aws-access-key-id",
        "AWS access key id",
        _B + r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}" + _E,
        "detect-secrets aws",
    ),
    _p(
        "slack-token",
        "Slack token",
        _B + r"xox[abposr]-(?:\d+-)+[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*",
        "detect-secrets slack",
    ),
    _p(
        "slack-webhook",
        "Slack incoming webhook",
        r"https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+",
        "detect-secrets slack",
    ),
    _p(
        "stripe-key",
        "Stripe secret or restricted key",
        _B + r"(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}" + _E,
        "detect-secrets stripe (test keys added)",
    ),
    _p(
        "google-api-key",
        "Google API key",
        _B + r"AIza[0-9A-Za-z_\-]{35}" + _E,
        "gitleaks gcp-api-key",
    ),
    _p(
        "gitlab-token",
        "GitLab token",
        _B + r"(?:glpat|gldt|glft|glsoat|glrt|glcbt)-[A-Za-z0-9_\-]{20,50}" + _E,
        "detect-secrets gitlab_token",
    ),
    _p(
        "huggingface-token",
        "Hugging Face token",
        _B + r"hf_[A-Za-z0-9]{30,}" + _E,
        "gitleaks huggingface-access-token",
    ),
    _p("npm-token", "npm access token", _B + r"npm_[A-Za-z0-9]{36}" + _E, "gitleaks npm"),
    _p(
        "pypi-token",
        "PyPI upload token",
        r"pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,}",
        "detect-secrets pypi_token",
    ),
    _p(
        "jwt",
        "JSON Web Token",
        _B + r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}",
        "detect-secrets jwt",
    ),
    _p(
        "sendgrid-key",
        "SendGrid API key",
        _B + r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}" + _E,
        "detect-secrets sendgrid",
    ),
    _p(
        "telegram-bot-token",
        "Telegram bot token",
        _B + r"\d{8,10}:AA[0-9A-Za-z_\-]{33}" + _E,
        "detect-secrets telegram_token",
    ),
    _p(
        "azure-storage-key",
        "Azure storage account key",
        r"AccountKey=([A-Za-z0-9+/=]{88})",
        "detect-secrets azure_storage_key",
        group=1,
    ),
    _p(
        "digitalocean-token",
        "DigitalOcean token",
        _B + r"do[opr]_v1_[a-f0-9]{64}" + _E,
        "gitleaks digitalocean",
    ),
    _p(
        "linear-api-key",
        "Linear API key",
        _B + r"lin_api_[A-Za-z0-9]{40}" + _E,
        "gitleaks linear",
    ),
    _p(
        "notion-token",
        "Notion integration token",
        _B + r"ntn_[A-Za-z0-9]{40,}" + _E,
        "gitleaks notion",
    ),
    _p(
        "sentry-token",
        "Sentry auth token",
        _B + r"sntry[su]_[A-Za-z0-9+/=_]{40,}",
        "gitleaks sentry",
    ),
    _p("groq-api-key", "Groq API key", _B + r"gsk_[A-Za-z0-9]{48,}" + _E, "gitleaks"),
    _p(
        "perplexity-api-key",
        "Perplexity API key",
        _B + r"pplx-[A-Za-z0-9]{40,}" + _E,
        "gitleaks perplexity",
    ),
    _p(
        "shopify-token",
        "Shopify token",
        _B + r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}" + _E,
        "gitleaks shopify",
    ),
    _p(
        "atlassian-api-token",
        "Atlassian API token",
        _B + r"ATATT3[A-Za-z0-9_\-=]{100,}",
        "gitleaks atlassian",
    ),
    _p("figma-token", "Figma token", _B + r"figd_[A-Za-z0-9_\-]{38,}" + _E, "gitleaks figma"),
    _p(
        "supabase-token",
        "Supabase access token",
        _B + r"sbp_[a-f0-9]{40}" + _E,
        "gitleaks supabase",
    ),
    _p(
        "postman-api-key",
        "Postman API key",
        _B + r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}" + _E,
        "gitleaks postman",
    ),
    _p(
        "databricks-token",
        "Databricks token",
        _B + r"dapi[a-f0-9]{32}(?:-\d)?" + _E,
        "gitleaks databricks",
    ),
    _p(
        "replicate-token",
        "Replicate API token",
        _B + r"r8_[A-Za-z0-9]{37}" + _E,
        "gitleaks",
    ),
)

# Literal fragments every match of a pattern contains (gitleaks' "keywords"): a pattern's
# regex only runs on text holding one of them, which keeps large files (30 MB of Claude
# Code history) fast. A test checks every pattern has an entry.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "private-key": ("PRIVATE KEY",),
    "github-token": ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    "github-fine-grained-token": ("github_pat_",),
    "anthropic-api-key": ("sk-ant-",),
    "openai-api-key": ("sk-",),
    "sk-api-key": ("sk-",),
    "aws-access-key-id": ("AKIA", "ASIA", "ABIA", "ACCA", "A3T"),
    "slack-token": ("xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-"),
    "slack-webhook": ("hooks.slack.com",),
    "stripe-key": ("k_live_", "k_test_"),
    "google-api-key": ("AIza",),
    "gitlab-token": ("glpat-", "gldt-", "glft-", "glsoat-", "glrt-", "glcbt-"),
    "huggingface-token": ("hf_",),
    "npm-token": ("npm_",),
    "pypi-token": ("pypi-AgE",),
    "jwt": ("eyJ",),
    "sendgrid-key": ("SG.",),
    "telegram-bot-token": (":AA",),
    "azure-storage-key": ("AccountKey=",),
    "digitalocean-token": ("_v1_",),
    "linear-api-key": ("lin_api_",),
    "notion-token": ("ntn_",),
    "sentry-token": ("sntrys_", "sntryu_"),
    "groq-api-key": ("gsk_",),
    "perplexity-api-key": ("pplx-",),
    "shopify-token": ("shpat_", "shpca_", "shppa_", "shpss_"),
    "atlassian-api-token": ("ATATT3",),
    "figma-token": ("figd_",),
    "supabase-token": ("sbp_",),
    "postman-api-key": ("PMAK-",),
    "databricks-token": ("dapi",),
    "replicate-token": ("r8_",),
}
