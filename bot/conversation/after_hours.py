"""Out-of-hours replies: a customer's new top-level message in a support channel while support
is closed gets one reply in its thread saying so, when support opens and when a reply is due
for their tier (that part, which names the tier, only to them), with a button to a person.

Once per thread: the database records the message it answered (`processed_events`, the table
that de-duplicates Slack's retries), so a retry, an edit or a second instance does not repeat
it, and replies in the thread never trigger it. Staff writing in the channel, bots, handed-off
threads and channels with `out_of_hours: false` get none. Wording and on/off are app.yaml's
`slack.desk.out_of_hours`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.billing.results import AccountStatus, Actor, Refused
from bot.config import Settings
from bot.conversation import channels
from bot.conversation.messages import Incoming, Reply, Surface, Turn, Visibility
from bot.conversation.views import Views
from bot.db.requests import first_delivery
from bot.hours import SupportHours, format_local


class AfterHours:
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        hours: SupportHours,
        status_of: Callable[[Actor], AccountStatus | Refused],
        views: Views,
        is_staff: Callable[[Actor], bool],
        clock: Callable[[], datetime],
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.hours = hours
        self.status_of = status_of
        self.views = views
        self.is_staff = is_staff
        self.clock = clock

    def applies(self, incoming: Incoming, turn: Turn) -> bool:
        config = self.settings.slack.desk.out_of_hours
        if not config.enabled or incoming.surface is not Surface.CHANNEL or incoming.preview:
            return False
        if incoming.place.is_dm or incoming.thread or not incoming.ts:
            return False  # a customer's new message only: not a reply in a thread
        if turn.decision.kind == "handoff":
            return False  # the ticket's own promise already says when support opens
        channel = channels.listed(self.settings, incoming.place)
        actor = incoming.actor
        return bool(
            channel and channel.out_of_hours and actor.slack_user_id and not self.is_staff(actor)
        )

    def replies(self, incoming: Incoming, turn: Turn) -> list[Reply]:
        """The reply, when support is closed and this message has had none."""
        if not self.applies(incoming, turn):
            return []
        now = self.clock()
        if self.hours.is_open(now):
            return []
        key = f"after-hours:{incoming.place.channel}:{incoming.ts}"[:64]
        if not first_delivery(self.engine, key):
            return []
        config = self.settings.slack.desk.out_of_hours
        actor = incoming.actor
        public = config.message.format(
            opens=format_local(self.hours.next_open(now), self.hours.zone),
            hours=self.hours.describe(),
            product=self.settings.product.display_name,
        )
        person = self.views.person_button(incoming.text, actor.slack_user_id or "")
        replies = [Reply(public, buttons=(person,), kind="out_of_hours")]
        status = self.status_of(actor)
        tier_key = status.tier if isinstance(status, AccountStatus) else self.settings.default_tier
        tier = self.settings.tiers[tier_key]
        private = config.private_message.format(
            due=format_local(self.hours.due_at(now, tier.response_target), self.hours.zone),
            tier=tier.name,
            target=f"within {tier.response_target.text}",
        )
        replies.append(Reply(private, visibility=Visibility.PRIVATE, kind="out_of_hours"))
        return replies
