"""E-mail leaves the request through the task queue; a failed send is retried and never lost."""

from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from velsen_intl import mail as portal_mail
from velsen_intl.mail import send_mail_later


def test_a_queued_message_is_sent_by_the_task(db):
    send_mail_later("Onderwerp", "Tekst", "burger@example.org")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["burger@example.org"]
    assert mail.outbox[0].subject == "Onderwerp"


def test_nothing_is_queued_without_a_recipient(db):
    assert send_mail_later("Onderwerp", "Tekst", []) is None
    assert mail.outbox == []


def test_a_failed_send_is_tried_again_until_it_goes_out(db):
    real_send = portal_mail.send_mail
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionRefusedError("mail server down")
        return real_send(*args, **kwargs)

    with mock.patch.object(portal_mail, "send_mail", side_effect=flaky):
        send_mail_later("Besluit", "Uw aanvraag", ["burger@example.org"])
    assert len(calls) == 3
    assert len(mail.outbox) == 1


@override_settings(MAIL_MAX_ATTEMPTS=3)
def test_after_the_last_attempt_the_message_is_kept(db):
    with mock.patch.object(portal_mail, "send_mail", side_effect=ConnectionRefusedError("down")) as send:
        send_mail_later("Besluit", "Uw aanvraag", ["burger@example.org"])
    assert send.call_count == 3
    assert mail.outbox == []


def test_the_retry_waits_longer_each_time():
    assert [portal_mail.retry_delay(n) for n in (1, 2, 3, 10)] == [60, 120, 240, 3600]


def _reset_task_backends():
    """django-tasks keeps its backends like database connections: forget them when TASKS changes."""
    from asgiref.local import Local
    from django_tasks import task_backends

    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_message_waits_for_the_worker_and_survives_a_failure():
    """The production backend: the message is a row; a failing worker run keeps it (failed) and
    queues the next attempt; the worker sends it once the mail server is back."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=backend):
        _reset_task_backends()
        try:
            with mock.patch.object(portal_mail, "send_mail", side_effect=ConnectionRefusedError("down")):
                send_mail_later("Besluit", "Uw aanvraag", ["burger@example.org"])
                assert mail.outbox == []
                call_command("db_worker", batch=True, no_startup_delay=True, interval=0)
            failed = DBTaskResult.objects.get(status="FAILED")
            assert failed.args_kwargs["args"][:3] == ["Besluit", "Uw aanvraag", ["burger@example.org"]]
            retry = DBTaskResult.objects.get(status="READY")
            assert retry.args_kwargs["args"][4] == 2
            DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # the delay has passed
            call_command("db_worker", batch=True, no_startup_delay=True, interval=0)
            assert len(mail.outbox) == 1
        finally:
            _reset_task_backends()


@pytest.mark.django_db(transaction=True)
@override_settings(MAIL_MAX_ATTEMPTS=2)
def test_a_message_that_failed_every_attempt_can_be_queued_again():
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        _reset_task_backends()
        try:
            with mock.patch.object(portal_mail, "send_mail", side_effect=ConnectionRefusedError("down")):
                send_mail_later("Besluit", "Uw aanvraag", ["burger@example.org"])
                call_command("db_worker", batch=True, no_startup_delay=True, interval=0)
                DBTaskResult.objects.update(run_after=timezone.now())
                call_command("db_worker", batch=True, no_startup_delay=True, interval=0)
            assert DBTaskResult.objects.filter(status="FAILED").count() == 2
            assert mail.outbox == []

            assert portal_mail.resend_failed() == 1
            call_command("db_worker", batch=True, no_startup_delay=True, interval=0)
            assert [m.subject for m in mail.outbox] == ["Besluit"]
            assert portal_mail.resend_failed() == 0
        finally:
            _reset_task_backends()
