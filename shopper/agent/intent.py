"""The offline intent engine's reading of one chat message (en, nl, de, nb, da, sv, fr), no LLM.

Commands with an offer number ("buy 2", "koop 2"), questions about stock or orders, preferences to
remember, things shopper cannot do (handover), and refinements of the current request; a message
naming a product is a new request. Refinements reuse the offline request parser, so "alleen maat 44",
"in het zwart" or "under 90 euro" read exactly as they would inside a full request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from shopper.models import Profile, Query

_N = r"(?:nr\.?\s*|no\.?\s*|#\s*|nummer\s+|number\s+)?(\d{1,2})"
_BUY = (
    r"buy|order|purchase|koop|bestel|kaufe?n?|bestelle?n?|kjøp|kjøpe|køb|købe|köp|köpa|"
    r"achète|acheter|commander|prends"
)
_WATCH = r"watch|track|follow|volg|bewaak|beobachte|überwache|overvåk|følg|bevaka|surveille|suis"
_BELOW = r"below|under|beneath|onder|unter|unterhalb|sous|moins\s+de|au-dessous\s+de"
_SHOW = r"show|details?|open|toon|laat\s+zien|zeig(?:e)?|vis|visa|montre|affiche|voir"
_COMPARE = r"compare|vergelijk|vergleiche?n?|sammenlign|jämför|compar(?:e|er)"
_AND = r"and|en|und|og|och|et|,|&|with|met|mit|med|avec|vs\.?|versus"

BUY = re.compile(rf"^\s*(?:{_BUY})\s+(?:(?:the|de|het|den|das|die|le|la)\s+)?{_N}\b", re.I)
WATCH = re.compile(rf"^\s*(?:{_WATCH})\s+{_N}(?:\s+(?:{_BELOW})\s+(?:€\s*)?(\d+(?:[.,]\d{{1,2}})?))?", re.I)
SHOW = re.compile(rf"^\s*(?:{_SHOW})\s+{_N}\s*[?.!]?\s*$", re.I)
COMPARE = re.compile(rf"^\s*(?:{_COMPARE})\s+{_N}((?:\s*(?:{_AND})\s*{_N})+)", re.I)
NUMBERS = re.compile(r"\d{1,2}")
CHEAPER = re.compile(
    r"\b(cheaper|less\s+expensive|lower\s+price|goedkoper|günstiger|billiger|billigere|billigare|"
    r"moins\s+cher(?:e|s)?|meno\s+caro|plus\s+bon\s+marché)\b",
    re.I,
)
ORDER_STATUS = re.compile(
    r"\b(where\s+is\s+my\s+(?:order|package|parcel)|track(?:ing)?\s+my\s+order|order\s+status|"
    r"waar\s+is\s+mijn\s+(?:bestelling|pakket)|wo\s+ist\s+meine?\s+(?:bestellung|paket|lieferung)|"
    r"hvor\s+er\s+(?:bestillingen|ordren|pakken|pakka)|var\s+är\s+min\s+(?:beställning|order)|"
    r"où\s+(?:est|en\s+est)\s+ma\s+commande)\b",
    re.I,
)
# "do you have it/these in 44?": the size comes from the offline parser or the bare number after "in".
STOCK = re.compile(
    r"\b(do\s+you\s+have|have\s+you\s+got|is\s+(?:it|this|that)\s+available|"
    r"hebben\s+jullie|heb\s+je|hebt\s+u|is\s+(?:deze|die|het)\s+er|"
    r"habt\s+ihr|haben\s+sie|hast\s+du|gibt\s+es|har\s+(?:du|dere|ni|i)|finns\s+(?:den|det)|"
    r"l'avez-vous|avez-vous|vous\s+l'avez|est-ce\s+(?:qu'il|que\s+vous))\b.*?\b(?:in|en|i|auf)\s+"
    r"(?:(?:size|maat|größe|grösse|gr\.|str\.|størrelse|storlek|taille|pointure)\s+)?([0-9]{1,2}(?:[.,]5)?|[XSML]{1,4})\b",
    re.I,
)
DISLIKE = re.compile(
    r"\b(?:i\s+(?:don'?t|do\s+not)\s+(?:like|want)|i\s+hate|i\s+dislike|no\s+more|"
    r"ik\s+(?:hou|houd)\s+niet\s+van|ik\s+wil\s+geen|ik\s+haat|"
    r"ich\s+mag\s+(?:kein(?:e|en)?\s+)?|ich\s+will\s+kein(?:e|en)?|"
    r"jeg\s+liker\s+ikke|jeg\s+kan\s+ikke\s+lide|jag\s+gillar\s+inte|"
    r"je\s+n'aime\s+pas(?:\s+les)?|je\s+ne\s+veux\s+pas\s+de)\s+(.+?)(?:\s+nicht)?\s*[.!]?\s*$",
    re.I,
)
LIKE = re.compile(
    r"\b(?:i\s+(?:really\s+)?(?:like|love|prefer)|ik\s+(?:hou\s+van|vind\s+.+\s+leuk)|ich\s+mag|"
    r"jeg\s+liker|jag\s+gillar|j'aime|je\s+préfère)\s+(.+?)\s*[.!]?\s*$",
    re.I,
)
HANDOVER = re.compile(
    r"\b(discount|coupon|voucher|deal\s+for\s+me|korting|kortingscode|rabatt\w*|gutschein|réduction|remise|"
    r"complain\w*|complaint|damaged|broken|never\s+arrived|not\s+arrived|late\s+delivery|refund\s+me|"
    r"klacht|kapot|beschadigd|niet\s+(?:aangekomen|geleverd)|beschwerde|beschädigt|nicht\s+angekommen|"
    r"klage|ødelagt|skadet|ikke\s+kommet|reklamation|trasig|plainte|réclamation|abîmé|cassé|pas\s+reçu|"
    r"speak\s+to\s+(?:a\s+)?(?:human|person)|customer\s+service|klantenservice|kundenservice|kundeservice|"
    r"service\s+client)\b",
    re.I,
)
RETURN = re.compile(
    r"\b(return|send\s+(?:it\s+)?back|retour\w*|terugsturen|zurücksenden|rücksendung|returnere|retur|"
    r"renvoyer|retourner)\b.*?(\d{1,2}|[0-9a-f]{6,})?\s*$",
    re.I,
)
NOT_FROM = re.compile(
    r"\b(?:not\s+(?:from|at)|no(?:thing)?\s+from|except|niet\s+(?:van|bij)|geen\s+(?:van|bij)|"
    r"nicht\s+(?:von|bei)|ohne|ikke\s+fra|inte\s+från|pas\s+(?:de|chez|sur))\s+(.+?)\s*[.!]?\s*$",
    re.I,
)
YES = re.compile(r"^\s*(y|yes|ja|j|oui|o|jo|yep|sure|ok|okay)\s*[.!]?\s*$", re.I)


@dataclass
class Intent:
    """One reading of a message; `kind` says which, the other fields what it carries."""

    kind: str  # search, refine, cheaper, stock, show, compare, buy, watch, orders, prefer, handover, return
    text: str = ""
    numbers: list[int] = field(default_factory=list)
    size: str | None = None
    price: Decimal | None = None
    names: list[str] = field(default_factory=list)
    liked: bool = False
    query: Query | None = None  # the message parsed as a request (search) or as changes (refine)


def is_yes(text: str) -> bool:
    """An explicit yes in any supported language; anything else (empty too) is a no."""
    return bool(YES.match(text or ""))


def classify(text: str, profile: Profile, *, has_results: bool, shop_names: list[str]) -> Intent:
    """What the user wants from this message, given whether results are on screen."""
    from shopper.understand.offline import parse_request

    message = " ".join(text.split())
    if m := BUY.match(message):
        return Intent("buy", message, numbers=[int(m.group(1))])
    if m := WATCH.match(message):
        price = Decimal(m.group(2).replace(",", ".")) if m.group(2) else None
        return Intent("watch", message, numbers=[int(m.group(1))], price=price)
    if m := SHOW.match(message):
        return Intent("show", message, numbers=[int(m.group(1))])
    if m := COMPARE.match(message):
        numbers = [int(m.group(1)), *(int(n) for n in NUMBERS.findall(m.group(2)))]
        return Intent("compare", message, numbers=list(dict.fromkeys(numbers)))
    if ORDER_STATUS.search(message):
        return Intent("orders", message)
    if HANDOVER.search(message):
        return Intent("handover", message)
    if m := DISLIKE.search(message):
        return Intent("prefer", message, names=_names(m.group(1)), liked=False)
    if (m := LIKE.search(message)) and not _has_product(message, profile):
        return Intent("prefer", message, names=_names(m.group(1)), liked=True)
    if has_results and (m := STOCK.search(message)):
        from shopper.understand.sizes import canonical_size

        return Intent("stock", message, size=canonical_size(m.group(2)) or m.group(2).upper())
    if has_results and (m := NOT_FROM.search(message)):
        shops = _shops_named(m.group(1), shop_names)
        if shops:
            return Intent("refine", message, names=shops)
    if has_results and CHEAPER.search(message):
        return Intent("cheaper", message)
    if not message:
        return Intent("search", message)
    query = parse_request(message, profile)
    if has_results and not query.terms and not query.model_numbers and _changes(query):
        return Intent("refine", message, query=query)
    if has_results and (m := STOCK.search(message)) is None and query.size and not query.terms:
        return Intent("refine", message, query=query)
    return Intent("search", message, query=query)


def _changes(query: Query) -> bool:
    return bool(
        query.size
        or query.colours
        or query.max_price
        or query.min_price
        or query.exclude_brands
        or query.brands
        or query.must
        or query.must_not
        or query.intent != "best"
        or query.include_out_of_stock
    )


def _has_product(message: str, profile: Profile) -> bool:
    from shopper.understand.offline import parse_request

    return bool(parse_request(message, profile).size)


def _names(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|\band\b|\ben\b|\bund\b|\bog\b|\boch\b|\bet\b|&)\s*", text.strip(" .!"))
    return [p.strip() for p in parts if p.strip()][:5]


def _shops_named(text: str, shop_names: list[str]) -> list[str]:
    wanted = text.lower().strip(" .!")
    found = []
    for name in shop_names:
        low = name.lower()
        if low in wanted or wanted in low or any(w in low.split() for w in wanted.split() if len(w) > 3):
            found.append(name)
    return found
