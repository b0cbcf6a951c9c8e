"""What helper-182's attack found (2026-12-07): an order's words with a label after them, as a
tracker, a list or a colleague writes it ("Upgrade to premium — rejected by finance", "resume
premium — later", "upgrade to premium [BLOCKED]", "• cancel renewal → NO"), an emoji that refuses
an upgrade, a retraction struck through with double tildes, a condition without "if" ("Should
the budget pass, upgrade us"), a threat, a joke owned up to, a message meant for another tab, a
question whether it is worth it, a confirmation asked of what the asker did themselves. None of
them changes anything; each kind has a near twin that still orders."""

from __future__ import annotations

import pytest

from tests.conftest import assert_changes_nothing


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Upgrade to premium — vetoed by our CFO", "standard"),
        ("resume premium: on hold until the PO clears", "cancelled"),
        ("grant <@U0KIM> billing access — nope", "premium"),
        ("resume premium — later", "cancelled"),
        ("upgrade to premium [BLOCKED]", "standard"),
        ("[DRAFT] cancel the premium renewal", "premium"),
        ("Purchase request #88 (premium upgrade) was declined", "standard"),
        ("Notes from standup:\n• cancel renewal → NO\n• keep phone support → YES", "premium"),
        ("upgrade us to premium :no_entry: too pricey", "standard"),
        ("~~resume premium~~", "cancelled"),
        ("Should the budget pass next week, upgrade us to premium.", "standard"),
        ("In case <@U0KIM> leaves, revoke her billing access. She's still here.", "premium"),
        ("One more outage and you can cancel our renewal.", "premium"),
        ("upgrade pls. haha no, just wanted to see what you'd say", "standard"),
        ("cancel renewal\nsorry wrong tab, that was meant for our Adobe account", "premium"),
        ("upgrade to premium — worth it?", "standard"),
        ("I've just granted <@U0KIM> billing access in the settings. Can you confirm she can "
         "see invoices now?", "premium"),
        ("upgrade to premium — need my manager's OK first, will ping you", "standard"),
        ("cancel the webinar registration for <@U0KIM>", "premium"),
    ],
)  # fmt: skip
def test_a_labelled_conditional_or_joking_order_changes_nothing(request_world, text, state):
    label, _ = request_world.decide(text, state, 0)
    assert_changes_nothing(label, text)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("cancel premium — not worth the money for us", "premium", "action:cancel"),
        ("turn off premium renewal :x:", "premium", "action:cancel"),
        ("my card was declined yesterday, please upgrade us to premium with the new one",
         "standard", "action:upgrade"),
        ("i was on hold with our carrier for an hour, we need phone support. upgrade us to "
         "premium please", "standard", "action:upgrade"),
        # (helper-185's review: a status, a label, an emoji or a date that is another thing's)
        ("I was on hold for an hour yesterday. Cancel our premium plan.", "premium",
         "action:cancel"),
        ("blocked by the carrier integration bug, please upgrade us to premium", "standard",
         "action:upgrade"),
        ("Please upgrade us to premium, the ticket we raised was rejected by your team twice",
         "standard", "action:upgrade"),
        ("Cancel premium — not by choice, budget cuts.", "premium", "action:cancel"),
        ("revoke billing access for <@U0AAA> - no, she is not coming back.", "premium",
         "action:revoke"),
        ("Please upgrade us to premium. Annual contract - no. Monthly is fine.", "standard",
         "action:upgrade"),
        ("Standard support 👎 upgrade us to premium", "standard", "action:upgrade"),
        ("Revoke <@U0AAA>'s billing access — he left on Friday", "premium", "action:revoke"),
        ("Upgrade us to premium next month... no wait, today please", "standard",
         "action:upgrade"),
        ("In case it wasn't clear: cancel premium.", "premium", "action:cancel"),
        ("Can you upgrade us to priority support?", "standard", "action:upgrade"),
        ("Please revoke <@U0AAA>'s billing access, it was not needed after all.", "premium",
         "action:revoke"),
        ("Grant <@U0AAA> billing access since she may need it while I'm on leave", "standard",
         "action:grant"),
    ],
)  # fmt: skip
def test_its_near_twin_still_orders(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)
