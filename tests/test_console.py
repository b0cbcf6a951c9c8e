"""The local console as a new user tries it: every button offered as a numbered choice
(Helpful / Not helpful too), and a colleague named the way one types in a terminal."""

from __future__ import annotations

import io

import pytest

from bot.conversation.commands import Command, parse_slash


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("grant @U0SAM", Command("grant", "U0SAM")),
        ("grant U0SAM", Command("grant", "U0SAM")),
        ("revoke @U0SAM", Command("revoke", "U0SAM")),
        ("grant <@U0SAM|sam>", Command("grant", "U0SAM")),
        ("grant @sam", Command("help")),  # a display name is not an ID: Slack's markup is needed
        ("grant", Command("help")),
    ],
)
def test_grant_and_revoke_take_a_typed_user_id(text, expected):
    assert parse_slash(text) == expected


@pytest.fixture
def console(shipped_settings, tmp_path):
    from bot.bootstrap import open_services
    from bot.cli.slack import load_demo_accounts
    from bot.slack.app import build_app
    from bot.slack.console import Console

    services = open_services(shipped_settings, f"sqlite:///{tmp_path / 'console.db'}")
    load_demo_accounts(services.billing)
    found = Console(
        lambda url, secret: build_app(services, token="xoxb-t", signing_secret=secret, api_url=url),
        "U0PAT",
        "T0ACME",
    )
    found.services = services  # type: ignore[attr-defined]
    yield found
    found.standin.stop()
    services.engine.dispose()


def _say(console, line: str) -> str:
    out = io.StringIO()
    console.render(console.send(line), out)
    return out.getvalue()


def test_an_answer_offers_helpful_and_not_helpful_as_numbered_choices(console):
    answer = _say(console, "what are your support hours?")
    assert "[1] Helpful" in answer and "[2] Not helpful" in answer
    assert "person" in _say(console, "2").lower()  # Not helpful offers a person


def test_the_primary_user_grants_billing_access_to_a_typed_user_id(console):
    from bot.billing.admin import account_json

    granted = _say(console, "/support-tier grant @U0SAM")
    assert "billing access" in granted.lower() and "shows and changes" not in granted
    billing = console.services.billing
    users = account_json(billing.engine, billing.settings, "acme")["users"]
    assert [u["billing_access"] for u in users if u["slack_user_id"] == "U0SAM"] == [True]


def test_a_reaction_typed_in_the_console_opens_a_ticket_and_the_rating_follows(
    shipped_settings, tmp_path
):
    """`:ticket: 1` reacts to the first message typed; the ticket's post in the team's channel
    is shown with its buttons, and resolving it brings the rating by DM, whose comment form
    takes the next line."""
    from bot.bootstrap import open_services
    from bot.cli.slack import load_demo_accounts
    from bot.slack.app import build_app
    from bot.slack.console import Console
    from bot.slack.notifications import deliver_pending

    services = open_services(shipped_settings, f"sqlite:///{tmp_path / 'console.db'}")
    load_demo_accounts(services.billing)
    console = Console(
        lambda url, secret: build_app(services, token="xoxb-t", signing_secret=secret, api_url=url),
        "U0PAT",
        "T0ACME",
        after=lambda app: deliver_pending(services, app.client),
        channel="support",
    )
    try:
        _say(console, "the label printer stopped printing")
        opened = _say(console, ":ticket: 1")
        assert "(in #support-handoff) Support request" in opened and "[1] Claim" in opened
        assert "A person will reply here by" in opened
        assert "You have written 1 message" in _say(console, ":ticket: 7")
        assert "Resolve" in _say(console, "1")  # Claim
        resolved = _say(console, "1")  # Resolve
        assert "(direct message)" in resolved and "[5] 5 · Great" in resolved
        rated = _say(console, "4")
        assert "you rated" in rated and "[4] ✓ 4" in rated  # the scale stays, 4 marked
        assert "(form)" in _say(console, "6")  # Add a comment
        commented = _say(console, "Fast and friendly")
        assert "your comment" in commented and "Fast and friendly" in commented
        [ticket] = services.conversation.desk.list()
        assert (ticket.rating, ticket.rating_comment) == (4, "Fast and friendly")
    finally:
        console.standin.stop()
        services.engine.dispose()
