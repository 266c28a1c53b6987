"""Background work for learning, through Django's tasks API. Each part keeps its tasks in a module
of its own; they are named here so that `learning.tasks` lists them all."""

from learning.bulletin_tasks import retry_bulletin_emails, send_bulletin_emails  # noqa: F401
