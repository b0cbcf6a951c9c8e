"""Money as integer cents, and how customers read it.

Amounts are never floats anywhere in supportbot: a price is the integer number of cents that the
billing service charges, and this module only turns it into words.
"""

from __future__ import annotations

_SYMBOLS = {"USD": "$", "CAD": "CA$", "AUD": "A$", "EUR": "€", "GBP": "£"}


def format_cents(cents: int, currency: str = "USD") -> str:
    """39900 -> "$399", 119950 -> "$1,199.50"; whole amounts drop the cents."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("money is integer cents")
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    amount = f"{dollars:,}" if rest == 0 else f"{dollars:,}.{rest:02d}"
    symbol = _SYMBOLS.get(currency)
    return f"{sign}{symbol}{amount}" if symbol else f"{sign}{amount} {currency}"
