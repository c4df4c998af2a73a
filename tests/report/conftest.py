"""Fixtures of the report tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.report.hostile import make_hostile_home


@pytest.fixture
def hostile_home(isolated_home: Path) -> Path:
    return make_hostile_home(isolated_home)
