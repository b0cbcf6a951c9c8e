"""Pydantic's validation errors as the "key: problem" lines our users read."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


def _location(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p.startswith("function-"))]
    return ".".join(parts) or "(top level)"


def problems(error: ValidationError) -> list[str]:
    """One "key.path: what is wrong" per problem, in plain words."""
    lines = []
    for item in error.errors():
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown key (check the spelling)"
        elif item["type"] == "missing":
            message = "required key is missing"
        lines.append(f"{_location(item['loc'])}: {message}")
    return lines
