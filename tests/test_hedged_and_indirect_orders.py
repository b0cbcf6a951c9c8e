"""Orders held back by what surrounds them, and indirect orders that nothing holds back: the
cases of helper-146's blind attack (2026-12-07) the hand-written readings let through, and the
hedges of blind batch 75 (indirect writers) that were no hedge."""

from __future__ import annotations

import pytest

from tests.test_two_asks import assert_decides


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        # helper-146's blind attack (2026-12-07): a wish with what stands in its way, a change
        # after something else is over, an order taken back, another brand's plan, an access
        # change told as done by the asker
        ("upgrading to premium would be nice but budget's frozen till Q2 :sob:", "standard",
         "none"),
        ("We'll revoke Mark's billing access after the audit is done, not before. <@U0MARK4321>",
         "standard", "none"),
        ("cancel premium. actually no, keep it — we've got a big launch in feb and I'll want the "
         "phone line", "premium", "none"),
        ("I cancelled premium for one of our sister brands on *their* account, can you confirm "
         "ours is still active?", "premium", "none"),
        ("Already revoked Tom's access myself through Profile & Billing. Can you confirm he "
         "doesn't have it anymore? <@U03TOMTOM>", "standard", "none"),
        # ... and what is no hedge: a question whose "if not" answers it, the place one is
        # unsure of, a reason compared with what was expected (blind batch 75, read)
        ("Is it too late to take back the cancellation on our premium plan? If not I'd like to "
         "keep it going.", "cancelled", "action:resume"),
        ("not sure if im asking in the right place but I want to buy the premium support "
         "subscription for our warehouse account. go ahead and charge the card we have",
         "standard", "action:upgrade"),
        ("Is it possible to get premium support turned on through this bot? If so please do it, "
         "we've got peak season coming and I want the phone line in place before it hits.",
         "standard", "action:upgrade"),
        # ... helper-149's review: nobody to cancel, cancelling oneself later, a renewal asked
        ("Make sure nobody cancels premium while I'm on holiday please.", "premium", "none"),
        ("Just so you know, I'm going to cancel premium from the dashboard myself later today.",
         "premium", "none"),
        # (a renewal asked for is the resume's, never a cancel; on a plan that renews it changes
        # nothing)
        ("Please renew our premium subscription for another year.", "cancelled",
         "action:resume"),
        # ... a button told as clicked and backed out of, a quoted line that was a colleague's
        ("i clicked change support tier and then backed out. did it charge me?", "standard",
         "none"),
        ("> cancel premium\nthat's what my colleague typed in here yesterday by accident. did "
         "anything happen? we want to keep it", "premium", "none"),
        # ... an upgrade of something of one's own that is no plan
        ("pls upgrade my patience, ticket 90012 has been open 3 days :upside_down_face:",
         "standard", "none"),
        ("upgrade my team to premium", "standard", "action:upgrade"),
        # ... while "not sure" about the plan still holds the order back
        ("not sure we need premium, cancel it?", "premium", "none"),
    ],
)  # fmt: skip
def test_what_surrounds_an_order_holds_it_back_or_does_not(request_world, text, state, expect):
    assert_decides(request_world, text, state, expect, 0)
