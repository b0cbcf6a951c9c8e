"""The outbox: notices queued in the transaction of the change they report, delivered at least
once by whichever process gets to them.

A sender claims a notice with a lease (`claimed_until`), a conditional update that only one
process can win while the lease runs. When the send works the notice is marked delivered with
the message's timestamp; when it fails the lease is shortened to a back-off and the notice is
tried again; when the sender dies between claim and send the lease simply expires and another
sender takes it. So a notice is never lost; in the crash window it may, rarely, arrive twice.

Each claim bumps `attempts`, and the count a sender was given is its fencing token: a sender
whose lease ran out (and whose notice another sender now holds) cannot reschedule or split a
claim that is no longer its own.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Connection, Engine

from bot.db import now_utc, reading
from bot.db.billing import outbox, slack_links, users

# Seconds a claim keeps other senders off a notice. The default outlasts one slow send (Web API
# calls time out at 10 s and are retried) yet delays a dead sender's notices by two minutes at
# most; drills and tests shorten it to reach the crash window in seconds.
LEASE_ENV = "SUPPORTBOT_OUTBOX_LEASE_S"
DEFAULT_LEASE = timedelta(minutes=2)
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
    attempts: int  # claims so far, this one included: the claim's fencing token


def seconds_from_env(name: str, default: float) -> float:
    """A duration knob from the environment (unset or empty: `default`). A bad value fails
    loudly: a drill that silently ran with the default would prove nothing."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number of seconds") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name}={raw!r} must be a finite, non-negative number of seconds")
    return value


def lease() -> timedelta:
    """How long a claim lasts: `SUPPORTBOT_OUTBOX_LEASE_S`, else two minutes. Read at every
    claim, so a test or a drill can change it without restarting anything in-process."""
    seconds = seconds_from_env(LEASE_ENV, DEFAULT_LEASE.total_seconds())
    if seconds <= 0:
        raise ValueError(f"{LEASE_ENV} must be more than 0 seconds")
    return timedelta(seconds=seconds)


def _claimable(now: datetime):
    return or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now)


def _due_ids(engine: Engine, limit: int, now: datetime) -> list[int]:
    with reading(engine) as tx:
        return list(
            tx.execute(
                select(outbox.c.id)
                .where(outbox.c.delivered_at.is_(None), _claimable(now))
                .order_by(outbox.c.id)
                .limit(limit)
            ).scalars()
        )


def claim(engine: Engine, notice_id: int, now: datetime | None = None) -> Notice | None:
    """Take one notice for this process for a lease, or None when it is delivered or another
    process holds it. The conditional update is the whole protocol: of senders racing for a
    notice, exactly one sees a row changed."""
    now = now or now_utc()
    with engine.begin() as tx:
        won = tx.execute(
            update(outbox)
            .where(outbox.c.id == notice_id, outbox.c.delivered_at.is_(None), _claimable(now))
            .values(claimed_until=now + lease(), attempts=outbox.c.attempts + 1)
        ).rowcount
        if not won:
            return None
        row = tx.execute(select(outbox).where(outbox.c.id == notice_id)).one()
        return Notice(
            row.id,
            row.account_id,
            row.kind,
            json.loads(row.payload),
            _recipients(tx, row),
            row.attempts,
        )


def claim_due(engine: Engine, limit: int = 50, now: datetime | None = None) -> list[Notice]:
    """Notices nobody is sending now, claimed for this process (each by one process only).

    `deliver_due` does not use this: it claims each notice just before sending it."""
    now = now or now_utc()
    found = (claim(engine, notice_id, now) for notice_id in _due_ids(engine, limit, now))
    return [notice for notice in found if notice is not None]


def _recipients(tx: Connection, notice: Any) -> tuple[tuple[str, str], ...]:
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
    """Record the delivery, whoever holds the claim now (the message is out either way). The
    first delivery's record stands: a late duplicate does not overwrite its time or ts."""
    with engine.begin() as tx:
        tx.execute(
            update(outbox)
            .where(outbox.c.id == notice_id, outbox.c.delivered_at.is_(None))
            .values(delivered_at=now or now_utc(), sent_ts=message_ts[:64], claimed_until=None)
        )


def _backoff(attempts: int) -> timedelta:
    return min(_FIRST_BACKOFF * 2 ** max(attempts - 1, 0), _MAX_BACKOFF)


def _still_ours(notice: Notice):
    return (
        outbox.c.id == notice.id,
        outbox.c.delivered_at.is_(None),
        outbox.c.attempts == notice.attempts,
    )


def retry_later(engine: Engine, notice: Notice, now: datetime | None = None) -> None:
    """A send failed: try again after a back-off that doubles with every attempt. Only while
    the claim is still this sender's: a lease that ran out may have passed the notice to
    another sender, whose lease this must not shorten."""
    with engine.begin() as tx:
        tx.execute(
            update(outbox)
            .where(*_still_ours(notice))
            .values(claimed_until=(now or now_utc()) + _backoff(notice.attempts))
        )


def _hand_on(
    engine: Engine,
    notice: Notice,
    stamps: list[str],
    remaining: tuple[tuple[str, str], ...],
    now: datetime,
) -> None:
    """Some recipients got the notice before a send failed: mark it delivered and queue a
    one-person notice for each of the others, to be retried after the back-off. Retrying the
    whole notice would send it again to those who already have it."""
    with engine.begin() as tx:
        done = tx.execute(
            update(outbox)
            .where(*_still_ours(notice))
            .values(delivered_at=now, sent_ts=",".join(stamps)[:64], claimed_until=None)
        ).rowcount
        if not done:
            return  # no longer ours: its new holder sends it to everyone
        row = tx.execute(select(outbox).where(outbox.c.id == notice.id)).one()
        for user, team in remaining:
            tx.execute(
                outbox.insert().values(
                    account_id=row.account_id,
                    kind=row.kind,
                    dedupe_key=f"{row.dedupe_key}>{user}"[:200],
                    payload=row.payload,
                    created_at=row.created_at,
                    recipient=user,
                    recipient_team=team,
                    claimed_until=now + _backoff(notice.attempts),
                    attempts=notice.attempts,
                )
            )


def _deliver(
    engine: Engine,
    notice: Notice,
    send: Callable[[Notice, str, str], str],
    on_error: Callable[[Notice, Exception], None],
    now: datetime | None,
) -> bool:
    """Send one claimed notice to each recipient and record what happened."""
    stamps: list[str] = []
    for done, (user, team) in enumerate(notice.recipients):
        try:
            stamps.append(send(notice, user, team))
        except Exception as error:
            on_error(notice, error)
            if done:
                _hand_on(engine, notice, stamps, notice.recipients[done:], now or now_utc())
            else:
                retry_later(engine, notice, now)
            return False
    mark_sent(engine, notice.id, ",".join(stamps) or "-", now)
    return True


def deliver_due(
    engine: Engine,
    send: Callable[[Notice, str, str], str],
    limit: int = 50,
    on_error: Callable[[Notice, Exception], None] = lambda notice, error: None,
    now: datetime | None = None,
) -> int:
    """Claim due notices and `send(notice, user, team) -> message ts` each to its recipients;
    returns how many were delivered. A failed send leaves the notice for a later round.

    Each notice is claimed just before it is sent, not the whole batch up front: with a batch
    claimed at once, the last notices' leases ran out while the first were still being sent
    (a slow or rate-limited Slack), and another sender then sent them a second time.
    """
    sent = 0
    for notice_id in _due_ids(engine, limit, now or now_utc()):
        notice = claim(engine, notice_id, now)
        if notice is not None and _deliver(engine, notice, send, on_error, now):
            sent += 1
    return sent
