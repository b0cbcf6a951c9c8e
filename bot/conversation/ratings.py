"""Satisfaction ratings: when a ticket is resolved, its requester is asked by direct message
(private, and a DM survives a reload where an ephemeral message does not) for a rating from 1
to 5, then offered a form for an optional comment.

Only the requester may rate their ticket: the check is against the ticket in the database, not
the button. A second click changes the rating (a slip of the finger is mended by clicking
again), the same click twice changes nothing. The team sees each rating and comment in the
thread of the ticket's post, and `supportbot tickets report` sums them up per team and tier
(CSAT: the share of ratings of 4 or 5).
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.conversation.messages import Button, Form, Incoming, Reply, Visibility, Where
from bot.conversation.tickets import Ticket, TicketDesk
from bot.conversation.views import quoted, quoted_inline
from bot.db import now_utc
from bot.db.conversation import tickets

PRIVATE = Visibility.PRIVATE
SCALE = {"1": "1 · Poor", "2": "2", "3": "3", "4": "4", "5": "5 · Great"}
COMMENT_CHARS = 2000


class Ratings:
    def __init__(self, settings: Settings, engine: Engine, desk: TicketDesk) -> None:
        self.settings = settings
        self.engine = engine
        self.desk = desk

    def request(self, ticket_id: str) -> Reply | None:
        """The question, with its five buttons (None when the ticket is gone)."""
        ticket = self.desk.get(ticket_id)
        if ticket is None:
            return None
        question = self.settings.slack.desk.ratings.question.format(
            ticket=ticket.id, team=ticket.team, question=quoted_inline(ticket.question, 80)
        )
        return Reply(
            question,
            notes=(f"About: {quoted_inline(ticket.question, 150)}",),
            buttons=scale(ticket.id),
            where=Where.DM,
            visibility=PRIVATE,
            kind="rating_request",
        )

    # -- clicks -----------------------------------------------------------------------------

    def press(self, incoming: Incoming) -> list[Reply] | None:
        """A rating, the comment button or the comment form; None for other buttons."""
        press = incoming.press
        if press.action not in ("rate_ticket", "rate_ticket_comment", "rate_ticket_comment_sent"):
            return None
        ticket = self.desk.get(press.value.get("t", ""))
        user = incoming.actor.slack_user_id or ""
        if ticket is None:
            return [_private("That ticket no longer exists, so it can't be rated.")]
        if not user or user != ticket.requester:
            return [_private("Only the person who asked can rate this ticket.")]
        if press.action == "rate_ticket":
            return self._rate(ticket, press.value.get("r", ""), press.message_ts, incoming)
        if press.action == "rate_ticket_comment":
            return [self._comment_form(ticket, incoming)]
        return self._comment(ticket, press.value)

    def _rate(self, ticket: Ticket, score: str, message: str | None, incoming) -> list[Reply]:
        if score not in SCALE:
            return [_private("That rating isn't one of 1 to 5; please pick again.")]
        if ticket.status != "resolved":
            return [_private(f"{ticket.id} is open again, so it can't be rated now.")]
        value = int(score)
        with self.engine.begin() as tx:
            tx.execute(
                update(tickets)
                .where(tickets.c.id == ticket.id, tickets.c.status == "resolved")
                .values(rating=value, rated_at=now_utc())
            )
        before = ticket.rating
        said = (
            f"Thanks — you rated {ticket.id} {value}/5."
            if before in (None, value)
            else f"Thanks — you changed your rating of {ticket.id} from {before}/5 to {value}/5."
        )
        value_of = {"t": ticket.id, "m": message or "", "c": incoming.place.channel}
        thanks = Reply(
            f"{said} Anything we could do better? A comment is optional. A slip of the finger? "
            "Click another rating.",
            buttons=(*scale(ticket.id, value), Button("Add a comment", "rate_ticket_comment",
                                                       value_of)),
            where=Where.REPLACE,
            visibility=PRIVATE,
            kind="rating_thanks",
        )
        replies = [thanks]
        if before != value:
            said = f"<@{ticket.requester}> rated {ticket.id} {value}/5."
            replies += self._tell_team(ticket, said)
        return replies

    def _comment_form(self, ticket: Ticket, incoming: Incoming) -> Reply:
        press = incoming.press
        if press.trigger is None:  # no form here: say what to do instead
            return Reply(
                f"Please write your comment on {ticket.id} to "
                f"{self.settings.contact.email}; thank you.",
                visibility=PRIVATE,
            )
        return Reply(
            f"What should our {ticket.team} team know about {ticket.id}?",
            where=Where.FORM,
            form=Form(
                title="Your comment",
                label="Comment (optional)",
                action="rate_ticket_comment_sent",
                value={
                    "t": ticket.id,
                    "m": press.value.get("m") or press.message_ts or "",
                    "c": press.value.get("c") or incoming.place.channel,
                },
            ),
            kind="rating_form",
        )

    def _comment(self, ticket: Ticket, value: dict[str, str]) -> list[Reply]:
        text = value.get("text", "").strip()[:COMMENT_CHARS]
        if text:
            with self.engine.begin() as tx:
                tx.execute(
                    update(tickets).where(tickets.c.id == ticket.id).values(rating_comment=text)
                )
        rated = f" You rated it {ticket.rating}/5." if ticket.rating else ""
        said = (
            f"Thanks — your comment on {ticket.id} went to our {ticket.team} team.{rated}"
            if text
            else f"Thanks for rating {ticket.id}.{rated}"
        )
        replies: list[Reply] = []
        if value.get("c") and value.get("m"):  # the rating message, answered in place
            replies.append(
                Reply(said, buttons=scale(ticket.id, ticket.rating), where=Where.UPDATE,
                      channel=value["c"], message_ts=value["m"], kind="rating_thanks")
            )  # fmt: skip
        else:
            replies.append(Reply(said, where=Where.DM, visibility=PRIVATE, kind="rating_thanks"))
        if text:
            replies += self._tell_team(
                ticket, f"<@{ticket.requester}> commented on {ticket.id}:\n{quoted(text, 1500)}"
            )
        return replies

    def _tell_team(self, ticket: Ticket, text: str) -> list[Reply]:
        """A note in the thread of the ticket's post, for the team that had it."""
        if not (ticket.staff_channel and ticket.staff_ts):
            return []
        return [
            Reply(text, where=Where.CHANNEL, channel=ticket.staff_channel, thread=ticket.staff_ts,
                  kind="rating_note")
        ]  # fmt: skip


def scale(ticket_id: str, current: int | None = None) -> tuple[Button, ...]:
    """The five rating buttons, the current rating marked: they stay on the message after a
    click, so a rating can be changed (a customer who meant 5 and hit 1 is not stuck with it)."""
    return tuple(
        Button(f"✓ {label}" if current == int(score) else label, "rate_ticket",
               {"t": ticket_id, "r": score}, style="primary" if current == int(score) else None)
        for score, label in SCALE.items()
    )  # fmt: skip


def _private(text: str) -> Reply:
    return Reply(text, visibility=PRIVATE, kind="rating_refused")
