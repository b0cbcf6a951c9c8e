"""Logs: JSON lines when asked, and never a token, signing secret, Stripe key or database
password."""

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
        ("STRIPE_SECRET_KEY=sk_test_51Hx9AbCdEf0123456789 loaded", "51Hx9AbCdEf0123456789"),
        ("Authorization: Bearer sk_live_51Hx9ZyXwV9876543210", "51Hx9ZyXwV9876543210"),
        ("restricted key rk_live_51Hx9QrStU0011223344 refused", "51Hx9QrStU0011223344"),
        ("rk_test_51Hx9QrStU5566778899", "51Hx9QrStU5566778899"),
        ("webhook secret whsec_8f14e45fceea167a5a36dedd4bea2543", "8f14e45fceea167a5a"),
        ("{'secret': 'whsec_AbC+dEf/123'}", "AbC+dEf/123"),
        ("token rotation with xoxe-1-My0xLWFiY2RlZg failed", "My0xLWFiY2RlZg"),
        ("rotated bot token xoxe.xoxb-1-My0xLWJvdHRva2Vu", "My0xLWJvdHRva2Vu"),
        ("oauth.v2.access {'client_id': '12.34', 'client_secret': 'f00dcafe12'}", "f00dcafe12"),
        ("SLACK_CLIENT_SECRET=f00dcafe5678 loaded", "f00dcafe5678"),
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


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("LOG_LEVEL", "verbose", "LOG_LEVEL='verbose' is not one of DEBUG, INFO"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT='xml' is not one of text, json"),
    ],
)
def test_an_unknown_setting_is_refused_with_its_name(monkeypatch, variable, value, named):
    from bot.logs import LogSettingError, configure

    monkeypatch.setenv(variable, value)
    with pytest.raises(LogSettingError, match=named):
        configure()


def test_levels_are_read_in_any_case_and_with_loggings_aliases(monkeypatch):
    from bot.logs import configure

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        for value, expected in (("debug", logging.DEBUG), ("warn", logging.WARNING), ("", 20)):
            monkeypatch.setenv("LOG_LEVEL", value)
            configure()
            assert root.level == expected
    finally:
        root.handlers[:], root.level = handlers, level
