"""Installing the app in customers' workspaces: Bolt's install flow against the Slack stand-in,
installations kept in our database (SQLite and PostgreSQL), each workspace answered with its
own bot token, uninstalls, and workspaces that never installed it. Plus what a member of a
customer's workspace may do without being linked (look, not change)."""

from __future__ import annotations

import html
import json
import re
import time
from types import SimpleNamespace
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import yaml
from sqlalchemy import inspect, select, text
from sqlalchemy.types import Boolean, DateTime, Integer, String

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.billing.results import AccountStatus, Actor, Refused
from bot.billing.service import BillingService
from bot.config import load_settings
from bot.db import make_engine
from bot.slack import payloads
from bot.slack.installations import BOT_SCOPES, Installations, OAuthStates
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT
from tests.slack_harness import Server, eventually, slash

CLIENT_ID = "1234.5678"
CLIENT_SECRET = "test-oauth-client-secret-9f8e7d"
HOME_TOKEN = "xoxb-test"  # our own workspace's (the harness sets it unless told not to)
CUSTOMER = """
  - id: cust
    name: Cust Co
    type: merchant
    slack_team_id: T0CUST
    card: tok_visa
    users:
      - {email: cat@cust.example, slack_user_id: U0CAT, primary: true}
"""


# -- the world: a server installable in customers' workspaces -------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    """A server installable in customers' workspaces, with T0CUST installed. On SQLite it also
    has our own workspace's SLACK_BOT_TOKEN; on PostgreSQL it has none (both are deployments)."""
    drop = None
    tmp = tmp_path_factory.mktemp(f"oauth-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'bot.db'}"
    else:
        from tests.conftest import _fresh_postgres_database, require_postgres

        require_postgres()
        url, drop = _fresh_postgres_database()
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS + CUSTOMER)
    standin = SlackStandIn(oauth_client=(CLIENT_ID, CLIENT_SECRET)).start()
    server = Server(
        tmp,
        standin,
        url,
        env_extra={"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET},
        without=("SLACK_BOT_TOKEN",) if request.param == "postgresql" else (),
    )
    server.home_token = None if request.param == "postgresql" else HOME_TOKEN
    try:
        cust_token = install(server, standin, "T0CUST")
        yield server, standin, billing, cust_token
    finally:
        server.stop()
        standin.stop()
        billing.engine.dispose()
        if drop:
            drop()


@pytest.fixture
def oauth(world):
    world[1].clear()
    return world


def install(server: Server, standin: SlackStandIn, team: str) -> str:
    """Install as a person in `team` does: open /slack/install (a state, kept in a cookie and
    in the database), approve at Slack, come back to /slack/oauth_redirect. Returns the bot
    token the stand-in handed out."""
    status, headers, page = server.get("/slack/install")
    assert status == 200, page
    cookie = headers["set-cookie"].split(";", 1)[0]
    name, state = cookie.split("=", 1)
    assert name == "slack-app-oauth-state" and state
    authorize = html.unescape(re.search(r'<a href="([^"]+)"', page).group(1))
    query = parse_qs(urlparse(authorize).query)
    assert query["client_id"] == [CLIENT_ID] and query["state"] == [state]
    assert set(query["scope"][0].split(",")) == set(BOT_SCOPES)
    code = standin.grant(team, team_name=f"{team} workspace")
    status, _, page = server.get(
        f"/slack/oauth_redirect?{urlencode({'code': code, 'state': state})}", {"Cookie": cookie}
    )
    assert status == 200, page
    [exchange] = [c for c in standin.of("oauth.v2.access") if c.args.get("code") == code]
    assert exchange.token is None  # the app's client id and secret, not a token
    return [token for token, owner in standin.tokens.items() if owner == team][-1]


def stored(billing, team: str) -> dict[str, list]:
    with billing.engine.connect() as conn:
        return {
            table: conn.execute(
                text(f"SELECT bot_token FROM {table} WHERE team_id = :team"), {"team": team}
            ).all()
            for table in ("slack_installations", "slack_bots")
        }


def tokens_of(calls) -> set[str | None]:
    return {c.token for c in calls}


# -- the install flow ---------------------------------------------------------------------------


def test_an_install_is_stored_in_our_database(oauth):
    _, _, billing, cust_token = oauth
    found = stored(billing, "T0CUST")
    assert [row.bot_token for row in found["slack_bots"]] == [cust_token]
    assert [row.bot_token for row in found["slack_installations"]] == [cust_token]
    with billing.engine.connect() as conn:
        row = conn.execute(
            text("SELECT client_id, user_id, bot_user_id, team_name FROM slack_installations")
        ).one()
    assert row.client_id == CLIENT_ID and row.user_id == "U0INSTALLER"
    assert row.bot_user_id == "U0SUPPORTBOT" and row.team_name == "T0CUST workspace"


def test_only_the_browser_that_started_an_install_finishes_it_and_only_once(oauth):
    server, standin, billing, _ = oauth
    status, headers, _ = server.get("/slack/install")
    cookie = headers["set-cookie"].split(";", 1)[0]
    state = cookie.split("=", 1)[1]
    code = standin.grant("T0THIEF")
    query = urlencode({"code": code, "state": state})
    status, _, _ = server.get(f"/slack/oauth_redirect?{query}")  # another browser
    assert status == 400
    assert server.get(f"/slack/oauth_redirect?{query}", {"Cookie": cookie})[0] == 200
    assert server.get(f"/slack/oauth_redirect?{query}", {"Cookie": cookie})[0] == 401  # replay
    bogus = urlencode({"code": "not-a-code", "state": state})
    assert server.get(f"/slack/oauth_redirect?{bogus}", {"Cookie": cookie})[0] == 401
    assert len(stored(billing, "T0THIEF")["slack_bots"]) == 1  # only the one with its cookie


def test_single_workspace_servers_have_no_install_flow():
    from bot.slack.server import wsgi_app

    application = wsgi_app(SimpleNamespace(oauth_flow=None), lambda: (True, "ready"))
    for path in ("/slack/install", "/slack/oauth_redirect"):
        seen = []
        environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "QUERY_STRING": "code=x"}
        application(environ, lambda status, headers, seen=seen: seen.append(status))
        assert seen == ["404 Not Found"]


# -- each workspace with its own token -----------------------------------------------------------


def test_a_slash_command_from_the_customer_workspace_is_answered_with_its_token(oauth):
    server, standin, _, cust_token = oauth
    [status] = slash(server, standin, "status", user="U0CAT", team="T0CUST", channel="C0CUST")
    assert "*Cust Co* is on" in status.text
    # A link request: the answer in the ack, the question to the primary user by DM, sent
    # with the customer workspace's token (the recipient's), never our own.
    standin.clear()
    [sent] = slash(
        server, standin, "link kim@cust.example", user="U0KIM", team="T0CUST", channel="C0CUST"
    )
    assert "cat@cust.example" in sent.text
    [question] = eventually(lambda: standin.of("chat.postMessage"))
    assert question.args["channel"] == "DU0CAT" and "kim@cust.example" in question.text
    calls = standin.of("conversations.open") + standin.of("chat.postMessage")
    assert tokens_of(calls) == {cust_token}


def test_messages_home_and_receipts_in_the_customer_workspace_use_its_token(oauth):
    server, standin, _, cust_token = oauth
    inner = payloads.message("what are your support hours?", "U0CAT", "T0CUST", "D0CAT")
    assert server.post(payloads.event(inner, "T0CUST"))[0] == 200
    answers = eventually(lambda: standin.of("chat.postMessage"))
    assert answers and all(a.args["channel"] == "D0CAT" for a in answers)
    assert tokens_of(answers) == {cust_token}
    home = {"type": "app_home_opened", "user": "U0CAT", "channel": "D0CAT", "tab": "home"}
    server.post(payloads.event(home, "T0CUST"))
    [published] = eventually(lambda: standin.of("views.publish"))
    assert published.token == cust_token and "Cust Co" in json.dumps(published.args["view"])
    # An upgrade: the receipt goes to the account's billing users from the outbox, in the
    # background, with the token of each one's workspace (from their Slack link).
    standin.clear()
    [quote] = slash(server, standin, "upgrade", user="U0CAT", team="T0CUST", channel="C0CUST")
    confirm = next(b for b in quote.buttons if b["action_id"] == "confirm_upgrade")
    click = payloads.block_action(confirm, "U0CAT", "T0CUST", "C0CUST", standin.response_url)
    assert server.post(click)[0] == 200
    receipts = eventually(
        lambda: [c for c in standin.of("chat.postMessage") if "was charged" in c.text]
    )
    assert [r.args["channel"] for r in receipts] == ["DU0CAT"]
    assert tokens_of(receipts) == {cust_token}
    assert HOME_TOKEN not in tokens_of(standin.calls)


def test_our_own_workspace_still_uses_our_token_through_its_installation(oauth):
    server, standin, _, _ = oauth
    home_token = install(server, standin, "T0VENDOR")
    standin.clear()
    inner = payloads.message("what are your support hours?", "U0PAT", "T0ACME", "D0PAT")
    server.post(payloads.event(inner, "T0VENDOR"))
    answers = eventually(lambda: standin.of("chat.postMessage"))
    assert answers and tokens_of(answers) == {home_token}


def test_a_handoff_from_a_customer_workspace_reaches_our_staff_channel(oauth):
    server, standin, _, cust_token = oauth
    inner = payloads.mention("I want to speak with a real person", "U0CAT", "T0CUST", "C0CUST")
    server.post(payloads.event(inner, "T0CUST"))
    posted = eventually(
        lambda: len(standin.of("chat.postMessage")) >= 2 and standin.of("chat.postMessage")
    )
    staff = next(c for c in posted if c.args["channel"] == "#support-handoff")
    customer = next(c for c in posted if c.args["channel"] == "C0CUST")
    assert customer.token == cust_token and customer.args["thread_ts"] == inner["ts"]
    # The staff channel is in our own workspace: its token, when the server has it.
    assert staff.token == (server.home_token or cust_token)


# -- uninstalls and workspaces without an installation --------------------------------------------


def test_a_workspace_that_never_installed_the_app_is_refused_cleanly(oauth):
    server, standin, _, _ = oauth
    status, body, seconds = server.post(
        payloads.slash_command("status", "U0WHO", "T0NOPE", "C0NOPE", standin.response_url)
    )
    assert status == 200 and body == "" and seconds < 3.0
    [told] = eventually(lambda: standin.of("response"))
    assert "reinstall" in told.text.lower()
    inner = payloads.message("what are your support hours?", "U0WHO", "T0NOPE", "D0WHO")
    assert server.post(payloads.event(inner, "T0NOPE"))[0] == 200
    time.sleep(0.8)
    assert standin.of("chat.postMessage") == [] and standin.of("conversations.open") == []


@pytest.mark.parametrize(
    "event",
    [
        {"type": "app_uninstalled"},
        {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0SUPPORTBOT"]}},
    ],
    ids=["app_uninstalled", "tokens_revoked"],
)
def test_an_uninstall_deletes_the_installation(oauth, event):
    server, standin, billing, _ = oauth
    team = f"T0GONE{event['type'][:3].upper()}"
    token = install(server, standin, team)
    assert len(stored(billing, team)["slack_bots"]) == 1
    [answered] = slash(server, standin, "help", user="U0GO", team=team, channel="C0GO")
    assert "/support-tier" in answered.text
    assert server.post(payloads.event(event, team))[0] == 200
    nothing = {"slack_installations": [], "slack_bots": []}
    assert eventually(lambda: stored(billing, team) == nothing)
    assert len(stored(billing, "T0CUST")["slack_bots"]) == 1  # other workspaces keep theirs
    standin.clear()
    status, body, _ = server.post(
        payloads.slash_command("help", "U0GO", team, "C0GO", standin.response_url)
    )
    assert status == 200 and body == ""
    assert "reinstall" in eventually(lambda: standin.of("response"))[0].text.lower()
    assert token not in tokens_of(standin.calls)


def test_the_server_log_holds_no_oauth_secret_or_token(oauth):
    server, _, _, cust_token = oauth
    time.sleep(0.3)
    log = server.log.read_text()
    assert CLIENT_SECRET not in log and cust_token not in log and "xoxb-T0" not in log


# -- team members: may look, not change --------------------------------------------------------


def test_a_team_member_sees_the_status_but_upgrading_needs_a_link_or_a_grant(oauth):
    server, standin, _, _ = oauth
    [status] = slash(server, standin, "status", user="U0NEW", team="T0CUST", channel="C0CUST")
    assert "*Cust Co* is on" in status.text and not status.buttons
    standin.clear()
    [refused] = slash(server, standin, "upgrade", user="U0NEW", team="T0CUST", channel="C0CUST")
    assert "linked" in refused.text and "grant" in refused.text
    assert "cat@cust.example" in refused.text
    assert not refused.buttons


@pytest.fixture
def billing(database_url) -> BillingService:
    service = open_billing(load_settings(ROOT / "app.yaml"), database_url)
    import_accounts(service.engine, service.settings, service.gateway, ACCOUNTS + CUSTOMER)
    yield service
    service.engine.dispose()


def installed_in(billing: BillingService, team: str) -> None:
    """What the install flow leaves for a workspace: a row in the installation store."""
    from slack_sdk.oauth.installation_store.models.bot import Bot

    bot = Bot(
        app_id="A0",
        team_id=team,
        bot_token=f"xoxb-{team}",
        bot_id="B0",
        bot_user_id="U0B",
        installed_at=time.time(),
    )
    Installations(CLIENT_ID, billing.engine).save_bot(bot)


MEMBER = Actor.slack("U0NEW", "T0CUST")


def test_a_team_member_is_trusted_only_once_their_workspace_installed_the_app(billing):
    # Single-workspace (no installations): nothing changes, an unlinked user is a stranger.
    assert billing.status(MEMBER).code == "not_linked"
    assert billing.quote_upgrade(MEMBER).code == "not_linked"
    installed_in(billing, "T0CUST")
    assert isinstance(billing.status(MEMBER), AccountStatus)
    # Another account's workspace that did not install the app is still not trusted.
    assert billing.status(Actor.slack("U0NEW", "T0ACME")).code == "not_linked"


def test_billing_lets_a_team_member_read_and_nothing_else(billing):
    installed_in(billing, "T0CUST")
    shown = billing.status(MEMBER)
    assert isinstance(shown, AccountStatus)
    assert shown.account_id == "cust" and not shown.billing_access and shown.user_email == ""
    for refused in (
        billing.quote_upgrade(MEMBER),
        billing.cancel(MEMBER),
        billing.resume(MEMBER),
        billing.set_billing_access(MEMBER, target_email="cat@cust.example"),
    ):
        assert isinstance(refused, Refused) and refused.code == "team_member_only"
        assert "linked" in refused.message and "grant" in refused.message
    # A member of a workspace no account names is a stranger, as before.
    assert billing.status(Actor.slack("U0NEW", "T0ELSE")).code == "not_linked"


def test_without_trust_only_linked_users_see_the_account(billing):
    installed_in(billing, "T0CUST")
    settings = billing.settings.model_copy(
        update={"slack": billing.settings.slack.model_copy(update={"trust_team_members": False})}
    )
    strict = BillingService(billing.engine, billing.gateway, settings)
    assert strict.status(MEMBER).code == "not_linked"
    assert strict.quote_upgrade(MEMBER).code == "not_linked"
    assert isinstance(strict.status(Actor.slack("U0CAT", "T0CUST")), AccountStatus)


# -- the schema and the manifests -------------------------------------------------------------


def test_migration_0010_matches_what_slack_sdks_stores_expect(database_url):
    engine = make_engine(database_url)
    try:
        found = inspect(engine)
        expected = [
            Installations("x", engine).installations,
            Installations("x", engine).bots,
            OAuthStates(engine).oauth_states,
        ]
        for table in expected:
            columns = {c["name"]: c for c in found.get_columns(table.name)}
            assert set(columns) == set(table.c.keys()), table.name
            for column in table.c:
                have = columns[column.name]
                assert have["nullable"] == column.nullable or column.primary_key, column
                kind = next(
                    t for t in (Boolean, DateTime, Integer, String) if isinstance(column.type, t)
                )
                assert isinstance(have["type"], kind) or (
                    kind is Boolean and isinstance(have["type"], Integer)  # SQLite's booleans
                ), (table.name, column.name, have["type"])
                if kind is String:
                    assert have["type"].length == column.type.length, column
                if kind is DateTime:
                    assert not getattr(have["type"], "timezone", False), column
        with engine.connect() as conn:  # the stores work on it as migrated
            assert conn.execute(select(expected[0].c.id)).all() == []
    finally:
        engine.dispose()


def test_every_manifest_asks_for_the_scopes_the_install_flow_asks_for():
    for path in sorted((ROOT / "slack").glob("manifest-*.yaml")):
        manifest = yaml.safe_load(path.read_text())
        assert tuple(manifest["oauth_config"]["scopes"]["bot"]) == BOT_SCOPES, path.name
    distributed = yaml.safe_load((ROOT / "slack" / "manifest-distributed.yaml").read_text())
    assert distributed["oauth_config"]["redirect_urls"][0].endswith("/slack/oauth_redirect")
    events = distributed["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_uninstalled", "tokens_revoked", "app_home_opened"} <= set(events)
