"""app.yaml loading: the shipped file is valid, and every kind of mistake stops start-up with a
message naming the key and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import ConfigError, load_settings
from tests.conftest import ROOT, settings_for


def test_shipped_app_yaml_holds_the_vendor_facts():
    settings = load_settings(ROOT / "app.yaml")
    assert settings.product.name == "Extensiv Integration Manager"
    assert settings.price_cents("premium", "merchant") == 39900
    assert settings.price_cents("premium", "warehouse") == 119900
    assert settings.price_cents("standard", "merchant") == 0
    assert settings.tiers["premium"].term_months == 12
    assert settings.tiers["premium"].response_target.text == "4 business hours"
    assert settings.tiers["standard"].response_target.text == "1 business day"
    assert settings.support_hours.timezone == "America/Los_Angeles"
    assert (settings.support_hours.open, settings.support_hours.close) == (8 * 60, 17 * 60)
    assert settings.contact.email == "help@cartrover.com"
    assert settings.contact.phone == "1-805-399-2278"


def test_relative_paths_are_taken_from_the_config_folder():
    settings = load_settings(ROOT / "app.yaml")
    assert settings.kb.path == ROOT / "kb"
    assert settings.kb.index_path == ROOT / "var" / "kb-index"
    assert settings.intents.path == ROOT / "intents"


def test_supportbot_config_variable_names_the_file(tmp_path, monkeypatch, app_config):
    app_config["product"]["name"] = "Other Vendor"
    path = tmp_path / "other.yaml"
    path.write_text(yaml.safe_dump(app_config))
    monkeypatch.setenv("SUPPORTBOT_CONFIG", str(path))
    assert load_settings().product.name == "Other Vendor"


def _error(data: dict, tmp_path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        settings_for(data, tmp_path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda c: c["tiers"]["premium"]["price_cents"].update(merchant=399.0),
            "tiers.premium.price_cents.merchant",
        ),
        (
            lambda c: c["tiers"]["premium"]["price_cents"].update(merchant="399"),
            "tiers.premium.price_cents.merchant",
        ),
        (lambda c: c["tiers"]["premium"]["price_cents"].pop("warehouse"), "missing ['warehouse']"),
        (
            lambda c: c["tiers"]["premium"]["price_cents"].update(merchant=-1),
            "must not be negative",
        ),
        (lambda c: c["tiers"]["standard"]["price_cents"].update(merchant=100), "free tier"),
        (
            lambda c: c["tiers"]["premium"].update(response_target="soon"),
            "tiers.premium.response_target",
        ),
        (lambda c: c["support_hours"].update(close=1020), "write the time in quotes"),
        (lambda c: c["support_hours"].update(open="25:00"), "support_hours.open"),
        (lambda c: c["support_hours"].update(close="07:00"), "later than support_hours.open"),
        (lambda c: c["support_hours"].update(timezone="Mars/Olympus"), "unknown time zone"),
        (lambda c: c["support_hours"].update(days=["mon", "funday"]), "unknown day"),
        (lambda c: c["support_hours"].update(holidays=["not a date"]), "support_hours.holidays.0"),
        (lambda c: c.update(default_tier="gold"), "default_tier 'gold'"),
        (lambda c: c.update(default_tier="premium"), "must be a free tier"),
        (lambda c: c.update(upgrade_tier="standard"), "upgrade_tier 'standard' is a free tier"),
        (lambda c: c.pop("contact"), "contact: required key is missing"),
        (lambda c: c["contact"].update(email="not-an-email"), "contact.email"),
        (lambda c: c.update(suport_hours={}), "suport_hours: unknown key"),
        (lambda c: c["kb"].update(min_confidence=2), "kb.min_confidence"),
        (
            lambda c: c["slack"]["support_channels"][0].update(answer_top_level="sometimes"),
            "answer_top_level",
        ),
    ],
)
def test_a_bad_setting_is_named_with_its_problem(app_config, tmp_path, change, expected):
    change(app_config)
    assert expected in _error(app_config, tmp_path)


def test_every_problem_in_a_file_is_reported_at_once(app_config, tmp_path):
    app_config["support_hours"]["timezone"] = "Nowhere/Land"
    app_config["billing"]["grace_period_days"] = -3
    message = _error(app_config, tmp_path)
    assert "support_hours.timezone" in message
    assert "billing.grace_period_days" in message


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "app.yaml"
    path.write_text("product:\n  name: [unclosed\nsupport_hours: {}\n")
    with pytest.raises(ConfigError, match=r"not valid YAML at line \d+"):
        load_settings(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(tmp_path / "absent.yaml")


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = tmp_path / "app.yaml"
    path.write_text("- just\n- a list\n")
    with pytest.raises(ConfigError, match="mapping"):
        load_settings(path)


def test_the_cli_reports_a_bad_config_without_a_traceback(tmp_path, app_config):
    from click.testing import CliRunner

    from bot.cli import main

    app_config["tiers"]["premium"]["price_cents"]["merchant"] = "lots"
    path = tmp_path / "app.yaml"
    path.write_text(yaml.safe_dump(app_config))
    result = CliRunner().invoke(main, ["--config", str(path), "ask", "hours?"])
    assert result.exit_code == 1
    assert "tiers.premium.price_cents.merchant" in result.output
    assert "Traceback" not in result.output


def _with_holidays(app_config: dict, tmp_path: Path, *written: str) -> Path:
    """app.yaml with `support_hours.holidays` written as given, unquoted, as a person types it."""
    app_config["support_hours"]["holidays"] = [f"HOLIDAY{n}" for n in range(len(written))]
    text = yaml.safe_dump(app_config)
    for n, value in enumerate(written):
        text = text.replace(f"HOLIDAY{n}", value)
    path = tmp_path / "app.yaml"
    path.write_text(text)
    return path


def test_a_date_that_does_not_exist_is_named_by_its_key(app_config, tmp_path):
    """YAML would build the date itself and fail with no key (`month must be in 1..12`)."""
    with pytest.raises(ConfigError) as caught:
        load_settings(_with_holidays(app_config, tmp_path, "2026-13-45"))
    assert "support_hours.holidays.0:" in str(caught.value)
    assert "month" in str(caught.value)


def test_holidays_written_as_dates_are_read_as_dates(app_config, tmp_path):
    from datetime import date

    path = _with_holidays(app_config, tmp_path, "2026-12-25", '"2027-01-01"')
    assert load_settings(path).support_hours.holidays == (date(2026, 12, 25), date(2027, 1, 1))
