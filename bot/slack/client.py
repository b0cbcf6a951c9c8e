"""The Web API client: Slack's address from SLACK_API_URL, and retries for what is worth one."""

from __future__ import annotations

import os
from http.client import RemoteDisconnected
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

SLACK_API_URL = "https://slack.com/api/"
# Seconds to wait for one Web API call before retrying it.
SLACK_TIMEOUT_ENV = "SUPPORTBOT_SLACK_TIMEOUT_S"


def make_client(token: str | None, api_url: str | None = None) -> WebClient:
    """A client that retries 429s, 5xx, dropped connections and timeouts. (A call that timed out
    after Slack carried it out is sent again: a rare duplicate message is better than a reply
    that never arrives.) Without a token it is the OAuth flow's, or a template Bolt copies for
    each request and gives that workspace's token."""
    timeout = float(os.environ.get(SLACK_TIMEOUT_ENV) or 10)
    client = WebClient(token=token, base_url=api_url or SLACK_API_URL, timeout=timeout)
    client.retry_handlers.extend(
        [
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(
                max_retry_count=2,
                # urllib raises a read timeout as TimeoutError, which the SDK does not retry.
                error_types=[URLError, ConnectionResetError, RemoteDisconnected, TimeoutError],
            ),
        ]
    )
    return client
