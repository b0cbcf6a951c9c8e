"""Public holidays by country and region, from the `holidays` package: a vendor names its country
(and region) once in app.yaml instead of typing next year's dates every year.

Read here only, so app.yaml's checks and the support hours agree on what a country code means.
"""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import UTC, date, datetime

import holidays


def check_place(country: str | None, region: str | None) -> None:
    """Raise ValueError naming the key when app.yaml's country or region is not known."""
    if region and not country:
        raise ValueError("holidays_region needs holidays_country")
    if not country:
        return
    try:
        holidays.country_holidays(country)
    except NotImplementedError as exc:
        raise ValueError(
            f"unknown holidays_country {country!r} (use an ISO code like US or DE)"
        ) from exc
    try:
        holidays.country_holidays(country, subdiv=region)
    except NotImplementedError as exc:
        raise ValueError(f"unknown holidays_region {region!r} of {country}") from exc


def public_holidays(
    country: str | None, region: str | None
) -> tuple[Container[date] | None, str | None]:
    """The country's (and region's) public holidays as a set-like calendar that fills in any
    year asked about, and the place in words ("Berlin, Germany"); (None, None) without one."""
    if not country:
        return None, None
    this_year = datetime.now(UTC).year
    calendar = holidays.country_holidays(
        country, subdiv=region, years=range(this_year - 1, this_year + 3)
    )
    name = next(
        (n for n, code, *_ in holidays.registry.COUNTRIES.values() if code == calendar.country),
        calendar.country,
    )
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)  # UnitedStates -> United States
    if not region:
        return calendar, name
    aliases = getattr(calendar, "subdivisions_aliases", {}) or {}
    place = next((a for a, code in aliases.items() if code == calendar.subdiv), region)
    return calendar, f"{place}, {name}"
