"""The support desk: tickets with context, a due time from the tier's response target, claims.

A ticket records who asked (and their account and tier when linked), where (channel and
thread), the question and what the bot answered, and why it was handed off. Its due time is the
tier's response target counted in support hours, so "within 4 business hours" asked on a Friday
evening is due Monday at noon. A claim is a conditional update: two staff clicking at once
cannot both own it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Connection, Engine, Row

from bot.billing.results import AccountStatus, Actor, Refused
from bot.config import Settings
from bot.conversation import desk_outbox
from bot.db import now_utc, reading
from bot.db.conversation import tickets
from bot.hours import SupportHours, format_local


@dataclass(frozen=True)
class Ticket:
    id: str
    team: str
    status: str
    requester: str
    account_id: str | None
    tier: str
    channel: str
    thread_ts: str | None
    question: str
    bot_answer: str | None
    reason: str
    created_at: datetime
    due_at: datetime
    claimed_by: str | None
    first_response_at: datetime | None = None
    requester_team: str = ""
    staff_channel: str | None = None  # the team's channel (its ID once the ticket is posted)
    staff_ts: str | None = None  # the ticket's post there
    source_ts: str | None = None  # the message a :ticket: reaction opened it from
    resolved_by: str | None = None
    warn_at: datetime | None = None  # when the early due-time alert falls
    warned_at: datetime | None = None
    overdue_alerted_at: datetime | None = None
    rating: int | None = None  # the requester's 1–5, once resolved
    rating_comment: str | None = None

    @classmethod
    def of(cls, row: Row) -> Ticket:
        return cls(
            row.id,
            row.team,
            row.status,
            row.requester_slack_user,
            row.account_id,
            row.tier,
            row.channel,
            row.thread_ts,
            row.question,
            row.bot_answer,
            row.reason,
            row.created_at,
            row.due_at,
            row.claimed_by,
            row.first_response_at,
            row.requester_slack_team or "",
            row.staff_channel,
            row.staff_ts,
            row.source_ts,
            row.resolved_by,
            row.warn_at,
            row.warned_at,
            row.overdue_alerted_at,
            row.rating,
            row.rating_comment,
        )

    @property
    def in_slack(self) -> bool:
        """Asked by a Slack user in Slack (not a website visitor)."""
        return bool(self.requester) and self.channel != "web"

    def overdue(self, now: datetime) -> bool:
        """A person answered after the due time, or nobody has and the due time has passed."""
        if self.first_response_at is not None:
            return self.first_response_at > self.due_at
        return self.status != "resolved" and now > self.due_at


@dataclass(frozen=True)
class Promise:
    """What the customer is told when a ticket opens: the public part everyone in the channel
    may read, and the part that names the account's tier, for the asker alone."""

    public: str
    private: str | None


class TicketDesk:
    """Tickets in the database; the asker's tier comes from `status_of` (billing's status)."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        status_of: Callable[[Actor], AccountStatus | Refused],
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.status_of = status_of
        self.hours = SupportHours.from_config(settings.support_hours)

    def open_ticket(
        self,
        actor: Actor,
        team: str,
        channel: str,
        thread_ts: str | None,
        question: str,
        bot_answer: str | None,
        reason: str,
        now: datetime | None = None,
        *,
        staff_channel: str | None = None,
        source_ts: str | None = None,
    ) -> Ticket:
        """Record the request; its due time follows the asker's tier (the free tier if unknown).
        `staff_channel` is the team's channel it will be posted to; `source_ts` the message a
        :ticket: reaction opened it from (a second ticket for that message is refused by the
        database: IntegrityError)."""
        now = now or now_utc()
        status = self.status_of(actor) if actor.slack_user_id or actor.user_id else None
        linked = isinstance(status, AccountStatus)
        tier = status.tier if linked else self.settings.default_tier
        due = self.hours.due_at(now, self.settings.tiers[tier].response_target)
        share = self.settings.slack.desk.due_alerts.warn_at
        warn = self.hours.add_business_time(
            now, self.hours.business_time_between(now, due) * share
        )
        ticket_id = f"T-{uuid.uuid4().hex[:8].upper()}"
        with self.engine.begin() as tx:
            tx.execute(
                tickets.insert().values(
                    id=ticket_id,
                    team=team,
                    status="open",
                    reason=reason,
                    requester_slack_user=actor.slack_user_id or "",
                    requester_slack_team=actor.slack_team_id or "",
                    account_id=status.account_id if linked else None,
                    tier=tier,
                    channel=channel,
                    thread_ts=thread_ts,
                    question=question[:4000],
                    bot_answer=(bot_answer or "")[:4000],
                    created_at=now,
                    due_at=due,
                    warn_at=warn,
                    staff_channel=staff_channel,
                    source_ts=source_ts,
                )
            )
            row = tx.execute(select(tickets).where(tickets.c.id == ticket_id)).one()
        return Ticket.of(row)

    def promise(self, ticket: Ticket, now: datetime | None = None) -> Promise:
        """Who will answer and by when, and when support is open; the tier's name and target
        only in the private part (an account's tier is its own business in a shared channel)."""
        now = now or now_utc()
        zone = self.hours.zone
        public = (
            f"I've passed this to our {ticket.team} team (ticket {ticket.id}). A person will "
            f"reply here by {format_local(ticket.due_at, zone)}."
        )
        if not self.hours.is_open(now):
            public += (
                f" Support is closed now and opens {format_local(self.hours.next_open(now), zone)}."
            )
        tier = self.settings.tiers[ticket.tier]
        private = (
            f"On {tier.name}, replies are due within {tier.response_target.text}."
            if ticket.account_id
            else None
        )
        return Promise(public, private)

    def record_staff_message(self, ticket_id: str, channel: str, ts: str) -> None:
        with self.engine.begin() as tx:
            tx.execute(
                update(tickets)
                .where(tickets.c.id == ticket_id)
                .values(staff_channel=channel, staff_ts=ts)
            )

    def claim(self, ticket_id: str, staff_user: str, now: datetime | None = None) -> Ticket | None:
        """The staff member takes the ticket; None when someone else already has it."""
        now = now or now_utc()
        with self.engine.begin() as tx:
            taken = tx.execute(
                update(tickets)
                .where(tickets.c.id == ticket_id, tickets.c.status == "open")
                .values(status="claimed", claimed_by=staff_user, claimed_at=now)
            ).rowcount
            row = tx.execute(select(tickets).where(tickets.c.id == ticket_id)).first()
        return Ticket.of(row) if taken and row else None

    def get(self, ticket_id: str) -> Ticket | None:
        with reading(self.engine) as tx:
            row = tx.execute(select(tickets).where(tickets.c.id == ticket_id)).first()
        return Ticket.of(row) if row else None

    def list(self, status: str | None = None) -> list[Ticket]:
        with reading(self.engine) as tx:
            query = select(tickets).order_by(tickets.c.created_at)
            if status:
                query = query.where(tickets.c.status == status)
            return [Ticket.of(r) for r in tx.execute(query)]

    def active_in_thread(self, channel: str, thread_ts: str | None) -> Ticket | None:
        """The unresolved ticket of a conversation thread, if it was handed off."""
        if not thread_ts:
            return None
        with reading(self.engine) as tx:
            row = tx.execute(
                select(tickets).where(
                    tickets.c.channel == channel,
                    tickets.c.thread_ts == thread_ts,
                    tickets.c.status != "resolved",
                )
            ).first()
        return Ticket.of(row) if row else None

    def by_message(self, channel: str, ts: str | None) -> tuple[Ticket | None, bool]:
        """The ticket a message stands for, and whether the message is the ticket's own post in
        its team's channel (True) rather than the customer's message it was opened from."""
        if not ts:
            return None, False
        with reading(self.engine) as tx:
            row = tx.execute(
                select(tickets).where(tickets.c.staff_channel == channel, tickets.c.staff_ts == ts)
            ).first()
            if row is not None:
                return Ticket.of(row), True
            row = tx.execute(
                select(tickets)
                .where(
                    tickets.c.channel == channel,
                    or_(tickets.c.source_ts == ts, tickets.c.thread_ts == ts),
                )
                .order_by(tickets.c.status == "resolved", tickets.c.created_at.desc())
            ).first()
        return (Ticket.of(row) if row else None), False

    def record_reply(
        self,
        ticket: Ticket,
        author: str,
        now: datetime | None = None,
        author_account: str | None = None,
        staff: bool = False,
    ) -> bool:
        """Someone answered in the ticket's thread: the first reply by a person other than the
        requester, and not by a colleague of theirs at the same account (a "+1"), is the first
        response. Staff always count."""
        if author == ticket.requester:
            return False
        colleague = bool(author_account) and author_account == ticket.account_id
        if colleague and not staff:
            return False
        with self.engine.begin() as tx:
            return bool(
                tx.execute(
                    update(tickets)
                    .where(tickets.c.id == ticket.id, tickets.c.first_response_at.is_(None))
                    .values(first_response_at=now or now_utc(), first_responder=author)
                ).rowcount
            )

    def resolve(self, ticket_id: str, now: datetime | None = None, by: str | None = None) -> bool:
        """Close the ticket; the bot answers in its thread again. Its requester is asked for a
        rating, queued in the same transaction (so a resolve from the command line asks too)."""
        now = now or now_utc()
        with self.engine.begin() as tx:
            done = tx.execute(
                update(tickets)
                .where(tickets.c.id == ticket_id, tickets.c.status != "resolved")
                .values(status="resolved", resolved_at=now, resolved_by=by)
            ).rowcount
            if done:
                self._ask_for_rating(tx, ticket_id, now)
        return bool(done)

    def _ask_for_rating(self, tx: Connection, ticket_id: str, now: datetime) -> None:
        if not self.settings.slack.desk.ratings.enabled:
            return
        ticket = Ticket.of(tx.execute(select(tickets).where(tickets.c.id == ticket_id)).one())
        if ticket.in_slack:
            desk_outbox.queue(
                tx, desk_outbox.RATING, ticket.id, ticket.requester, ticket.requester_team, now
            )
