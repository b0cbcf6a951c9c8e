"""Another vendor changes no code: examples/belegwerk (a B2B invoicing SaaS with Free, Priority
and Enterprise support, EUR prices per account type, Berlin hours and holidays, a "Support PIN",
an "owner" and "billing admin rights") runs through the real HTTP server and signed Slack
requests, on SQLite and on PostgreSQL: status, an upgrade from free, a move up from a paid tier in
plain words, a move down at the renewal (taken by the sweep at the lower price), a cancel refused
within the notice period and then done, its questions answered from its own articles, and its
top tier's tickets in its own queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, func, select, update

from bot.billing import open_billing
from bot.billing.admin import account_json, import_accounts
from bot.config import load_settings
from bot.db import now_utc
from bot.db.billing import outbox, subscriptions
from bot.slack import payloads
from bot.slack.standin import SlackStandIn
from tests.conftest import ROOT
from tests.slack_harness import Server, click, eventually, slash, wait_messages

EXAMPLE = ROOT / "examples" / "belegwerk" / "app.yaml"
ACCOUNTS = """
accounts:
  - id: kontor
    name: Kontor AG
    type: company
    slack_team_id: T0KONTOR
    card: tok_visa
    users:
      - {email: ida@kontor.example, slack_user_id: U0IDA, primary: true}
      - {email: max@kontor.example, slack_user_id: U0MAX}
  - id: studio
    name: Studio Lenz
    type: freelancer
    slack_team_id: T0STUDIO
    card: tok_visa
    users:
      - {email: lea@studio.example, slack_user_id: U0LEA, primary: true}
"""
IDA = {"user": "U0IDA", "team": "T0KONTOR"}


def test_the_example_vendor_loads_as_data():
    settings = load_settings(EXAMPLE)
    assert settings.tier_order == ("free", "priority", "enterprise")
    assert settings.upgrade_target == "priority" and settings.billing.currency == "EUR"
    assert settings.labels.phone_code == "Support PIN"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"belegwerk-{request.param}")
    drop = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'bot.db'}"
    else:
        from tests.conftest import _fresh_postgres_database, require_postgres

        require_postgres()
        url, drop = _fresh_postgres_database()
    billing = open_billing(load_settings(EXAMPLE), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn().start()
    server = Server(tmp, standin, url, app_yaml=EXAMPLE)
    yield server, standin, billing
    server.stop()
    standin.stop()
    billing.engine.dispose()
    if drop:
        drop()


@pytest.fixture
def slack(world):
    server, standin, billing = world
    standin.clear()
    return server, standin, billing


def _dm(server, standin, text, user="U0IDA", team="T0KONTOR"):
    """A direct message to the bot; its replies (not the receipts the outbox sends).

    Receipts of an earlier step (this test's or another's on the shared server) are delivered by
    the outbox in the background: wait until it has sent them, then keep only this person's DM."""
    eventually(lambda: _outbox_drained(server.database_url))
    standin.clear()
    server.post(payloads.event(payloads.message(text, user, team, f"D{user}"), "T0VENDOR"))
    return [c for c in wait_messages(standin) if c.args.get("channel") in (f"D{user}", None)]


def _outbox_drained(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as tx:
            pending = (
                select(func.count()).select_from(outbox).where(outbox.c.delivered_at.is_(None))
            )
            return tx.execute(pending).scalar_one() == 0
    finally:
        engine.dispose()


def _button(reply, action: str):
    return next(b for b in reply.buttons if b["action_id"] == action)


def _set_renewal(billing, account: str, at) -> None:
    with billing.engine.begin() as tx:
        tx.execute(
            update(subscriptions)
            .where(subscriptions.c.account_id == account, subscriptions.c.status == "active")
            .values(period_end=at)
        )


def test_flows_up_down_and_cancel_through_signed_slack_requests(slack):
    server, standin, billing = slack
    # On the free tier: an upgrade button per paid tier, at the account's prices, no PIN.
    [status] = slash(server, standin, "", **IDA)
    assert "*Kontor AG* is on *Free Support*" in status.text and "Support PIN" not in status.text
    labels = [b["text"]["text"] for b in status.buttons]
    assert labels == [
        "Upgrade to Priority Support (€490/year)",
        "Upgrade to Enterprise Support (€2,490/year)",
    ]
    # Up from free: the button's quote, then Confirm.
    [quote] = click(server, standin, _button(status, "upgrade_quote"), **IDA)
    assert "*Upgrade to Priority Support*" in quote.text and "€490" in quote.text
    [receipt] = click(server, standin, _button(quote, "confirm_upgrade"), **IDA)
    assert "You're on *Priority Support*" in receipt.text
    standin.clear()
    [status] = slash(server, standin, "status", **IDA)
    assert "Support PIN: `" in status.text

    # Up from a paid tier, in plain words: a prorated quote of its own, then Confirm.
    [quote] = _dm(server, standin, "move us to enterprise")
    assert "*Upgrade to Enterprise Support*" in quote.text
    assert "unused Priority Support" in quote.text and "is credited" in quote.text
    [receipt] = click(server, standin, _button(quote, "confirm_upgrade"), **IDA)
    assert "You're on *Enterprise Support*" in receipt.text
    assert billing.gateway.charges_for("quote:") == 2

    # Down at the renewal, in plain words: asked, confirmed, shown, taken by the sweep.
    [question] = _dm(server, standin, "go down to priority at renewal")
    assert "Move Kontor AG to Priority Support at the renewal?" in question.text
    [moved] = click(server, standin, _button(question, "confirm_downgrade"), **IDA)
    assert "moves to Priority Support, renewing for €490" in moved.text
    standin.clear()
    [status] = slash(server, standin, "", **IDA)
    assert "Moves to Priority Support on" in status.text
    assert any(b["text"]["text"] == "Keep Enterprise Support" for b in status.buttons)
    plan = account_json(billing.engine, billing.settings, "kontor")
    renewal = billing.sweep(now=_renews(billing) + timedelta(minutes=1))
    assert renewal.renewed == 1 and plan["tier"] == "enterprise"
    shown = account_json(billing.engine, billing.settings, "kontor")
    assert shown["tier"] == "priority" and shown["charges"][-1]["amount_cents"] == 49000

    # Cancel: within a day of the renewal it is refused; earlier it is asked and done.
    _set_renewal(billing, "kontor", now_utc() + timedelta(hours=12))
    standin.clear()
    [refused] = slash(server, standin, "cancel", **IDA)
    assert "1 day notice" in refused.text and not refused.buttons
    _set_renewal(billing, "kontor", now_utc() + timedelta(days=30))
    standin.clear()
    [ask] = slash(server, standin, "cancel", **IDA)
    [done] = click(server, standin, _button(ask, "confirm_cancel"), **IDA)
    assert "Priority Support is cancelled" in done.text and "Free Support" in done.text

    # Wanted back in words: its own tier is resumed (asked first); another paid tier is moved
    # to, not the cancelled one renewed ("we want Enterprise back" on a cancelled Priority plan).
    [other] = _dm(server, standin, "we want Enterprise back please")
    assert "*Upgrade to Enterprise Support*" in other.text
    assert "Turn renewal back on" not in other.text
    [own] = _dm(server, standin, "we want Priority back please")
    assert "Turn renewal back on for Priority Support?" in own.text


def _renews(billing):
    with billing.engine.begin() as tx:
        return tx.execute(
            select(subscriptions.c.period_end).where(
                subscriptions.c.account_id == "kontor", subscriptions.c.status == "active"
            )
        ).scalar_one()


def test_the_vendors_words_reach_people(slack):
    server, standin, _ = slack
    [refused] = slash(server, standin, "upgrade enterprise", user="U0MAX", team="T0KONTOR")
    assert "billing admin rights" in refused.text and "owner (ida@kontor.example)" in refused.text
    standin.clear()
    [unknown] = slash(server, standin, "upgrade platinum", user="U0LEA", team="T0STUDIO")
    assert "Free Support, Priority Support and Enterprise Support" in unknown.text
    # "ok do it" after the price of the second paid tier quotes that tier, not the first.
    lea = {"user": "U0LEA", "team": "T0STUDIO"}
    [answer] = _dm(server, standin, "how much is enterprise support?", **lea)
    assert "€990" in answer.text
    [quote] = _dm(server, standin, "ok do it", **lea)
    assert "*Upgrade to Enterprise Support*" in quote.text and "€990" in quote.text


@pytest.mark.parametrize(
    ("question", "cited", "says"),
    [
        ("what does enterprise support cost for a company?", "Support plans", "€2,490"),
        ("where is the support pin shown?", "Your Support PIN", "Settings › Support"),
        ("are you open on public holidays?", "Support hours", "Berlin, Germany"),
        ("is there a notice period for cancelling?", "Change or cancel", "one day"),
    ],
)
def test_its_questions_are_answered_from_its_own_articles(slack, question, cited, says):
    server, standin, _ = slack
    [reply] = _dm(server, standin, question, user="U0LEA", team="T0STUDIO")
    assert says in reply.text and f"Source: {cited}" in reply.text


def test_its_top_tiers_tickets_go_to_its_own_queue(slack):
    server, standin, _ = slack
    [quote] = slash(server, standin, "upgrade enterprise", user="U0LEA", team="T0STUDIO")
    click(server, standin, _button(quote, "confirm_upgrade"), user="U0LEA", team="T0STUDIO")
    standin.clear()
    server.post(
        payloads.event(
            payloads.message("I want to talk to a person", "U0LEA", "T0STUDIO", "D0LEA"),
            "T0VENDOR",
        )
    )
    posted = eventually(lambda: [c for c in standin.of("chat.postMessage") if c.buttons])
    staff = next(c for c in posted if any(b["action_id"] == "claim_ticket" for b in c.buttons))
    assert staff.args["channel"] == "#enterprise-queue"


def test_the_vendors_paid_tiers_are_read_where_a_plan_is_wanted_back():
    """ "We want Priority back" undoes a cancellation for this vendor as "we want premium back"
    does for the shipped one: the undoing words take the tier names from app.yaml."""
    from bot.conversation.tiers import paid_names
    from bot.conversation.undo_orders import asks_to_undo

    paid = paid_names(load_settings(EXAMPLE))
    assert asks_to_undo("hi, we want Priority back please", paid)
    assert asks_to_undo("can you reactivate our enterprise", paid)
    assert not asks_to_undo("we want premium back", paid)  # not this vendor's tier
    assert asks_to_undo("we want the plan back", paid)
