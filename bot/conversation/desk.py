"""What staff do with a ticket, by button or by reaction: claim it, resolve it; and who staff are.

Staff, for the desk's reactions on a customer's message, are the Slack users listed in app.yaml
`slack.desk.staff` and every member of the workspaces in `slack.desk.staff_teams` (the vendor's
own workspace, in a Slack Connect setup). A reaction on the ticket's own post in its team's
channel counts as staff too: only the team sees that channel, which is also why its Claim and
Resolve buttons need no check. Whoever claimed a ticket may resolve it.

A claim is the desk's conditional update (two staff cannot both have a ticket); so is a resolve,
which queues the rating request in the same transaction.
"""

from __future__ import annotations

from dataclasses import replace

from bot.billing.results import Actor
from bot.config import Settings
from bot.conversation.messages import Reply, Visibility, Where
from bot.conversation.tickets import Ticket, TicketDesk
from bot.conversation.views import Views, who
from bot.hours import format_local

PRIVATE = Visibility.PRIVATE


class StaffDesk:
    def __init__(self, settings: Settings, desk: TicketDesk, views: Views) -> None:
        self.settings = settings
        self.desk = desk
        self.views = views

    def is_staff(self, actor: Actor) -> bool:
        config = self.settings.slack.desk
        user, team = actor.slack_user_id or "", actor.slack_team_id or ""
        return bool(user) and (user in config.staff or (bool(team) and team in config.staff_teams))

    def replied(self, ticket: Ticket, actor: Actor) -> bool:
        """Someone wrote in a handed-off thread: the first response, unless it is the requester
        or a colleague at their account (a "+1" does not stop the clock; staff always do)."""
        staff = self.is_staff(actor)
        account = None if staff else getattr(self.desk.status_of(actor), "account_id", None)
        return self.desk.record_reply(
            ticket, actor.slack_user_id or "", author_account=account, staff=staff
        )

    # -- claim --------------------------------------------------------------------------------

    def claim(
        self, ticket_id: str, staff: str, card: Where = Where.REPLACE, clicked: str | None = None
    ) -> list[Reply]:
        """Take the ticket: its post shows who has it (`card`: REPLACE the clicked message, or
        UPDATE the ticket's post when the claim came by reaction; `clicked`: the message whose
        button was pressed, when it is an alert rather than the post) and the customer hears
        who has it."""
        ticket = self.desk.claim(ticket_id, staff)
        if ticket is None:
            return [Reply(self._not_claimable(ticket_id, staff), visibility=PRIVATE)]
        replies = self._card(ticket, card, clicked)
        if ticket.in_slack:  # a website visitor is written to by email
            replies.append(
                Reply(
                    f"<@{staff}> from our {ticket.team} team has your request and will reply here.",
                    where=Where.CHANNEL,
                    channel=ticket.channel,
                    thread=ticket.thread_ts,
                )
            )
        return replies

    def _not_claimable(self, ticket_id: str, staff: str) -> str:
        current = self.desk.get(ticket_id)
        if current is None:
            return f"I can't find ticket {ticket_id}; it may have been removed."
        if current.status == "resolved":
            return f"{current.id} is already resolved."
        if current.claimed_by == staff:
            return f"You already have {current.id}."
        owner = who(current.claimed_by) if current.claimed_by else "someone else"
        return f"{owner} already has this ticket."

    # -- resolve ------------------------------------------------------------------------------

    def resolve(
        self, ticket_id: str, staff: str, card: Where = Where.REPLACE, clicked: str | None = None
    ) -> tuple[list[Reply], bool]:
        """Close the ticket: its post says so, the customer's thread hears it, and the
        requester is asked for a rating (queued: True when something went into the outbox)."""
        done = self.desk.resolve(ticket_id, by=staff or None)
        ticket = self.desk.get(ticket_id)
        if ticket is None:
            return [Reply(f"I can't find ticket {ticket_id}.", visibility=PRIVATE)], False
        if not done:
            by = f" by {who(ticket.resolved_by)}" if ticket.resolved_by else ""
            return [Reply(f"{ticket.id} was already resolved{by}.", visibility=PRIVATE)], False
        replies = self._card(ticket, card, clicked)
        if ticket.in_slack:
            by = f" by <@{staff}>" if staff else ""
            replies.append(
                Reply(
                    f"This request ({ticket.id}) was marked resolved{by}. If you still need "
                    "help, write here and mention me, or ask in a new message.",
                    where=Where.CHANNEL,
                    channel=ticket.channel,
                    thread=ticket.thread_ts,
                )
            )
        rating = self.settings.slack.desk.ratings.enabled and ticket.in_slack
        return replies, rating

    def _card(self, ticket: Ticket, card: Where, clicked: str | None = None) -> list[Reply]:
        """The ticket's post as it now is: in place of the clicked message, and (by reaction,
        or from an alert's button) an update of its post in the team's channel when we know
        where that is."""
        shown = self.views.ticket(ticket)
        found = [shown] if card is Where.REPLACE else []
        elsewhere = card is not Where.REPLACE or (clicked and clicked != ticket.staff_ts)
        if elsewhere and ticket.staff_channel and ticket.staff_ts:
            found.append(
                replace(
                    shown, where=Where.UPDATE, channel=ticket.staff_channel,
                    message_ts=ticket.staff_ts,
                )
            )  # fmt: skip
        return found

    # -- words --------------------------------------------------------------------------------

    def state(self, ticket: Ticket) -> str:
        """One line on where a ticket stands, for whoever asks about it."""
        if ticket.status == "resolved":
            return f"{ticket.id} is resolved."
        who = f"<@{ticket.claimed_by}> has it" if ticket.claimed_by else "nobody has claimed it yet"
        due = format_local(ticket.due_at, self.desk.hours.zone)
        return f"This already has ticket {ticket.id}: {who}, and a reply is due by {due}."
