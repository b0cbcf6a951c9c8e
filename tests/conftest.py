"""Shared fixtures: the shipped app.yaml with its index in a temporary folder, and helpers to
write a knowledge base or a configuration of a test's own."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from bot.config import Settings, load_settings, parse_settings
from bot.knowledge import KnowledgeBase

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
    from bot.bootstrap import open_knowledge

    return open_knowledge(shipped_settings)


@pytest.fixture(scope="module")
def shipped_services(shipped_settings: Settings, knowledge: KnowledgeBase, tmp_path_factory):
    """The shipped app over a SQLite database of the module's own (no accounts imported)."""
    from bot.bootstrap import open_services

    db = tmp_path_factory.mktemp("services") / "bot.db"
    found = open_services(shipped_settings, f"sqlite:///{db}", knowledge=knowledge)
    yield found
    found.engine.dispose()


_DMS = itertools.count()


def turn_in_dm(services, text: str):
    """The core's turn for `text` sent in a DM of its own (a new one each call: no case finds
    another's context) by a user linked to no account."""
    from bot.billing.results import Actor
    from bot.conversation import Incoming, Place, Surface

    n = next(_DMS)
    incoming = Incoming(
        text, Actor.slack("U0NEW", "T0NEW"), Place(f"D0DM{n}", True), Surface.DM, ts=f"{n}.1"
    )
    return services.conversation.handle(incoming)


@pytest.fixture(scope="module")
def request_world(shipped_settings: Settings, knowledge: KnowledgeBase):
    """bench/quality.py's three accounts (standard, premium, cancelled), each message in a DM of
    its own: what `make eval` decides, for tests that assert a label per account state."""
    from bench.quality import RequestWorld

    made = RequestWorld(shipped_settings, knowledge)
    yield made
    made.close()


def assert_label(label: str, expect: str, text: str) -> None:
    """`expect` is the decision's label, or "!label": anything but it."""
    if expect.startswith("!"):
        assert label != expect[1:], text
    else:
        assert label == expect, text


def assert_changes_nothing(label: str, text: str) -> None:
    """The decision makes none of the five changes (a reply, an answer, a figure, the status, a
    person, a question back are all fine): what `make eval` counts as no change."""
    from bench.quality import CHANGES

    assert label not in CHANGES, (text, label)


def decision_in_dm(services, text: str) -> str:
    """The decision's label for `text` in a DM of its own (the decision, not the refusal that
    follows it for an unlinked user)."""
    return turn_in_dm(services, text).decision.label


@pytest.fixture
def app_config() -> dict:
    """The shipped app.yaml as data, for tests that change one key."""
    return yaml.safe_load((ROOT / "app.yaml").read_text(encoding="utf-8"))


def settings_for(data: dict, base_dir: Path) -> Settings:
    return parse_settings(data, base_dir, source="test app.yaml")


# -- databases ------------------------------------------------------------------------------------

import os  # noqa: E402
import socket  # noqa: E402
import uuid  # noqa: E402

PG_ADMIN_URL = os.environ.get("DATABASE_TEST_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _postgres_reachable() -> bool:
    from sqlalchemy.engine import make_url

    url = make_url(PG_ADMIN_URL)
    try:
        with socket.create_connection((url.host or "127.0.0.1", url.port or 5432), timeout=1):
            return True
    except OSError:
        return False


POSTGRES = _postgres_reachable()


def _fresh_postgres_database() -> tuple[str, object]:
    """A new empty database on the test server, and a function that drops it."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from bot.db import database_url

    admin = create_engine(database_url(PG_ADMIN_URL), isolation_level="AUTOCOMMIT")
    name = f"supportbot_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(database_url(PG_ADMIN_URL)).set(database=name)

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return url.render_as_string(hide_password=False), drop


def require_postgres() -> None:
    """Skip without PostgreSQL, except in CI, where it must be there."""
    if not POSTGRES:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is required in CI but 127.0.0.1:5432 is not reachable")
        pytest.skip("no PostgreSQL server reachable")


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory) -> Path:
    """One SQLite file at the newest migration; each test starts from a copy of it."""
    from bot.db import make_engine, migrate

    path = tmp_path_factory.mktemp("template") / "supportbot.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _migrated_postgres():
    """One PostgreSQL database at the newest migration for the whole run; each test empties its
    tables first (TRUNCATE: seconds of database creation and migration saved per test)."""
    require_postgres()
    from bot.db import make_engine, migrate

    url, drop = _fresh_postgres_database()
    engine = make_engine(url)
    migrate(engine)
    with engine.connect() as conn:
        tables = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version'"
            )
        ]
    yield url, engine, tables
    engine.dispose()
    drop()


def _emptied(engine, tables: list[str]) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
        conn.exec_driver_sql(
            f"TRUNCATE {', '.join(f'{t!r}'.replace(chr(39), chr(34)) for t in tables)} "
            "RESTART IDENTITY CASCADE"
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """Each billing test runs on SQLite and on PostgreSQL (required when CI is set), each time
    on an empty schema at the newest migration."""
    if request.param == "sqlite":
        import shutil

        template = request.getfixturevalue("_migrated_sqlite")
        shutil.copy(template, tmp_path / "supportbot.db")
        yield f"sqlite:///{tmp_path / 'supportbot.db'}"
        return
    url, engine, tables = request.getfixturevalue("_migrated_postgres")
    _emptied(engine, tables)
    yield url
