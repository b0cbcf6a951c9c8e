"""Uninstalls: `app_uninstalled` and `tokens_revoked` delete that workspace's installation, so
no request or notice uses a token Slack no longer honours (and none is kept that need not be).

Only when the app is installable in customers' workspaces (it has an installation store).
Acked at once; the deletion runs after the ack, like all our work, so a busy database never
delays Slack's 200.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk.oauth.installation_store import InstallationStore

from bot.slack.listeners.shared import SlackContext, ack_now, lazy

log = logging.getLogger(__name__)


def register(app: App, slack: SlackContext) -> None:
    store = app.installation_store
    if store is None:
        return

    def on_uninstalled(context: BoltContext) -> None:
        forget_workspace(store, context.enterprise_id, context.team_id)
        log.info("app uninstalled from %s: its installation is deleted", context.team_id)

    def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
        tokens = event.get("tokens") or {}
        for user in tokens.get("oauth") or []:
            store.delete_installation(
                enterprise_id=context.enterprise_id, team_id=context.team_id, user_id=user
            )
        if tokens.get("bot"):
            # Our installations are the bot's: without its token none of them can act.
            forget_workspace(store, context.enterprise_id, context.team_id)
            log.info("bot token revoked in %s: its installation is deleted", context.team_id)

    app.event("app_uninstalled")(ack=ack_now, lazy=[lazy(on_uninstalled)])
    app.event("tokens_revoked")(ack=ack_now, lazy=[lazy(on_tokens_revoked)])


def forget_workspace(store: InstallationStore, enterprise: str | None, team: str | None) -> None:
    store.delete_bot(enterprise_id=enterprise, team_id=team)
    store.delete_installation(enterprise_id=enterprise, team_id=team)
