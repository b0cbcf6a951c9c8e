"""The outbox: notices queued in the transaction of the change they report, delivered at least
once by whichever process gets to them.

A sender claims a notice with a lease (`claimed_until`), a conditional update that only one
process can win while the lease runs. When the send works the notice is marked delivered with
the message's timestamp; when it fails the lease is shortened to a back-off and the notice is
tried again; when the sender dies between claim and send the lease simply expires and another
sender takes it. So a notice is never lost; in the crash window it may, rarely, arrive twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Engine

from bot.db import now_utc, reading
from bot.db.billing import outbox, slack_links, users

LEASE = timedelta(minutes=2)
# Waits before the next try after a failed send: 30 s, 1 min, 2 min, … at most an hour.
_FIRST_BACKOFF = timedelta(seconds=30)
_MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class Notice:
    id: int
    account_id: str
    kind: str
    payload: dict[str, Any]
    recipients: tuple[tuple[str, str], ...]  # (Slack user, Slack team) to send it to
    attempts: int


def _claimable(now: datetime):
    return or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now)


def claim_due(engine: Engine, limit: int = 50, now: datetime | None = None) -> list[Notice]:
    """Notices nobody is sending now, claimed for this process (each by one process only)."""
    now = now or now_utc()
    with reading(engine) as tx:
        rows = tx.execute(
            select(outbox.c.id)
            .where(outbox.c.delivered_at.is_(None), _claimable(now))
            .order_by(outbox.c.id)
            .limit(limit)
        ).all()
    claimed = []
    for row in rows:
        with engine.begin() as tx:
            won = tx.execute(
                update(outbox)
                .where(outbox.c.id == row.id, outbox.c.delivered_at.is_(None), _claimable(now))
                .values(claimed_until=now + LEASE, attempts=outbox.c.attempts + 1)
            ).rowcount
            if not won:
                continue  # another process has it
            notice = tx.execute(select(outbox).where(outbox.c.id == row.id)).one()
            claimed.append(
                Notice(
                    notice.id,
                    notice.account_id,
                    notice.kind,
                    json.loads(notice.payload),
                    _recipients(tx, notice),
                    notice.attempts,
                )
            )
    return claimed


def _recipients(tx, notice) -> tuple[tuple[str, str], ...]:
    """One named person, or every current user of the account with billing access."""
    if notice.recipient:
        return ((notice.recipient, notice.recipient_team or ""),)
    rows = tx.execute(
        select(slack_links.c.slack_user_id, slack_links.c.slack_team_id)
        .join(users, users.c.id == slack_links.c.user_id)
        .where(
            users.c.account_id == notice.account_id,
            users.c.removed_at.is_(None),
            users.c.billing_access | users.c.is_primary,
        )
    ).all()
    return tuple(sorted({(r.slack_user_id, r.slack_team_id) for r in rows}))


def mark_sent(engine: Engine, notice_id: int, message_ts: str, now: datetime | None = None) -> None:
    with engine.begin() as tx:
        tx.execute(
            update(outbox)
            .where(outbox.c.id == notice_id)
            .values(delivered_at=now or now_utc(), sent_ts=message_ts[:64], claimed_until=None)
        )


def retry_later(engine: Engine, notice: Notice, now: datetime | None = None) -> None:
    """A send failed: try again after a back-off that doubles with every attempt."""
    wait = min(_FIRST_BACKOFF * 2 ** max(notice.attempts - 1, 0), _MAX_BACKOFF)
    with engine.begin() as tx:
        tx.execute(
            update(outbox)
            .where(outbox.c.id == notice.id, outbox.c.delivered_at.is_(None))
            .values(claimed_until=(now or now_utc()) + wait)
        )


def deliver_due(
    engine: Engine,
    send: Callable[[Notice, str, str], str],
    limit: int = 50,
    on_error: Callable[[Notice, Exception], None] = lambda notice, error: None,
    now: datetime | None = None,
) -> int:
    """Claim due notices and `send(notice, user, team) -> message ts` each to its recipients;
    returns how many were delivered. A failed send leaves the notice for a later round."""
    now = now or now_utc()
    sent = 0
    for notice in claim_due(engine, limit, now):
        try:
            stamps = [send(notice, user, team) for user, team in notice.recipients]
        except Exception as error:
            on_error(notice, error)
            retry_later(engine, notice, now)
            continue
        mark_sent(engine, notice.id, ",".join(stamps) or "-", now)
        sent += 1
    return sent
