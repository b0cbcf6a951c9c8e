"""Orders asked politely after hedges, and the shapes of a shared channel: a polite ask to do it
now ("Would it be possible to cancel it now…?", "If it's not too much trouble, could you undo the
cancellation?") is an order whatever hedges come before it ("I think we should probably…",
"I'm not sure if you're the one to ask, but…"); a request put to a colleague, a draft pasted to
be proofread and a wish vented are not, and a later "not sure why…" sentence does not turn an
order into a question."""

from __future__ import annotations

import pytest

from bot.conversation.commands import is_question
from bot.conversation.put_off import not_asked_now


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("sorry, I know it's short notice, but I think we should probably be on premium before "
         "our launch. Could you upgrade our account now?", "standard", "action:upgrade"),
        ("honestly I'm a bit torn, but I think we should probably cancel premium. we hardly "
         "call. could you cancel it please, so it doesn't renew?", "premium", "action:cancel"),
        ("Would it be possible to cancel premium now so it doesn't renew?", "premium",
         "action:cancel"),
        ("not sure why <@U0JEN22> still has billing access, that was temporary. revoke it now "
         "please", "premium", "action:revoke"),
        ("please resume premium, we never wanted to cancel", "cancelled", "action:resume"),
        # (a story told, then a polite ask: no telling only)
        ("we moved every store to another platform and won't need premium going forward. would "
         "it be possible to cancel it now so it doesn't renew?", "premium", "action:cancel"),
        ("oops, cancelled our premium by mistake. Is there any way you could switch it back "
         "on?", "cancelled", "action:resume"),
        ("it's been a while since I set this up. <@U0TMP12> was our temp billing person and "
         "doesn't need billing access anymore. would you mind taking it away?", "premium",
         "action:revoke"),
        ("we can't go another month without phone support, so I'd like to upgrade to premium "
         "please", "standard", "action:upgrade"),
        ("the audit says too many billing users. strip billing access from <@U0OLD77>. leave "
         "everyone else as is", "premium", "action:revoke"),
    ],
)  # fmt: skip
def test_a_polite_or_hedged_order_is_done(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)


# (read as orders now, where they were answered; the learned odds, which weigh "not sure" and
# "if" as doubts, still ask first: one click from the Confirm card)
@pytest.mark.parametrize(
    ("text", "state", "change"),
    [
        ("I'm not sure if you're the right one to ask, but could you go ahead and cancel our "
         "Premium plan?", "premium", "cancel"),
        ("If it's not too much trouble, could you undo the cancellation so premium renews "
         "again?", "cancelled", "keep your support plan renewing"),
    ],
)  # fmt: skip
def test_a_polite_order_the_odds_doubt_is_asked_about_first(request_world, text, state, change):
    label, turn = request_world.decide(text, state, 0)
    assert label == "clarify", (text, label)
    assert [reply.kind for reply in turn.replies] == ["order_question"]
    assert change in turn.replies[0].text


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("<@U0SUE88> can you resume the premium plan from your side when you get a sec? you're "
         "the one with billing access", "cancelled"),
        ("draft for the approval email, can someone proofread?\n\n> Hi Tom, I'd like approval "
         "to upgrade our support to Premium ($399/yr).", "standard"),
        ("kinda want to cancel premium out of spite after that ticket 😤 but no, we need the "
         "phone line. venting over", "premium"),
        ("Premium got un-cancelled somehow. Please cancel it again.", "cancelled"),
        ("resume our premium subscription. oh never mind, don't cancel anything", "cancelled"),
        ("is it possible to cancel premium?", "premium"),
        ("I was about to ask you to give <@U06PAT0> billing access but she's only with us until "
         "Friday, so let's not. Sorry for the noise.", "premium"),
        ("my mistake, I asked about giving billing access to <@U0DD88E> but I meant how to do it, "
         "not for you to do it. I'd like to do it myself.", "standard"),
        ("we might upgrade next year. could you send me the price?", "standard"),
    ],
)  # fmt: skip
def test_its_near_twin_is_no_order(request_world, text, state):
    label, turn = request_world.decide(text, state, 0)
    assert label not in {"action:upgrade", "action:cancel", "action:resume"}, (text, label)
    assert not {"quote", "cancel_question", "resume_question"} & {r.kind for r in turn.replies}


def test_an_outright_ask_governs_the_hedges_before_it_not_a_condition_after_it():
    hedged = "I think we should probably cancel premium. Could you cancel it please?"
    assert not not_asked_now(hedged, action="cancel")
    assert not_asked_now(f"{hedged} Only after the audit, though.", action="cancel")
    # (without the change it asks, as the stories read it, the hedge still counts)
    assert not_asked_now(hedged)


def test_wondering_why_before_an_order_is_no_question():
    assert not is_question("not sure why he still has access. revoke it now please")
    assert is_question("not sure why he still has access")


# helper-173's review of the sixteenth session's readings: each of these got a change (or the
# wrong one) or lost its order on the way; kept as the shapes the new readings must not reach.
@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Assuming the board signs off on Tuesday, could you upgrade us to Premium?", "standard"),
        ("As soon as our new hire starts, can you please give <@U0NEW> billing access?",
         "standard"),
        ("We'll cancel premium once the new helpdesk is live. Could you make sure our invoices go "
         "to ap@acme.com until then?", "premium"),
        ("Please don't cancel premium — actually, get me the renewal quote instead.", "premium"),
        ("Resume premium? No need to reinstate it after all, we found another vendor.",
         "cancelled"),
        ("Re my cancel request earlier — no need to actually cancel premium, the budget came "
         "through.", "premium"),
        ("Is it possible to cancel premium today? I'm trying to figure out our options before "
         "the renewal.", "premium"),
        ("Would it be fine to upgrade now so we have phone support for the launch? Do we get "
         "billed the full month?", "standard"),
        ("Is it ok to cancel now so it doesn't renew, and would we still have phone support "
         "until the end of the term?", "premium"),
        ("Upgrade us to premium. If the board re-approves the budget next week, that is?",
         "standard"),
        # (negation set M, read: waiting on a word, kept until then, nothing today)
        ("<@U06RT5Z> asked me to revoke her billing access, she moves to ops in March, so it "
         "stays until then.", "premium"),
        ("upgrade us? add <@U0AP12> to billing? both on my list, waiting on sign off from the "
         "CFO. will come back to you.", "standard"),
        ("We planned to cancel premium, then didn't, now maybe after the audit. So nothing "
         "today.", "premium"),
        ("please cancel premium, we'd like it to keep renewing every year like before at the "
         "lower price when we come back", "cancelled"),
    ],
)  # fmt: skip
def test_the_reviews_messages_that_ask_no_change_get_none(request_world, text, state):
    label, turn = request_world.decide(text, state, 0)
    assert label not in {"action:upgrade", "action:cancel", "action:resume", "action:grant",
                         "action:revoke"}, (text, label)  # fmt: skip
    assert not {"quote", "cancel_question", "resume_question", "access_question"} & {
        r.kind for r in turn.replies
    }


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("please let premium expire before it renews", "premium", "action:cancel"),
        ("we'd like to keep premium through the end of the year and beyond, please resume it",
         "cancelled", "action:resume"),
        ("> Mark (CFO): please cancel the premium subscription, effective end of this term\n"
         "per Mark's note above 👆 thanks", "premium", "action:cancel"),
        ("<@U0ANA> pls give billing access, she's our new controller", "standard",
         "action:grant"),
        ("cancel premium please, sorry for the noise", "premium", "action:cancel"),
        ("don't renew... actually no, changed my mind, please resume premium", "cancelled",
         "action:resume"),
        ("No reason to wait on finance for this one, grant <@U01HJK3> billing access now",
         "premium", "action:grant"),
        ("Please upgrade us to premium today. I'll proofread the invoice when it comes through.",
         "standard", "action:upgrade"),
        ("Support has been awful this month. Cancel premium. Sorry for venting", "premium",
         "action:cancel"),
        ("I'm going on leave and <@U05RT6Y> covers for me. Can you set him up with billing "
         "access before Friday?", "premium", "action:grant"),
    ],
)  # fmt: skip
def test_the_reviews_orders_stay_orders(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("I know I cancelled premium in May, but please reactivate it before it drops back to "
         "standard.", "cancelled", "action:resume"),
        ("I cancelled premium last month and regret it. Can it be turned back on so it renews "
         "like before?", "cancelled", "action:resume"),
        ("our controller says no more $1199 charges. cancel the premium renewal please",
         "premium", "action:cancel"),
        ("Changed our minds, please resume premium, don't let it fall back to standard",
         "cancelled", "action:resume"),
    ],
)  # fmt: skip
def test_an_order_after_a_story_or_a_passive_ask_is_done(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)


def test_a_passive_ask_about_later_is_no_order(request_world):
    label, _ = request_world.decide("Can premium be resumed after it lapses?", "cancelled", 0)
    assert label != "action:resume"
