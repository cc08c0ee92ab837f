"""A council member's pages: my open questions, voting (and changing the vote), arguments and
declaring an interest. Only council members get in."""

import pytest
from django.urls import reverse

from council import services
from council.models import InterestDeclaration, Question, Vote
from tests.council.factories import make_question, option

pytestmark = pytest.mark.django_db
S = Question.Status


# --- three doors ----------------------------------------------------------------------------------


def test_my_questions_sends_anonymous_visitors_to_the_login(client):
    response = client.get(reverse("council:my_questions"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_my_questions_is_forbidden_for_other_roles(citizen_client, civil_servant_client):
    assert citizen_client.get(reverse("council:my_questions")).status_code == 403
    assert civil_servant_client.get(reverse("council:my_questions")).status_code == 403


def test_my_questions_lists_open_questions_and_my_votes(council_client, council_member, voting, published, draft):
    services.cast_vote(voting, member=council_member, option=option(voting, "Optie B"))
    response = council_client.get(reverse("council:my_questions"))
    assert response.status_code == 200
    listed = {q.pk: q for q in response.context["open_questions"]}
    assert set(listed) == {voting.pk, published.pk}
    assert listed[voting.pk].my_vote.option.title == "Optie B"
    assert draft.pk not in listed


def test_voting_doors(client, citizen_client, civil_servant_client, voting):
    url = reverse("council:vote", args=[voting.pk])
    assert client.post(url, {"choice": "abstain"}).status_code == 302
    assert "/accounts/login/" in client.post(url, {"choice": "abstain"}).url
    assert citizen_client.post(url, {"choice": "abstain"}).status_code == 403
    assert civil_servant_client.post(url, {"choice": "abstain"}).status_code == 403
    assert not Vote.objects.exists()


def test_a_vote_on_a_missing_question_is_404(council_client):
    assert council_client.post(reverse("council:vote", args=[999]), {"choice": "abstain"}).status_code == 404


# --- voting ----------------------------------------------------------------------------------------


def test_a_member_votes_and_changes_the_vote(council_client, council_member, voting):
    url = reverse("council:vote", args=[voting.pk])
    a, b = option(voting, "Optie A"), option(voting, "Optie B")
    response = council_client.post(url, {"choice": str(a.pk)})
    assert response.status_code == 302
    assert Vote.objects.get(member=council_member).option == a
    council_client.post(url, {"choice": str(b.pk)})
    vote = Vote.objects.get(member=council_member)
    assert vote.option == b and vote.changes.count() == 2
    detail = council_client.get(reverse("council:question_detail", args=[voting.pk]))
    assert detail.context["own_vote"].option == b
    assert detail.context["vote_form"].initial == {"choice": str(b.pk)}


def test_a_double_submit_records_one_vote(council_client, council_member, voting):
    url = reverse("council:vote", args=[voting.pk])
    a = option(voting, "Optie A")
    council_client.post(url, {"choice": str(a.pk)})
    council_client.post(url, {"choice": str(a.pk)})
    assert Vote.objects.filter(member=council_member).count() == 1


def test_voting_without_a_choice_shows_the_error_and_keeps_the_page(council_client, voting):
    response = council_client.post(reverse("council:vote", args=[voting.pk]), {})
    assert response.status_code == 400
    content = response.content.decode()
    assert "error-summary" in content
    assert not Vote.objects.exists()


def test_a_vote_after_closing_is_refused_with_the_reason(council_client, council_member, voting, civil_servant):
    services.close_voting(voting, actor=civil_servant)
    response = council_client.post(
        reverse("council:vote", args=[voting.pk]), {"choice": str(option(voting, "Optie A").pk)}, follow=True
    )
    assert not Vote.objects.exists()
    assert "not open" in response.content.decode() or "niet open" in response.content.decode()


def test_the_vote_form_offers_every_option_and_abstain(council_client, voting):
    response = council_client.get(reverse("council:question_detail", args=[voting.pk]))
    choices = [value for value, _label in response.context["vote_form"].fields["choice"].choices]
    assert choices == [str(o.pk) for o in voting.options.all()] + ["abstain"]


# --- arguments and interest --------------------------------------------------------------------------


def test_a_member_posts_an_argument(council_client, council_member, published):
    a = option(published, "Optie A")
    form = council_client.get(reverse("council:question_detail", args=[published.pk])).context["argument_form"]
    key = str(form["idempotency_key"].value())
    data = {"option": a.pk, "stance": "for", "text": "Dit levert banen op", "idempotency_key": key}
    council_client.post(reverse("council:post_argument", args=[published.pk]), data)
    council_client.post(reverse("council:post_argument", args=[published.pk]), data)
    assert published.arguments.get().text == "Dit levert banen op"


def test_an_empty_argument_is_refused_with_a_field_error(council_client, published):
    import uuid

    response = council_client.post(
        reverse("council:post_argument", args=[published.pk]),
        {"option": option(published, "Optie A").pk, "stance": "for", "text": "", "idempotency_key": str(uuid.uuid4())},
    )
    assert response.status_code == 400
    assert response.context["argument_form"].errors["text"]


def test_a_member_declares_an_interest_and_then_cannot_vote(council_client, council_member, voting):
    url = reverse("council:declare_interest", args=[voting.pk])
    assert council_client.get(url).status_code == 200
    response = council_client.post(url, {"reason": "Ik ben bestuurslid van de stichting"})
    assert response.status_code == 302
    assert InterestDeclaration.objects.get(member=council_member).reason.startswith("Ik ben")
    detail = council_client.get(reverse("council:question_detail", args=[voting.pk]))
    assert "vote_form" not in detail.context
    council_client.post(reverse("council:vote", args=[voting.pk]), {"choice": "abstain"})
    assert not Vote.objects.exists()


def test_declaring_interest_needs_a_reason(council_client, voting):
    response = council_client.post(reverse("council:declare_interest", args=[voting.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_the_member_pages_stay_within_the_query_budget(
    council_client, council_member, civil_servant, django_assert_max_num_queries
):
    for n in range(4):
        question = make_question(civil_servant, title=f"Vraag {n}", status=S.VOTING_OPEN)
        services.cast_vote(question, member=council_member, option=question.options.first())
    with django_assert_max_num_queries(12):
        assert council_client.get(reverse("council:my_questions")).status_code == 200
    with django_assert_max_num_queries(12):
        assert council_client.get(reverse("council:question_detail", args=[question.pk])).status_code == 200
