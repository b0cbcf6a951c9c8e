"""Handoff from the vendor's website sales chat: a signed transcript becomes a sales ticket.

`POST /handoff/sales-chat` with a JSON body and two headers:
`X-Supportbot-Timestamp` (Unix seconds) and `X-Supportbot-Signature` =
`v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` keyed with `SUPPORTBOT_SALES_CHAT_SECRET`
(Slack's scheme, so the same code signs both). Requests older than five minutes, or with a bad
or missing signature, are refused; nothing is stored for them. A signed body that arrives again
(a replay, or the website retrying) opens no second ticket: its signature is remembered.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.engine import Engine

from bot.db.requests import first_delivery
from bot.validation import problems

MAX_AGE_S = 300
MAX_BODY_BYTES = 256 * 1024


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    sender: Literal["visitor", "agent", "bot"] = Field(alias="from")
    text: str = Field(min_length=1, max_length=4000)


class Transcript(BaseModel):
    model_config = ConfigDict(extra="ignore")
    visitor: str = Field(min_length=1, max_length=200)
    company: str | None = Field(default=None, max_length=200)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=320)
    messages: list[ChatMessage] = Field(min_length=1, max_length=500)


def sign(body: bytes, secret: str, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256)
    return "v0=" + digest.hexdigest()


@dataclass(frozen=True)
class Rejected:
    status: int
    error: str


def verify(
    body: bytes, timestamp: str | None, signature: str | None, secret: str, now: float | None = None
) -> Rejected | None:
    """None when the request is fresh and signed with the secret."""
    if not timestamp or not signature:
        return Rejected(401, "missing signature headers")
    try:
        stamp = int(timestamp)
    except ValueError:
        return Rejected(401, "bad timestamp")
    if abs((now or time.time()) - stamp) > MAX_AGE_S:
        return Rejected(401, "stale request")
    if not hmac.compare_digest(sign(body, secret, stamp), signature):
        return Rejected(401, "bad signature")
    return None


def parse(body: bytes) -> Transcript | Rejected:
    if len(body) > MAX_BODY_BYTES:
        return Rejected(413, "transcript too large")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return Rejected(400, "body is not JSON")
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        return Rejected(400, "; ".join(problems(exc)))


def first_time(engine: Engine, signature: str) -> bool:
    """Whether this signed body is new (a replay carries the same signature)."""
    digest = hashlib.sha256(signature.encode()).hexdigest()[:48]
    return first_delivery(engine, f"sales-chat:{digest}")


def receive(
    body: bytes, headers: dict[str, str], secret: str | None, engine: Engine
) -> Transcript | Rejected:
    """A request to the endpoint: the transcript, or why it is refused. Refusals are logged by
    the caller; a replay is refused with 409 and changes nothing."""
    if not secret:
        return Rejected(503, "SUPPORTBOT_SALES_CHAT_SECRET is not set")
    signature = headers.get("x-supportbot-signature")
    rejected = verify(body, headers.get("x-supportbot-timestamp"), signature, secret)
    if rejected is not None:
        return rejected
    transcript = parse(body)
    if isinstance(transcript, Rejected):
        return transcript
    if not first_time(engine, signature or ""):
        return Rejected(409, "this transcript was already received")
    return transcript
