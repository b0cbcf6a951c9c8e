"""Who is acting, and what they may do: every use case resolves the actor here on every call.

A Slack user acts for the account user they are linked to; a link made for their Slack team wins
over one made for any team (""). Billing access is the primary user's always, and others' when
granted; only the primary user (or an operator) grants and revokes it.

A member of a customer's own Slack workspace (the account's `slack_team_id`) that installed the
app, who is not linked, may see the account's status when app.yaml trusts team members
(`slack.trust_team_members`), and nothing more: every change still resolves an explicitly
linked user here, so a team member is refused, told to get linked or granted. The Slack layer
only passes the team id; a single-workspace bot has no installations, so there nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, column, exists, or_, select, table, update
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.sql import FromClause, Select

from bot.billing.context import BillingContext, audit
from bot.billing.results import AccessChanged, Actor, Refused
from bot.config import Settings
from bot.db import reading
from bot.db.billing import accounts, slack_links, users


@dataclass(frozen=True)
class Who:
    """The acting user resolved against the database."""

    user: Row
    account: Row


def linked_to_slack_user(statement: Select, joined: FromClause) -> Select:
    """`statement` for the user a Slack user is linked to: a link made for their Slack team wins
    over one made for any team (""). Binds `slack_user` and `slack_team` (see `slack_params`)."""
    return (
        statement.select_from(joined.join(slack_links, slack_links.c.user_id == users.c.id))
        .where(
            slack_links.c.slack_user_id == bindparam("slack_user"),
            or_(
                slack_links.c.slack_team_id == bindparam("slack_team"),
                slack_links.c.slack_team_id == "",
            ),
            users.c.removed_at.is_(None),
        )
        .order_by(slack_links.c.slack_team_id.desc())
        .limit(1)
    )


def slack_params(actor: Actor) -> dict[str, str]:
    return {"slack_user": actor.slack_user_id or "", "slack_team": actor.slack_team_id or ""}


_USER_BY_SLACK = linked_to_slack_user(select(users), users)


def resolve_actor(tx: Connection, actor: Actor, settings: Settings) -> Who | Refused:
    user = None
    if actor.user_id is not None:
        user = tx.execute(
            select(users).where(users.c.id == actor.user_id, users.c.removed_at.is_(None))
        ).first()
    elif actor.slack_user_id:
        user = tx.execute(_USER_BY_SLACK, slack_params(actor)).first()
    if user is None:
        account = team_account(tx, actor, settings)
        if account is None:
            return not_linked(settings)
        return team_member_only(tx, account, settings)
    account = tx.execute(select(accounts).where(accounts.c.id == user.account_id)).one()
    return Who(user, account)


# The workspaces the app is installed in: slack-sdk's installation store keeps a bot row per
# workspace (migration 0010) and deletes it on uninstall. Only read here, as a fact.
_installed = table("slack_bots", column("team_id"), column("bot_token"))


def team_account(tx: Connection, actor: Actor, settings: Settings) -> Row | None:
    """The account whose Slack workspace the (unlinked) actor is in, when app.yaml trusts team
    members and that workspace installed the app; None otherwise, or when no account or more
    than one names the team."""
    if not (settings.slack.trust_team_members and actor.slack_user_id and actor.slack_team_id):
        return None
    installed = exists().where(
        _installed.c.team_id == accounts.c.slack_team_id, _installed.c.bot_token.is_not(None)
    )
    found = tx.execute(
        select(accounts).where(accounts.c.slack_team_id == actor.slack_team_id, installed).limit(2)
    ).all()
    return found[0] if len(found) == 1 else None


def team_member_only(tx: Connection, account: Row, settings: Settings) -> Refused:
    """A team member may look, not change: the way to more is a link, then a grant."""
    labels = settings.labels
    by = _primary_named(tx, account.id, settings)
    return Refused(
        "team_member_only",
        f"You're in {account.name}'s Slack workspace, so you can see its support tier, but "
        f"changing it needs your own Slack user linked to the account, with "
        f"{labels.billing_access}. Send me `link you@yourcompany.com` to be linked, or ask {by} "
        f"to link you and grant you {labels.billing_access}.",
    )


def _primary_named(tx: Connection, account_id: str, settings: Settings) -> str:
    """ "your account's primary user (pat@…)", in the vendor's word for the role."""
    primary = primary_email(tx, account_id)
    role = f"your account's {settings.labels.primary_user}"
    return f"{role} ({primary})" if primary else role


def slack_team_of(engine: Engine, account_id: str) -> str | None:
    """The account's own Slack workspace (where its users are reached when a link names none)."""
    with reading(engine) as tx:
        return tx.execute(
            select(accounts.c.slack_team_id).where(accounts.c.id == account_id)
        ).scalar()


def not_linked(settings: Settings) -> Refused:
    return Refused(
        "not_linked",
        "Your Slack user isn't linked to a customer account yet, so I can't show or change "
        "billing. Send me `link you@yourcompany.com` (your work email) and I'll ask your "
        f"account's {settings.labels.primary_user} to approve, or contact "
        f"{settings.contact.email}.",
    )


def primary_email(tx: Connection, account_id: str) -> str | None:
    row = tx.execute(
        select(users.c.email).where(
            users.c.account_id == account_id, users.c.is_primary, users.c.removed_at.is_(None)
        )
    ).first()
    return row.email if row else None


def require_billing(tx: Connection, who: Who, settings: Settings) -> Refused | None:
    if who.user.billing_access or who.user.is_primary:
        return None
    access = settings.labels.billing_access
    by = _primary_named(tx, who.account.id, settings)
    return Refused(
        "no_billing_access",
        f"You don't have {access} on {who.account.name}. Only users with {access} "
        f"can change the support tier; {by} always has it and can grant it to you.",
    )


def authorize(
    ctx: BillingContext, actor: Actor, action: str, billing: bool = True
) -> tuple[Who, None] | tuple[None, Refused]:
    """Resolve and check the actor in a short transaction, auditing a refusal."""
    with reading(ctx.engine) as tx:
        who = resolve_actor(tx, actor, ctx.settings)
        refusal = who if isinstance(who, Refused) else None
        if refusal is None and billing:
            refusal = require_billing(tx, who, ctx.settings)
    if refusal is not None:
        account_id = None if isinstance(who, Refused) else who.account.id
        user_id = None if isinstance(who, Refused) else who.user.id
        ctx.audit_refusal(actor, action, refusal, account_id, user_id)
        return None, refusal
    return who, None


def set_billing_access(
    ctx: BillingContext,
    actor: Actor,
    target_email: str | None = None,
    target_slack_user: str | None = None,
    grant: bool = True,
    account_id: str | None = None,
    check_only: bool = False,
) -> AccessChanged | Refused:
    """The primary user (or an operator) grants or revokes a user's billing access.

    `check_only`: every check, nothing written, so a change asked for in plain words can be put
    to the person as a question with Confirm (the AccessChanged says what Confirm would do)."""
    action = "grant" if grant else "revoke"
    who: Who | None = None
    account = None
    with ctx.engine.begin() as tx:
        if actor.operator:
            account = tx.execute(select(accounts).where(accounts.c.id == account_id)).first()
            refusal = None if account else Refused("unknown_account", f"No account {account_id!r}.")
        else:
            resolved = resolve_actor(tx, actor, ctx.settings)
            refusal = resolved if isinstance(resolved, Refused) else None
            if refusal is None:
                who, account = resolved, resolved.account
                if not who.user.is_primary:
                    labels = ctx.settings.labels
                    refusal = Refused(
                        "not_primary",
                        f"Only the {labels.primary_user} ({primary_email(tx, account.id)}) can "
                        f"change {labels.billing_access}.",
                    )
        target = None
        if refusal is None:
            target = find_user(tx, account.id, target_email, target_slack_user)
            refusal = _target_refusal(
                target, account, target_email, target_slack_user, grant, ctx.settings
            )
        unchanged = refusal is None and bool(target.billing_access) == grant
        if refusal is None and not check_only:
            tx.execute(update(users).where(users.c.id == target.id).values(billing_access=grant))
            audit(
                tx,
                actor,
                action,
                "done",
                account.id,
                who.user.id if who else None,
                before={"email": target.email, "billing_access": bool(target.billing_access)},
                after={"email": target.email, "billing_access": grant},
            )
    if refusal is not None:
        ctx.audit_refusal(
            actor, action, refusal, account.id if account else None, who.user.id if who else None
        )
        return refusal
    return AccessChanged(target.email, grant, changed=not unchanged)


def _target_refusal(
    target: Row | None,
    account: Row,
    email: str | None,
    slack_user: str | None,
    grant: bool,
    settings: Settings,
) -> Refused | None:
    labels = settings.labels
    if target is None and not (email or slack_user):
        return Refused(
            "no_target",
            f"Name the colleague with an @mention, like `give @sam {labels.billing_access}`.",
        )
    if target is None:
        who = email or f"<@{slack_user}>"
        return Refused(
            "unknown_user",
            f"{who} isn't a user of {account.name}; they can send me `link their@email` first.",
        )
    if target.is_primary and not grant:
        return Refused(
            "primary_keeps_access",
            f"The {labels.primary_user} always has {labels.billing_access}; it can't be revoked.",
        )
    return None


def find_user(
    tx: Connection, account_id: str, email: str | None, slack_user: str | None
) -> Row | None:
    query = select(users).where(users.c.account_id == account_id, users.c.removed_at.is_(None))
    if email:
        return tx.execute(query.where(users.c.email == email.strip().lower())).first()
    if slack_user:
        return tx.execute(
            query.join(slack_links, slack_links.c.user_id == users.c.id).where(
                slack_links.c.slack_user_id == slack_user
            )
        ).first()
    return None
