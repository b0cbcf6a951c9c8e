"""Requests written in another language: "hola, por favor cancelar el plan premium", "Hallo,
bitte auf Premium upgraden. Danke!", "quiero premium por favor", "pakicancel po ang premium"
(Tagalog), "<@X> ka billing access hata do" (Hindi).

The intents' examples are English, and a bag of words read across languages goes wrong in the
worst way: "por favor cancelar el plan premium" shared more words with an upgrade's example
than a cancel's, and "quiero premium por favor" the other way round. So the words a request of
a plan is made of (cancel, buy, upgrade, undo, switch, show me, talk to, please, we want, our,
the, for, account, order, invoice) are read as their English before the message is understood,
when the message holds one that asks for something (`_ASKING`) and no negation, question word
or condition of its own language (`_KEPT_AS_WRITTEN`: those would be placed where English reads
no negation, and an order would be read where none was given). Otherwise the message is left as
written: a question in Spanish about something else stays what it was.

The words are the product's, like the English verbs the readings know; a vendor's tier names
and synonyms stay in app.yaml."""

from __future__ import annotations

import re
from functools import cache

from bot.conversation.commands import CHANGE_VERB

# English → the words for it in Spanish, Portuguese, German, French, Italian, Dutch and Polish
# (and the few of Tagalog and Hindi, written in Latin letters, that customers mix with English).
_WORDS: dict[str, tuple[str, ...]] = {
    "please": ("por favor", "bitte", "s'il vous plaît", "s'il vous plait", "svp", "per favore",
               "merci de", "graag", "alstublieft", "alsjeblieft", "proszę", "prosze", "po"),
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
    "upgrade us to": ("súbanme a", "subanme a", "súbannos a", "subannos a", "súbenos a",
                      "subenos a", "súbeme a", "subeme a"),
    "reactivate": ("reactivar", "reactiven", "reativar", "reativem", "réactiver", "reactiver",
                   "reaktivieren", "riattivare", "reactiva", "reactívenlo", "reactivenlo",
                   "reactívalo", "reactivalo", "vuelvan a activar", "vuelve a activar",
                   "volver a activar"),
    "undo": ("deshacer", "deshagan", "desfazer", "rückgängig machen", "rueckgaengig machen",
             "zurücknehmen", "zuruecknehmen", "annuler l'annulation"),
    # (never a word English has: "quite", "remover")
    "remove": ("quitar", "quiten", "quitad", "quítale", "quitale", "quítenle", "quitenle",
               "eliminar", "eliminen", "retirar", "retiren", "hata do", "hata dijiye", "hatao",
               "nikal do",
               "entfernen", "entziehen", "retirer", "supprimer", "rimuovere",
               "togliere", "verwijderen", "usunąć", "usunac"),
    "turn off": ("ausschalten", "abschalten", "deaktivieren", "desactivar", "desactiven",
                 "desativar", "désactiver", "desactiver", "disattivare", "uitzetten"),
    "auto renewal": ("automatische verlängerung", "automatische verlaengerung",
                     "renovación automática", "renovacion automatica", "renouvellement automatique",
                     "rinnovo automatico"),
    "renewal": ("renovación", "renovacion", "renovação", "renovacao", "verlängerung",
                "renouvellement", "rinnovo"),
    "give": ("geben", "dar", "dale", "denle", "donner", "geven", "dać", "de do",
             "de dijiye"),
    # (Tagalog's "paki-" asks: "pakicancel po ang premium", "i-cancel niyo na po")
    "please cancel": ("pakicancel", "paki-cancel", "i-cancel niyo na", "i-cancel nyo na",
                      "cancel niyo na", "cancel nyo na"),
    "please remove": ("pakitanggal", "paki-tanggal", "tanggalin niyo", "tanggalin nyo"),
    "please give": ("bigyan niyo po ng", "bigyan nyo po ng", "bigyan niyo ng", "pakibigyan ng"),
    "access": ("zugriff", "zugang", "acceso", "acesso", "accès", "acces", "accesso", "toegang",
               "dostęp"),
    # ("Bitte <@X> Abrechnungszugriff geben": billing's access, as "give <@X> billing")
    "billing": ("abrechnungszugriff", "abrechnung", "facturación", "facturacion", "faturamento",
                "facturation", "fatturazione"),
    "we want": ("queremos", "quisiéramos", "wir möchten", "wir moechten", "wir wollen",
                "nous voulons", "nous souhaitons", "vorremmo", "vogliamo", "wij willen",
                "we willen", "chcemy"),
    "I want": ("quiero", "quisiera", "quero", "ich möchte", "ich moechte", "ich will",
               "je veux", "je voudrais", "je souhaite", "vorrei", "ik wil", "chcę", "chce"),
    "our": ("nuestro", "nuestra", "nosso", "nossa", "unser", "unseren", "unsere", "notre",
            "nostro", "nostra", "namin", "natin"),
    "plan": ("plano", "forfait", "piano", "abonament"),
    "support": ("soporte", "suporte", "supporto", "wsparcie", "ondersteuning"),
    "subscription": ("suscripción", "suscripcion", "assinatura", "abonnement", "abbonamento"),
    "just asking": ("solo pregunto", "sólo pregunto", "solo una pregunta", "só perguntando",
                    "so perguntando", "só uma pergunta", "nur eine frage", "juste une question",
                    "solo una domanda"),
    "we need": ("necesitamos", "precisamos", "wir brauchen", "nous avons besoin de",
                "abbiamo bisogno di", "wij hebben nodig", "potrzebujemy"),
    "activate": ("activar", "activen", "ativar", "ativem", "aktivieren", "activer", "activez",
                 "attivate", "attivi", "aktywować", "aktywowac", "activeer"),
    "activate it": ("actívenlo", "activenlo", "actívalo", "activalo", "ativem-no", "ative-o",
                    "me lo activas", "me lo activan", "me lo puedes activar"),
    "can you": ("pueden", "puede", "podrían", "podrian", "vocês podem", "voces podem",
                "você pode", "voce pode", "können sie", "koennen sie", "könnt ihr",
                "pouvez-vous", "pouvez vous", "vous pouvez", "potete", "potreste",
                "kunnen jullie", "kunt u"),
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
    "charge": ("cobro", "cobrança", "abbuchung", "prélèvement", "addebito"),
    "account": ("cuenta", "conta", "konto", "compte", "conto"),
    "the": ("el", "la", "los", "las", "le", "les", "il", "der", "das", "het", "ang", "yung"),
    "for": ("para", "pour", "für", "voor"),
    "switch": ("wechseln", "umsteigen", "umstellen", "cambiar", "mudar"),
    "switch us to": ("stellen sie uns auf", "stellt uns auf", "passez-nous au", "passez nous au",
                     "passez-nous à", "przenieść nas na", "przenies nas na", "zet ons op",
                     "zet ons over naar", "pasadnos a", "pásennos a", "passateci a",
                     "pásame a", "pasame a", "pásanos a", "pasanos a", "pásenme a",
                     "pasenme a"),
    "switch to": ("pasar a", "pasar al", "passar para", "passer à", "passer au", "passare a",
                  "passare al", "wechseln zu"),
}  # fmt: skip
# Other languages' "not", which their writers put beside an English verb ("ich möchte NICHT
# upgraden", "je ne veux pas upgrader", "Kami tidak mau cancel premium", "upgrade nahi karna"):
# a negation (signals.py), never a typo of an English word (respelling.py). Some are said after
# the verb too, as German and Hindi put it ("premium cancel mat karo"); Indonesian says "jangan
# cancel premium ya", Tagalog "huwag i-cancel ang premium".
NEGATIONS_AFTER_THE_VERB = ("nahi", "nahin", "nicht", "nie", "não", "mat")
NEGATIONS_ABROAD = (
    *NEGATIONS_AFTER_THE_VERB, "pas", "non", "tidak", "jangan", "ikke", "niet", "huwag", "wag"
)
# The words that ask for a change: without one, nothing is read as English.
_ASKING = frozenset(
    {"cancel", "cancellation", "buy", "upgrade", "reactivate", "undo", "we want", "I want",
     "switch to", "we need", "activate",
     "show me", "talk to", "activate it", "switch", "give", "switch us to", "remove",
     "turn off", "upgrade us to", "please cancel", "please remove", "please give"}
)  # fmt: skip


@cache
def _patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    english = {word: meaning for meaning, words in _WORDS.items() for word in words}
    # (longest first: "wir möchten" before a shorter word inside it)
    alternatives = "|".join(re.escape(w) for w in sorted(english, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])", re.I), english


def in_english(text: str) -> str:
    """The message with another language's words for asking a change of plan read as English,
    sentence by sentence, when a sentence without a negation, question word or condition of
    that language holds such a word ("quiero cancelar el soporte premium. no lo usamos": the
    reason's "no" is its own sentence's); otherwise the message exactly as written."""
    pattern, english = _patterns()
    unelided = _ELIDED.sub(r"\1e ", text)  # ("merci d'annuler", "m'afficher l'état")
    # (quoted or reported words are read whole: "Mi jefe dijo: «cancelen el Premium». Pero no…",
    # "Nuestro jefe dijo: no renovar el premium." is someone's, not a "do not renew")
    quoted = bool(_QUOTED.search(unelided))
    negated = 0
    if not quoted:  # ("bitte nicht verlängern": one English phrase)
        unelided, negated = _NEGATED_PHRASE.subn(_do_not_renew, unelided)
    parts = [unelided] if quoted else _SENTENCE_END.split(unelided, maxsplit=_MOST_SENTENCES)
    if len(parts) > _MOST_SENTENCES:
        parts = [unelided]  # (a run of 20,000 ". " is read whole, once)
    read = [part if _KEPT_AS_WRITTEN.search(part) else None for part in parts]
    # (which sentences read as English ask for a change: each is read once)
    asks = [
        kept is None and any(english[m.group(0).lower()] in _ASKING for m in pattern.finditer(part))
        for part, kept in zip(parts, read, strict=True)
    ]
    if not (negated or any(asks)) or _held_by_a_sentence(read, asks):
        return _courtesy_in_english(text)
    said = "".join(
        kept if kept is not None else pattern.sub(lambda m: english[m.group(0).lower()], part)
        for part, kept in zip(parts, read, strict=True)
    )
    # ("vorremmo annullare il premium": "we want to cancel", as English says it)
    return _WANT_VERB.sub(r"\1 to \2", said)


# Quotation marks or another language's "said": someone's words, not the asker's order.
_QUOTED = re.compile(
    r"[«»„“”\"]|\b(dijo|dice|disse|sagte|sagt|a dit|dit|zei|zegt|powiedział)\b", re.I
)
# What makes a sentence kept as written part of the request: a word that asks, in English or
# in the glossary ("Upgrade ons niet", "bitte kündigen Sie Premium nicht"); not a renewal's
# ("Wir möchten nicht, dass er sich verlängert" is the cancel's reason).
_ASKS_IN_ITSELF = re.compile(
    r"(?<![\w'])(upgrade\w*|cancel\w*|downgrade\w*|resum\w*|switch\w*|subscrib\w*|"
    r"kündig\w*|kuendig\w*|annul\w*|résili\w*|resili\w*|disdi\w*|opzeg\w*|"
    r"anul\w*|contrat\w*|passez|passer|passe|pasar|pase|mudar|wechsel\w*|umstell\w*|stell\w*|"
    r"buch\w*|activ\w*|ativ\w*|attiv\w*|aktiv\w*|reactiv\w*|réactiv\w*|reativ\w*|geben|"
    r"entziehen|retir\w*|quit\w*|toglie\w*|intrekken)(?![\w'])",
    re.I,
)


def _held_by_a_sentence(read: list[str | None], asks: list[bool]) -> bool:
    """Whether a sentence kept as written (`read`: it, or None for one read as English) takes
    the request with it: a negated request of its own ("Ne nous passez pas au Premium. Nous
    voulons…"), or, after the first sentence that asks (`asks`), a taking back or putting off
    ("Wir möchten Premium kündigen. Aber noch nicht.", "No, espera."); a reason is not
    ("quiero cancelar el soporte premium. no lo usamos")."""
    if any(kept is not None and _ASKS_IN_ITSELF.search(kept) for kept in read):
        return True
    asked_at = asks.index(True) if True in asks else len(read)
    return any(kept is not None and _PUT_OFF_ABROAD.search(kept) for kept in read[asked_at + 1 :])


# Another language's "not yet", "wait", "but", "rather not", "or rather": said after the request,
# it takes it back or puts it off.
_PUT_OFF_ABROAD = re.compile(
    r"(?<![\w'])(noch|todavía|todavia|encore|ainda|ancora|nog|jeszcze|espera\w*|espere\w*|"
    r"aspett\w*|attend\w*|wart\w*|wacht\w*|czeka\w*|maintenant|ahora|agora|adesso|jetzt|teraz|"
    r"mejor|melhor|meglio|lieber|doch|toch|pero|aber|mais|maar|oder|luego|später|plus tard)"
    r"(?![\w'])",
    re.I,
)


def _do_not_renew(said: re.Match[str]) -> str:
    """ "do not renew", with what the German said is not to be renewed ("Premium")."""
    return f"do not renew {said.group('what') or ''}".rstrip()


# Read sentence by sentence up to this many sentences; a longer message is read whole.
_MOST_SENTENCES = 40
# Where a sentence ends (its mark and the spaces after it stay with it).
_SENTENCE_END = re.compile(r"(?<=[.!?¡¿])(?=\s)|\n")
# A negated request said as a phrase of its own: its English, before negations are looked for.
_NEGATED_PHRASE = re.compile(
    # (German puts the "nicht" last: "bitte verlängern Sie Premium nicht")
    r"(?<![\w'])(?:verlängern\s+sie\s+(?P<what>(?:[\w-]+\s+){0,3}?)nicht|"
    r"nicht\s+(?:mehr\s+)?(?:automatisch\s+)?verlängern|"
    r"no\s+(?:lo\s+|la\s+)?(?:renovar|renueven|renovemos)|não\s+renovar|"
    r"ne\s+pas\s+(?:le\s+|la\s+)?renouveler|non\s+rinnovare|niet\s+(?:meer\s+)?verlengen)"
    r"(?![\w'])"
    # (not "bitte nicht verlängern vergessen!": "don't forget to renew")
    r"(?!\s+(?:\S+\s+){0,3}?(?:vergessen|olvidar|oublier|dimenticare|vergeten)\b)",
    re.I,
)


# A negation or a question word of another language, placed where English would not put it
# ("Bitte kündigen Sie Premium nicht", "Pouvez-vous me dire comment annuler premium?",
# "no lo cancelen"), or a condition: the message is left as written (its words ask nothing
# the understanding can read as an order), never turned into one.
_KEPT_AS_WRITTEN = re.compile(
    r"(?<![\w'])(no|non|nicht|niet|não|nao|ne|pas|nie|kein|keine|keinen|keinem|keiner|keines|"
    r"geen|nunca|jamais|nada|nichts|rien|huwag|wag|hindi|"
    r"niente|niets|wie|comment|cómo|como|hoe|jak|qué|quoi|cosa|cuánto|cuanto|quanto|combien|"
    r"wieviel|cuál|cual|qual|quel|quelle|welche|welcher|warum|pourquoi|perché|waarom|cuándo|"
    r"cuando|quando|quand|wann|wanneer|wenn|ob|si|bevor|avant|antes|prima|voordat|después|"
    r"falls|sofern|indien|jeśli|jesli|jeżeli|jezeli|gdyby|qualora|caso|"
    r"despues|après|dopo|später|plus tard|más tarde|mais tarde)(?![\w'])",
    re.I,
)
# French elision read whole: "d'annuler" as "de annuler" (not "s'il vous plaît", a phrase).
_ELIDED = re.compile(r"\b([dlm])['’](?=\w)", re.I)
_WANT_VERB = re.compile(r"\b(want)\s+(cancel|buy|upgrade|reactivate|undo|switch|talk)\b")


# Another language's "please" right before an English order ("hola, my colleague cancelled our
# premium …, por favor reactivate the auto renew"): an order's "please" is what shows it is
# asked. (Nothing else is read as English there: "bitte an den Support weiterleiten" and
# "Resumo do premium support … Obrigado!" stay as written.)
_PLEASE_BEFORE_ORDER = re.compile(
    r"(?<![\w'])(?:" + "|".join(re.escape(word) for word in _WORDS["please"]) + r")\s+(?=(?:"
    + CHANGE_VERB
    + r"))",
    re.I,
)


def _courtesy_in_english(text: str) -> str:
    return _PLEASE_BEFORE_ORDER.sub("please ", text)
