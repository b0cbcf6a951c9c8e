"""Requests written in another language (bot/conversation/other_languages.py): the few words
that ask for a change of plan are read as English, so the request goes the way it was asked; a
negation stays one, and a message that asks for no change is left as written."""

from __future__ import annotations

import pytest

from bot.conversation.other_languages import in_english
from tests.conftest import decision_in_dm


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # (a bag of English-example words read these the opposite way)
        ("hola, por favor cancelar el plan premium de soporte, gracias", "action:cancel"),
        ("hola! quiero premium por favor :pray: we need the phone line before hot sale in may",
         "action:upgrade"),
        ("Hallo, bitte auf Premium upgraden. Danke!", "action:upgrade"),
        ("wir möchten Premium kündigen", "action:cancel"),
        ("Guten Tag, wir möchten gerne Premium Support. Danke", "action:upgrade"),
        ("nous voulons annuler notre abonnement premium", "action:cancel"),
        ("Bonjour, nous voulons le support premium s'il vous plaît", "action:upgrade"),
        ("Olá, queremos cancelar o plano premium", "action:cancel"),
        ("queremos el plan premium por favor", "action:upgrade"),
        ("graag ons premium abonnement opzeggen", "action:cancel"),
        ("bitte die Kündigung rückgängig machen", "action:resume"),
        ("merci d'annuler notre abonnement premium", "action:cancel"),
        ("necesitamos premium, por favor actívenlo", "action:upgrade"),
        ("Bonjour, pouvez-vous m'afficher l'état actuel de notre abonnement au support ?",
         "action:status"),
        ("Hola, quisiera hablar con alguien de ventas about pricing for multiple accounts.",
         "handoff:sales"),
        # (a negation in a sentence of its own is the reason's, not the request's)
        ("hola, quiero cancelar el soporte premium. no lo usamos. gracias", "action:cancel"),
        ("Wir kündigen Premium Support. Bitte nicht automatisch verlängern, danke.",
         "action:cancel"),
        ("Bonjour, on a annulé le premium support par erreur. Vous pouvez le réactiver ? merci",
         "action:resume"),
        ("Bitte <@U05TGB19KE> Billing-Zugriff geben. Danke!", "action:grant"),
        # (helper-84: German separable verbs and its "nicht" last; Italian, French, Polish)
        ("Wir brauchen schnellere Antworten. Bitte stellen Sie uns auf Premium Support um.",
         "action:upgrade"),
        ("Wir haben kein Budget mehr dafür. Bitte verlängern Sie Premium nicht.", "action:cancel"),
        ("Il prezzo di 399 dollari non è un problema. Attivate il supporto Premium, per favore.",
         "action:upgrade"),
        ("Le prix ne nous pose pas de problème. Passez-nous au support Premium, s'il vous plaît.",
         "action:upgrade"),
        ("Nie możemy czekać cały dzień na odpowiedź. Proszę przenieść nas na wsparcie Premium.",
         "action:upgrade"),
    ],
)  # fmt: skip
def test_a_request_in_another_language_goes_the_way_it_was_asked(shipped_services, text, label):
    assert decision_in_dm(shipped_services, text) == label, text


@pytest.mark.parametrize(
    "text",
    [
        "no queremos cancelar premium, solo pregunto",
        "por favor no cancelen premium",
        "hola, tienen soporte en español?",
        "por favor cancelar el pedido 1234, el cliente se arrepintió",  # an order, not the plan
        "Premium bitte nicht kündigen. Danke.",
        "No. No queremos cancelar premium. Gracias.",
        # (helper-84: a negated request in a sentence of its own beside a wish, quoted words,
        # another language's "if")
        "Ne nous passez pas au Premium. Nous voulons juste des informations.",
        "Mi jefe dijo: «cancelen el Premium». Pero no estoy de acuerdo, esperen.",
        "Falls der Preis steigt, kündigen Sie bitte unser Premium.",
    ],
)
def test_a_negation_or_a_question_in_another_language_changes_nothing(shipped_services, text):
    assert not decision_in_dm(shipped_services, text).startswith("action:"), text


def test_only_a_message_that_asks_a_change_is_read_as_english():
    assert in_english("Vorremmo annullare il premium, grazie") == (
        "we want to cancel the premium, thanks"
    )
    # (a negation, a question word or a condition of the other language: left as written)
    for kept in (
        "no queremos cancelar premium",
        "Bitte kündigen Sie Premium nicht, wir brauchen es noch.",
        "Können Sie mir sagen, wie ich Premium kündigen kann?",
    ):
        assert in_english(kept) == kept
    # (a sentence with its own negation stays as written beside one that asks)
    assert in_english("quiero cancelar premium. no lo usamos.") == (
        "I want to cancel premium. no lo usamos."
    )
    assert in_english("Bitte nicht verlängern.") == "please do not renew."
    # (and English is never rewritten: "changer" is no other language's "switch" here)
    english = "Premium would be a game changer for us, but we can't afford it right now."
    assert in_english(english) == english
    assert in_english("Please give Priya D'Souza billing access") == (
        "Please give Priya D'Souza billing access"
    )
    # (no word that asks a change: the message stays as written, "gracias" and all)
    assert in_english("hola, tienen soporte en español? gracias") == (
        "hola, tienen soporte en español? gracias"
    )
    # (an English message is left alone)
    english = "we want to cancel our add-ons plano"
    assert in_english(english) == english


def test_another_languages_please_before_an_english_order_is_read_as_please():
    said = "hola, my colleague cancelled it, por favor reactivate it"
    assert in_english(said) == "hola, my colleague cancelled it, please reactivate it"
    # (only before an order: a sentence of that language, or its thanks, stays as written)
    for kept in (
        "hallo, the sync keeps failing. bitte an den Support weiterleiten",
        "Resumo do premium support: faster replies, a phone code. Obrigado!",
        "bonjour, if i cancel the premium support, will you charge my card again? merci",
    ):
        assert in_english(kept) == kept
