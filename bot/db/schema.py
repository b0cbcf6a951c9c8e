"""The one MetaData every table belongs to (the tables themselves live with the package that
owns them: bot/db/billing.py, bot/db/conversation.py, bot/db/requests.py)."""

from sqlalchemy import MetaData

metadata = MetaData()
