"""Block Kit for every reply: answers, account status, quotes, receipts, refusals.

Buttons that commit a billing change have an `action_id` starting with ``confirm_`` and a Slack
confirm dialog; their value names the user they were shown to, so a click by anyone else does
nothing for them.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.billing.results import (
    AccessChanged,
    AccountStatus,
    Cancelled,
    Declined,
    LinkDecided,
    LinkRequested,
    Processing,
    Quote,
    Receipt,
    Refused,
    Resumed,
)
from bot.knowledge import Answer
from bot.money import format_cents

Blocks = list[dict[str, Any]]


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:2900]}]}


def _date(at: datetime | None) -> str:
    return f"{at:%B} {at.day}, {at.year}" if at else "—"


def local_date(at: datetime | None, zone: Any) -> str:
    """A date as the vendor's customers read it: in the vendor's time zone."""
    return _date(at.astimezone(zone) if at else None)


def _button(
    text: str,
    action_id: str,
    value: dict[str, Any],
    style: str | None = None,
    confirm: dict[str, str] | None = None,
) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": json.dumps(value, separators=(",", ":")),
    }
    if style:
        button["style"] = style
    if confirm:
        button["confirm"] = {
            "title": {"type": "plain_text", "text": confirm["title"]},
            "text": {"type": "mrkdwn", "text": confirm["text"]},
            "confirm": {"type": "plain_text", "text": confirm["yes"]},
            "deny": {"type": "plain_text", "text": "Back"},
        }
    return button


def answer_blocks(answer: Answer) -> Blocks:
    blocks: Blocks = [_section(_mrkdwn(answer.text))]
    if answer.sources:
        cited = " · ".join(
            f"{s.title} › {s.section}" if s.section else s.title for s in answer.sources
        )
        blocks.append(_context(f"Source: {cited}"))
    if answer.answered:
        value = {
            "q": answer.question[:200],
            "s": answer.sources[0].path if answer.sources else None,
        }
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    _button("Helpful", "feedback_helpful", value),
                    _button("Not helpful", "feedback_unhelpful", value),
                ],
            }
        )
    return blocks


def _mrkdwn(text: str) -> str:
    return text.replace("**", "*")


def status_blocks(status: AccountStatus, user_id: str) -> Blocks:
    lines = [f"*{status.account_name}* is on *{status.tier_name}*."]
    if status.renews_at:
        lines.append(f"Renews on {_date(status.renews_at)}.")
    if status.ends_at:
        lines.append(
            f"Cancelled: stays until {_date(status.ends_at)}, then returns to the free tier."
        )
    if status.plan_status == "past_due":
        lines.append("The last renewal payment was declined; please update the card on file.")
    if status.phone_support_code:
        lines.append(f"Phone Support Code: `{status.phone_support_code}`")
    card = status.card.text if status.card else "no card on file"
    lines.append(f"Card: {card}.")
    blocks: Blocks = [_section("\n".join(lines))]
    actions = []
    if status.billing_access and status.plan_status is None:
        price = format_cents(status.upgrade_price_cents, status.currency)
        actions.append(
            _button(
                f"Upgrade to Premium ({price}/year)", "upgrade_quote", {"u": user_id}, "primary"
            )
        )
    if status.billing_access and status.renews_at:
        actions.append(_button("Cancel Premium", "cancel_ask", {"u": user_id}))
    if status.billing_access and status.ends_at:
        actions.append(_button("Resume Premium", "confirm_resume", {"u": user_id}, "primary"))
    if actions:
        blocks.append({"type": "actions", "elements": actions})
    if not status.billing_access:
        blocks.append(
            _context("You don't have billing access; your account's primary user can grant it.")
        )
    return blocks


def quote_blocks(quote: Quote, user_id: str) -> Blocks:
    price = format_cents(quote.price_cents, quote.currency)
    return [
        _section(
            f"*Upgrade to {quote.tier_name}*\n"
            f"*Price:* {price} per year\n"
            f"*Term:* {quote.terms}\n"
            f"*Starts:* now · *Renews:* {_date(quote.renews_at)}\n"
            f"*Card:* {quote.card.text}"
        ),
        {
            "type": "actions",
            "elements": [
                _button(
                    f"Confirm and pay {price}",
                    "confirm_upgrade",
                    {"u": user_id, "q": quote.id},
                    "primary",
                    {
                        "title": "Confirm upgrade",
                        "text": f"Charge {price} to {quote.card.text} now?",
                        "yes": f"Pay {price}",
                    },
                ),
                _button("Dismiss", "dismiss", {"u": user_id}),
            ],
        },
        _context(f"This offer is valid until {quote.expires_at:%H:%M} UTC."),
    ]


def cancel_question_blocks(status: AccountStatus, user_id: str) -> Blocks:
    return [
        _section(
            f"Cancel {status.tier_name}? It stays active until *{_date(status.renews_at)}*; "
            "nothing more will be charged, it won't renew, and then the account returns to the "
            "free tier."
        ),
        {
            "type": "actions",
            "elements": [
                _button(
                    "Cancel Premium",
                    "confirm_cancel",
                    {"u": user_id},
                    "danger",
                    {
                        "title": "Cancel Premium",
                        "text": "Turn off renewal?",
                        "yes": "Cancel Premium",
                    },
                ),
                _button("Keep Premium", "dismiss", {"u": user_id}),
            ],
        },
    ]


def result_blocks(result: object) -> Blocks:
    """A billing outcome (receipt, refusal, …) as blocks."""
    if isinstance(result, Receipt):
        if result.replayed:
            head = "This upgrade was already confirmed; nothing more was charged."
        else:
            head = f"You're on *{result.tier_name}*. Thank you!"
        return [
            _section(
                f"{head}\n*Charged:* {format_cents(result.amount_cents, result.currency)} "
                f"to {result.card.text}\n*Renews:* {_date(result.renews_at)}"
            )
        ]
    if isinstance(result, Processing | Declined | Refused):
        return [_section(result.message)]
    if isinstance(result, Cancelled):
        return [
            _section(
                f"{result.tier_name} is cancelled. It stays active until "
                f"*{_date(result.ends_at)}*; you won't be charged again, and then the account "
                f"returns to {result.reverts_to}."
            )
        ]
    if isinstance(result, Resumed):
        return [_section(f"{result.tier_name} is back on: it renews on {_date(result.renews_at)}.")]
    if isinstance(result, LinkDecided):
        verb = "linked to" if result.approved else "not linked to"
        return [_section(f"{result.email} is {verb} {result.account_name}.")]
    if isinstance(result, AccessChanged):
        verb = "now has" if result.billing_access else "no longer has"
        return [_section(f"{result.email} {verb} billing access.")]
    raise TypeError(f"no blocks for {type(result).__name__}")


def help_blocks() -> Blocks:
    return [
        _section(
            "*`/support-tier`* shows and changes your support tier:\n"
            "• `/support-tier` or `status`: your tier, renewal date and phone support code\n"
            "• `upgrade`: a quote for Premium, confirmed with a button\n"
            "• `cancel` / `resume`: turn renewal off or back on\n"
            "• `grant @user` / `revoke @user`: billing access (primary user only)\n"
            "• `link you@company.com`: ask to be linked to your company's account\n"
            "The same works in a direct message or by mentioning me, in plain words."
        )
    ]


def fallback_text(blocks: Blocks) -> str:
    """The notification text Slack shows where blocks can't be (first section, plain)."""
    for block in blocks:
        if block.get("type") == "section":
            return block["text"]["text"][:300]
    return "supportbot"


def has_confirm_button(blocks: Blocks) -> bool:
    """Whether the reply waits for a click that commits a billing change."""
    return any(
        element.get("action_id", "").startswith("confirm_")
        for block in blocks
        if block.get("type") == "actions"
        for element in block.get("elements", ())
    )


def home_view(
    status: AccountStatus | Refused, settings: Any, hours: Any, now: datetime
) -> dict[str, Any]:
    """The App Home tab: the account at a glance, or how to get linked."""
    from bot.hours import format_local

    zone = hours.zone
    if hours.is_open(now):
        open_text = f"Support is open now ({hours.describe()})."
    else:
        open_text = f"Support is closed now; it opens {format_local(hours.next_open(now), zone)}."
    if isinstance(status, Refused):
        return {
            "type": "home",
            "blocks": [
                _section(f"*{settings.product.name} support*"),
                _section(status.message),
                _context(open_text),
            ],
        }
    tier = settings.tiers[status.tier]
    due = hours.due_at(now, tier.response_target)
    blocks: Blocks = [
        _section(f"*{status.account_name}* · {tier.name}"),
        # No owner on the Home tab's buttons: only its owner ever sees the tab.
        *status_blocks(status, ""),
        _section(
            f"*Response target:* within {tier.response_target.text} "
            f"(a ticket sent now is due by {format_local(due, zone)}).\n{open_text}"
        ),
    ]
    return {"type": "home", "blocks": blocks}


def link_question_blocks(request: dict[str, Any]) -> Blocks:
    """What the primary user sees: who asks to join the account, with Approve and Deny. The
    requester becomes a new user without billing access, which is what the text promises."""
    who, email = f"<@{request['requester']}>", request["email"]
    account, primary = request["account_name"], request["primary"]
    request_id = request["request_id"]
    return [
        _section(
            f"{who} ({email}) asks to be linked to *{account}*. They'll be able to see its "
            "support tier; billing access stays off until you grant it."
        ),
        {
            "type": "actions",
            "elements": [
                _button(
                    "Approve",
                    "confirm_link_approve",
                    {"u": primary, "r": request_id},
                    "primary",
                    {"title": "Approve", "text": f"Link {email} to {account}?", "yes": "Approve"},
                ),
                _button("Deny", "link_deny", {"u": primary, "r": request_id}, "danger"),
            ],
        },
    ]


def link_sent_blocks(request: LinkRequested) -> Blocks:
    primary = request.primary_email or "the primary user"
    again = "again " if request.resent else ""
    return [
        _section(
            f"I've asked {primary} of {request.account_name} {again}to approve linking you. "
            "I'll tell you when they decide."
        )
    ]


def ticket_blocks(ticket: Any, zone: Any) -> Blocks:
    """The ticket as the team sees it in their channel, with Claim until someone has it."""
    from bot.hours import format_local

    who = f"<@{ticket.requester}>" if ticket.requester else "a website visitor"
    account = ticket.account_id or "not linked to an account"
    head = (
        f"*{ticket.team.capitalize()} request {ticket.id}* from {who} ({account}, {ticket.tier})\n"
        f"*Due:* {format_local(ticket.due_at, zone)} · *Reason:* {ticket.reason}\n"
        f"> {ticket.question[:500]}"
    )
    found: Blocks = [_section(head)]
    if ticket.status == "resolved":
        found.append(_context("Resolved"))
    elif ticket.claimed_by:
        found.append(_context(f"Claimed by <@{ticket.claimed_by}>"))
        found.append(
            {
                "type": "actions",
                "elements": [
                    _button("Resolve", "resolve_ticket", {"t": ticket.id}),
                ],
            }
        )
    else:
        found.append(
            {
                "type": "actions",
                "elements": [
                    _button("Claim", "claim_ticket", {"t": ticket.id}, "primary"),
                ],
            }
        )
    return found


def handoff_offer_blocks(question: str, user_id: str) -> Blocks:
    """After "Not helpful": say sorry and offer a person."""
    return [
        _section(
            "Sorry that didn't help. Shall I pass your question to a person from our support team?"
        ),
        {
            "type": "actions",
            "elements": [
                _button(
                    "Talk to a person",
                    "handoff_request",
                    {"u": user_id, "q": question[:200]},
                    "primary",
                ),
            ],
        },
    ]


def context_block(text: str) -> dict[str, Any]:
    return _context(text)
