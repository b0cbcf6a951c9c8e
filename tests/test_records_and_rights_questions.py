"""What the nineteenth session's attacks found (helper-194: 2 of 300 ordinary messages written
before running any got a change; helper-196: 2 of 300 long, threaded and logged ones; helper-197:
6 of 300 short, phone-typed and mixed-language ones; helper-199: 2 of 300 about money; helper-200:
0 of 250 of every kind): a wish given up for a reason ("I'd revoke
it but…"), questions of who may change the plan, when, or by whom ("So anyone with billing
access could cancel premium?", "…whenever I want?"), an agenda, a log whose items carry their
status, a chat pasted with its speakers, a colleague looped in about a decision that is theirs,
a change asked only to be dismissed ("…? That'd be silly."), later or not now in another
language, a bare verb with what is asked about it ("upgrade steps"), a change the asker or
someone else will make ("i'll remove <@X> myself"), a laugh or a scoff after a few words. None
of them is quoted or made. Each has a near twin that still orders, and the real requests
helper-193's dictated and non-native batch 86 found missed are done ("cancer the premium
support", "resign from Premium Support", "cancel her billing permission", "go ahead and do the
upgrade", "I need that cancellation undone")."""

from __future__ import annotations

import pytest

from tests.conftest import assert_changes_nothing


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # (a wish given up for a reason)
        ("I'd revoke <@U07RT2WQ3X>'s billing access but he's still closing invoices.", "premium"),
        ("I would cancel premium support but the phone line saved us twice this year.", "premium"),
        ("Ideally I'd grant billing access to <@U05AB7CD12> now, but she's on vacation until "
         "the 15th.", "premium"),
        # (who may change it, when, or by whom)
        ("So anyone with billing access could cancel premium?", "premium"),
        ("So anyone with billing access could upgrade us? Even a new hire?", "standard"),
        ("Can either party resume a cancelled Premium Support subscription before it expires?",
         "cancelled"),
        ("So I could cancel the Premium Support subscription whenever I want?", "premium"),
        ("so i can cancel premium anytime i want? cool, not doing it though", "premium"),
        ("Can contractors like <@U05AB7CD12> get billing access?", "premium"),
        ("Could <@U05AB7CD12> give herself billing access by messaging this bot?", "premium"),
        ("So I could give <@U05AB7CD12> billing access and take it away again whenever?",
         "premium"),
        # (an agenda, a log with its items' status, a pasted chat)
        ("Agenda for Monday: 1) premium renewal 2) keep? 3) billing access for <@U05AB7CD12>. "
         "Any docs you can point me to?", "premium"),
        ("Decision log:\n- cancel premium: NO\n- renew SSL cert: done\nFor your records only.",
         "premium"),
        ("Standup:\n- resume premium? waiting on CFO\n- renew SSL: done\nBot, nothing for you.",
         "cancelled"),
        ("Weekly update for <@U04PLM8TT2>, bot cc'd:\n• Upgrade to Premium — NO, deferred to Q3 "
         "budget\n• Renew webhook SSL cert — done\nBot: nothing to do, this is just for the "
         "record.", "standard"),
        ("Nina: revoke <@U07ZQ1R2S3> from billing?\nOwen: nope", "premium"),
        ("From #ops:\nLi: add <@U08AB1CD23> to billing?\nMarco: after probation\nNothing now.",
         "standard"),
        ("Nina: give billing access to <@U06RT5YY81> so he can see invoices?\nMe: he already "
         "has it, IT did it on Monday\nCan you check?", "premium"),
        # (a colleague looped in about a decision that is theirs)
        ("<@U05KX2M9QP> you own the premium cancellation. Bot, paste the terms here for him.",
         "premium"),
        ("Looping in <@U06RT5YY81>: you'll be the one approving the premium upgrade, so please "
         "read the terms.", "standard"),
        # (a change asked only to be dismissed)
        ("Cancel premium now, two weeks before peak season? That'd be crazy. Bot, when's the "
         "renewal date?", "premium"),
        ("Revoke <@U07ZQ1R2S3>'s billing access during month-end close? That'd be silly.",
         "premium"),
        # (a term of its own asked for: the plan is bought by the year)
        ("We're a small shop and money is tight. Could you switch us to premium for just one "
         "month?", "standard"),
        # (helper-197: later or not now in another language, a bare verb and what is asked
        # about it, done by the asker or someone else, a laugh or a scoff)
        ("cancel abhi nahi", "premium"),
        ("upgrade jangan dulu", "standard"),
        ("upgrade depois, agora não", "standard"),
        ("cancel premium más tarde, ahora no", "premium"),
        ("upgrade steps", "standard"),
        ("upgrade how", "standard"),
        ("upgrade pitch pls, no commitment", "standard"),
        ("upgrade 🤷", "standard"),
        ("i'll remove <@U07QW3ER45> from billing myself", "premium"),
        ("cancelling myself rn in Profile & Billing", "premium"),
        ("boss wants premium back, he'll resume it himself", "cancelled"),
        ("<@U07QW3ER45> leaving, boss will remove him from billing", "premium"),
        ("boss wants <@U07QW3ER45> off billing, I disagree", "premium"),
        ("upgrade lol", "standard"),
        ("cancel premium, sure, when pigs fly", "premium"),
        # (helper-199: a change named as the topic, the change words listed, advice asked,
        # something else than access given)
        ("Premium cancel - question about refunds", "premium"),
        ("Topic: upgrade to premium. Question: do you accept purchase orders?", "standard"),
        ("Meeting notes: cancel premium — decision postponed to Q2. Question: when is the "
         "renewal?", "premium"),
        ("Action items from our call: 1) revoke <@U04EEE5555> billing access (owner will do it "
         "in IM) 2) check renewal date. Can you help with 2?", "premium"),
        ("Refund question (cancel premium)", "premium"),
        ("Resume premium — is it prorated?", "cancelled"),
        ("Are your actions on the account reversible? Cancel, revoke, etc.", "premium"),
        ("Glossary please: upgrade, cancel, resume, grant, revoke.", "standard"),
        ("Would it make sense to grant <@U05AB7CD12> billing access? She's our new bookkeeper.",
         "premium"),
        ("Please give me the tier we're on.", "premium"),
        ("Can you give <@U06BBB2222> the renewal date? She's not a billing user and doesn't need "
         "to be.", "premium"),
        ("Give me our billing contact.", "premium"),
        # (helper-198's review: what the first drafts of these rules let through)
        ("We no longer need the cancellation reversed, all good.", "cancelled"),
        ("Nobody here would want the cancellation reversed.", "cancelled"),
        ("Did you cancel her billing access? Invoices stopped going to her.", "premium"),
        ("Please cancel the billing access request I sent yesterday", "premium"),
        ("Our reseller handles billing. They'll complete the upgrade.", "standard"),
        ("The duplicate charge from the renewal yesterday, please cancel it", "premium"),
        ("We want premium cancelled eventually", "premium"),
        ("please don't then go and cancel premium on us", "premium"),
        ("Just practising what I'll say to your sales team tomorrow. Could you please upgrade "
         "us to premium support?", "standard"),
        ("I would revoke <@U07RT2WQ3X>'s billing access, but he still needs it until Friday.",
         "premium"),
        # (helper-200: a vague later after the order, another account or product, a
        # decision still to come, an undoing already done)
        ("resume premium — next year maybe", "cancelled"),
        ("upgrade us to premium... someday, when we're bigger 😄", "standard"),
        ("give <@U07ZX9MN3P> billing access, maybe after her probation", "standard"),
        ("Cancel premium for our EU account please, this US one stays.", "premium"),
        ("Give <@U05AB7CD12> billing access on our other account please, not this one.",
         "standard"),
        ("Give <@U03TTRE5W1> billing access in our Shopify admin (not Integration Manager).",
         "standard"),
        ("Could you upgrade us to premium? Technically? Not deciding today.", "standard"),
        ("Could you give <@U02LKJHG88> billing access? Like, technically? I'll decide later.",
         "standard"),
        ("I want to remove <@U03TTRE5W1>'s billing access but I need HR's okay first.",
         "premium"),
        ("We already undid the billing removal for <@U05AB7CD12> ourselves in the app. All good "
         "now.", "premium"),
        ("revoke <@U06PPLMN42>'s billing after his last day on the 30th", "premium"),
        ("if no more billing for <@U08HJK2L0A>, who pays?", "premium"),
        ("don't undo revoking <@U07ZX9MN3P>'s billing", "premium"),
        # (helper-201's review: what the second drafts let through)
        ("Tom: we should cancel premium\nAna: agreed", "premium"),
        ("From Slack:\nTom: we should cancel premium\nAna: agreed", "premium"),
        ("Nina: let's revoke <@U0ABC>'s billing access\nOwen: +1", "premium"),
        ("cc <@U0CFO> can you sign off on cancelling premium?", "premium"),
        ("Cancel premium now before peak season. That'd be crazy.", "premium"),
        ("No worries, I can cancel premium myself", "premium"),
        ("give me the premium tier details", "premium"),
        ("upgrade timeline", "standard"),
        ("upgrade mañana", "standard"),
        ("cancel premium morgen", "premium"),
        ("Should <@U0ABC> get billing access?", "standard"),
        ("cancel premium 💀", "premium"),
        # (a near twin of a dictated request that takes it back)
        ("we don't need the cancellation reversed, it was intended", "cancelled"),
        ("please process the cancellation of order 1234", "premium"),
        ("how do the upgrade prices work", "standard"),
    ],
)  # fmt: skip
def test_a_record_a_rights_question_or_a_wish_given_up_changes_nothing(
    request_world, text, state
):
    label, _ = request_world.decide(text, state, 0)
    assert_changes_nothing(label, text)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        # (the near twins: asked of the bot)
        ("I'd like to revoke <@U07RT2WQ3X>'s billing access, please do it now.", "premium",
         "action:revoke"),
        ("Can <@U05AB7CD12> get billing access please?", "premium", "action:grant"),
        ("Summary of what we need:\n- upgrade to premium\n- the renewal date", "standard",
         "action:upgrade"),
        ("Nina: give billing access to <@U06RT5YY81>?\nMe: yes please do it", "premium",
         "action:grant"),
        ("our bookkeeper <@U02ZX8P1Q> keeps asking me to download invoices for her every month. "
         "can she just get billing permissions so she can do it herself", "standard",
         "action:grant"),
        ("resme our premium, we changed our minds lol", "cancelled", "action:resume"),
        ("Hi! We have a new colleague in finance, <@U07QH2K9LM>. He will take care of the "
         "vendor invoices from now on. Can you add the billing permission for him?", "premium",
         "action:grant"),
        # (helper-198's review: real requests the first drafts held back)
        ("Issue: tickets take 3 days to get answered.\nAsk: upgrade us to premium.", "standard",
         "action:upgrade"),
        ("Hey Bot: two things.\nFirst: revoke billing access from <@U0BOB>, he left.\nSecond: "
         "give it to <@U0SUE>.", "premium", "action:revoke"),
        ("Plan update:\n- Premium — no longer needed, please cancel", "premium", "action:cancel"),
        ("Could someone on your side move us up to premium?", "standard", "action:upgrade"),
        ("Cancel premium please, it would be silly to pay for another year", "premium",
         "action:cancel"),
        ("cc <@U0SUE> please cancel premium", "premium", "action:cancel"),
        ("<@U0SUE> you own the budget so FYI: cancel premium now.", "premium", "action:cancel"),
        ("I meant to cancel premium before the renewal but it slipped my mind. Needs to be "
         "cancelled now.", "premium", "action:cancel"),
        ("I'd upgrade us to premium but the page crashes for me", "standard", "action:upgrade"),
        ("cancel our premium support - since we barely used the phone line this year I don't want "
         "it renewing. we keep it until the term ends, right?", "premium", "action:cancel"),
        ("please resume it", "cancelled", "action:resume"),
        # (helper-200's real requests: an access change undone is the other change, access
        # given or taken in other words)
        ("Undo revoking <@U07ZX9MN3P>'s billing please.", "premium", "action:grant"),
        ("Reverse the grant of billing access to <@U03TTRE5W1>.", "premium", "action:revoke"),
        ("We gave <@U06PPLMN42> billing access by mistake yesterday. Please undo it.", "premium",
         "action:revoke"),
        ("We removed <@U08HJK2L0A> from billing by mistake. Please put him back.", "premium",
         "action:grant"),
        ("Share billing access with <@U02LKJHG88>.", "premium", "action:grant"),
        ("please no more billing for <@U08HJK2L0A>", "standard", "action:revoke"),
        ("<@U05AB7CD12> shouldn't be on billing. Please fix.", "premium", "action:revoke"),
        ("please disable billing permission of my colleague <@U06PPLMN42>, he change department",
         "premium", "action:revoke"),
        ("we want to go back to standard support. honestly we called the phone line maybe twice "
         "all year", "premium", "action:cancel"),
        ("would you please cancel our premium? I probably won't need it after the season ends, "
         "and I'd rather it didn't renew.", "premium", "action:cancel"),
        # (helper-201's review: real requests the second drafts held back)
        ("Cancel premium - we don't need it. Any questions, ping me.", "premium",
         "action:cancel"),
        ("Cancel premium - nobody uses it. Why are we still paying for this?", "premium",
         "action:cancel"),
        ("Upgrade or cancel? Cancel. Definitely cancel premium.", "premium", "action:cancel"),
        ("Cancel/revoke: <@U0ABC> left, remove her from billing. Any questions, ask.", "premium",
         "action:revoke"),
        ("ok upgrade us now lol", "standard", "action:upgrade"),
        ("upgrade us 😬", "standard", "action:upgrade"),
        ("Upgrade premium $49/mo is fine, do it", "standard", "action:upgrade"),
        ("Please give <@U0ABC> billing access, I will tell her myself", "standard",
         "action:grant"),
        ("Upgrade us please, finance will add it to the budget", "standard", "action:upgrade"),
        ("Please upgrade us to premium before our dress rehearsal Friday", "standard",
         "action:upgrade"),
        ("This wasn't us. I need that cancellation undone", "cancelled", "action:resume"),
        ("I need that cancellation undone, can you do it today?", "cancelled", "action:resume"),
        ("Cancer the premium support please", "premium", "action:cancel"),
        ("cancela el premium por favor, hasta luego", "premium", "action:cancel"),
        # (helper-193's batch 86: dictated and non-native)
        ("hi yeah I want to cancer the premium support we dont use the phone line at all its "
         "just sitting there costing money", "premium", "action:cancel"),
        ("Good morning, we would like to resign from Premium Support. Regards, Paweł", "premium",
         "action:cancel"),
        ("Good morning, <@U08HV6DJW3> is leaving our company on Friday. Please can you cancel "
         "her billing permission before this? Thanks, Carla", "premium", "action:revoke"),
        ("yeah go ahead and do the upgrade", "standard", "action:upgrade"),
        ("pls process the cancellation", "premium", "action:cancel"),
        ("please do the reactivation", "cancelled", "action:resume"),
        ("need the cancel reverted pls", "cancelled", "action:resume"),
        ("ok so a couple weeks back somebody in the office cancelled the premiums support cause "
         "they thought we were switching systems but that fell through we are staying with you "
         "guys so I need that cancellation undone keep the premium going and let it renew like "
         "normal", "cancelled", "action:resume"),
        ("so we got a new ops manager and she went through all the subscriptions we have and the "
         "premium support on this one came up she says we barely open tickets anymore since the "
         "integration got stable so she wants it gone dont renew it just cancel it and let it "
         "run out whenever the year is up", "premium", "action:cancel"),
        ("it got fixed eventually but nobody picked up so go ahead and do the upgrade",
         "standard", "action:upgrade"),
        ("we dont use it so cancel premium", "premium", "action:cancel"),
        ("can you let <@U09WX1ECS3> in on the billing side too she closes the books", "premium",
         "action:grant"),
        ("hey quick one I'm out in the yard so I can't log in right now when does my premium "
         "renew what date exactly", "premium", "personal:renewal_date"),
        ("I am outside the office and I don't find it. Please tell me my support PIN so I can "
         "call this afternoon.", "premium", "personal:phone_code"),
        ("my boss asked me if we are still on that premium thing or if it got cancelled, can you "
         "just pull up what our account shows right now", "cancelled", "action:status"),
        ("Good afternoon.\nWe are restructuring our finance team and from now the invoices of "
         "Integration Manager will be handled by Juliana. She tried to see the bills in Profile "
         "& Billing tab but she cannot see anything there, I think because she has no "
         "permission. Please could you grant the billing access to her, <@U02NQ7TPA6>?\nMany "
         "thanks,\nGustavo", "standard", "action:grant"),
    ],
)  # fmt: skip
def test_the_near_twin_and_the_dictated_request_are_done(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, text
