"""Edges found while mapping earlier fixes to their tests, through the real server: a Resume
clicked on the App Home tab (no response_url) turns renewal back on and says so by DM, the
Resume and Keep buttons ask before they charge, the sales chat's 400 names what is wrong,
a GET on a POST-only route is a 405, and `serve` never loads the demo accounts."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from sqlalchemy import func, select

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.config import load_settings
from bot.db.billing import accounts
from bot.slack import payloads
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS, DEE
from tests.conftest import ROOT
from tests.slack_harness import CHAT_SECRET, Server, eventually


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("edges")
    url = f"sqlite:///{tmp / 'bot.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn().start()
    server = Server(tmp, standin, url)
    yield server, standin, billing
    server.stop()
    standin.stop()


@pytest.fixture
def slack(world):
    server, standin, billing = world
    standin.clear()
    standin.failing.clear()
    return server, standin, billing


def _cancelled_premium(billing) -> None:
    """Depot on Premium, then cancelled: it runs to its end date and offers Resume."""
    if billing.status(DEE).renews_at is None:
        quote = billing.quote_upgrade(DEE)
        billing.confirm(DEE, quote.id)
    billing.cancel(DEE)
    assert billing.status(DEE).ends_at is not None


def _buttons(blocks: list[dict]) -> list[dict]:
    return [e for b in blocks if b.get("type") == "actions" for e in b["elements"]]


def test_resume_on_the_home_tab_turns_renewal_back_on_and_says_so(slack):
    """Home clicks carry no response_url: the answer must come by DM and a redrawn tab, and the
    plan must really renew again (issue 10, item 5)."""
    server, standin, billing = slack
    _cancelled_premium(billing)
    button = {"action_id": "confirm_resume", "value": json.dumps({"u": ""})}
    status, _, seconds = server.post(payloads.home_action(button, "U0DEE", "T0DEPOT"))
    assert status == 200 and seconds < 3.0
    found = eventually(
        lambda: standin.of("views.publish") and standin.of("chat.postMessage"), timeout=20
    )
    assert found
    told = eventually(
        lambda: [m for m in standin.of("chat.postMessage") if "back on" in m.text.lower()]
    )
    assert told, [m.text for m in standin.of("chat.postMessage")]
    assert told[0].args["channel"] == "DU0DEE"
    assert billing.status(DEE).ends_at is None
    home = standin.of("views.publish")[-1]
    assert home.args["user_id"] == "U0DEE"
    assert not any(
        b["action_id"] == "confirm_resume" for b in _buttons(home.args["view"]["blocks"])
    )


def test_the_resume_button_asks_before_it_charges(slack):
    """Resume turns a charge back on: Slack shows a confirm dialog naming the renewal date and
    the card before the click counts (issue 16, claim 4)."""
    server, standin, billing = slack
    _cancelled_premium(billing)
    body = payloads.slash_command("status", "U0DEE", "T0DEPOT", "C0SHARED", standin.response_url)
    status, reply, _ = server.post(body)
    assert status == 200
    blocks = json.loads(reply)["blocks"] if reply else standin.responses[-1]["blocks"]
    [resume] = [b for b in _buttons(blocks) if b["action_id"] == "confirm_resume"]
    dialog = resume["confirm"]
    assert "renews on" in dialog["text"]["text"] and "card on file" in dialog["text"]["text"]
    assert dialog["confirm"]["text"] == "Resume"
    billing.resume(DEE)


def _request(server, method: str, body: bytes | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{server.url}/handoff/sales-chat",
        data=body,
        method=method,
        headers={"content-type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_sales_chat_body_missing_fields_is_told_which(slack):
    """Valid JSON without the transcript's fields used to be called 'not JSON' (issue 16)."""
    import time

    from bot.conversation.sales_chat import sign

    server, _, _ = slack
    body = b"{}"
    stamp = int(time.time())
    request = urllib.request.Request(
        f"{server.url}/handoff/sales-chat",
        data=body,
        headers={
            "content-type": "application/json",
            "x-supportbot-timestamp": str(stamp),
            "x-supportbot-signature": sign(body, CHAT_SECRET, stamp),
        },
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400
    error = json.loads(refused.value.read())["error"]
    assert "not JSON" not in error
    assert all(f"{field}: required key is missing" in error for field in ("visitor", "email"))


def test_a_get_on_the_sales_chat_is_method_not_allowed(slack):
    server, _, _ = slack
    status, reply = _request(server, "GET")
    assert status == 405 and reply == {"ok": False, "error": "POST only"}


def test_serve_never_loads_the_demo_accounts(tmp_path):
    """Only the console fills an empty database with demo accounts; a served bot on an empty
    database stays empty (issue 16, claim 7)."""
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    standin = SlackStandIn().start()
    server = Server(tmp_path, standin, url)
    try:
        body = payloads.slash_command("status", "U0PAT", "T0ACME", "C0SHARED", standin.response_url)
        assert server.post(body)[0] == 200
        billing = open_billing(load_settings(ROOT / "app.yaml"), url)
        with billing.engine.begin() as tx:
            assert tx.execute(select(func.count()).select_from(accounts)).scalar() == 0
    finally:
        server.stop()
        standin.stop()
