"""Reading an account as its users see it: tier, plan, card, phone support code, recent charges.

Status is the hot path (every `/support-tier`, App Home and personal answer), so it is one
joined read built once at import, not a query per table built per call.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, bindparam, false, literal, select
from sqlalchemy.engine import Row
from sqlalchemy.sql import FromClause, Select

from bot.billing import model, tiers
from bot.billing.access import linked_to_slack_user, not_linked, slack_params, team_account
from bot.billing.context import BillingContext
from bot.billing.model import PlanStatus
from bot.billing.results import AccountStatus, Actor, CardOnFile, ChargeView, Refused
from bot.db import reading
from bot.db.billing import accounts, charges, payment_methods, subscriptions, users


def _with_plan(joined: FromClause) -> FromClause:
    """`joined` (which has the account) with its live plan and card, when it has them."""
    live = [s.value for s in model.LIVE]
    return joined.outerjoin(
        subscriptions,
        and_(subscriptions.c.account_id == accounts.c.id, subscriptions.c.status.in_(live)),
    ).outerjoin(payment_methods, payment_methods.c.account_id == accounts.c.id)


_PLAN_COLUMNS = (
    accounts.c.id.label("account_id"),
    accounts.c.name.label("account_name"),
    accounts.c.type.label("account_type"),
    accounts.c.phone_support_code,
    subscriptions.c.tier.label("plan_tier"),
    subscriptions.c.status.label("plan_status"),
    subscriptions.c.started_at,
    subscriptions.c.period_end,
    subscriptions.c.auto_renew,
    subscriptions.c.next_tier,
    payment_methods.c.brand,
    payment_methods.c.last4,
)


def _account_view(by_slack: bool) -> Select:
    """The user, their account, its live plan and card, in one statement."""
    joined = _with_plan(users.join(accounts, accounts.c.id == users.c.account_id))
    statement = select(users.c.email, users.c.is_primary, users.c.billing_access, *_PLAN_COLUMNS)
    if not by_slack:
        return statement.select_from(joined).where(
            users.c.id == bindparam("user_id"), users.c.removed_at.is_(None)
        )
    return linked_to_slack_user(statement, joined)


_VIEW_BY_USER = _account_view(by_slack=False)
_VIEW_BY_SLACK = _account_view(by_slack=True)
# A member of the account's Slack workspace who is not linked: the account, as nobody in it.
_VIEW_AS_TEAM_MEMBER = (
    select(
        literal("").label("email"),
        false().label("is_primary"),
        false().label("billing_access"),
        *_PLAN_COLUMNS,
    )
    .select_from(_with_plan(accounts))
    .where(accounts.c.id == bindparam("account_id"))
)
_RECENT_CHARGES = (
    select(charges)
    .where(charges.c.account_id == bindparam("account_id"))
    .order_by(charges.c.id.desc())
    .limit(10)
)


def read_status(
    ctx: BillingContext, actor: Actor, audit_refusal: bool = True
) -> AccountStatus | Refused:
    """The account's tier and plan, for any user linked to it, and read-only for a member of its
    Slack workspace when app.yaml trusts them (a refusal is audited unless the caller is only
    looking, e.g. to personalise an answer)."""
    with reading(ctx.engine) as tx:  # one read for the whole view
        if actor.user_id is not None:
            view = tx.execute(_VIEW_BY_USER, {"user_id": actor.user_id}).first()
        elif actor.slack_user_id:
            view = tx.execute(_VIEW_BY_SLACK, slack_params(actor)).first()
            if view is None and (team := team_account(tx, actor, ctx.settings)) is not None:
                view = tx.execute(_VIEW_AS_TEAM_MEMBER, {"account_id": team.id}).first()
        else:
            view = None
        history = tx.execute(_RECENT_CHARGES, {"account_id": view.account_id}).all() if view else []
    if view is None:
        refused = not_linked(ctx.settings)
        if audit_refusal:
            ctx.audit_refusal(actor, "status", refused, None, None)
        return refused
    return _status_of(ctx, view, history)


def _status_of(ctx: BillingContext, view: Row, history: list[Row]) -> AccountStatus:
    settings = ctx.settings
    entitled = view.plan_status is not None and PlanStatus(view.plan_status) in model.ENTITLED
    tier = view.plan_tier if entitled and view.plan_tier in settings.tiers else ctx.free_tier
    upgrade = tiers.upgrade_target(settings, tier)
    renews = view.period_end if entitled and view.auto_renew else None
    moving = view.next_tier if renews and view.next_tier in settings.tiers else None
    notice = timedelta(days=settings.billing.cancel_notice_days)
    return AccountStatus(
        account_id=view.account_id,
        account_name=view.account_name,
        account_type=view.account_type,
        tier=tier,
        tier_name=ctx.tier_name(tier),
        plan_status=view.plan_status,
        started_at=view.started_at if entitled else None,
        renews_at=renews,
        ends_at=view.period_end if entitled and not view.auto_renew else None,
        auto_renew=bool(entitled and view.auto_renew),
        card=CardOnFile(view.brand, view.last4) if view.brand else None,
        # The code exists only for tiers that include phone support.
        phone_support_code=(
            view.phone_support_code if entitled and settings.tiers[tier].phone_support else None
        ),
        user_email=view.email,
        billing_access=bool(view.billing_access or view.is_primary),
        upgrade_price_cents=settings.price_cents(upgrade, view.account_type) if upgrade else 0,
        currency=settings.billing.currency,
        charges=tuple(
            ChargeView(c.amount_cents, c.currency, c.status, c.kind, c.created_at) for c in history
        ),
        renewal_pending=any(c.status == "pending" and c.kind == "renewal" for c in history),
        upgrade_tier=upgrade,
        next_tier=moving,
        next_tier_name=ctx.tier_name(moving) if moving else None,
        next_price_cents=settings.price_cents(moving, view.account_type) if moving else None,
        change_deadline=renews - notice if renews else None,
    )
