"""The desk's emoji (app.yaml `slack.desk.emoji`): :ticket: on a message opens a ticket for its
author, :eyes: claims a ticket and :white_check_mark: resolves it (the Claim and Resolve buttons
keep working beside them).

Who may do what:
- :ticket: works in the support channels of app.yaml and in a direct message with the bot. The
  message's author may react, and so may their colleagues (the same Slack workspace) and staff;
  someone from another workspace may not open a ticket in someone else's name. One message has
  one ticket: a second :ticket: (another person, a retry, two instances at once: a unique index
  decides) is told which ticket it already is.
- :eyes: and :white_check_mark: work for staff (bot/conversation/desk.py says who that is), on
  the ticket's post in its team's channel or on the customer's message. Anyone else is told
  privately that only the support team does that, and where the ticket stands.
- The same emoji on a message with no ticket is left alone when a customer puts it there (it is
  an everyday emoji); staff are told how to open a ticket, where :ticket: can open one (the
  support channels and DMs; elsewhere their emoji is left alone too).
- Someone whose workspace Slack could not tell (users.info failed) is a stranger, never staff,
  and is told to try again.
- In a channel with `private_answers` a ticket's promise reaches only its author (ephemeral).
Whatever could not be done is said to the person who reacted, privately: never silence.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.exc import IntegrityError

from bot import metrics
from bot.billing.results import Actor
from bot.config import Settings
from bot.conversation import channels
from bot.conversation.desk import StaffDesk
from bot.conversation.messages import Decision, Incoming, Reply, Turn, Visibility, Where
from bot.conversation.tickets import Ticket, TicketDesk
from bot.conversation.views import Views

PRIVATE = Visibility.PRIVATE


class Reactions:
    def __init__(
        self, settings: Settings, desk: TicketDesk, staff: StaffDesk, views: Views
    ) -> None:
        self.settings = settings
        self.desk = desk
        self.staff = staff
        self.views = views
        self.emoji = settings.slack.desk.emoji

    def wants(self, emoji: str) -> bool:
        """Whether a reaction is one of the desk's (others are not worth a look)."""
        return emoji in (self.emoji.ticket, self.emoji.claim, self.emoji.resolve)

    def needs_message(self, emoji: str) -> bool:
        """Whether the front end must read the message (its text and author) first."""
        return emoji == self.emoji.ticket

    def handle(self, incoming: Incoming) -> Turn:
        emoji = incoming.reaction.emoji if incoming.reaction else ""
        if emoji == self.emoji.ticket:
            replies = self._ticket(incoming)
            return Turn(Decision("reaction", "ticket"), replies)
        if emoji in (self.emoji.claim, self.emoji.resolve):
            replies, queued = self._staff_reaction(incoming, emoji == self.emoji.claim)
            action = "claim" if emoji == self.emoji.claim else "resolve"
            return Turn(Decision("reaction", action), replies, notices_queued=queued)
        return Turn(Decision("quiet"))

    # -- :ticket: -------------------------------------------------------------------------------

    def _ticket(self, incoming: Incoming) -> list[Reply]:
        reaction, place = incoming.reaction, incoming.place
        reactor = incoming.actor.slack_user_id or ""
        channel = channels.listed(self.settings, place)
        # Only the message's author gets a Talk-to-a-person button (carrying their message): a
        # click by anyone else would open a ticket in their name with someone else's words (an
        # invoice, an amount) in the author's thread. Others are told to write to the bot.
        own = bool(reactor) and reactor == reaction.author and not reaction.by_bot
        person = (self.views.person_button(incoming.text, reactor),) if own else ()
        reach = "use the button to reach a person" if own else "write to me in a direct message"
        if channel is None and not place.is_dm:
            return [self._private(
                f":{self.emoji.ticket}: opens tickets in our support channels only. Here, "
                f"mention me to ask, or {reach}.", person,
            )]  # fmt: skip
        if not reaction.readable:
            return [self._private(
                "I couldn't read that message, so no ticket was opened. Please check that I'm "
                f"in this channel and try again, or {reach}.", person,
            )]  # fmt: skip
        if reaction.by_bot or not reaction.author:
            return [self._private(
                "That message is from an app, not a person, so I can't open a ticket for its "
                f"author. React :{self.emoji.ticket}: on the question itself, or {reach}.",
                person,
            )]  # fmt: skip
        existing = self._ticket_here(incoming)
        if existing is not None:
            return [self._private(self.staff.state(existing))]
        author = Actor.slack(reaction.author, reaction.author_team or "")
        if not self._may_open_for(incoming.actor, author):
            return [self._private(
                f"Only <@{reaction.author}>, their colleagues or our support team can open a "
                f"ticket for that message. For help of your own, react :{self.emoji.ticket}: on "
                f"your own message, or {reach}." + _unknown(incoming),
                person,
            )]  # fmt: skip
        return self._open(incoming, author, channel)

    def _ticket_here(self, incoming: Incoming) -> Ticket | None:
        """The ticket this message already has, or an open one of its thread."""
        found, _ = self.desk.by_message(incoming.place.channel, incoming.ts)
        if found is not None and (found.source_ts == incoming.ts or found.status != "resolved"):
            return found
        return self.desk.active_in_thread(incoming.place.channel, incoming.thread)

    def _may_open_for(self, reactor: Actor, author: Actor) -> bool:
        if reactor.slack_user_id == author.slack_user_id or self.staff.is_staff(reactor):
            return True
        team = reactor.slack_team_id
        return bool(team) and team == author.slack_team_id

    def _open(self, incoming: Incoming, author: Actor, channel) -> list[Reply]:
        place, reactor = incoming.place, incoming.actor.slack_user_id or ""
        thread = None if place.is_dm and not incoming.thread else (incoming.thread or incoming.ts)
        team = channel.handoff_team if channel else "support"
        tier = self._tier_of(author)
        team, staff_channel = channels.handoff_route(self.settings, place, team, tier)
        reason = "reaction" if reactor == author.slack_user_id else f"reaction by <@{reactor}>"
        try:
            ticket = self.desk.open_ticket(
                author, team, place.channel, thread, incoming.text, None, reason[:64],
                staff_channel=staff_channel, source_ts=incoming.ts,
            )  # fmt: skip
        except IntegrityError:  # another :ticket: on this message won the race
            existing = self._ticket_here(incoming)
            text = self.staff.state(existing) if existing else "This message already has a ticket."
            return [self._private(text)]
        metrics.handed_off(team)
        promise = self.desk.promise(ticket)
        here = Reply(promise.public, where=Where.CHANNEL, channel=place.channel, thread=thread)
        to = author.slack_user_id
        replies = [
            self.views.ticket(ticket, channel=staff_channel),
            *channels.promised(self.settings, place, promise, here, to),
        ]
        if reactor and reactor != to and channel is not None and channel.private_answers:
            replies.append(replace(
                here, text=f"I opened {ticket.id} for <@{to}>; they were told privately when a "
                "person will reply.", visibility=PRIVATE, to=reactor,
            ))  # fmt: skip
        return replies

    def _tier_of(self, author: Actor) -> str | None:
        status = self.desk.status_of(author)
        return getattr(status, "tier", None)

    # -- :eyes: and :white_check_mark: --------------------------------------------------------

    def _staff_reaction(self, incoming: Incoming, claim: bool) -> tuple[list[Reply], bool]:
        place = incoming.place
        ticket, on_its_post = self.desk.by_message(place.channel, incoming.ts)
        if ticket is None and incoming.thread:
            # A reply in the thread of the ticket's post (a due-time alert, a note) stands for
            # the ticket as its post does; a reply in the customer's thread, for its open one.
            ticket, on_its_post = self.desk.by_message(place.channel, incoming.thread)
            if not on_its_post:
                ticket = self.desk.active_in_thread(place.channel, incoming.thread)
        actor = incoming.actor
        user = actor.slack_user_id or ""
        staff = on_its_post or self.staff.is_staff(actor)
        if ticket is None:
            where_tickets_open = place.is_dm or channels.listed(self.settings, place) is not None
            if not (staff and where_tickets_open):
                return [], False  # an everyday emoji on a message the desk does not track
            return [self._private(
                f"There's no ticket on this message. React :{self.emoji.ticket}: to open one, "
                f"then :{self.emoji.claim}: to claim it."
            )], False  # fmt: skip
        may_resolve = staff or (ticket.claimed_by == user and bool(user))
        if not (staff if claim else may_resolve):
            verb = "claims" if claim else "resolves"
            emoji = self.emoji.claim if claim else self.emoji.resolve
            return [self._private(
                f"Only our support team {verb} tickets with :{emoji}:. "
                + self.staff.state(ticket).replace("This already has ticket", "This is ticket")
                + _unknown(incoming)
            )], False  # fmt: skip
        card = Where.UPDATE
        if claim:
            return self.staff.claim(ticket.id, user, card), False
        return self.staff.resolve(ticket.id, user, card)

    @staticmethod
    def _private(text: str, buttons: tuple = ()) -> Reply:
        return Reply(text, buttons=buttons, visibility=PRIVATE, kind="reaction_refused")


def _unknown(incoming: Incoming) -> str:
    """For someone whose workspace Slack could not tell us (users.info failed): they were
    treated as a stranger, which may be wrong for a colleague or staff; a retry may tell."""
    if incoming.actor.slack_team_id:
        return ""
    return " (Slack couldn't tell me which workspace you're in just now; if that matters, " \
        "please try again in a moment.)"
