"""Shared fixtures: the shipped app.yaml with its index in a temporary folder, and helpers to
write a knowledge base or a configuration of a test's own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import Settings, load_settings, parse_settings
from bot.knowledge import KnowledgeBase, open_knowledge_base

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shipped_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shipped app.yaml and kb/, with the index built in a temporary folder."""
    settings = load_settings(ROOT / "app.yaml")
    index_path = tmp_path_factory.mktemp("index") / "kb-index"
    return settings.model_copy(
        update={"kb": settings.kb.model_copy(update={"index_path": index_path})}
    )


@pytest.fixture(scope="session")
def knowledge(shipped_settings: Settings) -> KnowledgeBase:
    return open_knowledge_base(shipped_settings)


@pytest.fixture
def app_config() -> dict:
    """The shipped app.yaml as data, for tests that change one key."""
    return yaml.safe_load((ROOT / "app.yaml").read_text(encoding="utf-8"))


def settings_for(data: dict, base_dir: Path) -> Settings:
    return parse_settings(data, base_dir, source="test app.yaml")
