"""The result rules: quorum, majority without abstentions, tie and no majority shown as such."""

import pytest

from council import services
from council.models import Question
from tests.council.factories import make_members, make_question, option

pytestmark = pytest.mark.django_db
S = Question.Status


def _vote_and_close(question, civil_servant, ballots):
    """ballots: list of (member, option title or None)."""
    for member, title in ballots:
        services.cast_vote(question, member=member, option=option(question, title) if title else None)
    services.close_voting(question, actor=civil_servant)
    question.refresh_from_db()
    return services.results(question)


@pytest.fixture
def three_way(civil_servant):
    return make_question(civil_servant, status=S.VOTING_OPEN, options=("Optie A", "Optie B", "Optie C"))


def test_results_are_hidden_while_voting_is_open(voting, members):
    services.cast_vote(voting, member=members[0], option=None)
    with pytest.raises(services.ResultsHidden):
        services.results(voting)
    assert services.public_results(voting) is None


def test_an_option_with_more_than_half_of_the_votes_for_options_wins(three_way, civil_servant, members):
    a, b = "Optie A", "Optie B"
    result = _vote_and_close(
        three_way, civil_servant, [(members[0], a), (members[1], a), (members[2], b), (members[3], None)]
    )
    assert result.council_size == 5
    assert (result.ballots, result.abstentions, result.votes_for_options) == (4, 1, 3)
    assert result.quorum_needed == 3 and result.quorum_met
    assert result.majority_needed == 2
    assert result.outcome == result.ADOPTED
    assert result.winner.title == a
    assert [r.votes for r in result.per_option] == [2, 1, 0]
    assert result.turnout_percent == 80
    assert [choice for _member, choice in result.roll_call] == [a, a, b, "Abstain"]


def test_abstentions_do_not_count_for_the_majority(three_way, civil_servant, members):
    # 1 for A, 3 abstain: A has all votes for options (1 of 1), so A is adopted.
    result = _vote_and_close(
        three_way, civil_servant, [(members[0], "Optie A"), (members[1], None), (members[2], None), (members[3], None)]
    )
    assert result.quorum_met
    assert result.outcome == result.ADOPTED and result.winner.title == "Optie A"


def test_a_tie_is_shown_as_a_tie(three_way, civil_servant, members):
    result = _vote_and_close(
        three_way,
        civil_servant,
        [(members[0], "Optie A"), (members[1], "Optie A"), (members[2], "Optie B"), (members[3], "Optie B")],
    )
    assert result.outcome == result.TIE
    assert result.winner is None
    assert not any(r.is_winner for r in result.per_option)
    assert result.outcome_label == "Tie: no option has a majority"


def test_the_most_votes_without_a_majority_is_no_majority(civil_servant):
    members = make_members(7)
    question = make_question(civil_servant, status=S.VOTING_OPEN, options=("Optie A", "Optie B", "Optie C"))
    result = _vote_and_close(
        question,
        civil_servant,
        [
            (members[0], "Optie A"),
            (members[1], "Optie A"),
            (members[2], "Optie A"),
            (members[3], "Optie B"),
            (members[4], "Optie B"),
            (members[5], "Optie C"),
            (members[6], "Optie C"),
        ],
    )
    assert result.majority_needed == 4
    assert result.outcome == result.NO_MAJORITY and result.winner is None


def test_without_quorum_there_is_no_result(three_way, civil_servant, members):
    result = _vote_and_close(three_way, civil_servant, [(members[0], "Optie A"), (members[1], "Optie A")])
    assert result.quorum_needed == 3 and not result.quorum_met
    assert result.outcome == result.NO_QUORUM and result.winner is None


def test_only_abstentions_is_no_majority(three_way, civil_servant, members):
    result = _vote_and_close(three_way, civil_servant, [(m, None) for m in members[:3]])
    assert result.quorum_met and result.votes_for_options == 0
    assert result.outcome == result.NO_MAJORITY


def test_a_question_can_ask_for_a_two_thirds_majority(civil_servant, members):
    question = make_question(civil_servant, status=S.VOTING_OPEN, majority_percent=66)
    result = _vote_and_close(
        question, civil_servant, [(members[0], "Optie A"), (members[1], "Optie A"), (members[2], "Optie B")]
    )
    # 2 of 3 is 66.7%: more than 66%, so adopted; needed = floor(66 * 3 / 100) + 1 = 2.
    assert result.majority_needed == 2 and result.outcome == result.ADOPTED


def test_interest_declarations_are_part_of_the_result(three_way, civil_servant, members):
    services.declare_interest(three_way, member=members[4], reason="Bestuurslid stichting")
    result = _vote_and_close(three_way, civil_servant, [(m, "Optie A") for m in members[:3]])
    assert [d.member for d in result.interests] == [members[4]]


def test_more_than():
    assert services.more_than(50, 5) == 3
    assert services.more_than(50, 4) == 3
    assert services.more_than(50, 0) == 1
    assert services.more_than(0, 4) == 1
