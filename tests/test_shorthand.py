"""Messages as customers type them in Slack read as the words meant (bot/conversation/shorthand.py)
and the eighth session's readings of a fresh blind request batch (43, helper-99): emphasis,
shorthand, a non-native perfect, an emoji after a word, a request clause of one verb. Each
reading is checked beside what must still change nothing."""

from __future__ import annotations

import pytest

from bot.conversation.shorthand import spelled_out
from tests.conftest import assert_label, decision_in_dm


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("_un-cancel_ our premium pls", "un-cancel our premium please"),
        ("we *really* need it", "we really need it"),
        ("can <@U07TB3RW1XA> get billing perms?", "can <@U07TB3RW1XA> get billing permissions?"),
        ("we agreed, go ahead n move us", "we agreed, go ahead and move us"),
        ("ok go ahead n move us onto premium", "move us onto premium"),
        ("hey, go ahead and cancel premium", "cancel premium"),
        ("cancel the sub", "cancel the subscription"),
    ],
)
def test_emphasis_is_dropped_and_shorthand_spelled_out(typed, read):
    assert spelled_out(typed) == read


@pytest.mark.parametrize(
    "typed",
    [
        "the U.S. office",  # an abbreviation, not "you"
        "we ship to BC and PLS is our warehouse code",  # capitals are names
        "sync every n days",  # "n" before no order's verb
        "see https://x.example/u/pls_a and snake_case_names",
        "our sub account for the EU store",
        "yes go ahead and do it",  # agreeing to what was offered keeps its words
        "go ahead and cancel it",
    ],
)
def test_what_is_no_shorthand_is_left_as_written(typed):
    assert spelled_out(typed) == typed


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("_un-cancel_ our premium pls :pray: boss says we need the phone line after all",
         "action:resume"),
        ("pls reactivate our premium support, the cancellation was a mistake by my coworker "
         ":facepalm:", "action:resume"),
        ("can <@U07TB3RW1XA> get billing perms? he's our new ops manager and keeps asking me for "
         "the invoices", "action:grant"),
        ("hey so the 1 business day wait on tickets isnt cutting it anymore. go ahead n move us "
         "onto premium pls, the 399 is already budgeted", "action:upgrade"),
        ("is it possible to switch our support subscription from free to premium today? would "
         "like it active before monday", "action:upgrade"),
        ("Good morning, last week I have cancel the premium support. Now the management decide "
         "to keep it. Please can you restore it before it is finish?", "action:resume"),
        ("last week I cancel the premium support. Please restore it", "action:resume"),
        ("$1199 a year for support is steep for a shop our size. anyone over there i can "
         "negotiate with?", "handoff:sales"),
        ("my boss wants us on premium before black friday, can you subscribe us? yes i know its "
         "a 1 yr contract paid up front thats fine", "action:upgrade"),
        # (batch 45, and batch 29's: "any chance you can", "right now", a price complained of)
        ("any chance u can put us on premium?", "action:upgrade"),
        ("go ahead and cancel premium", "action:cancel"),
        ("would like to upgrade to premium pls", "action:upgrade"),
        ("could we maybe get the paid support thing? the 1 day wait is killing us",
         "action:upgrade"),
        ("Our bookkeeper <@U03PX7KD1TN> keeps asking me to forward every receipt, which is "
         "getting old fast. let him into billing pls", "action:grant"),
        # (a "wait" before an order is no taking back: only "wait, cancel that." is)
        ("wait, cancel that premium subscription, we're done with it", "action:cancel"),
        ("any chance you can cancel our renewal? budget got cut", "action:cancel"),
        ("is it possible to bump our support up to premium right now?", "action:upgrade"),
        ("the $1199 for warehouse is steep for a shop our size. any room to work on that number? "
         "who do I talk to", "handoff:sales"),
    ],
)  # fmt: skip
def test_requests_as_typed_are_done(shipped_services, text, expect):
    assert decision_in_dm(shipped_services, text) == expect


@pytest.mark.parametrize(
    "text",
    [
        "premium pls is what my boss keeps saying",
        "can you upgrade us to premium? wait, cancel that",
        "can u upgrade us? wait, cancel that",
        "premium includes a dedicated onboarding session, right? please set it up",
        "is it possible to switch to premium later in the year?",
        # (helper-105: what "go ahead and" left behind, and "would like" read as a wish)
        "go ahead and forget what I said about cancelling",
        '"go ahead and cancel premium" is what my boss wrote, but I disagree',
        "go ahead and upgrade later, not today",
        "would like some info on cancelling",
        "would like to cancel premium one day, not today",
        # (helper-106: a condition after "any chance", a wish to know, a wish beside a question)
        "any chance you can cancel premium without losing the phone line?",
        "you let <@U03PX7KD1TN> into billing by mistake",
        "dont let <@U03PX7KD1TN> into billing",
        "is it possible to switch to premium? would like to know whether it's refundable",
        "can we switch to premium today? would like it active before monday. what are the steps?",
    ],
)
def test_reported_taken_back_or_put_off_requests_change_nothing(shipped_services, text):
    assert not decision_in_dm(shipped_services, text).startswith("action:"), text


def test_a_forgotten_code_is_the_askers_own(shipped_services):
    """ "…can u remind me" is a little less close to the personal question (0.49) than a code
    asked for outright: saying it was forgotten makes it the asker's own."""
    read = shipped_services.conversation.understanding.read
    assert read("i forgot the PIN for the phone line lol, can u remind me").decision.label == (
        "personal:phone_code"
    )
    assert read("what is the phone support code for?").decision.label == "answer"
    # (whose code slipped the asker's mind goes without saying)
    assert read("can't remember the phone PIN").decision.label == "personal:phone_code"
    assert read("misplaced the phone code, what is it again").decision.label == (
        "personal:phone_code"
    )


def test_struck_words_are_left_out_and_a_tilde_before_a_price_is_kept():
    assert spelled_out("~cancel premium~ keep it").split() == ["keep", "it"]
    assert "cancel" not in spelled_out("*_~cancel premium~_*")
    assert spelled_out("is premium ~$400 or ~$1200?") == "is premium ~$400 or ~$1200?"


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a formal ask whether it may be done, or whether the bot could do it
        ("I would like to kindly ask if it is possible to change our support to the Premium one.",
         "action:upgrade"),
        ("We would like to ask whether you could cancel our premium plan.", "action:cancel"),
        # ... still put off when it says so
        ("I want to ask if it is possible to upgrade later in the year", "!action:upgrade"),
    ],
)  # fmt: skip
def test_a_formal_ask_whether_it_may_be_done_is_the_order(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # "is possible to …?" with its "it" left out, as some first languages leave it
        ("Hola, is possible to undo the cancellation of our premium support?", "action:resume"),
        # ... and never twice where it is written
        ("I would like to ask if it is possible to move our support to premium", "action:upgrade"),
        # the Filipino "po" of respect at a clause's end; a PO number stays one
        ("pls upgrade us to premium po, thank you", "action:upgrade"),
        # a filler between "can <@X>" or "can you" and the verb
        ("can <@U0SAM> just get billing access", "action:grant"),
        # a person asked for with "put me with"
        ("we were billed twice this year, please put me with a person who can check",
         "handoff:support"),
    ],
)  # fmt: skip
def test_non_native_and_filler_wordings_of_a_request(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)
