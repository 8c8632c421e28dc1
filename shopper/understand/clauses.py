"""Request text housekeeping: normalizing, cutting off cart/checkout clauses, sentences, language."""

from __future__ import annotations

import re
import unicodedata

from shopper.understand.lexicon import COLOUR_OF, LANGUAGE_WORDS, TRANSLATIONS
from shopper.understand.terms import to_english

MAX_CHARS = 2000

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


def normalize_text(text: str) -> str:
    """NFKC, plain quotes, no control characters, single spaces, capped length."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])
    text = _CONTROL.sub(" ", text.translate(_QUOTES))
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= MAX_CHARS:
        return text
    # Cut at a word boundary: half a word would become a term no offer can match.
    head = text[: MAX_CHARS + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else ""
    return cut if cut else text[:MAX_CHARS]


_CONJ = (
    r"(?:(?:\s*,\s*|\s*;\s*|\s+)(?:and|then|and then|und|dann|und dann|en|dan|en dan|og|så|og så|deretter"
    r"|et|puis|et puis|&)\b)?"
)
_OBJ = r"[^.!?\n]{0,160}?"
_CART_NOUN = (
    r"(?:shopping[\s-]?)?(?:cart|carts|basket|baskets|trolley|bag)\b|winkel(?:wagen|wagentje|mand|mandje|kar)\w*"
    r"|mandje\b|warenk[oö]rb\w*|einkaufswagen\w*|handlekurv\w*|handlevogn\w*|panier\w*"
)
# A cart clause: the verb (en/nl/de/nb/fr), an object, then a cart noun; cut to the end of its sentence.
_CART = re.compile(
    _CONJ
    + r"\s*(?:please\s+|bitte\s+)?\b(?:add|put|place|throw|voeg|zet|doe|stop|leg|lege|füg|füge|fuege|pack"
    r"|packe|tu|tue|legg|putt|ajoute|ajouter|ajoutez|mets|mettez|mettre)\b"
    + _OBJ
    + r"\b(?:"
    + _CART_NOUN
    + r")[^.!?\n]*",
    re.I,
)
# Strong checkout words: whatever follows them (addresses, payment details) is not a search.
_CHECKOUT = re.compile(
    _CONJ + r"\s*(?:please\s+)?\b(?:check[\s-]?out|checkout"
    r"|complete\s+(?:the\s+|my\s+|your\s+)?(?:checkout|purchase|order|payment)|place\s+(?:the\s+|an\s+|my\s+|your\s+)?orders?|proceed\s+to\s+(?:the\s+)?(?:checkout|payment)"
    r"|afreken\w*|reken\s+\w+\s+af|bestelling\s+(?:plaatsen|afronden|voltooien)|naar\s+de\s+kassa"
    r"|zur\s+kasse|kasse\s+gehen|bestellung\s+abschlie\w+|kauf\s+abschlie\w+|(?:gå\s+)?til\s+kassen"
    r"|fullfør\w*\s+(?:kjøpet|bestillingen|ordren)|sjekk\s+ut|passe[rz]?\s+(?:la\s+)?commande"
    r"|valide[rz]?\s+(?:la\s+)?commande|finalise[rz]?\s+(?:la\s+|l'|ma\s+)?(?:commande|achat))\b.*",
    re.I | re.S,
)
# Weak purchase verbs count only after a conjunction and with an object ("... and buy it").
_BUY = re.compile(
    r"(?:\s*,\s*|\s+)(?:and|then|and then|und|dann|en|dan|og|så|et|puis)\s+(?:please\s+)?"
    r"(?:buy|purchase|order|pay\s+for|pay|koop|bestel|betaal|kaufe|bestelle|bezahle|kjøp|bestill|betal"
    r"|achète|achetez|commande|commandez|payez)\b(?:\s*(?:[.!?]|$)|\s+(?:it|them|this|that|these|those|each"
    r"|all|one|het|ze|deze|es|sie|ihn|diese|det|dem|disse|le|la|les)\b(?!\s+by\b)).*",
    re.I | re.S,
)
# "Add X to my cart" as the whole request: keep X.
_LEADING_CART = re.compile(
    r"^\s*(?:please\s+)?(?P<verb>add|put|place|voeg|zet|doe|leg|lege|füge|fuege|pack|packe|legg|ajoute|ajoutez|mets)"
    r"\s+(?P<body>.+?)\s+(?P<tail>(?:to|in|into|onto|aan|in|toe\s+aan|i|dans|au)\s+(?:my|the|your|a|mijn|de|het"
    r"|den|meinen|meinem|dem|min|handle\w*|mon|le)?\s*(?:" + _CART_NOUN + r")(?:\s+(?:toe|hinzu|ein))?)",
    re.I,
)


def _clean(part: str) -> str:
    part = re.sub(
        r"^[\s,;:&]*(?:and then|and|then|und dann|und|dann|en dan|en|dan|og så|og|så|deretter|et puis"
        r"|et|puis)?\s+",
        "",
        " " + part,
        flags=re.I,
    )
    return part.strip(" ,;:.!?")


def cut_ignored(text: str) -> tuple[str, list[str]]:
    """Split off the clauses find does not act on (add to cart, checkout, pay); return (rest, ignored)."""
    lead_part: list[str] = []
    lead = _LEADING_CART.match(text)
    if lead:
        lead_part.append(f"{lead['verb']} … {lead['tail']}".strip())
        text = lead["body"] + text[lead.end() :]
    tail: list[str] = []
    for pattern in (_CHECKOUT, _BUY):
        match = pattern.search(text)
        if match:
            tail.insert(0, _clean(match.group(0)))
            text = text[: match.start()]
    middle: list[str] = []
    while match := _CART.search(text):
        middle.append(_clean(match.group(0)))
        text = text[: match.start()] + text[match.end() :]
    return text.strip(), [i for i in (*lead_part, *middle, *tail) if i]


# Abbreviations whose dot does not end a sentence ("Dr. Martens", "Gr. M", "str. 44").
_ABBREV = (
    r"(?<!\bdr)(?<!\bst)(?<!\bmr)(?<!\bgr)(?<!\bnr)(?<!\bno)(?<!\bca)(?<!\bvs)(?<!\bstr)(?<!\bmax)(?<!\bmin)"
)
_SENTENCE_END = re.compile(_ABBREV + r"[.!?]+(?=\s+\S)|[.!?]+$", re.I)
_META_START = re.compile(
    r"^\s*(?:if|when|in case|unless|als|indien|wanneer|tenzij|wenn|falls|sofern|hvis|dersom|om|når|si|lorsque"
    r"|quand|return|show|list|give|sort|display|rank|toon|geef|sorteer|zeig|zeige|gib|sortier\w*|vis|gi|sorter"
    r"|montre\w*|affiche\w*|trie\w*|retourne\w*|note|nb|ps)\b",
    re.I,
)


def sentences(text: str) -> list[tuple[int, int, bool]]:
    """Sentence spans (start, end, is_meta); a later sentence starting with if/when/return... is meta."""
    spans: list[tuple[int, int, bool]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            spans.append((start, match.end(), False))
            start = match.end()
    if start < len(text):
        spans.append((start, len(text), False))
    return [(s, e, i > 0 and bool(_META_START.match(text[s:e]))) for i, (s, e, _) in enumerate(spans)]


_TOKEN = re.compile(r"[^\W\d_][\w'-]*", re.U)
_CHAR_HINTS = {"nb": "øæå", "de": "äöüß", "fr": "éèêçàùâîôœ"}
_TRANSLATION_LANG: dict[str, str] = {}


def _vote_translation(word: str) -> str | None:
    if not _TRANSLATION_LANG:
        for lang, words in LANGUAGE_WORDS.items():
            for w in words:
                _TRANSLATION_LANG.setdefault(w, lang)
    return _TRANSLATION_LANG.get(word)


def detect_language(text: str, default: str = "en") -> str:
    """Vote by distinctive words (and a few letters) for en, nl, de, nb or fr; ties go to the default."""
    scores = dict.fromkeys(LANGUAGE_WORDS, 0.0)
    for raw in _TOKEN.findall(text.lower()):
        word = raw.strip("'-")
        langs = [lang for lang, words in LANGUAGE_WORDS.items() if word in words]
        for lang in langs:
            scores[lang] += 1.0 / len(langs)
        if not langs and (word in TRANSLATIONS or word in COLOUR_OF or to_english(word)):
            guess = _guess_by_ending(word)
            if guess:
                scores[guess] += 0.5
        for lang, chars in _CHAR_HINTS.items():
            if any(c in word for c in chars):
                scores[lang] += 0.5
    best = max(scores.values())
    if best <= 0:
        return default
    top = [lang for lang, score in scores.items() if score == best]
    norm_default = "nb" if default in {"no", "nn", "nb"} else default
    if norm_default in top:
        return default if default in LANGUAGE_WORDS else norm_default
    return top[0]


def _guess_by_ending(word: str) -> str | None:
    if word.endswith(("schoenen", "broek", "jas", "kleding")):
        return "nl"
    if word.endswith(("schuhe", "jacke", "hose", "kleidung")):
        return "de"
    if word.endswith(("sko", "jakke", "bukse", "tøy", "klær")):
        return "nb"
    if word.endswith(("skor", "jacka", "byxor", "kläder")):
        return "sv"
    if word.endswith(("bukser", "tøj", "støvler")):
        return "da"
    return _vote_translation(word)
