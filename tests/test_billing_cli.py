"""`supportbot admin …` and `supportbot billing sweep` as operators run them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT


@pytest.fixture
def run(database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database_url)
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(ACCOUNTS)

    def invoke(*args: str):
        return CliRunner().invoke(main, ["--config", str(ROOT / "app.yaml"), *args])

    assert invoke("admin", "import", str(accounts)).exit_code == 0
    invoke.accounts = accounts
    return invoke


def test_import_twice_changes_nothing_the_second_time(run):
    result = run("admin", "import", str(run.accounts))
    assert (
        result.output.strip()
        == "0 accounts changed, 0 users changed, 0 cards changed, 0 links changed"
    )


def test_account_show_json_matches_the_interface(run):
    data = json.loads(run("admin", "account", "show", "acme", "--json").output)
    assert data["id"] == "acme" and data["type"] == "merchant" and data["tier"] == "standard"
    assert data["charges"] == []
    assert run("admin", "account", "show", "nobody").exit_code == 1


def test_a_bad_import_file_names_the_entry_and_changes_nothing(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "accounts:\n  - {id: newco, name: New Co, type: merchant}\n"
        "  - {id: other, name: Other, type: spaceship}\n"
    )
    result = run("admin", "import", str(bad))
    assert result.exit_code == 1
    assert (
        "accounts.1.type: 'spaceship'" in result.output and "nothing was imported" in result.output
    )
    assert run("admin", "account", "show", "newco").exit_code == 1


def test_an_unknown_card_token_is_refused(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("accounts:\n  - {id: newco, name: New Co, type: merchant, card: tok_bogus}\n")
    assert "does not know 'tok_bogus'" in run("admin", "import", str(bad)).output


def test_grant_revoke_and_audit(run):
    assert "granted" in run("admin", "grant", "acme", "sam@acme.example").output
    refused = run("admin", "revoke", "acme", "pat@acme.example")
    assert refused.exit_code == 1 and "always has billing access" in refused.output
    lines = [json.loads(x) for x in run("admin", "audit", "acme", "--json").output.splitlines()]
    assert [(r["action"], r["outcome"]) for r in lines][-2:] == [
        ("grant", "done"),
        ("revoke", "refused: primary_keeps_access"),
    ]


def test_sweep_reports_and_refuses_a_bad_time(run):
    assert "renewed: 0" in run("billing", "sweep", "--now", "2030-01-01T00:00:00+00:00").output
    bad = run("billing", "sweep", "--now", "yesterday")
    assert bad.exit_code == 2 and "not an ISO 8601 time" in bad.output


def test_a_database_that_is_down_gets_a_clear_message(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/none")
    result = CliRunner().invoke(main, ["--config", str(ROOT / "app.yaml"), "admin", "audit", "x"])
    assert result.exit_code == 1 and "the database is not reachable" in result.output


def test_db_migrate_brings_the_schema_to_the_newest_revision(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    first = CliRunner().invoke(main, ["db", "migrate"])
    again = CliRunner().invoke(main, ["db", "migrate"])
    newest = sorted(p.name[:4] for p in (ROOT / "bot/db/migrations/versions").glob("0*.py"))
    assert first.exit_code == again.exit_code == 0
    assert again.output.strip().endswith(f"schema at revision {newest[-1]}")


def test_admin_user_remove_and_unlink_say_what_they_did(run):
    result = run("admin", "user", "remove", "acme", "sam@acme.example")
    assert result.exit_code == 0 and "sam@acme.example removed from acme" in result.output
    again = run("admin", "user", "remove", "acme", "sam@acme.example")
    assert again.exit_code == 1 and "no user sam@acme.example" in again.output
    primary = run("admin", "user", "remove", "acme", "pat@acme.example")
    assert primary.exit_code == 1 and "primary user" in primary.output
    assert run("admin", "unlink", "U0DEE").output.strip() == "U0DEE: 1 link(s) removed"
    assert run("admin", "unlink", "U0DEE").exit_code == 1
    audit = run("admin", "audit", "acme").output
    assert "admin.user.remove" in audit


def test_account_show_prints_charges_in_the_vendors_currency(database_url, monkeypatch):
    """A vendor charging in euros sees euros in `admin account show`, not dollars."""
    from tests.test_billing_tiers import EXAMPLE, _buy, _service

    billing = _service(database_url)
    try:
        _buy(billing, "priority")
    finally:
        billing.engine.dispose()
    monkeypatch.setenv("DATABASE_URL", database_url)
    show = ["--config", str(EXAMPLE), "admin", "account", "show", "kontor"]
    shown = CliRunner().invoke(main, show)
    assert shown.exit_code == 0, shown.output
    [charge] = [line for line in shown.output.splitlines() if "charge:" in line]
    assert "€490" in charge and "$" not in charge
    data = json.loads(CliRunner().invoke(main, [*show, "--json"]).output)
    assert data["charges"][0]["currency"] == "EUR"
