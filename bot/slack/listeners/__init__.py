"""Bolt listeners, grouped by kind; each module registers its own on the app."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, home, installs
from bot.slack.listeners.shared import SlackContext


def register_all(app: App, slack: SlackContext) -> None:
    commands.register(app, slack)
    events.register(app, slack)
    home.register(app, slack)
    actions.register(app, slack)
    installs.register(app, slack)
    events.register_catch_all(app)  # last: Bolt takes the first listener that matches
