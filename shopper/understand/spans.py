"""Span extractors for intent, stock wording, prices and sizes; each consumes what it understood."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from shopper.models import Intent, Money


class Scan:
    """The request text plus a view in which understood spans are blanked out (same length, NUL chars)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.view = text

    def find(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """All matches in the not-yet-consumed view; a list, so callers may consume while looping."""
        return list(pattern.finditer(self.view))

    def take(self, start: int, end: int) -> str:
        """Consume text[start:end] and return the original text of it."""
        self.view = self.view[:start] + "\x00" * (end - start) + self.view[end:]
        return self.text[start:end]

    def is_free(self, start: int, end: int) -> bool:
        """Whether nothing in text[start:end] was consumed yet."""
        return "\x00" not in self.view[start:end]


# --- intent and stock ---------------------------------------------------------------------

_CHEAPEST = re.compile(
    r"\b(?:cheapest|lowest[\s-]+(?:pric\w*|cost)|least\s+expensive|best\s+price|goedkoopste|laagste\s+prijs"
    r"|voordeligste|billigste\w*|günstigste\w*|guenstigste\w*|preiswerteste\w*|niedrigste\w*\s+preis\w*"
    r"|laveste\s+pris\w*|rimeligste|billigast\w*|lägsta\s+pris\w*|moins\s+ch[eè]re?s?|meilleur\s+prix|prix\s+le\s+plus\s+bas)\b",
    re.I,
)
_COMPARE = re.compile(
    r"\b(?:compare|comparing|comparison|versus|vs\.?|vergelijk\w*|vergleich\w*|sammenlign\w*"
    r"|j[äa]mf[öo]r\w*|compar(?:er|ez|aison))(?!\w)",
    re.I,
)
_ALL = re.compile(
    r"\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?(?:available\s+)?(?:offers?|listings?|deals?|results?|shops?"
    r"|stores?|sellers?|options?)\b|\balle\s+(?:de\s+|die\s+|the\s+)?(?:aanbiedingen|aanbieding|angebote|tilbud\w*"
    r"|tilbydere|resultaten|ergebnisse|winkels|shops|händler|butikker|opties|optionen)\b"
    r"|\btoutes\s+les\s+offres\b|\b(?:find|show|list|get|give\s+me|vind|zoek|toon|finde|zeig\w*|finn|vis"
    r"|trouve\w*|montre\w*)\s+(?:me\s+|mir\s+|meg\s+|moi\s+)?(?:all|every|alle|toutes?|tous)\b",
    re.I,
)
_STOCK_ON = re.compile(
    r"\b(?:incl(?:uding|usive|\.)?|also|even(?:\s+if)?|plus|ook|inclusief|inkl(?:usive|\.)?|auch|også|inkludert"
    r"|medregnet|y\s+compris|même|aussi)\s+(?:the\s+|de\s+|die\s+|ones\s+(?:that\s+are\s+)?|(?:they|it)\s+(?:is|are)\s+)?"
    r"(?:sold[\s-]out|out[\s-]of[\s-]stock|unavailable|uitverkocht\w*|niet\s+op\s+voorraad|ausverkauft\w*"
    r"|nicht\s+(?:auf\s+lager|verfügbar)|utsolgt\w*|ikke\s+på\s+lager|épuisé\w*|en\s+rupture(?:\s+de\s+stock)?)"
    r"(?:\s+(?:ones|items|offers|products|producten|artikel|varer))?"
    r"|\b(?:sold[\s-]out|out[\s-]of[\s-]stock|uitverkocht\w*|ausverkauft\w*|utsolgt\w*|épuisé\w*)\s+"
    r"(?:too|as\s+well|included|ook|auch|også|aussi|inbegrepen|inklusive)\b",
    re.I,
)
_STOCK_OFF = re.compile(
    r"\b(?:(?:only\s+)?in[\s-]stock(?:\s+only)?|(?:not\s+)?sold[\s-]out|out[\s-]of[\s-]stock|(?:alleen\s+)?op\s+voorraad"
    r"|(?:nur\s+)?(?:auf\s+lager|lieferbar)|(?:bare\s+)?på\s+lager|en\s+stock)\b",
    re.I,
)


_QUANTITY = re.compile(
    r"(?<![\w.,])\d{1,3}\s?(?:x\s)?(?:pairs?|pieces?|pcs|stuks?|paar|stück|stk|par|packs?|units?|items?)\b",
    re.I,
)


def take_quantity(scan: Scan) -> None:
    """Consume '2 pairs' / '3 stuks' so the count is neither a term nor a model number."""
    for match in scan.find(_QUANTITY):
        scan.take(match.start(), match.end())


def take_intent(scan: Scan) -> Intent:
    """best / cheapest / all / compare; a cheapest request wins over compare, compare over all."""
    found: set[str] = set()
    for name, pattern in (("cheapest", _CHEAPEST), ("compare", _COMPARE), ("all", _ALL)):
        for match in scan.find(pattern):
            found.add(name)
            scan.take(match.start(), match.end())
    order: tuple[Intent, ...] = ("cheapest", "compare", "all")
    return next((name for name in order if name in found), "best")


def take_stock(scan: Scan) -> bool:
    """True when the request asks to include sold-out offers; other stock wording is consumed too."""
    wanted = False
    for match in scan.find(_STOCK_ON):
        wanted = True
        scan.take(match.start(), match.end())
    for match in scan.find(_STOCK_OFF):
        scan.take(match.start(), match.end())
    return wanted


# --- prices ---------------------------------------------------------------------------------

_NUM = r"(?>\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+(?:[.,]\d{1,2})?|\d{1,12}(?:[.,]\d{1,2})?)(?:\s*[.,]-{1,2})?"
_PRE = r"(?:€|\$|£|us\$|eur\b|euro\b|usd\b|gbp\b|nok\b|sek\b|dkk\b|chf\b|kr\.?|fr\.)"
_POST = (
    r"(?:€|\$|£|euros?\b|eur\b|usd\b|dollars?\b|bucks\b|gbp\b|pounds?\b|quid\b|kroner\b|kronor\b|krone\b"
    r"|kronen\b|nok\b|sek\b|dkk\b|chf\b|franken\b|francs?\b|kr\b\.?|,-)"
)
# After a bare number: units, quantities and more digits mean it is not a price.
_NOT_PRICE = (
    r"(?!\s*(?:[.,]?\d|%|[x×*]\s*\d|mm\b|cm\b|m\b|km\b|meters?\b|metres?\b|meter\b|gb\b|tb\b|mb\b|kg\b|g\b|grams?\b"
    r"|w\b|watts?\b|hz\b|mhz\b|ghz\b|inch|zoll|tommer|\"|''|mah\b|l\b|lit(?:er|re)s?\b|years?\b|jaar\b|jahre?n?\b"
    r"|år\b|days?\b|dagen\b|tage?n?\b|dager\b|pcs\b|stuks?\b|stück\b|stk\b|pieces?\b|units?\b|v\b|rpm\b|dpi\b"
    r"|p\b|fps\b|people|persons?|personen|personer|players?|spelers?|spieler))"
)


def _amount(name: str) -> str:
    return rf"(?:(?P<{name}pre>{_PRE})\s?)?(?P<{name}>{_NUM})(?P<{name}k>k\b)?(?:\s?(?P<{name}post>{_POST}))?"


_MAXW = (
    r"(?:(?:not|no|niet|nicht|ikke|pas)\s+(?:more\s+expensive\s+than|duurder\s+dan|teurer\s+als|dyrere\s+enn"
    r"|plus\s+cher\s+que)|under|below|less\s+than|lower\s+than|cheaper\s+than|at\s+most|(?<!pro\s)max(?:imum|imal|\.)?|up\s+to"
    r"|no\s+more\s+than|not\s+more\s+than|not\s+over|within|onder|tot(?:\s+maximaal)?|maximaal|hooguit"
    r"|minder\s+dan|niet\s+meer\s+dan|goedkoper\s+dan|lager\s+dan|unter|bis(?:\s+zu)?|höchstens|hoechstens"
    r"|weniger\s+als|nicht\s+mehr\s+als|billiger\s+als|günstiger\s+als|maks(?:imalt|imum|\.)?|høyst|mindre\s+enn"
    r"|opp\s+til|inntil|billigere\s+enn|ikke\s+mer\s+enn|h[öo]gst|h[øo]jst|upp\s+till|op\s+til|mindre\s+[äa]n"
    r"|billigare\s+[äa]n|billigere\s+end|mindre\s+end|moins\s+de|jusqu'[àa]|au\s+plus|pas\s+plus\s+de|sous"
    r"|<=?|≤|budget(?:\s+(?:of|van|von|på|de|is|er|ist))?:?)"
)
_MINW = (
    r"(?:more\s+expensive\s+than|duurder\s+dan|teurer\s+als|dyrere\s+enn|plus\s+cher\s+que"
    r"|over|above|more\s+than|at\s+least|min(?:imum|imal|\.)?|starting\s+at|boven|meer\s+dan|minstens"
    r"|minimaal|vanaf|ten\s+minste|über|ueber|mehr\s+als|mindestens|ab|mer\s+enn|minst|fra\s+og\s+med"
    r"|plus\s+de|au\s+moins|[àa]\s+partir\s+de|>=?|≥)"
)
_ARTICLE = r"(?:\s+(?:the|de|den|die|dem|le|la))?"
# The word before a size ("maat 42"): "maat 42 tot 150 euro" is a size and a limit, not a price range.
SIZE_WORD = (
    r"(?:size|sized|maat|größe|groesse|grösse|gr\.|gr|str\.|str|størrelse|storlek|stl\.?|taille|pointure)"
)
_AFTER_SIZE_WORD = re.compile(r"(?<![\w])" + SIZE_WORD + r"\s*$", re.I)
_RANGE = re.compile(
    r"\b(?P<kw>between|tussen|zwischen|mellom|entre|from|van|von|fra|de)\s+"
    + _amount("a")
    + r"\s*(?:and|en|und|og|et|to|tot|bis|til|à|a|-|–)\s*"
    + _amount("b")
    + _NOT_PRICE,
    re.I,
)
_DASH_RANGE = re.compile(
    r"(?<![\w.,])" + _amount("a") + r"\s*(?:-|–|to|tot|bis|til|à)\s*" + _amount("b") + _NOT_PRICE, re.I
)
_MAX = re.compile(r"(?<![\w])" + _MAXW + _ARTICLE + r"\s*" + _amount("a") + _NOT_PRICE, re.I)
_MIN = re.compile(r"(?<![\w])" + _MINW + _ARTICLE + r"\s*" + _amount("a") + _NOT_PRICE, re.I)
_BARE = re.compile(
    r"(?<![\w.,])(?:(?P<apre>" + _PRE + r")\s?(?P<a>" + _NUM + r")(?:\s?(?P<apost>" + _POST + r"))?"
    r"|(?P<b>" + _NUM + r")\s?(?P<bpost>" + _POST + r"))" + _NOT_PRICE,
    re.I,
)

_CURRENCY = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "bucks": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
    "nok": "NOK",
    "sek": "SEK",
    "kronor": "SEK",
    "dkk": "DKK",
    "chf": "CHF",
    "franken": "CHF",
    "franc": "CHF",
    "francs": "CHF",
    "fr.": "CHF",
}
_KRONE = {"kr", "kr.", "kroner", "krone", "kronen", ",-"}


def parse_amount(text: str) -> Decimal | None:
    """'1.299,00' / '1,299.00' / '1 500' / '59,95' / '500,-' -> Decimal; None if not a number."""
    text = re.sub(r"\s*[.,]-+$", "", text.strip())
    text = re.sub(r"[\s\u00a0\u202f']", "", text)
    if "." in text and "," in text:
        dec = "." if text.rfind(".") > text.rfind(",") else ","
        text = text.replace("," if dec == "." else ".", "").replace(dec, ".")
    elif text.count(",") + text.count(".") > 1 or re.search(r"[.,]\d{3}$", text):
        text = text.replace(",", "").replace(".", "")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _currency(pre: str | None, post: str | None, default: str, krone: str = "NOK") -> str:
    word = (pre or post or "").strip().lower()
    if word in _KRONE:
        # Plain "kr": the profile's krone if it has one, else the request language's.
        return default if default in {"NOK", "SEK", "DKK", "ISK"} else krone
    return _CURRENCY.get(word, default)


def _money(
    match: re.Match[str], name: str, default: str, fallback: str | None = None, krone: str = "NOK"
) -> Money | None:
    amount = parse_amount(match[name] or "")
    if amount is None or amount > Decimal("1e12"):
        return None
    if match[name + "k"]:
        amount *= 1000
    pre, post = match[name + "pre"], match[name + "post"]
    if post == ",-" and not pre:
        post = "kr"
    currency = _currency(pre, post, fallback or default, krone) if (pre or post) else (fallback or default)
    return Money(amount=amount, currency=currency)


KRONE_OF_LANGUAGE = {"sv": "SEK", "da": "DKK"}  # "kr" in a Swedish or Danish request


def take_prices(scan: Scan, default_currency: str, krone: str = "NOK") -> tuple[Money | None, Money | None]:
    """(min_price, max_price) from ranges, comparators and bare amounts with a currency."""
    low: Money | None = None
    high: Money | None = None
    for pattern in (_RANGE, _DASH_RANGE):
        for m in scan.find(pattern):
            has_currency = any(m[g] for g in ("apre", "apost", "bpre", "bpost"))
            strong = pattern is _RANGE and m["kw"].lower() in {
                "between",
                "tussen",
                "zwischen",
                "mellom",
                "entre",
            }
            if not (has_currency or strong) or high is not None:
                continue
            if not (m["apre"] or m["apost"]) and _AFTER_SIZE_WORD.search(scan.view, 0, m.start()):
                continue
            b = _money(m, "b", default_currency, krone=krone)
            a = _money(
                m, "a", default_currency, b.currency if b and (m["bpre"] or m["bpost"]) else None, krone
            )
            if a and b:
                low, high = (a, b) if a.amount <= b.amount else (b, a)
                scan.take(m.start(), m.end())
    for m in scan.find(_MAX):
        value = _money(m, "a", default_currency, krone=krone)
        if value is not None:
            high = value if high is None or value.amount < high.amount else high
            scan.take(m.start(), m.end())
    for m in scan.find(_MIN):
        value = _money(m, "a", default_currency, krone=krone)
        if value is not None:
            low = value if low is None or value.amount > low.amount else low
            scan.take(m.start(), m.end())
    return low, high


def take_bare_price(scan: Scan, default_currency: str, krone: str = "NOK") -> Money | None:
    """An amount with a currency and no comparator ('for 120 euro') is read as a budget."""
    for m in scan.find(_BARE):
        name = "a" if m["a"] else "b"
        amount = parse_amount(m[name] or "")
        if amount is None or amount > Decimal("1e12"):
            continue
        pre = m["apre"] if name == "a" else None
        post = m["apost"] if name == "a" else m["bpost"]
        if post == ",-" and not pre:
            post = "kr"
        scan.take(m.start(), m.end())
        return Money(amount=amount, currency=_currency(pre, post, default_currency, krone))
    return None
