"""What the twentieth session's attacks found (helper-205: 6 of 250 ordinary messages written
before running any got a change, a DM used as a scratchpad; helper-206: 3 of 250, a change named
only in passing; helper-207: 2 of 250, follow-ups to the bot's cards; helper-208: 25 of 250,
questions typed without their question mark): a change talked about or asked about is no
order. An item ticked off, a ticket forwarded with its status, a change someone else made or
will make, a change opposed or given an opinion, a status or a verdict, said and taken back, a
how-it-works summary acknowledged, a mood against reality, a draft, a note for later, the bot's
card quoted and answered with no yes, a near miss told in the writer's other language, a
question left without its mark. Each has a near twin that still orders, and the real requests
the attacks found missed in Spanish, Tagalog and Hindi are done."""

from __future__ import annotations

import pytest

from tests.conftest import assert_changes_nothing


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # (ticked off, or forwarded with a status)
        ("- [x] cancel premium", "premium"),
        ("- [x] upgrade to premium (done via website)", "standard"),
        (":white_check_mark: give <@U04ABC12345> billing (done)", "premium"),
        ("DONE: cancel premium", "premium"),
        ("1. revoke <@U04ABC12345> ✔\n2. check invoices ✔", "premium"),
        ("Yesterday's recap: 1) cancelled premium ✔ 2) removed billing from ex-employee ✔. "
         "Today: nothing", "cancelled"),
        ("Jira FIN-88: Grant billing access to <@U04ABC12345>. Status: In review", "premium"),
        ("Ticket from our helpdesk (#5512): \"Please revoke billing access for <@U04ABC12345>\" "
         "— status: waiting for manager approval", "premium"),
        # (someone else's doing)
        ("<@U03LKJHG123> will upgrade us after his trip. I'm just telling you so you're not "
         "surprised", "standard"),
        ("<@U04ABC12345> cancelled premium yesterday, so it's done", "premium"),
        ("<@U05ABC12345> had his billing access revoked last week", "premium"),
        ("Policy: <@U04ABC12345> cancels subscriptions, nobody else.", "premium"),
        ("Rule: nobody gives billing access to <@U04ABC12345> (contractor)", "premium"),
        ("Rule: billing access for contractors like <@U04ABC12345> gets revoked at contract end",
         "premium"),
        ("hey <@U04ABC12345>, did you cancel premium? (copying this question for him)",
         "premium"),
        ("recording this: revoked <@U02QWERTY12> billing myself via the UI today", "premium"),
        ("Bug: the billing page shows \"Standard\" for like 2 seconds before switching to "
         "Premium. freaked me out, thought we'd been downgraded", "premium"),
        # (opposed, an opinion, a status)
        ("I'm going to push back on cancelling premium", "premium"),
        ("I will veto the cancel premium proposal", "premium"),
        ("under no circumstances give <@U04ABC12345> billing access", "premium"),
        ("cancelling premium is a big decision for us", "premium"),
        ("revoking <@U04ABC1234>'s billing access is HR's call", "premium"),
        ("the worst part about cancelling premium would be losing <@U02HELPER11> on the phone",
         "premium"),
        ("resuming premium crossed my mind today", "cancelled"),
        ("cancellation of premium: TBD", "premium"),
        ("premium resume: next month", "cancelled"),
        ("Outcome: cancel premium = rejected", "premium"),
        ("billing access for <@U04ABC1234> is being discussed internally", "premium"),
        ("New policy as of today: billing access only for <@U06ASDFGHJK> and me. (Already set "
         "up this way)", "premium"),
        # (said and taken back, a wish that was not)
        ("cancel premium lol no way", "premium"),
        ("cancel premium, ok not really. how's my ticket", "premium"),
        ("upgrade me pls... is what I'd say if I had budget", "standard"),
        ("we should cancel premium. but we won't. because phone", "premium"),
        ("wanted to cancel premium but the phone line saved us. thanks", "premium"),
        ("my boss said give <@U04ABC1234> billing access. then he said wait. so waiting",
         "premium"),
        ("going back to standard someday maybe", "premium"),
        # (understood, a mood, a draft, a message for someone else)
        ("so cancelling stops the renewal. ok understood", "premium"),
        ("so phone support requires premium. ok understood", "standard"),
        ("mood: revoke everyone's billing access. reality: need them for invoices", "premium"),
        ("Step 1: add card\nStep 2: upgrade to premium\n(draft of our wiki)", "standard"),
        ("<@U08ZAQWSXED> pls remove yourself from billing when you hand over — this is for him, "
         "I'll forward it", "premium"),
        ("pasted from #ops:\n<@U04ABC12345>: upgrade us pls\n<@U05ABC12345>: not this year",
         "standard"),
        ("Slack thread summary:\n• Jen: cancel premium\n• Raj: keep\n• Me: keep\nResult: keep",
         "premium"),
        # (a near miss or a wish told in the writer's other language)
        ("eu queria cancelar o premium mas o suporte por telefone é ótimo. fica pra outro dia",
         "premium"),
        ("o chefe disse cancela premium, mas desistiu", "premium"),
        ("muntik na kaming mag-cancel ng premium kahapon, buti naayos ninyo. salamat po",
         "premium"),
        ("soch raha hoon premium cancel kar doon, par abhi nahi", "premium"),
        ("huwag i-cancel ang premium namin", "premium"),
        # (a follow-up to the bot's card, a verdict, a click told of, a note for later)
        ("> Cancel Premium Support\nmisclick", "premium"),
        ("> Remove billing access for <@U07LMN4421>\nno", "premium"),
        ("I dismissed the Cancel Premium card", "premium"),
        ("the give <@U05XK2P9QA> billing access idea is parked", "premium"),
        ("cancel premium was the plan but we changed our minds", "premium"),
        ("upgrade to premium is off the table", "standard"),
        ("revoking <@U07LMN4421>'s billing access isn't happening", "premium"),
        ("resume premium — NOT what I want", "cancelled"),
        ("Upgrade to Premium Support was clicked by accident", "standard"),
        ("ignore: give <@U05XK2P9QA> billing access", "premium"),
        ("set a reminder: cancel premium before renewal", "premium"),
        ("*upgrade us → update us", "standard"),
        ("premium cancel not, please", "premium"),
        ("Give billing access to <@U05XK2P9QA> — receipt received, thanks", "premium"),
        ("Resume Premium Support — does the renewal date change?", "cancelled"),
        # (a question typed without its question mark)
        ("upgrade = phone support right", "standard"),
        ("cancel premium button where", "premium"),
        ("stop auto renew how", "premium"),
        ("cancel premium good idea", "premium"),
        ("explain cancel premium", "premium"),
        ("Please tell upgrade premium cost", "standard"),
        ("thinking cancel premium", "premium"),
        ("canceling premium does that remove my billing access", "premium"),
        ("premium upgrade kitna cost hai", "standard"),
        ("can resume be done over phone support", "cancelled"),
        ("can non-primary users grant billing to others", "standard"),
        ("revoke billing access — does that notify the person", "premium"),
        ("after cancel premium, invoices still visible", "premium"),
        ("Premium upgrade question 🙋", "standard"),
    ],
)  # fmt: skip
def test_a_change_talked_about_changes_nothing(request_world, text, state):
    label, _ = request_world.decide(text, state, 0)
    assert_changes_nothing(label, text)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        # (the near twins: an order said beside the talk)
        ("- [x] reconcile orders\n- cancel premium please", "premium", "action:cancel"),
        ("go ahead and buy the premium support for us :white_check_mark:", "standard",
         "action:upgrade"),
        ("<@U06QWE4RT> upgraded us without asking a single person. we'll keep premium since "
         "it's paid, but remove his billing access immediately", "premium", "action:revoke"),
        ("take billing away from <@U07GHT5ZX>. she cancelled our premium without checking with "
         "me.", "cancelled", "action:revoke"),
        ("Our old admin cancelled premium before she left. I'd like to resume premium support.",
         "cancelled", "action:resume"),
        ("hi, can Marco (<@U07ABQ93RS>) get billing permissions too? he handles the credit card "
         "stuff now", "standard", "action:grant"),
        ("we're not really using premium, cancel it", "premium", "action:cancel"),
        ("lol no way we need premium. cancel it", "premium", "action:cancel"),
        ("so cancel premium then. thanks", "premium", "action:cancel"),
        ("- Upgrade: please do it now", "standard", "action:upgrade"),
        ("switch our support tier standard -> premium", "standard", "action:upgrade"),
        ("billing access → <@U04MMX9K2T> thx", "premium", "action:grant"),
        ("dont want the auto renewal on our support plan anymore, kill it. what happens to "
         "tickets already open?", "premium", "action:cancel"),
        ("I cancelled premium last week by mistake, resume it", "cancelled", "action:resume"),
        ("Our new CFO approved the spend this morning. I'd like to upgrade us to premium "
         "support. Charge the card on file. Will the invoice show the warehouse price?",
         "standard", "action:upgrade"),
        ("Please cancel premium. Not really using it, we're too small", "premium",
         "action:cancel"),
        ("Hi team, hope you're well. After reviewing our budget we have decided to stop paying "
         "for Premium support. Please take care of it. Thanks, Maria", "premium",
         "action:cancel"),
        # (asked in Spanish, Tagalog, Hindi)
        ("súbanme a premium por favor, necesito el teléfono", "standard", "action:upgrade"),
        ("pásame a premium por favor", "standard", "action:upgrade"),
        ("dale acceso de facturación a <@U04ABC1234> por favor", "premium", "action:grant"),
        ("quítale el acceso de facturación a <@U04ABC1234> por favor", "premium",
         "action:revoke"),
        ("reactiva premium por favor", "cancelled", "action:resume"),
        ("pakitanggal po ang billing access ni <@U04ABC1234>", "premium", "action:revoke"),
        ("<@U04ABC1234> ka billing access hata do, woh chala gaya", "premium", "action:revoke"),
    ],
)  # fmt: skip
def test_an_order_beside_the_talk_or_in_another_language_is_done(
    request_world, text, state, expect
):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, text
