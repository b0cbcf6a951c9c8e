"""Requests written in another language: "hola, por favor cancelar el plan premium", "Hallo,
bitte auf Premium upgraden. Danke!", "quiero premium por favor".

The intents' examples are English, and a bag of words read across languages goes wrong in the
worst way: "por favor cancelar el plan premium" shared more words with an upgrade's example
than a cancel's, and "quiero premium por favor" the other way round. So the few words that say
what is asked of a plan (cancel, buy, upgrade, undo, please, we want) are read as their English
before the message is understood, when the message holds one that asks for a change; the rest
is left as written (a question in Spanish about something else stays what it was).

The words are the product's, like the English verbs the readings know; a vendor's tier names
and synonyms stay in app.yaml."""

from __future__ import annotations

import re
from functools import cache

# English → the words for it in Spanish, Portuguese, German, French, Italian, Dutch and Polish.
_WORDS: dict[str, tuple[str, ...]] = {
    "please": ("por favor", "bitte", "s'il vous plaît", "s'il vous plait", "svp", "per favore",
               "merci de",
               "graag", "alstublieft", "alsjeblieft", "proszę", "prosze"),
    "thanks": ("gracias", "obrigado", "obrigada", "danke", "merci", "grazie", "bedankt",
               "dziękuję", "dziekuje"),
    "cancel": ("cancelar", "cancelen", "cancele", "cancelem", "kündigen", "kuendigen",
               "stornieren", "annuler", "annulez", "résilier", "resilier", "annullare",
               "annullate", "disdire", "opzeggen", "anulować", "anulowac"),
    "cancellation": ("cancelación", "cancelacion", "cancelamento", "kündigung", "kuendigung",
                     "annulation", "résiliation", "resiliation", "disdetta", "anulowanie"),
    "buy": ("contratar", "contraten", "comprar", "assinar", "buchen", "kaufen", "bestellen",
            "souscrire", "acheter", "acquistare", "attivare", "kopen"),
    "upgrade": ("actualizar", "actualicen", "upgraden", "upgrader", "aggiornare"),
    "reactivate": ("reactivar", "reactiven", "reativar", "reativem", "réactiver", "reactiver",
                   "reaktivieren", "riattivare"),
    "undo": ("deshacer", "deshagan", "desfazer", "rückgängig machen", "rueckgaengig machen"),
    "renewal": ("renovación", "renovacion", "renovação", "renovacao", "verlängerung",
                "renouvellement", "rinnovo"),
    "we want": ("queremos", "quisiéramos", "wir möchten", "wir moechten", "wir wollen",
                "nous voulons", "nous souhaitons", "vorremmo", "vogliamo", "wij willen",
                "we willen", "chcemy"),
    "I want": ("quiero", "quisiera", "quero", "ich möchte", "ich moechte", "ich will",
               "je veux", "je voudrais", "je souhaite", "vorrei", "ik wil", "chcę", "chce"),
    "our": ("nuestro", "nuestra", "nosso", "nossa", "unser", "unseren", "unsere", "notre",
            "nostro", "nostra"),
    "plan": ("plano",),
    "support": ("soporte", "suporte", "supporto"),
    "subscription": ("suscripción", "suscripcion", "assinatura", "abonnement", "abbonamento"),
    "we don't want": ("no queremos", "não queremos", "nao queremos", "non vogliamo",
                      "non vorremmo", "wir wollen nicht", "wir möchten nicht"),
    "I don't want": ("no quiero", "não quero", "nao quero", "non voglio", "ich will nicht",
                     "ich möchte nicht"),
    "don't cancel": ("no cancelar", "no cancelen", "não cancelar", "não cancelem",
                     "nao cancelar", "non annullare", "nicht kündigen", "ne pas annuler",
                     "ne pas résilier", "nie anulować"),
    "just asking": ("solo pregunto", "sólo pregunto", "solo una pregunta", "só perguntando",
                    "so perguntando", "só uma pergunta", "nur eine frage", "juste une question",
                    "solo una domanda"),
    "we need": ("necesitamos", "precisamos", "wir brauchen", "nous avons besoin de",
                "abbiamo bisogno di", "wij hebben nodig", "potrzebujemy"),
    "activate": ("activar", "activen", "ativar", "ativem", "aktivieren", "activer", "activez"),
    "activate it": ("actívenlo", "activenlo", "actívalo", "activalo", "ativem-no", "ative-o"),
    "can you": ("pueden", "puede", "podrían", "podrian", "vocês podem", "voces podem",
                "você pode", "voce pode", "können sie", "koennen sie", "könnt ihr",
                "pouvez-vous", "pouvez vous", "potete", "potreste", "kunnen jullie", "kunt u"),
    "show me": ("muéstrame", "muestrenme", "muéstrenme", "mostrar", "mostrem", "mostre",
                "zeigen sie mir", "zeig mir", "me afficher", "afficher", "montrez-moi",
                "mostrami", "mostrate", "toon mij", "pokaż"),
    "the status of": ("el estado de", "o estado de", "den status von", "le état de",
                      "le état actuel de", "lo stato di", "de status van"),
    "talk to": ("hablar con", "falar com", "sprechen mit", "parler à", "parler avec",
                "parlare con", "spreken met"),
    "someone from": ("alguien de", "alguém de", "jemandem aus", "jemand aus",
                     "quelqu'un de", "qualcuno di", "iemand van"),
    "sales": ("ventas", "vendas", "vertrieb", "ventes", "vendite", "verkoop"),
    "order": ("pedido", "encomenda", "bestellung", "commande", "ordine", "bestelling",
              "zamówienie"),
    "invoice": ("factura", "fatura", "rechnung", "facture", "fattura", "faktura"),
    "charge": ("cobro", "cargo", "cobrança", "abbuchung", "prélèvement", "addebito"),
    "account": ("cuenta", "conta", "konto", "compte", "conto", "account"),
    "the": ("el", "la", "los", "las", "le", "les", "il", "der", "das", "den", "het"),
    "for": ("para", "pour", "für", "voor"),
    "switch": ("wechseln", "umsteigen", "umstellen", "cambiar", "mudar", "changer"),
    "switch to": ("pasar a", "pasar al", "passar para", "passer à", "passer au", "passare a",
                  "passare al", "wechseln zu"),
}  # fmt: skip
# The words that ask for a change: without one, nothing is read as English.
_ASKING = frozenset(
    {"cancel", "cancellation", "buy", "upgrade", "reactivate", "undo", "we want", "I want",
     "switch to", "we don't want", "I don't want", "don't cancel", "we need", "activate",
     "show me", "talk to", "activate it", "switch"}
)  # fmt: skip


@cache
def _patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    english = {word: meaning for meaning, words in _WORDS.items() for word in words}
    # (longest first: "wir möchten" before a shorter word inside it)
    alternatives = "|".join(re.escape(w) for w in sorted(english, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])", re.I), english


def in_english(text: str) -> str:
    """The message with another language's words for asking a change of plan read as English,
    when it holds such a word; otherwise the message as written."""
    pattern, english = _patterns()
    text = _ELIDED.sub(r"\1e ", text)  # ("merci d'annuler", "m'afficher l'état")
    found = [m for m in pattern.finditer(text)]
    if not any(english[m.group(0).lower()] in _ASKING for m in found):
        return text
    said = pattern.sub(lambda m: english[m.group(0).lower()], text)
    # ("vorremmo annullare il premium": "we want to cancel", as English says it)
    return _WANT_VERB.sub(r"\1 to \2", said)


# French elision read whole: "d'annuler" as "de annuler" (not "s'il vous plaît", a phrase).
_ELIDED = re.compile(r"\b([dlm])['’](?=\w)", re.I)
_WANT_VERB = re.compile(r"\b(want)\s+(cancel|buy|upgrade|reactivate|undo|switch|talk)\b")
