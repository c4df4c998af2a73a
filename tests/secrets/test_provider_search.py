"""The fast provider search (no leading lookbehind, checked by hand) finds exactly what the
patterns themselves find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mcpaudit.secrets.detect import _provider_matches
from mcpaudit.secrets.filters import is_placeholder
from mcpaudit.secrets.patterns import PATTERNS

TOKENS = [
    "ghp_EXAMPLEa1B2c3D4e5F6g7H8i9J0k1L2m3N4o",
    "AKIAEXAMPLE0EXAMPLE0",
    "github_pat_EXAMPLE0123456789abcdefABCDEF_x",
    "xoxb-123456789012-123456789012-EXAMPLEabcdefghijklmnop",
    "sk-ant-api03-EXAMPLEabcdefghijklmnopqrstuvwxyz",
]


def _reference(text: str) -> list[tuple[str, int, int]]:
    out = []
    for p in PATTERNS:
        for m in p.regex.finditer(text):
            value = m.group(p.group)
            if value and not is_placeholder(value):
                out.append((p.kind, *m.span(p.group)))
    return sorted(out)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(TOKENS),
            st.text(alphabet="ab_9-:= /\n@AKIAghp", max_size=12),
        ),
        max_size=8,
    )
)
def test_fast_search_matches_the_patterns(parts):
    text = "".join(parts)
    fast = sorted((m.kind, m.start, m.end) for m in _provider_matches(text))
    assert fast == _reference(text)
