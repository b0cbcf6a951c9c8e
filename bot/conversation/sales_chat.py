"""Handoff from the vendor's website sales chat: a signed transcript becomes a sales ticket.

`POST /handoff/sales-chat` with a JSON body and two headers:
`X-Supportbot-Timestamp` (Unix seconds) and `X-Supportbot-Signature` =
`v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` keyed with `SUPPORTBOT_SALES_CHAT_SECRET`
(Slack's scheme, so the same code signs both). Requests older than five minutes, or with a bad
or missing signature, are refused; nothing is stored for them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

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
        return Transcript.model_validate(json.loads(body))
    except (ValueError, UnicodeDecodeError):
        return Rejected(400, "body is not JSON")
    except ValidationError as exc:
        return Rejected(400, "; ".join(problems(exc)))
