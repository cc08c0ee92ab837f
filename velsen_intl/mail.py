"""E-mail leaves the request through the task queue (django-tasks, database backend).

`send_mail_later(subject, body, to)` stores the message as a task row in the same transaction as
the change that caused it, so a rolled-back change sends nothing and a committed one is never lost.
The worker (`manage.py db_worker`, see docs/deploy.md) sends it. A failed send is enqueued again
with a growing delay, up to MAIL_MAX_ATTEMPTS; every failed attempt stays in the queue's table as a
failed task with the whole message in its arguments, so nothing is ever lost.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def _recipients(to):
    return [to] if isinstance(to, str) else [address for address in to if address]


def retry_delay(attempt):
    """Seconds to wait before the next attempt: 1, 2, 4, ... minutes, at most one hour."""
    return min(60 * 2 ** (attempt - 1), 3600)


def _enqueue(subject, body, to, from_email, attempt):
    queued = deliver_mail
    if attempt > 1 and queued.get_backend().supports_defer:
        queued = queued.using(run_after=timezone.now() + datetime.timedelta(seconds=retry_delay(attempt - 1)))
    return queued.enqueue(subject, body, to, from_email, attempt)


@task()
def deliver_mail(subject, body, to, from_email, attempt=1):
    """The task: send one message; on failure enqueue the next attempt, then fail this one (kept)."""
    try:
        send_mail(subject, body, from_email, to, fail_silently=False)
    except Exception:
        if attempt < settings.MAIL_MAX_ATTEMPTS:
            logger.warning("Sending %r to %s failed (attempt %s); retrying later", subject, to, attempt)
            _enqueue(subject, body, to, from_email, attempt + 1)
        else:
            logger.error("Sending %r to %s failed %s times; kept as a failed task", subject, to, attempt)
        raise


def send_mail_later(subject, body, to, from_email=None):
    """Queue an e-mail (to: one address or a list). Returns the task result, or None without recipients."""
    recipients = _recipients(to)
    if not recipients:
        return None
    return _enqueue(str(subject), str(body), recipients, from_email or settings.DEFAULT_FROM_EMAIL, 1)


def resend_failed():
    """Queue again every message whose last attempt failed (after the mail server is fixed).

    Each such message is enqueued afresh and its failed row removed in one transaction, so it is in
    the queue exactly once. Returns how many were queued again."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    path = f"{deliver_mail.func.__module__}.{deliver_mail.func.__qualname__}"
    count = 0
    with transaction.atomic():
        for result in DBTaskResult.objects.select_for_update().filter(status="FAILED", task_path=path):
            subject, body, to, from_email, attempt = result.args_kwargs["args"]
            if attempt < settings.MAIL_MAX_ATTEMPTS:
                continue  # a later attempt was queued for this one already
            _enqueue(subject, body, to, from_email, 1)
            result.delete()
            count += 1
    return count
