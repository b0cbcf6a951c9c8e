"""Due-time alerts: a ticket nobody has answered gets a notice in its team's channel when
`slack.desk.due_alerts.warn_at` (75%) of its response target has passed, in support hours, and
again when it is overdue; each once, naming whoever claimed it.

`sweep(now)` finds what is due and queues the notices; the outbox sends them. Which process
queues an alert is decided by the database: a conditional update of the ticket's mark
(`warned_at`, `overdue_alerted_at` … WHERE it IS NULL) that only one of several instances can
win, in the same transaction as the notice. Marks live in the database, so a restart neither
repeats nor forgets an alert. A sweep that runs late (the bot was down) sends only the overdue
alert, not a stale early warning as well. The first staff reply in the customer's thread stops
the clock, as it always did: answered tickets are never alerted.

The words are drawn when a notice is sent, from the ticket as it is then; an alert whose ticket
was answered or resolved in between is dropped.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.conversation import desk_outbox
from bot.conversation.messages import Button, Reply, Where
from bot.conversation.tickets import Ticket, TicketDesk
from bot.conversation.views import quoted_inline
from bot.db import now_utc, reading
from bot.db.conversation import tickets
from bot.hours import format_local

log = logging.getLogger(__name__)


class DueAlerts:
    def __init__(self, settings: Settings, engine: Engine, desk: TicketDesk) -> None:
        self.settings = settings
        self.engine = engine
        self.desk = desk
        self.hours = desk.hours

    def sweep(self, now: datetime | None = None) -> list[tuple[str, str]]:
        """Queue the alerts that are due at `now`; returns (ticket, kind) for each this call
        queued (another instance's are not counted)."""
        config = self.settings.slack.desk.due_alerts
        if not config.enabled:
            return []
        now = now or now_utc()
        queued = []
        for ticket in self._waiting(now):
            warn_at = ticket.warn_at or self._warn_at(ticket, config.warn_at)
            if now >= ticket.due_at:
                kind = desk_outbox.OVERDUE
            elif now >= warn_at and ticket.warned_at is None:
                kind = desk_outbox.DUE_SOON
            else:
                continue
            if self._mark(ticket, kind, now):
                queued.append((ticket.id, kind))
        if queued:
            log.info("due-time alerts queued: %s", ", ".join(f"{t} {k}" for t, k in queued))
        return queued

    def _waiting(self, now: datetime) -> list[Ticket]:
        """Unanswered, unresolved tickets whose overdue alert has not gone out yet."""
        with reading(self.engine) as tx:
            rows = tx.execute(
                select(tickets)
                .where(
                    tickets.c.status != "resolved",
                    tickets.c.first_response_at.is_(None),
                    tickets.c.overdue_alerted_at.is_(None),
                    tickets.c.created_at <= now,
                )
                .order_by(tickets.c.due_at)
            ).all()
        return [Ticket.of(row) for row in rows]

    def _warn_at(self, ticket: Ticket, share: float) -> datetime:
        """For tickets opened before the warning time was stored with them."""
        span = self.hours.business_time_between(ticket.created_at, ticket.due_at)
        return self.hours.add_business_time(ticket.created_at, span * share)

    def _mark(self, ticket: Ticket, kind: str, now: datetime) -> bool:
        """Win the ticket's mark and queue its notice, or lose it to another instance."""
        unanswered = (
            tickets.c.id == ticket.id,
            tickets.c.first_response_at.is_(None),
            tickets.c.status != "resolved",
        )
        if kind == desk_outbox.OVERDUE:
            change = (
                update(tickets)
                .where(*unanswered, tickets.c.overdue_alerted_at.is_(None))
                .values(overdue_alerted_at=now, warned_at=func.coalesce(tickets.c.warned_at, now))
            )
        else:
            change = (
                update(tickets)
                .where(*unanswered, tickets.c.warned_at.is_(None))
                .values(warned_at=now)
            )
        channel = ticket.staff_channel or self.desk_channel(ticket)
        with self.engine.begin() as tx:
            if not tx.execute(change).rowcount:
                return False
            desk_outbox.queue(tx, kind, ticket.id, channel, "", now)
        return True

    def desk_channel(self, ticket: Ticket) -> str:
        from bot.billing.tiers import staff_channel

        return staff_channel(self.settings, ticket.team, ticket.tier)

    # -- the notice -----------------------------------------------------------------------------

    def notice(self, kind: str, ticket_id: str, channel: str) -> Reply | None:
        """The alert as it reads now, in the thread of the ticket's post (shown in the channel
        too); None when the ticket was answered or resolved since it was queued."""
        ticket = self.desk.get(ticket_id)
        if ticket is None or ticket.status == "resolved" or ticket.first_response_at:
            return None
        zone = self.hours.zone
        due = format_local(ticket.due_at, zone)
        who = f"<@{ticket.requester}>" if ticket.requester else "a website visitor"
        head = (
            f"*Overdue:* {ticket.team} request {ticket.id} from {who} was due by {due} and "
            "nobody has replied yet."
            if kind == desk_outbox.OVERDUE
            else f"*Due soon:* {ticket.team} request {ticket.id} from {who} is due by {due} "
            "and nobody has replied yet."
        )
        owner = (
            f"<@{ticket.claimed_by}> has it: please reply in the customer's thread."
            if ticket.claimed_by
            else "Nobody has claimed it."
        )
        buttons = () if ticket.claimed_by else (
            Button("Claim", "claim_ticket", {"t": ticket.id}, "primary"),
        )  # fmt: skip
        thread = ticket.staff_ts if ticket.staff_channel == channel else None
        return Reply(
            f"{head} {owner}\n> {quoted_inline(ticket.question, 150)}",
            buttons=buttons,
            where=Where.CHANNEL,
            channel=channel,
            thread=thread,
            broadcast=thread is not None,
            kind=kind,
        )
