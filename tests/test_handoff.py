"""Handoff tickets: due times from the tier and support hours, one claim per ticket."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.billing.results import Receipt
from bot.conversation.tickets import TicketDesk
from tests.billing_helpers import PAT, STRANGER, billing_service

LA = ZoneInfo("America/Los_Angeles")
FRIDAY_EVENING = datetime(2026, 11, 27, 18, 0, tzinfo=LA)


@pytest.fixture
def handoff(database_url):
    service = billing_service(database_url)
    desk = TicketDesk(service.engine, service.settings, service.status)
    desk.billing = service
    yield desk
    service.engine.dispose()


def test_a_free_tier_ticket_on_friday_evening_is_due_monday_evening(handoff):
    ticket = handoff.open_ticket(
        PAT, "support", "D0PAT", None, "help!", None, "talk_to_person", now=FRIDAY_EVENING
    )
    assert ticket.tier == "standard" and ticket.account_id == "acme"
    assert ticket.due_at == datetime(2026, 11, 30, 17, 0, tzinfo=LA)
    promise = handoff.promise(ticket, now=FRIDAY_EVENING)
    assert "Monday, November 30 at 5pm Pacific time" in promise.public
    assert (
        "Support is closed now and opens Monday, November 30 at 8am Pacific time" in promise.public
    )
    # The account's tier is its own business: only in the part the asker alone sees.
    assert "Standard" not in promise.public and "1 business day" not in promise.public
    assert "Standard Support" in promise.private and "1 business day" in promise.private


def test_a_premium_ticket_is_due_within_four_business_hours(handoff):
    billing = handoff.billing
    now = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    assert isinstance(
        billing.confirm(PAT, billing.quote_upgrade(PAT, now=now).id, now=now), Receipt
    )
    ticket = handoff.open_ticket(
        PAT, "support", "D0PAT", None, "help!", None, "talk_to_person", now=FRIDAY_EVENING
    )
    assert ticket.tier == "premium"
    assert ticket.due_at == datetime(2026, 11, 30, 12, 0, tzinfo=LA)


def test_an_unlinked_asker_gets_the_free_tier_target(handoff):
    ticket = handoff.open_ticket(STRANGER, "sales", "C0X", "1.2", "pricing?", None, "talk_to_sales")
    assert ticket.account_id is None and ticket.tier == "standard"


def test_a_ticket_is_claimed_once(handoff):
    ticket = handoff.open_ticket(PAT, "support", "D0PAT", None, "help!", None, "talk_to_person")
    assert handoff.claim(ticket.id, "U0STAFF1").claimed_by == "U0STAFF1"
    assert handoff.claim(ticket.id, "U0STAFF2") is None
    assert [t.status for t in handoff.list()] == ["claimed"]


def test_overdue_open_tickets_are_marked(handoff):
    ticket = handoff.open_ticket(
        PAT, "support", "D0PAT", None, "help!", None, "talk_to_person", now=FRIDAY_EVENING
    )
    assert not ticket.overdue(FRIDAY_EVENING)
    assert ticket.overdue(datetime(2026, 12, 1, 9, 0, tzinfo=LA))


def test_the_first_reply_by_someone_else_is_the_response(handoff):
    ticket = handoff.open_ticket(
        PAT, "support", "C0SHARED", "1.1", "help!", None, "talk_to_person", now=FRIDAY_EVENING
    )
    assert handoff.active_in_thread("C0SHARED", "1.1").id == ticket.id
    assert not handoff.record_reply(ticket, "U0PAT")  # the requester writing again
    answered = datetime(2026, 11, 30, 9, 0, tzinfo=LA)
    assert handoff.record_reply(ticket, "U0STAFF", now=answered)
    assert not handoff.record_reply(ticket, "U0OTHER")
    [stored] = handoff.list()
    assert stored.first_response_at == answered and not stored.overdue(answered)


def test_a_resolved_ticket_frees_its_thread(handoff):
    ticket = handoff.open_ticket(PAT, "support", "C0SHARED", "1.1", "help!", None, "talk_to_person")
    assert handoff.resolve(ticket.id)
    assert not handoff.resolve(ticket.id)
    assert handoff.active_in_thread("C0SHARED", "1.1") is None


def test_the_report_counts_first_responses_in_support_time_and_late_ones(handoff):
    from bot.conversation.report import format_duration, response_report

    quick = handoff.open_ticket(
        PAT, "support", "C0S", "1.1", "help!", None, "talk_to_person", now=FRIDAY_EVENING
    )
    handoff.record_reply(quick, "U0STAFF", now=datetime(2026, 11, 30, 8, 30, tzinfo=LA))
    late = handoff.open_ticket(
        PAT, "support", "C0S", "2.2", "help!", None, "talk_to_person", now=FRIDAY_EVENING
    )
    handoff.record_reply(late, "U0STAFF", now=datetime(2026, 12, 1, 9, 0, tzinfo=LA))
    handoff.open_ticket(PAT, "support", "C0S", "3.3", "help!", None, "x", now=FRIDAY_EVENING)
    sales = handoff.open_ticket(STRANGER, "sales", "C0S", "4.4", "price?", None, "talk_to_sales")
    now = datetime(2026, 12, 2, 9, 0, tzinfo=LA)
    lines = {line.group: line for line in response_report(handoff.list(), handoff.hours, now)}
    support = lines["support · standard"]
    assert (support.tickets, support.answered, support.late, support.overdue_open) == (3, 2, 1, 1)
    # Friday 6pm → Monday 8:30am is 30 minutes of support time; → Tuesday 9am is 10 hours.
    assert format_duration(support.median) == "30 min"
    assert format_duration(support.p90) == "10 h 00 min"
    assert support.on_time == 1 / 3
    assert lines["all"].tickets == 4 and sales.team == "sales"


def test_tickets_show_and_report_on_the_command_line(handoff, database_url, monkeypatch):
    from click.testing import CliRunner

    from bot.cli import main
    from tests.conftest import ROOT

    ticket = handoff.open_ticket(PAT, "support", "C0S", "1.1", "help me!", None, "talk_to_person")
    monkeypatch.setenv("DATABASE_URL", database_url)

    def run(*args: str):
        return CliRunner().invoke(main, ["--config", str(ROOT / "app.yaml"), "tickets", *args])

    shown = run("show", ticket.id)
    assert shown.exit_code == 0 and "help me!" in shown.output and "not yet" in shown.output
    assert run("show", "nope").exit_code == 1
    report = run("report", "--days", "7")
    assert report.exit_code == 0 and "support · standard" in report.output
