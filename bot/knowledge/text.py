"""How words are compared: one analyzer for indexing, questions and synonyms alike.

Questions and articles must be cut into the same stems, or "prices" would never meet "pricing".
Stems are Porter2's (Whoosh's default Porter stemmer keeps doubled consonants: "shipping" became
"shipp" and never met "ship"). The stop list is Whoosh's without "not" and "us" (which carry
meaning in support questions), and questions additionally lose the words every question has
("how do I", "please").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter2 import stem as english_stem

INDEX_STOP_WORDS = frozenset(STOP_WORDS - {"not", "us"})

# Words that say nothing about the topic of a support question: English function words,
# contractions and the verbs every question has. They are dropped from questions only; phrases
# that contain them ("what do i get", "can't see") still match synonyms before they are dropped.
QUESTION_WORDS = frozenset(
    """
    a able about above accept actually after again against ago all allow already also always
    am an and another any anybody anyone anything anyway anyways are aren't around as ask
    asking at away back be because been before being below between both but by can can't
    cannot check could couldn't currently customer customers detail details did didn't
    different do does doesn't doing don't done down during each either else even ever every
    exactly explain few find for found from further get gets getting give go goes going good
    got great guy guys had hadn't happen has hasn't have haven't having he hello help her here
    here's hers hey hi him his how how's however i i'd i'll i'm i've if im in info information
    instead into is isn't it it'd it'll it's its itself just kept kind know last lasts least
    let let's like likely located long look looking lost lot make many may maybe me mean means
    might mine more most much must my myself need needs neither no nor now of off often ok
    okay on once one only onto or other others otherwise ought our ours ourselves out over own
    per perhaps please possible pretty question questions quick quickly rather ready really
    regarding right said same say search searching she should shouldn't show shows since so
    some somebody someone something sometimes soon step steps still stored such sure take tell
    than thank thanks that that's the their theirs them themselves then there there's these
    they they're thing things this those though through thus to together too toward try trying
    under unless up upon us use used using usually very via want wanted wants was wasn't way
    we we'd we'll we're we've well were weren't what what's whats when when's whenever where
    where's whether which while who who's whom whose why will with within without won't
    wondering would wouldn't yeah yes yet you you'd you'll you're you've your yours yourself
    yourselves
    """.split()
)

# Tokens are words, numbers and dotted or hyphenated compounds ("help@cartrover.com", "24/7").
_TOKEN = r"\w+(?:[.'’-]\w+)*"
MAX_QUESTION_CHARS = 2000


def make_analyzer():
    """The Whoosh analyzer the index is built with; the same chain cuts questions."""
    return (
        RegexTokenizer(_TOKEN)
        | LowercaseFilter()
        | StopFilter(stoplist=INDEX_STOP_WORDS, minsize=1, maxsize=40)
        | StemFilter(stemfn=english_stem, cachesize=100_000)
    )


_ANALYZER = make_analyzer()
_WORDS = RegexTokenizer(_TOKEN) | LowercaseFilter()


def normalize(text: str) -> str:
    """Fold what customers type into plain text (control bytes, Slack markup, curly quotes)."""
    text = unicodedata.normalize("NFKC", text[: MAX_QUESTION_CHARS * 2])
    text = re.sub(
        r"<(?:[@#!][^<>|]*|https?://[^<>|]*)(?:\|([^<>]*))?>", r" \1 ", text
    )  # Slack <...|label>
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text.replace("’", "'")[:MAX_QUESTION_CHARS]


def stems(text: str) -> list[str]:
    """Index-side terms of a text, in order."""
    return [token.text for token in _ANALYZER(text)]


def words(text: str) -> list[str]:
    """Lower-cased words before stop words and stemming (for phrase matching)."""
    return [token.text for token in _WORDS(text)]


@lru_cache(maxsize=50_000)
def stem_word(word: str) -> str:
    """One word's stem, or "" when it is a stop word."""
    found = stems(word)
    return found[0] if found else ""


# Sentences end at . ! ? (! and ? even unspaced: "ok?what"; "cartrover.com" is no end), a line
# break, or an emoji, which in chat often stands where a full stop would ("approved 🎉 can u
# switch us"; Slack sends it as ":tada:"; "10:30:00" is no emoji). Each branch starts on a
# character, not on optional space, so a run of 40,000 spaces is read once, not once per space.
_EMOJI = (
    r"[\U0001F300-\U0001FAFF\u2600-\u27BF][\ufe0f\u200d\U0001F3FB-\U0001F3FF]*"  # + modifiers
    r"|:[a-z][a-z0-9_+'-]*:"
)
_SENTENCE_BREAK = re.compile(
    rf"(?<=[.!?])\s+|\n+|(?<=[!?])(?=[A-Za-z])|(?:{_EMOJI})(?:\s*(?:{_EMOJI}))*\s*"
)
_CLAUSE_BREAK = re.compile(r"[,;]\s+|(?<=\S)\s+[-–—]\s+")
# Links and Slack markup are no place to break ("…/billing?tab=plan" is no question): they are
# set aside while a message is split and put back in its pieces.
_LINKS = re.compile(r"<[^<>]{1,1000}>|(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://\S+", re.I)
_SET_ASIDE = re.compile("\ue000(\\d+)\ue001")
# A message is split this far (what is read of it: see normalize) and into at most this many
# pieces, so a padded or endless message costs what a long one does.
_SPLIT_CHARS = MAX_QUESTION_CHARS
_MAX_PIECES = 12
# A sentence asks when it ends with "?" or opens with a question word; "can you…", "could
# someone…" and "please…" ask for something to be done, which is not a question to answer.
_ASKING = re.compile(
    r"^\W*(anyway,?\s+|so,?\s+|and\s+|but\s+|also,?\s+)?"
    r"(how|what|whats|what's|when|where|why|which|who)\b",
    re.I,
)
# How a message may open before what it says ("hey team, …"): commands.py reads past them too.
GREETINGS = "hey|hi|hello|yo"
ADDRESSEES = "team|all|there|guys|folks|everyone|bot"
_REQUESTING = re.compile(
    # (after a greeting too: "hey can you undo her billing access")
    rf"^\W*((also|and|and also|oh and|then|btw|ps|so|but|anyway|ok|okay|{GREETINGS}|{ADDRESSEES})"
    r"\b\W*){0,3}"
    r"((can|could|would|will)\s+(you|u|someone|somebody|anyone|ya)|please|pls|plz|kindly|"
    r"(i|we)\s+(kindly\s+)?request)\b",
    re.I,
)
# A request to be told something asks as a question does ("Kindly share the contact number for
# the premium line.", "Could you please confirm whether it renews on its own?"); a request to
# have something done ("could you cancel it?") does not.
_TO_BE_TOLD = re.compile(
    r"^\W*((also|and|btw)\b\W*)?((can|could|would|will)\s+(you|u)\s+|please\s+|pls\s+|plz\s+|"
    r"kindly\s+)+((also|just)\s+)?(confirm|tell|share|let\s+(me|us)\s+know|explain|"
    r"clarify|advise|remind|point\s+(me|us))\b",
    re.I,
)
# A sentence this bare ("how do i get back in?", "any credit for that?") leans on the rest of
# the message for its subject: read alone it would match whatever shares its one word.
_MIN_CONTENT_WORDS = 2


def split_sentences(text: str) -> list[str]:
    """The sentences of a message (its first 2,000 characters), in order."""
    return list(_sentences_of(text[:_SPLIT_CHARS]))  # (the key held no longer than is read)


@lru_cache(maxsize=4096)
def _sentences_of(text: str) -> tuple[str, ...]:
    """(each reading of a message splits it a score of times: once is enough)"""
    links: list[str] = []

    def set_aside(found: re.Match[str]) -> str:
        links.append(found.group(0))
        return f"\ue000{len(links) - 1}\ue001"

    masked = _LINKS.sub(set_aside, text)
    pieces = [s.strip() for s in _SENTENCE_BREAK.split(masked) if s and s.strip()]
    if not links:
        return tuple(pieces)
    return tuple(_SET_ASIDE.sub(lambda m: links[int(m.group(1))], piece) for piece in pieces)


def sentences(text: str) -> list[str]:
    """The message's sentences that could stand alone (two words that say something), when it
    has more than one sentence; [] for a message of one."""
    return _standing_alone(split_sentences(text))


def clauses(text: str) -> list[str]:
    """The message's sentences and their comma-separated clauses that could stand alone ("orders
    haven't synced since 6am, i need an actual person"), when there is more than one."""
    return _standing_alone(
        c.strip() for s in split_sentences(text) for c in _CLAUSE_BREAK.split(s)
    )


def _standing_alone(pieces: Iterable[str]) -> list[str]:
    """Of a message's pieces, those that say something on their own (at most _MAX_PIECES);
    [] when the message is one piece, which the whole message already is."""
    found = [p for p in pieces if len(p) > 2]
    if len(found) < 2:
        return []
    return [p for p in found if _content_words(p) >= _least_words(p)][:_MAX_PIECES]


# A request needs only its verb ("…, can you subscribe us?", as "…, can u subscribe us?"), unless
# the verb says nothing without what was said before ("…onboarding session, right? please set it
# up"; "…so please keep it" does).
_POINTS_BACK = re.compile(
    r"\b(set|do|sort|handle|arrange|make|get|take care of)\s+(it|that|this|them)\b", re.I
)


# ... or ends with a "please" ("…supposed to be temporary. revoke it now please").
_PLEASE_AT_END = re.compile(r"\b(please|pls|plz)\W*$", re.I)


def _least_words(piece: str) -> int:
    asks = is_request(piece) or bool(_PLEASE_AT_END.search(piece))
    return 1 if asks and not _POINTS_BACK.search(piece) else _MIN_CONTENT_WORDS


def _content_words(sentence: str) -> int:
    return sum(1 for word in words(sentence) if word not in QUESTION_WORDS)


def asking_sentences(text: str) -> list[str]:
    """The sentences of a message that ask something, when it has others too: "opened a
    ticket at 7pm and heard nothing til morning. r u even staffed at night?" asks only the
    last. A message of one sentence (or none that asks) gives []."""
    return [
        s for s in sentences(text)
        if _TO_BE_TOLD.search(s)
        or ((s.rstrip().endswith("?") or _ASKING.search(s)) and not _REQUESTING.search(s))
    ]


@lru_cache(maxsize=1)
def _english():
    from spellchecker import SpellChecker  # a word list of 160,000 words: loaded once, on use

    return SpellChecker(language="en", distance=1)


@lru_cache(maxsize=50_000)
def is_english_word(word: str) -> bool:
    """Whether `word` is an English word (so not a typo, even one edit from a word we know)."""
    return bool(_english().known([word.lower()]))


def is_request(sentence: str) -> bool:
    """Whether a sentence asks for something to be done ("please cancel it", "can you switch us
    to premium"), by its form alone."""
    return bool(_REQUESTING.search(sentence))


# A message written as a letter: its sign-off's names and titles ("Dana Whitfield, Finance &
# Procurement") are words no article has. (Its salutation stays: "Dear Support Team" says what
# the letter is about, and removing "Dear Sir or Madam" answered more out-of-scope letters.)
# (only a name and a title may follow it: "Thanks, but actually don't" is no sign-off)
_SIGN_OFF = re.compile(
    r"(?:(?<=[.!?])|\n)\s*(many thanks|thanks( a lot| so much| in advance)?|"
    r"thank you( so much| in advance)?|thx|cheers|((kind|best|warm|many)\s+)?regards|best|"
    r"sincerely|all the best)\s*[,.!]?(\s*(?:[A-Z][\w.'’-]*+|&|\||[-–—/]|:[\w+-]+:|"
    r"[\u2600-\u27bf\U0001f300-\U0001faff]))*\s*$",
    re.I,
)


# A sign-off is looked for in the message's last characters only: a search from every line
# break of a message padded with 40,000 of them would read the rest once per break.
_SIGN_OFF_TAIL = 200


def letter_body(text: str) -> str:
    """The message without a letter's sign-off ("Thanks,\\nDana Whitfield\\nFinance &
    Procurement"); the message itself when that would leave nothing."""
    head, tail = text[:-_SIGN_OFF_TAIL], text[-_SIGN_OFF_TAIL:]
    return (head + _SIGN_OFF.sub("", tail, count=1)).strip() or text


def one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
    return swapped and a[i + 2 :] == b[i + 2 :]
