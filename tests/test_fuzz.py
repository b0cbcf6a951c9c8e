"""Fuzzing: whatever Slack (or someone pretending to be Slack) sends, and whatever an operator
writes in app.yaml, the bot answers 200 or a clear refusal and never raises from our code.

The Bolt app is driven in-process through its real request path (signature check, middleware,
listeners); lazy work runs inline so a failure inside it is seen by the test, not lost in a
thread. Anything logged at ERROR by our code or by Bolt fails the example.
"""

from __future__ import annotations

import copy
import io
import json
import logging
import os
from concurrent.futures import Executor, Future
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.bootstrap import open_services
from bot.config import ConfigError, parse_settings
from bot.slack import payloads
from bot.slack.app import build_app
from bot.slack.server import EVENTS_PATH, wsgi_app
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT

SECRET = "fuzz-secret"
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


class InlineExecutor(Executor):
    """Runs lazy listeners at once, in the caller's thread."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def app(tmp_path_factory, shipped_settings, knowledge):
    tmp = tmp_path_factory.mktemp("fuzz")
    billing = open_billing(shipped_settings, f"sqlite:///{tmp / 'fuzz.db'}")
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn().start()
    services = open_services(shipped_settings, knowledge=knowledge, billing=billing)
    bolt = build_app(
        services,
        token="xoxb-fuzz",
        signing_secret=SECRET,
        api_url=standin.url,
        listener_executor=InlineExecutor(),
    )
    bolt.standin = standin
    bolt.wsgi = wsgi_app(bolt, lambda: (True, "ready"))
    yield bolt
    standin.stop()
    billing.engine.dispose()


@pytest.fixture
def errors():
    handler = ErrorLog()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


def _dispatch(app, body: str | bytes, headers: dict[str, str] | None = None) -> int:
    """POST /slack/events through the server's own WSGI application, as gunicorn calls it."""
    raw = body.encode() if isinstance(body, str) else body
    if headers is None:
        headers = payloads.signed_headers(raw.decode("utf-8", "replace"), SECRET)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": EVENTS_PATH,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_LENGTH": str(len(raw)),
        "wsgi.input": io.BytesIO(raw),
        **{
            ("CONTENT_TYPE" if k == "content-type" else "HTTP_" + k.upper().replace("-", "_")): v
            for k, v in headers.items()
        },
    }
    statuses: list[str] = []
    b"".join(app.wsgi(environ, lambda status, _headers: statuses.append(status)))
    return int(statuses[0].split()[0])


def _no_errors(errors: ErrorLog) -> None:
    found = [f"{r.name}: {r.getMessage()}" for r in errors.records]
    errors.records.clear()
    assert not found, found


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)
USERS = st.sampled_from(["U0PAT", "U0SAM", "U0NIA", "U0WHO", "", "<@U0PAT>"])
SCALARS = st.none() | st.booleans() | st.integers() | TEXT
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


@FUZZ
@given(text=TEXT, user=USERS)
def test_any_slash_command_text_gets_a_reply(app, errors, text, user):
    body = payloads.slash_command(text, user, "T0ACME", "C0FUZZ", app.standin.response_url)
    assert _dispatch(app, body) == 200
    _no_errors(errors)


@FUZZ
@given(text=TEXT, user=USERS, channel_type=st.sampled_from(["im", "channel"]))
def test_any_message_text_is_answered_or_ignored(app, errors, text, user, channel_type):
    inner = payloads.message(text, user, "T0ACME", "D0FUZZ", channel_type=channel_type)
    assert _dispatch(app, payloads.event(inner, "T0VENDOR")) == 200
    _no_errors(errors)


EVENT_TYPES = st.sampled_from(["message", "app_mention", "app_home_opened", "reaction_added"])


@FUZZ
@given(
    event_type=EVENT_TYPES,
    fields=st.dictionaries(
        st.sampled_from(
            [
                "user",
                "text",
                "channel",
                "ts",
                "thread_ts",
                "channel_type",
                "subtype",
                "bot_id",
                "tab",
                "user_team",
                "team",
            ]
        ),
        JSONISH,
        max_size=8,
    ),
)
def test_event_payloads_of_any_shape_never_fail(app, errors, event_type, fields):
    inner = {"type": event_type, **fields}
    assert _dispatch(app, payloads.event(inner, "T0VENDOR")) in (200, 400)
    _no_errors(errors)


ACTION_IDS = st.sampled_from(
    [
        "confirm_upgrade",
        "confirm_cancel",
        "confirm_resume",
        "upgrade_quote",
        "cancel_ask",
        "dismiss",
        "claim_ticket",
        "resolve_ticket",
        "feedback_helpful",
        "feedback_unhelpful",
        "handoff_request",
        "confirm_link_approve",
        "link_deny",
        "something_else",
    ]
)


# Our buttons carry {"u": shown-to user, "q": quote or question, "t": ticket, ...}; forged or old
# ones carry anything.
BUTTON_VALUES = (
    st.fixed_dictionaries({"u": USERS}, optional={k: JSONISH | TEXT for k in ("q", "t", "r", "s")})
    | JSONISH
)


@FUZZ
@given(action_id=ACTION_IDS, value=BUTTON_VALUES, user=USERS)
def test_button_payloads_of_any_value_never_fail(app, errors, action_id, value, user):
    raw = value if isinstance(value, str) else json.dumps(value)
    body = payloads.block_action(
        {"action_id": action_id, "value": raw},
        user,
        "T0ACME",
        "C0FUZZ",
        app.standin.response_url,
    )
    assert _dispatch(app, body) == 200
    _no_errors(errors)


@FUZZ
@given(payload=JSONISH)
def test_interactivity_payloads_of_any_shape_get_a_200_or_a_400(app, errors, payload):
    body = urlencode({"payload": json.dumps(payload)})
    assert _dispatch(app, body) in (200, 400, 404)
    _no_errors(errors)


SHIPPED = yaml.safe_load((ROOT / "app.yaml").read_text())


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found += _paths(value, (*prefix, n))
    return found


PATHS = _paths(SHIPPED)


@FUZZ
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(PATHS), st.booleans(), JSONISH), min_size=1, max_size=3
    )
)
def test_a_mangled_app_yaml_is_refused_with_a_config_error(tmp_path, changes):
    data = copy.deepcopy(SHIPPED)
    for path, delete, value in changes:
        parent = data
        for key in path[:-1]:
            if not isinstance(parent, dict | list):
                break
            try:
                parent = parent[key]
            except (KeyError, IndexError, TypeError):
                break
        else:
            try:
                if delete:
                    del parent[path[-1]]
                else:
                    parent[path[-1]] = value
            except (KeyError, IndexError, TypeError):
                pass
    try:
        parse_settings(data, ROOT)
    except ConfigError as error:
        assert str(error).strip()
