"""Alembic migrations, oldest first. Each revision keeps its id, so existing databases upgrade."""
