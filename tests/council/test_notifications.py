"""Council members are e-mailed when voting opens and reminded a day before it closes."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from council import services
from council.models import Question, VoteReminder
from tests.council.factories import make_question

pytestmark = pytest.mark.django_db
S = Question.Status


def _closing_in(question, hours):
    Question.objects.filter(pk=question.pk).update(voting_ends_at=timezone.now() + timezone.timedelta(hours=hours))


def test_opening_voting_mails_every_council_member(
    published, civil_servant, members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.open_voting(published, actor=civil_servant, ends_at=timezone.now() + timezone.timedelta(days=2))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    assert published.title in mail.outbox[0].subject
    assert f"/council/{published.pk}/" in mail.outbox[0].body


def test_the_voting_mail_links_to_the_portal(published, civil_servant, members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.open_voting(
            published,
            actor=civil_servant,
            ends_at=timezone.now() + timezone.timedelta(days=2),
            base_url="https://internationaal.velsen.example/",
        )
    assert f"https://internationaal.velsen.example/council/{published.pk}/" in mail.outbox[0].body
    assert "Beste raadslid" in mail.outbox[0].body  # council members are mailed in Dutch


def test_the_reminder_goes_to_members_who_have_not_voted(voting, members):
    services.cast_vote(voting, member=members[0], option=None)
    services.declare_interest(voting, member=members[1], reason="Belang")
    _closing_in(voting, 12)
    mail.outbox.clear()
    call_command("send_vote_reminders", stdout=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members[2:])
    assert VoteReminder.objects.count() == 3


def test_reminders_are_never_sent_twice(voting, members):
    _closing_in(voting, 12)
    mail.outbox.clear()
    call_command("send_vote_reminders", stdout=StringIO())
    call_command("send_vote_reminders", stdout=StringIO())
    assert len(mail.outbox) == len(members)


def test_no_reminder_when_closing_is_more_than_a_day_away(voting, members):
    _closing_in(voting, 30)
    mail.outbox.clear()
    assert services.send_vote_reminders() == []
    assert mail.outbox == []


def test_the_dry_run_lists_but_neither_sends_nor_records(voting, members):

    _closing_in(voting, 2)
    mail.outbox.clear()
    out = StringIO()
    call_command("send_vote_reminders", "--dry-run", stdout=out)
    assert "dry run" in out.getvalue() and members[0].email in out.getvalue()
    assert mail.outbox == [] and not VoteReminder.objects.exists()


def test_close_due_votes_command(civil_servant, members):

    question = make_question(civil_servant, status=S.VOTING_OPEN)
    Question.objects.filter(pk=question.pk).update(
        voting_starts_at=timezone.now() - timezone.timedelta(days=1),
        voting_ends_at=timezone.now() - timezone.timedelta(seconds=5),
    )
    out = StringIO()
    call_command("close_due_votes", "--dry-run", stdout=out)
    assert Question.objects.get(pk=question.pk).status == S.VOTING_OPEN
    call_command("close_due_votes", stdout=out)
    assert Question.objects.get(pk=question.pk).status == S.VOTING_CLOSED
    assert "1 question(s)" in out.getvalue()


def test_a_failed_reminder_mail_is_tried_again_on_the_next_run(voting, members, monkeypatch):
    _closing_in(voting, 6)
    mail.outbox.clear()
    real = services._mail_members

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(services, "_mail_members", broken)
    with pytest.raises(ConnectionError):
        services.send_vote_reminders()
    assert not VoteReminder.objects.exists()
    monkeypatch.setattr(services, "_mail_members", real)
    assert len(services.send_vote_reminders()) == len(members)
    assert len(mail.outbox) == len(members)
