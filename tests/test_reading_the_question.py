# ruff: noqa: F811  (the `world` fixture of tests/test_desk_core.py, taken as an argument)
"""A message is more than its question: a complaint, a story or a sign-off around it dilutes the
words that ask. When no article answers the whole message, the sentences that ask are read on
their own; what they cannot carry alone (a bare "how do i get back in?") is not read alone."""

from __future__ import annotations

import time

import pytest

from bot.billing.results import Actor
from bot.conversation import Incoming, Place, Surface, Where
from bot.conversation.commands import is_question
from bot.conversation.feedback import gaps
from bot.knowledge.text import asking_sentences, clauses, letter_body, split_sentences
from tests.test_desk_core import said, world  # noqa: F401  (the fixture, used as an argument)


def test_the_sentence_that_asks_is_found_among_the_others():
    message = (
        "opened a ticket at 7pm and heard nothing until this morning. not thrilled. "
        "what hours is your support team actually around?"
    )
    assert asking_sentences(message) == ["what hours is your support team actually around?"]


def test_a_message_of_one_sentence_is_read_whole():
    assert asking_sentences("what hours is your support team around?") == []


@pytest.mark.parametrize(
    "message",
    [
        "my password reset mail never came. how do i get back in??",  # nothing but "back"
        "sync is down again. can you open a ticket for me?",  # asks for something to be done
        "we love the product. please upgrade us to premium.",
    ],
)
def test_bare_or_requesting_sentences_are_not_read_alone(message):
    assert asking_sentences(message) == []


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        (
            "Our director prefers calling. Kindly share the contact number for the phone line.",
            "Kindly share the contact number for the phone line.",
        ),
        (
            "We review every subscription this quarter. Could you please confirm whether it "
            "renews on its own?",
            "Could you please confirm whether it renews on its own?",
        ),
    ],
)
def test_a_request_to_be_told_asks_as_a_question_does(message, asks):
    assert asking_sentences(message) == [asks]


def test_a_complaint_before_the_question_does_not_hide_it(knowledge):
    answer = knowledge.answer(
        "so our orders stopped syncing at 9pm and nobody answered anything until the next "
        "morning, really not happy about it. anyway what hours is ur support team around"
    )
    assert answer.answered and "pacific" in answer.text.lower()
    assert answer.sources[0].section == "Support hours"


def test_a_story_too_long_to_answer_whole_is_answered_by_its_asking_sentence(knowledge):
    answer = knowledge.answer(
        "we had a rough night: amazon orders stuck, labels not printing, trucks waiting at the "
        "dock, the night shift lead called twice. what hours is your support team around?"
    )
    assert answer.answered and "pacific" in answer.text.lower()
    assert answer.focused  # the whole message alone is too diluted to be answered


@pytest.mark.parametrize(
    "message",
    [
        "is support open on saturdays? black friday weekend is coming and we ALWAYS have "
        "issues on weekends",
        "any discount if we sign a 3 year premium contract upfront? or nonprofit discount, "
        "we're a charity shop",
    ],
)
def test_a_message_out_of_scope_as_a_whole_is_not_answered_by_one_of_its_sentences(
    knowledge, message
):
    """Its first sentence alone reads as opening hours, or the contract's terms; the whole
    message, closer to what the articles don't answer, is about weekends and discounts."""
    assert not knowledge.answer(message).answered


def test_a_question_the_articles_do_not_answer_stays_unanswered_when_read_alone(knowledge):
    answer = knowledge.answer(
        "our it team wants every new tool behind okta before the audit. do you support sso "
        "with okta or azure ad?"
    )
    assert not answer.answered


def test_a_request_for_a_person_around_an_answerable_sentence_reaches_a_person(
    shipped_services,
):
    """The sentence "who do I talk to about support?" has an article, but the message asks for
    a person: read from one sentence, the answer gives way to the request."""
    turn = shipped_services.conversation.handle(
        Incoming(
            "labels have not printed for half our orders since noon and the warehouse is "
            "stuck. get me a real person from your support team?",
            Actor.slack("U0NEW", "T0NEW"),
            Place("D0NEW", True),
            Surface.DM,
            ts="1.1",
        )
    )
    assert turn.decision.kind == "handoff" and turn.decision.team == "support"


def _dm(shipped_services, text: str, n: int = 0):
    return shipped_services.conversation.handle(
        Incoming(text, Actor.slack("U0NEW", "T0NEW"), Place(f"D0NEW{n}", True), Surface.DM,
                 ts=f"{n}.2")
    )


@pytest.mark.parametrize(
    "message",
    [
        "hi all 👋 how would we go about stopping premium",
        "hi all :wave: how would we go about stopping premium",
    ],
)
def test_an_emoji_ends_a_sentence_so_the_question_after_it_is_a_question(message):
    assert is_question(message)


def test_why_with_its_verb_asks_without_a_question_mark(shipped_services):
    """An unpunctuated complaint that asks why was read as an order for the tier it names,
    and quoted an upgrade."""
    text = (
        "we got charged again for premium support i thought it was a one time thing why did "
        "this happen nobody told us"
    )
    assert is_question(text)
    assert _dm(shipped_services, text, 7).decision.kind != "action"
    assert not is_question("upgrade us to premium, that is why we are here")


def test_a_call_for_a_person_after_a_comma_is_heard(shipped_services):
    text = "the stock feed to amazon has been frozen since this morning, i need an actual person "
    turn = _dm(shipped_services, text + "from support to look at it", 1)
    assert turn.decision.kind == "handoff" and turn.decision.team == "support"


def test_a_clause_that_tells_a_story_does_not_outweigh_the_question_it_comes_with(shipped_services):
    """ "opened a ticket" is close to "open a ticket for me", but the message asks when a reply
    comes: the article answers it, and no second ticket is opened."""
    text = "we opened a ticket this morning, we are on premium. how soon should we expect "
    turn = _dm(shipped_services, text + "somebody to reply to it", 2)
    assert turn.decision.kind == "answer"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Dear Sir or Madam,\n\nWhat does Premium cost?\n\nKind regards,\nJ. Fischer\nLogistik",
         "Dear Sir or Madam,\n\nWhat does Premium cost?"),
        ("Hi,  Could you confirm the cost? We need it by Friday.  Thanks, Dana Whitfield Finance",
         "Hi,  Could you confirm the cost? We need it by Friday."),
        ("cancel premium. thanks", "cancel premium."),
        ("thanks!", "thanks!"),
        ("Thanks, what are your hours?", "Thanks, what are your hours?"),
        ("best way to reach you?", "best way to reach you?"),
    ],
)
def test_a_letters_sign_off_is_set_aside(text, body):
    """A name and a title under "Kind regards" are words no article has; the salutation stays
    ("Dear Support Team" says what the letter is about). A message that is only a thank-you
    stays what it is."""
    assert letter_body(text) == body


def test_a_formal_email_asking_the_price_is_answered(shipped_services):
    text = (
        "Hi,\n\nOur procurement team is reviewing vendor spend for next year. Could you confirm "
        "the cost of Premium Support for a merchant account, and whether that is billed monthly "
        "or annually? We need this for the budget spreadsheet by Friday.\n\nThanks,\nDana "
        "Whitfield\nFinance & Procurement"
    )
    turn = _dm(shipped_services, text, 3)
    assert turn.decision.kind == "answer" and "$399" in turn.replies[0].text


# -- what a message's pieces must not do ---------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["a" + " " * 40_000 + "b", "cancel our plan" + "\t" * 40_000 + "- now",
             "ok 🎉" + " " * 40_000 + "go"],
)  # fmt: skip
def test_a_message_padded_with_spaces_is_read_in_one_pass(text):
    """Regexes that start on optional space read a run of 40,000 spaces once per space (seconds
    of CPU holding the interpreter, every Slack ack waiting). Each piece of a message is found
    in one pass."""
    started = time.perf_counter()
    for read in (split_sentences, clauses, is_question):
        read(text)
    assert time.perf_counter() - started < 1.0


def test_an_endless_message_is_split_only_as_far_as_it_is_read():
    text = " ".join(f"why is order {n} stuck in the warehouse queue?" for n in range(850))
    assert len(asking_sentences(text)) <= 12 and len(clauses(text)) <= 12


@pytest.mark.parametrize(
    "text",
    ["cancel our plan https://app.cartrover.com/billing?tab=plan",
     "cancel our plan <https://app.cartrover.com/billing?tab=plan|billing>"],
)  # fmt: skip
def test_a_link_with_a_query_string_does_not_make_a_request_a_question(text):
    assert not is_question(text), split_sentences(text)


@pytest.mark.parametrize(
    "text",
    [
        "ok how do i upgrade to premium myself, clicked through every settings page",
        "hey bot quick question what's the turnaround time on tickets",
        "trying to sign up for premium, do i need a credit card on file first",
        "Kindly tell me the support timings. We are in IST",
    ],
)
def test_a_question_after_an_opener_or_in_a_later_clause_is_a_question(text):
    assert is_question(text)


@pytest.mark.parametrize(
    "text", ["cancel premium, do it now", "upgrade us to premium, we need the phone line"]
)
def test_a_request_with_a_later_clause_stays_a_request(text):
    assert not is_question(text)


@pytest.mark.parametrize("text", ["thanks ❤️ what time do you close", "hi 👋🏽 how do we cancel"])
def test_an_emoji_with_its_modifiers_ends_a_sentence(text):
    assert is_question(text), split_sentences(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we're good to go. upgrade us to premium, card is already on file", "action:upgrade"),
        # (the learned odds doubt the story before the order, but its closing ask names the
        # plan and is weighed on its own: unsure_orders.py)
        ("i spoke with a person on your team yesterday and they said to do it here. please "
         "cancel our premium", "action:cancel"),
        ("stop premium from renewing, see https://app.cartrover.com/billing?tab=plan",
         "action:cancel"),
    ],
)  # fmt: skip
def test_a_request_of_the_whole_message_beats_what_one_clause_resembles(
    request_world, text, expected
):
    """A clause that tells ("card is already on file", "i spoke with a person") is no
    question about the card and no call for a person; a link is no sentence end. (Each on an
    account the change would change: an upgrade on Standard, a cancel on Premium.)"""
    state = "standard" if expected == "action:upgrade" else "premium"
    label, _ = request_world.decide(text, state, 0)
    assert label == expected


# -- problem reports ----------------------------------------------------------------------------


def test_a_problem_no_article_answers_goes_to_support_with_a_ticket(world):
    make, _ = world
    talk = make().conversation
    turn = talk.handle(said("since the update every order we import shows an error and the "
                            "labels are wrong", channel="D0PAT"))  # fmt: skip
    assert turn.decision.label == "handoff:support"
    assert any(r.where is Where.STAFF for r in turn.replies)  # the ticket, for the team


@pytest.mark.parametrize(
    "text",
    ["nothing is wrong, just checking in", "not urgent, just curious", "all fixed, thanks",
     "oops wrong thread", "how do i mark a ticket as urgent"],
)  # fmt: skip
def test_saying_nothing_is_wrong_or_asking_how_opens_no_ticket(world, text):
    make, _ = world
    talk = make().conversation
    turn = talk.handle(said(text, channel="D0PAT"))
    assert turn.decision.kind != "handoff" and talk.desk.list() == []


def test_an_unaddressed_problem_in_an_always_channel_offers_a_person_and_is_a_gap(world):
    """Nobody mentioned the bot: it answers as it answers any unanswered message there (a
    person one click away) rather than opening a ticket by itself; the message is a gap."""
    make, _ = world
    talk = make().conversation
    turn = talk.handle(said("since the update every order we import shows an error",
                            channel="C0PRIV", name="private"))  # fmt: skip
    assert turn.decision.kind == "decline" and talk.desk.list() == []
    assert turn.replies[0].buttons[0].action == "handoff_request"
    mentioned = talk.handle(said("since the update every label we print shows an error",
                                 channel="C0PRIV", name="private", mentioned=True))  # fmt: skip
    assert mentioned.decision.label == "handoff:support"
    assert any("every label we print" in g.question for g in gaps(talk.engine))


def test_a_problem_an_article_answers_is_answered(world):
    make, _ = world
    talk = make().conversation
    turn = talk.handle(said("the change support tier button is missing for me", channel="D0PAT"))
    assert turn.decision.kind == "answer"


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("our finance team wants last year's invoices, where would they find them", True),
        ("can we move between tiers whenever we like", True),
        ("can the account owner hand billing rights to others", True),
        ("can we get premium set up today", False),  # a request, however it is put
        ("can we cancel premium please", False),
        ("cancel our plan, which we no longer need", False),
        ("sign us up for premium, when you get a chance", False),
        ("so now that we cancelled, what date does it run out", True),
        ("wondering if <@U0SAM> could get billing access", True),
        ("<@U0SAM> needs billing access to see invoices, right", True),
        ("can <@U0SAM> get billing access", True),
        ("cancel our plan, thanks", False),
        ("can you cancel our plan", False),
        ("on what date does our premium end now that we cancelled it", True),
        ("until when is support open today", True),
        ("for what it's worth, cancel premium", False),
        ("we are merchant, premium please. do it", False),
        ("do it for us please", False),
        ("finance signed off on the budget so can you move us to premium today?", False),
        ("we looked at premium and can you explain what it includes?", True),
    ],
)
def test_a_question_is_seen_in_its_last_clause_and_in_can_we(text, asks):
    assert is_question(text) is asks


@pytest.mark.parametrize(
    "text",
    [
        "Dear team," + "\n" * 40_000 + "what are your hours? Thanks,",
        "premium pls " + "<" * 40_000,
        "go premium" + " " * 40_000 + "now",
        "<@U0SAM> needs " + "access " * 5_000,
        "can we keep premium? " + "reverse the cancel, " * 2_000,
        "." * 40_000 + " thanks",
        "premium " * 5_000,
        "<@U0" * 10_000,
        # a sign-off word, then one long word that no name can end: each way of splitting the
        # word into names was tried (2^n: these 22 letters took 4 s)
        "What are your hours? Thanks Abcdefghijklmnopqrstuv ok?",
        # found by helper-49's audit of every pattern (2026-12-06): an address's domain split
        # from a run of dots at every colon, spaces split three ways, a mention's name read to
        # the end from every "<@U0|", optional words between optional spaces
        "link me a@" + "." * 4_000 + "x",
        ":" * 64 + "@" + "." * 500 + "x",
        "don't cancel, we" + " " * 8_000 + "x",
        "<@U0|" * 8_000,
        "cancel our plan, right" + " " * 1_900 + "x",
        "let premium" + " " * 1_900 + "x",
        "a-" * 20_000,
        # helper-58's review: the renewal reading's look-back, a lead clause per comma
        "x" + "," * 39_000 + "x stop the renewal",
        "x stop the renewal " * 2_000,
        "a, " * 13_000 + "premium pls",
        # helper-85's review: a tier's description around a run of spaces (95 s), another
        # language's look-ahead over one long word (42 s)
        "we want the one" + " " * 40_000 + "x",
        "we want the 4" + "\t" * 10_000 + "x",
        "why? " * 8_000 + "ok cancel it",
        # an order withdrawn ("… no wait"), or refused beside a question, said thousands of times
        "cancel it" + ", no wait" * 8_000,
        "no. " * 10_000 + "when is the renewal?",
        # helper-185's review: an order's verb, then a run of line breaks before a "no"
        "cancel" + "\r" * 40_000 + " no",
        # session 18's own check: a mark's look-back over a run of line breaks or spaces
        "\n" * 40_000 + "cancel premium 👎",
        " " * 40_000 + "[ ] upgrade to premium??",
        # helper-198's review of session 19: a logged item's status after a run of no-break
        # spaces (197 s), "go ahead and" said thousands of times, a "so" after a run of them
        "cancel premium please\n- cancel premium:" + "\u00a0" * 40_000 + "x",
        "yeah go ahead and add " * 1_818,
        "\u00a0" * 40_000 + "so cancel premium",
        # (session 19's own check: a purpose's look-back over a run of commas, a resumption
        # alone over a run of spaces)
        "please upgrade us to premium" + "," * 40_000 + " so we can call",
        "please resume it" + " " * 40_000,
        # helper-201's review: a few words' laugh after a run of stops (12 s), a scan for a
        # charge after every "cancel it"
        "." * 40_000 + " upgrade lol",
        "," * 40_000 + " a b c d e f g h i j",
        "cancel it, let it run out " * 1_500,
    ],
)
def test_a_hostile_message_is_read_by_the_whole_core_in_one_pass(shipped_services, text):
    """Each step of reading (a letter's sign-off, an email address to link, an order naming a
    tier, a colleague's access, undoing a cancellation) looks at a 40,000-character message
    once, not once per character or per tier name; the asker is answered in well under 3 s.
    (The bound catches a pass per character, which took 4 to 95 s; a linear read of 40,000
    characters takes about 1 s here, 1.7 s on a loaded 2-core machine, 2026-12-07.)"""
    started = time.perf_counter()
    turn = _dm(shipped_services, text, 9)
    assert turn.replies
    assert time.perf_counter() - started < 2.5


@pytest.mark.parametrize(
    "text",
    [
        # helper-191's review of session 18: a colleague's "can" after every comma (the first
        # draft took minutes), an edit note repeated 6,000 times. Both are read in one pass, but
        # a heavy one: about 2.5 s on a loaded 2-core machine, the session's start alike.
        "Could we move up to Premium support" + "," * 40_000,
        "cancel premium (edit " * 6_000,
    ],
)
def test_a_hostile_message_of_repeated_clauses_is_still_read_in_one_pass(shipped_services, text):
    """A pattern that looks back over each comma or note again would take minutes here."""
    started = time.perf_counter()
    turn = _dm(shipped_services, text, 9)
    assert turn.replies
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("we cancelled premium, will we still get charged at renewal? pls confirm", True),
        ("does it renew on its own? confirm pls", True),
        # after an order, "please confirm" asks for the doing, a polite one with "?" too
        ("Dear Sir or Madam, we hereby cancel our Premium Support. Please confirm.", False),
        ("Could you cancel our premium plan? Please confirm.", False),
    ],
)
def test_please_confirm_after_a_question_asks_for_the_answer(message, asks):
    assert is_question(message) is asks
