"""Installing the app in customers' workspaces (OAuth), and which bot token speaks where.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set, the app serves Slack's install flow and keeps
each workspace's installation in our own database (slack-sdk's SQLAlchemy stores, on the
tables of migration 0010). Bolt's `authorize` then gives every request the bot token of the
workspace it came from; `Workspaces` does the same for work that no request carries (notices
from the outbox). Without them the bot is single-workspace: SLACK_BOT_TOKEN for everything.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store import OAuthStateStore
from sqlalchemy.engine import Engine

from bot.db import reading
from bot.slack.client import make_client

log = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# The bot scopes every manifest in slack/ asks for (a test keeps them equal): what an install
# in a customer's workspace grants.
BOT_SCOPES = (
    "app_mentions:read",
    "channels:history",
    "channels:read",
    "chat:write",
    "commands",
    "groups:history",
    "groups:read",
    "im:history",
    "im:write",
    "reactions:read",
    "users:read",
)
# How long an install link stays usable: the state issued with it expires after this.
STATE_EXPIRATION_S = 600


@dataclass(frozen=True)
class OAuthCredentials:
    """The app's OAuth client, from SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and (optionally)
    SLACK_REDIRECT_URI, the redirect URL when the app has more than one."""

    client_id: str
    client_secret: str = field(repr=False)  # a secret must not reach a log through a repr
    redirect_uri: str | None = None

    @classmethod
    def from_env(cls) -> OAuthCredentials | None:
        client_id = os.environ.get("SLACK_CLIENT_ID", "").strip()
        secret = os.environ.get("SLACK_CLIENT_SECRET", "").strip()
        if not (client_id and secret):
            return None
        return cls(client_id, secret, os.environ.get("SLACK_REDIRECT_URI") or None)


def _sqlalchemy_stores() -> tuple[type, type]:
    """slack-sdk's SQLAlchemy stores, imported only when OAuth is on: their modules import
    SQLAlchemy's asyncio support, which needs greenlet, and a single-workspace bot never does."""
    try:
        from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
        from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
    except ImportError as error:
        raise RuntimeError(
            "installing in customers' workspaces needs slack-sdk's SQLAlchemy stores, which "
            f"need greenlet (pip install greenlet): {error}"
        ) from error
    return SQLAlchemyInstallationStore, SQLAlchemyOAuthStateStore


class _ReadOnlyEngine:
    """What the store's lookups need of an engine (`connect()`), as our `reading()`: on SQLite
    a deferred BEGIN, so looking up a token before every ack never queues for the write lock."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def connect(self) -> Any:
        return reading(self._engine)


class Installations(InstallationStore):
    """slack-sdk's SQLAlchemy installation store on our engine; its lookups (one per request)
    only read."""

    def __init__(self, client_id: str, engine: Engine) -> None:
        store = _sqlalchemy_stores()[0]
        self._writes = store(client_id=client_id, engine=engine, logger=log)
        self._reads = store(
            client_id=client_id,
            engine=_ReadOnlyEngine(engine),  # type: ignore[arg-type]
            logger=log,
        )
        self.installations, self.bots = self._writes.installations, self._writes.bots

    @property
    def logger(self) -> logging.Logger:
        return log

    def save(self, installation: Installation) -> None:
        self._writes.save(installation)

    def save_bot(self, bot: Bot) -> None:
        self._writes.save_bot(bot)

    def find_bot(self, **kwargs: Any) -> Bot | None:
        return self._reads.find_bot(**kwargs)

    def find_installation(self, **kwargs: Any) -> Installation | None:
        return self._reads.find_installation(**kwargs)

    def delete_bot(self, **kwargs: Any) -> None:
        self._writes.delete_bot(**kwargs)

    def delete_installation(self, **kwargs: Any) -> None:
        self._writes.delete_installation(**kwargs)


class OAuthStates(OAuthStateStore):
    """slack-sdk's SQLAlchemy state store on our engine; issuing a state also drops expired
    ones, which abandoned installs would otherwise leave behind for ever."""

    def __init__(self, engine: Engine, expiration_seconds: int = STATE_EXPIRATION_S) -> None:
        self._store = _sqlalchemy_stores()[1](
            expiration_seconds=expiration_seconds, engine=engine, logger=log
        )
        self.engine, self.oauth_states = engine, self._store.oauth_states

    @property
    def logger(self) -> logging.Logger:
        return log

    def issue(self, *args: Any, **kwargs: Any) -> str:
        now = datetime.now(UTC).replace(tzinfo=None)  # the store's timestamps are naive UTC
        with self.engine.begin() as conn:
            conn.execute(self.oauth_states.delete().where(self.oauth_states.c.expire_at < now))
        return self._store.issue(*args, **kwargs)

    def consume(self, state: str) -> bool:
        return self._store.consume(state)


def oauth_settings(credentials: OAuthCredentials, engine: Engine) -> OAuthSettings:
    """Bolt's install flow: /slack/install and /slack/oauth_redirect, the manifest's bot
    scopes, no user scopes, and both stores in our database."""
    return OAuthSettings(
        client_id=credentials.client_id,
        client_secret=credentials.client_secret,
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        redirect_uri=credentials.redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=Installations(credentials.client_id, engine),
        installation_store_bot_only=True,  # we act as the bot only; no user tokens
        state_store=OAuthStates(engine),
        state_expiration_seconds=STATE_EXPIRATION_S,
    )


class Workspaces:
    """The Web API client for a Slack team, for work no request carries.

    Single-workspace: the one client (SLACK_BOT_TOKEN) for every team. Installed in customers'
    workspaces: the bot token of the team's installation; for a team without one (a customer's
    user in our own workspace through Slack Connect) our own workspace's client when
    SLACK_BOT_TOKEN is also set (`home`), else None: nobody can reach them. Tokens are used as
    stored: the manifest keeps token rotation off.
    """

    def __init__(
        self,
        home: WebClient | None,
        installations: InstallationStore | None = None,
        api_url: str | None = None,
    ) -> None:
        self.home = home
        self.installations = installations
        self.api_url = api_url

    @property
    def distributed(self) -> bool:
        return self.installations is not None

    def client_for(self, team: str | None) -> WebClient | None:
        if self.installations is None or not team:
            return self.home
        bot = self.installations.find_bot(enterprise_id=None, team_id=team)
        if bot is None or not bot.bot_token:
            return self.home
        return make_client(bot.bot_token, self.api_url)
