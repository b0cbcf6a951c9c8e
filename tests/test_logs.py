"""Logs: JSON lines when asked, and never a token, signing secret or database password."""

from __future__ import annotations

import json
import logging

import pytest

from bot.logs import JsonFormatter, RedactingFilter, redact


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("calling Slack with xoxb-1234-5678-abcdef", "1234-5678-abcdef"),
        ("socket mode token xapp-1-A0-123-abc", "A0-123-abc"),
        ("db postgresql://bot:hunter2@db.internal:5432/bot unavailable", "hunter2"),
        ("SLACK_SIGNING_SECRET=8f14e45fceea167a5a36dedd4bea2543 loaded", "8f14e45fceea"),
        ("config: {'token': 'abc123secret'}", "abc123secret"),
    ],
)
def test_secrets_are_masked(text, secret):
    assert secret not in redact(text)


def test_a_record_becomes_one_json_line_without_its_secret():
    record = logging.LogRecord("bot.x", logging.ERROR, __file__, 1, "token %s", ("xoxb-9-9",), None)
    RedactingFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "error" and entry["logger"] == "bot.x"
    assert "xoxb-9-9" not in entry["message"] and entry["message"].startswith("token xoxb-")


def test_exceptions_are_masked_too():
    try:
        raise RuntimeError("connect to postgresql://u:pw123@h/db failed")
    except RuntimeError:
        import sys

        record = logging.LogRecord("bot", logging.ERROR, __file__, 1, "boom", None, sys.exc_info())
    RedactingFilter().filter(record)
    assert "pw123" not in JsonFormatter().format(record)
