"""Running a billing action for a person, however they asked (a command, plain words, a button),
and saying what happened. The billing use cases check, on every call, that the person is linked
and may do it; this module only picks the use case and the words.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.billing import tiers
from bot.billing.linking import Linking
from bot.billing.results import AccessChanged, AccountStatus, Actor, Quote, Refused
from bot.billing.service import BillingService
from bot.conversation.commands import Command
from bot.conversation.messages import Reply, Where
from bot.conversation.tiers import tier_named_in
from bot.conversation.unsure_orders import CHANGES as ASKED_FIRST
from bot.conversation.views import Views
from bot.db import now_utc


@dataclass
class Done:
    replies: list[Reply] = field(default_factory=list)
    notices_queued: bool = False  # something went into the outbox: deliver it now


class Actions:
    def __init__(self, billing: BillingService, linking: Linking, views: Views) -> None:
        self.billing = billing
        self.linking = linking
        self.views = views

    def run(self, command: Command, actor: Actor, preview: bool = False) -> Done:
        """A `/support-tier` action, typed or in plain words, as what to show its asker."""
        if command.action == "help":
            return Done([self.views.help()])
        if preview:
            return self._preview(command, actor)
        if command.action == "link":
            return self._link(command.email or "", actor)
        run = getattr(self, f"_{command.action}", None)
        if run is None:
            return Done([self.views.help()])
        return Done(run(actor, command))

    def _preview(self, command: Command, actor: Actor) -> Done:
        """`supportbot ask`: what this asker would get, changing nothing and auditing nothing.
        (Its asker is never linked, so that is the refusal a stranger gets.)"""
        status = self.billing.status(actor, audit_refusal=False)
        if isinstance(status, Refused):
            return Done([self.views.result(status)])
        return Done([self.views.status(status, actor.slack_user_id or "")])

    def _link(self, email: str, actor: Actor) -> Done:
        result = self.linking.request(actor, email)
        if isinstance(result, Refused):
            return Done([self.views.result(result)])
        return Done([self.views.link_sent(result)], notices_queued=True)

    def _status(self, actor: Actor, command: Command) -> list[Reply]:
        status = self.billing.status(actor)
        if isinstance(status, Refused):
            return [self.views.result(status)]
        return [self.views.status(status, actor.slack_user_id or "")]

    def _upgrade(self, actor: Actor, command: Command) -> list[Reply]:
        resume = self._resume_instead(actor, command)
        if resume is not None:
            return [resume]
        if command.tier is None:  # the next tier up
            return self._quote(actor, None)
        return self._change(actor, command)

    def _resume_instead(self, actor: Actor, command: Command) -> Reply | None:
        """ "switch us back to premium please, we cancelled by mistake": the tier asked for is
        the one the account is on, cancelled and still running; turning its renewal back on is
        what is meant, asked with Confirm (nothing is charged now)."""
        status = self.billing.status(actor, audit_refusal=False)  # (the action audits its own)
        if isinstance(status, Refused) or status.renews_at is not None:
            return None
        if command.tier is None:
            wanted = status.tier if status.upgrade_tier is None else None  # top tier: none up
        else:
            wanted = tier_named_in(command.tier, self.billing.settings)  # None: unknown, said so
        if wanted != status.tier:
            return None
        return self.views.resume_question(status, actor.slack_user_id or "")

    def _downgrade(self, actor: Actor, command: Command) -> list[Reply]:
        return self._change(actor, command)

    def _change(self, actor: Actor, command: Command) -> list[Reply]:
        """A move to a named tier, whatever the verb: up is quoted and paid now, down is asked
        and scheduled for the renewal, to the free tier is a cancellation."""
        settings = self.billing.settings
        target = tier_named_in(command.tier, settings)
        if command.tier and target is None:
            return [self.views.unknown_tier(command.tier)]
        status = self.billing.status(actor)
        if isinstance(status, Refused):
            return [self.views.result(status)]
        target = target or tiers.downgrade_target(settings, status.tier)
        move = tiers.move(settings, status.tier, target)
        if move is tiers.Move.UP or (move is tiers.Move.SAME and command.action == "upgrade"):
            return self._quote(actor, target)  # the same tier: billing says "already on"
        if move is tiers.Move.TO_FREE:
            return self._cancel(actor, command)
        refusal = self.billing.check_downgrade(actor, target)
        if refusal is not None or move is tiers.Move.SAME:
            return [self.views.result(refusal or self.billing.downgrade(actor, target))]
        return [self.views.downgrade_question(status, target, actor.slack_user_id or "")]

    def _quote(self, actor: Actor, tier: str | None) -> list[Reply]:
        quote = self.billing.quote_upgrade(actor, tier=tier)
        if isinstance(quote, Quote):
            return [self.views.quote(quote, actor.slack_user_id or "")]
        return [self.views.result(quote)]

    def _cancel(self, actor: Actor, command: Command) -> list[Reply]:
        """Ask before cancelling; a person who can't cancel is told why at once."""
        status = self.billing.status(actor)
        if isinstance(status, Refused):
            return [self.views.result(status)]
        deadline, renews = status.change_deadline, status.renews_at
        late = deadline is not None and renews is not None and deadline <= now_utc() < renews
        if not status.billing_access or not renews or status.renewal_pending or late:
            said = self.views.result(self.billing.cancel(actor))  # says why not
            return [self.views.already_cancelled(said, status, actor.slack_user_id or "")]
        return [self.views.cancel_question(status, actor.slack_user_id or "")]

    def _resume(self, actor: Actor, command: Command) -> list[Reply]:
        """Typed (`resume`), it is done; in plain words, it is asked first, with Confirm. Words
        that want another paid tier back than the plan's ("we want Enterprise back" on a
        cancelled Priority plan) move to that tier instead: resuming would renew the wrong one."""
        if command.from_words:
            status = self.billing.status(actor)
            if isinstance(status, Refused):
                return [self.views.result(status)]
            settings = self.billing.settings
            wanted = tier_named_in(command.tier, settings)
            # (on the free tier there is nothing to resume: "we want to keep standard, can you
            # check we're not charged for premium" gets no quote)
            paid = not settings.tiers[status.tier].free
            if wanted is not None and wanted != status.tier and paid:
                return self._change(actor, Command("upgrade", tier=command.tier, from_words=True))
            question = self.views.resume_question(status, actor.slack_user_id or "")
            if question is not None:
                return [question]
        return [self.views.result(self.billing.resume(actor))]

    def _grant(self, actor: Actor, command: Command) -> list[Reply]:
        return [self._access(actor, command, grant=True)]

    def _revoke(self, actor: Actor, command: Command) -> list[Reply]:
        return [self._access(actor, command, grant=False)]

    def _access(self, actor: Actor, command: Command, grant: bool) -> Reply:
        """Typed (`grant @sam`), it is done; in plain words, it is checked and asked first."""
        result = self.billing.set_billing_access(
            actor, target_slack_user=command.target_user, grant=grant, check_only=command.from_words
        )
        if command.from_words and isinstance(result, AccessChanged) and result.changed:
            owner = actor.slack_user_id or ""
            return self.views.access_question(result, command.target_user or "", owner)
        return self.views.result(result)

    # -- buttons --------------------------------------------------------------------------------

    def press(self, action: str, value: dict[str, str], actor: Actor) -> Done | None:
        """A billing button's click, answered in place of the message it was on; None for a
        button that is not billing's."""
        if action == "upgrade_quote":
            done = self.run(Command("upgrade", tier=value.get("t")), actor)
        elif action == "cancel_ask":
            done = self.run(Command("cancel"), actor)
        elif action == "order_ask" and value.get("a") in ASKED_FIRST:
            # ("shall I…?" answered yes: the change's usual Confirm card, as if asked in words)
            asked = Command(value["a"], value.get("w"), tier=value.get("t"), from_words=True)
            done = self.run(asked, actor)
        elif action == "confirm_upgrade":
            result = self.billing.confirm(actor, value.get("q", ""))
            done = Done([self.views.result(result)], notices_queued=True)
        elif action == "confirm_cancel":
            done = Done([self.views.result(self.billing.cancel(actor))])
        elif action == "confirm_downgrade":
            done = Done([self.views.result(self.billing.downgrade(actor, value.get("t", "")))])
        elif action == "confirm_access":
            grant, colleague = bool(value.get("g")), value.get("w", "")
            result = self.billing.set_billing_access(
                actor, target_slack_user=colleague, grant=grant
            )
            done = Done([self.views.result(result)])
        elif action == "confirm_resume":
            done = Done([self.views.result(self.billing.resume(actor))])
        elif action in ("confirm_link_approve", "link_deny"):
            approve = action == "confirm_link_approve"
            result = self.linking.decide(actor, value.get("r", ""), approve)
            done = Done([self.views.result(result)], notices_queued=True)
        elif action == "dismiss":
            done = Done([Reply("", where=Where.REPLACE, delete=True)])
        else:
            return None
        done.replies = [replace(r, where=Where.REPLACE) for r in done.replies]
        return done

    def status_of(self, actor: Actor) -> AccountStatus | Refused:
        """The account, only looking (a stranger's refusal is not audited)."""
        return self.billing.status(actor, audit_refusal=False)
