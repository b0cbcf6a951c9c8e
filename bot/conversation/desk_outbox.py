"""The desk's notices go through the outbox (bot/billing/outbox.py) like billing's: queued in
the transaction of the change they report, sent once by whichever process claims them, retried
after a failed send, never lost. They belong to no account: a due-time alert goes to a ticket's
team channel, a rating request to its requester.

Each notice's key is unique (`ticket:T-…:overdue`), so a notice queued twice, by two instances
racing, is one notice; the conditional update that marks the ticket decides who queues it.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.engine import Connection

from bot.db.billing import outbox

DUE_SOON = "ticket_due_soon"
OVERDUE = "ticket_overdue"
RATING = "ticket_rating"
KINDS = (DUE_SOON, OVERDUE, RATING)


def queue(
    tx: Connection,
    kind: str,
    ticket_id: str,
    recipient: str,
    recipient_team: str,
    now: datetime,
) -> None:
    """A notice about a ticket for one recipient (a channel, or a Slack user and their team).
    Its words are drawn when it is sent, from the ticket as it is then."""
    if kind not in KINDS:
        raise ValueError(f"unknown desk notice {kind!r}")
    tx.execute(
        outbox.insert().values(
            account_id=None,
            kind=kind,
            dedupe_key=f"ticket:{ticket_id}:{kind.removeprefix('ticket_')}",
            payload=json.dumps({"ticket": ticket_id}),
            created_at=now,
            recipient=recipient[:80],
            recipient_team=recipient_team[:32],
        )
    )


def is_desk(kind: str) -> bool:
    return kind in KINDS
