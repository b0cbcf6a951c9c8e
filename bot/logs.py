"""Logging set-up: readable lines at a terminal, JSON lines for a log pipeline, never a secret.

`LOG_FORMAT=json` writes one JSON object per line (time, level, logger, message, and the
exception when there is one); `LOG_LEVEL` picks the level. Slack tokens, Stripe keys and
webhook secrets, signing secrets and database passwords are masked in every record, whatever
the format, because a log line that quotes a failing URL or request must not hand out
credentials.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from datetime import UTC, datetime

_SECRETS = re.compile(
    r"(xox[abeposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+"  # Slack tokens (xoxe-: OAuth refresh)
    r"|\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9+/]+"  # Stripe keys, secrets
    r"|(?<=://)[^:/@\s]+:[^@/\s]+(?=@)"  # user:password in a database URL
    r"|(?i:signing_secret|secret|password|token)[\"']?\s*[=:]\s*[\"']?[^\s,\"'}&]+)"
)


def redact(text: str) -> str:
    return _SECRETS.sub(lambda m: _mask(m.group(0)), text)


def _mask(found: str) -> str:
    for separator in ("=", ":"):
        if separator in found and not found.startswith(("xox", "xapp")):
            key, _, _ = found.partition(separator)
            return f"{key}{separator}***"
    return found[:5] + "***"


class RedactingFilter(logging.Filter):
    """Masks secrets in the message and in the exception text of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_text or record.exc_info:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
FORMATS = ("text", "json")
# What `logging` itself accepts besides the five names.
LEVEL_ALIASES = {"WARN": "WARNING", "FATAL": "CRITICAL"}


class LogSettingError(ValueError):
    """LOG_LEVEL or LOG_FORMAT holds a value we cannot use; the message names the variable."""


def _setting(
    name: str, default: str, allowed: tuple[str, ...], aliases: dict[str, str] | None = None
) -> str:
    """The variable's value, checked: a typo must stop start-up with its name, not with a
    traceback from deep inside `logging`, nor fall back silently to another level."""
    value = os.environ.get(name, "").strip() or default
    for known in allowed:
        if value.lower() == known.lower():
            return known
    if aliases and value.upper() in aliases:
        return aliases[value.upper()]
    raise LogSettingError(f"{name}={value!r} is not one of {', '.join(allowed)}")


def configure() -> None:
    """Send every record to standard error, masked, as text or JSON; raises `LogSettingError`
    for a LOG_LEVEL or LOG_FORMAT we do not know."""
    level = _setting("LOG_LEVEL", "INFO", LEVELS, LEVEL_ALIASES)
    log_format = _setting("LOG_FORMAT", "text", FORMATS)
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations are routine, not news
    logging.getLogger("stripe").setLevel(logging.WARNING)  # a line per API call: ours say more
