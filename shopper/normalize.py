"""Turn RawOffer (text as a layer found it) into Offer (Money, schema.org availability, clean URLs)."""

from __future__ import annotations

import functools
import html
import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urljoin, urlsplit, urlunsplit

from price_parser import Price
from price_parser._currencies import CURRENCIES
from w3lib.url import safe_url_string, url_query_cleaner

from shopper.models import AVAILABILITIES, BUYABLE, Money, Offer, RawOffer, RawVariant, Variant
from shopper.options import canonical_options, option_key, options_from_title


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> dict[str, str]:
    # "key=VALUE key2=VALUE2": keeps the long lookup tables readable and short.
    return dict(item.split("=", 1) for item in text.split())


# Above this an amount is a parse error (a concatenated SKU, a phone number), not a price.
MAX_AMOUNT = Decimal(10_000_000)
# ...except in currencies where ordinary goods cost millions (a laptop is ~25,000,000 VND).
_HIGH_DENOMINATION = _words("VND IDR IRR LAK UZS PYG COP KRW MMK SLL SLE GNF UGX LBP SYP KHR MGA TZS MNT IQD")
_HIGH_FACTOR = Decimal(100_000)

# --- currencies ---------------------------------------------------------------------------

_OBSOLETE = _words("EEK IEP CYP VAL MTL ITL FRF LUF NLG PTE ZMK USN TVD GGP IMP JEP BYR SLL")
_ALIASES = {"RMB": "CNY", "NTD": "TWD", "EURO": "EUR", "EUROS": "EUR"}
# Symbols that name one currency in practice, whatever price-parser's table lists beside it.
_SYMBOLS = _pairs(
    "€=EUR euro=EUR £=GBP us$=USD usd$=USD a$=AUD au$=AUD ca$=CAD c$=CAD nz$=NZD hk$=HKD s$=SGD "
    "sg$=SGD r$=BRL mx$=MXN nt$=TWD ar$=ARS cl$=CLP co$=COP zł=PLN kč=CZK ₽=RUB руб=RUB руб.=RUB "
    "р.=RUB ₹=INR ₩=KRW 원=KRW ₫=VND ₪=ILS ฿=THB ₺=TRY tl=TRY ₴=UAH грн=UAH грн.=UAH chf=CHF fr.=CHF "
    "sfr.=CHF lei=RON лв=BGN лв.=BGN ft=HUF rp=IDR rm=MYR ₦=NGN ₡=CRC ₸=KZT ₾=GEL ₼=AZN ₲=PYG "
    "cn¥=CNY 元=CNY 円=JPY ₱=PHP дин.=RSD din.=RSD kd=KWD"
)
_DOLLARS = _words(
    "USD AUD CAD NZD HKD SGD MXN ARS CLP COP TWD BRL UYU JMD TTD BBD BSD BZD BMD KYD FJD XCD LRD "
    "GYD SRD SBD WST BND NAD"
)
_KRONER = _words("NOK SEK DKK ISK")
_YEN = _words("JPY CNY")
_RUPEES = _words("INR PKR LKR NPR MUR SCR")
# Symbols shared by several currencies: only the hint can say which.
_AMBIGUOUS = {"$": _DOLLARS, "kr": _KRONER, "kr.": _KRONER, "¥": _YEN, "￥": _YEN}
_AMBIGUOUS |= {"rs": _RUPEES, "rs.": _RUPEES, "₨": _RUPEES}
# For "£" and "Fr." the common reading wins unless the hint names a sibling.
_SIBLINGS = {"£": _words("EGP GIP FKP SHP SYP LBP SSP"), "fr.": _words("XOF XAF XPF")}


def _build_reverse() -> dict[str, frozenset[str]]:
    rev: dict[str, set[str]] = {}
    for code, info in CURRENCIES.items():
        if code in _OBSOLETE or code in _ALIASES:
            continue
        for sym in (info["s"], info["sn"], *info.get("sn2", [])):
            rev.setdefault(sym.strip().lower(), set()).add(code)
    return {k: frozenset(v) for k, v in rev.items() if k and k != "-"}


_REVERSE = _build_reverse()


@functools.lru_cache(maxsize=1024)  # a catalogue asks it for every variant's price, the same few texts
def to_currency_code(symbol_or_code: str | None, *, hint: str | None = None) -> str | None:
    """Map a currency symbol, name or code to ISO 4217; None when unknown or ambiguous without a hint.

    "$", "kr", "¥" and "Rs" name several currencies: they resolve to the hint when the hint is one of
    them and to None otherwise; "$" is never silently assumed to be USD.
    """
    if not symbol_or_code:
        return None
    text = symbol_or_code.strip().replace("\u200f", "")
    low = text.lower()
    hint_code = to_currency_code(hint) if hint else None
    if len(text) == 3 and text.isalpha() and text.upper() in CURRENCIES and text.upper() not in _OBSOLETE:
        return _ALIASES.get(text.upper(), text.upper())
    if text.upper() in _ALIASES:
        return _ALIASES[text.upper()]
    if low in _SIBLINGS and hint_code in _SIBLINGS[low]:
        return hint_code
    if low in _SYMBOLS:
        return _SYMBOLS[low]
    if low in _AMBIGUOUS:
        return hint_code if hint_code in _AMBIGUOUS[low] else None
    codes = _REVERSE.get(low)
    if codes and len(codes) == 1:
        return next(iter(codes))
    if codes and hint_code in codes:
        return hint_code
    return None


# --- amounts and prices --------------------------------------------------------------------


def _raw_price(text: str, currency_hint: str | None, decimal_separator: str | None) -> Price | None:
    try:
        return Price.fromstring(text, currency_hint=currency_hint, decimal_separator=decimal_separator)
    except (InvalidOperation, ValueError, OverflowError):
        return None


def _checked(price: Price, text: str, limit: Decimal | None) -> Decimal | None:
    amount = price.amount
    if amount is None or not amount.is_finite() or amount < 0:
        return None
    if limit is not None and amount > limit:
        return None
    # price-parser drops a leading minus ("-5.00" -> 5.00): a negative is a discount line, not a price.
    # Only a minus touching the number or its symbol counts; "Size M - $44.99" uses it as a separator.
    if price.amount_text and (at := text.find(price.amount_text)) > 0:
        before = text[:at].rstrip()
        if price.currency and before.endswith(price.currency):
            before = before[: -len(price.currency)]
        if before.endswith(("-", "−")):
            return None
    return amount


def parse_price_parts(
    text: str | None, *, currency_hint: str | None = None, decimal_separator: str | None = None
) -> tuple[Decimal | None, str | None]:
    """Run price-parser as is: (checked amount, currency text as it appeared); no ISO mapping."""
    text = text or ""
    price = _raw_price(text, currency_hint, decimal_separator)
    if price is None:
        return None, None
    return _checked(price, text, MAX_AMOUNT * _HIGH_FACTOR), price.currency


def parse_amount(text: str | None, *, decimal_separator: str | None = None) -> Decimal | None:
    """A non-negative finite Decimal from price text, ignoring any currency; None if there is none.

    The currency is unknown here, so the absurdity limit is the one of high-denomination currencies;
    parse_price applies the tighter limit once it knows the currency.
    """
    return parse_price_parts(text, decimal_separator=decimal_separator)[0]


def parse_price(
    text: str | None, *, currency_hint: str | None = None, decimal_separator: str | None = None
) -> Money | None:
    """Money from price text; the currency comes from the text, else the hint; None when either is unknown."""
    if not text or not text.strip():
        return None
    # Ask price-parser without the hint: it would prefer a hint's "EUR" over the text's own "USD".
    amount, symbol = parse_price_parts(text, decimal_separator=decimal_separator)
    if amount is None:
        return None
    code = to_currency_code(symbol, hint=currency_hint) if symbol else to_currency_code(currency_hint)
    if code is None:
        return None
    if amount > (MAX_AMOUNT * _HIGH_FACTOR if code in _HIGH_DENOMINATION else MAX_AMOUNT):
        return None
    return Money(amount=_padded(amount, code), currency=code)


# --- availability --------------------------------------------------------------------------

_AVAIL_BY_KEY = {name.lower(): name for name in AVAILABILITIES}
_AVAIL_WORDS = _pairs(
    "instock=InStock available=InStock true=InStock yes=InStock 1=InStock auflager=InStock "
    "lieferbar=InStock verfügbar=InStock pålager=InStock enstock=InStock disponible=InStock "
    "opvoorraad=InStock disponibile=InStock "
    "oos=OutOfStock outofstock=OutOfStock false=OutOfStock no=OutOfStock 0=OutOfStock "
    "unavailable=OutOfStock notavailable=OutOfStock nichtverfügbar=OutOfStock nichtlieferbar=OutOfStock "
    "nostock=OutOfStock ausverkauft=SoldOut utsolgt=SoldOut slutsåld=SoldOut udsolgt=SoldOut "
    "épuisé=SoldOut agotado=SoldOut esaurito=SoldOut uitverkocht=SoldOut "
    # OpenGraph/Facebook: "pending" = will be available later, "available for order" = ships later.
    "preorder=PreOrder pending=PreOrder backorder=BackOrder onbackorder=BackOrder backordered=BackOrder "
    "availablefororder=BackOrder availableonbackorder=BackOrder lowstock=LimitedAvailability "
    "limited=LimitedAvailability"
)
_SCHEMA_PREFIX = re.compile(r"^https?://(www\.)?schema\.org/", re.IGNORECASE)


def normalize_availability(text: str | None) -> str | None:
    """A schema.org availability name (see models.AVAILABILITIES) from URL/name/OpenGraph/boolean text."""
    if text is None:
        return None
    key = _SCHEMA_PREFIX.sub("", str(text).strip())
    key = re.sub(r"[\s_\-]+", "", key).lower()
    return _AVAIL_BY_KEY.get(key) or _AVAIL_WORDS.get(key)


# --- urls ----------------------------------------------------------------------------------

TRACKING_PARAMS = _words(
    "_pos _psq _psid _ss _sid _v fbclid gclid dclid msclkid mc_cid mc_eid ref srsltid yclid igshid"
)


_PLAIN_URL = re.compile(
    r"(https?://)([A-Za-z0-9.-]+(?::([1-9][0-9]{0,4}))?)(/[A-Za-z0-9._~/:=&,-]*)?(?:\?([A-Za-z0-9._~/:=&,-]*))?",
    re.IGNORECASE,
)
# An absolute http(s) URL that joining would not change: it would drop an empty "?" or "#", lower
# "HTTP", and refuse brackets outside an IPv6 host.
_ABSOLUTE = re.compile(r"https?://[^#\t\r\n\[\]]*[^?#\t\r\n\[\]]")
_MAX_PORT = 65535


def _plain_canonical(url: str) -> str | None:
    """canonical_url's answer for a plain ASCII URL with nothing to encode or drop; None for any other.

    Most shop URLs are such: the general path (and even urlsplit) costs a catalogue's thousands of
    variant URLs a noticeable time, so the parts come from the match itself."""
    match = _PLAIN_URL.fullmatch(url)
    if match is None:
        return None
    scheme, netloc, port, path, query = match.groups()
    if port is not None and int(port) > _MAX_PORT:
        return None  # urlsplit refuses it: the general path decides
    if query:
        keys = [kv.split("=", 1)[0].lower() for kv in query.split("&")]
        if (
            not path  # the general path writes "/" before the query
            or not all(keys)  # an empty pair ("a=1&&b=2", a trailing "&"): the general path drops it
            or any(k in TRACKING_PARAMS or k.startswith("utm_") for k in keys)
        ):
            return None
        return f"{scheme.lower()}{netloc.lower()}{path}?{query}"
    return f"{scheme.lower()}{netloc.lower()}{path or ''}"


def canonical_url(url: str) -> str:
    """The URL without tracking parameters or fragment, percent-encoded, with lower-case scheme and host."""
    url = (url or "").strip()
    if not url:
        return ""
    plain = _plain_canonical(url)
    return plain if plain is not None else _encoded_canonical(url)


def _encoded_canonical(url: str) -> str:
    """canonical_url for any URL: percent-encoded by w3lib, tracking parameters dropped."""
    url = safe_url_string(url)
    parts = urlsplit(url)
    keys = {kv.split("=", 1)[0] for kv in parts.query.split("&") if kv}
    drop = [k for k in keys if k.lower() in TRACKING_PARAMS or k.lower().startswith("utm_")]
    url = url_query_cleaner(url, drop, remove=True, unique=False, keep_fragments=False)
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def _absolute(url: str | None, base: str) -> str | None:
    if not url or not url.strip() or url.strip().startswith("data:"):
        return None
    url = url.strip()
    if _ABSOLUTE.fullmatch(url) and "/." not in url:
        return url  # its own join, and http(s): urljoin and urlsplit are slow for thousands of variants
    try:
        full = urljoin(base, url) if base else url
        if full.startswith("//"):
            full = "https:" + full
        return full if urlsplit(full).scheme in ("http", "https") else None
    except ValueError:  # "http://a]b": no URL a shopper could open
        return None


# --- offer fields --------------------------------------------------------------------------


def option_kind(name: str) -> str | None:
    """ "size" or "colour" when a variant option name means that (in several languages), else None."""
    key = option_key(name)
    return key if key in ("size", "colour") else None


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(html.unescape(value).split())
    return value or None


def _plain(value: str | None) -> str | None:
    # Descriptions arrive as HTML (Shopify body_html, Woo description): keep the words only.
    if value is None:
        return None
    value = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", value)
    return _text(re.sub(r"<[^>]+>", " ", value))


def normalize_gtin(text: str | None) -> str | None:
    """Digits of a GTIN-8/12/13/14, or None when the text holds no code of a valid length."""
    # Drop labels first: the "8" of "gtin8:" is not part of the code.
    text = re.sub(r"(?i)\b(gtin|ean|upc|isbn|jan)(?:[-_]?(?:8|12|13|14|10))?\s*:?", "", text or "")
    digits = re.sub(r"\D", "", text)
    return digits if len(digits) in (8, 12, 13, 14) and digits.strip("0") else None


_RATING = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:/|out of|of|von|av|sur|su|de)\s*(\d+(?:[.,]\d+)?)", re.I)


def normalize_rating(text: str | None) -> Decimal | None:
    """A rating on a 0..5 scale; "9/10" or "4.5 out of 5" are scaled by their best value."""
    if not text:
        return None
    try:
        if m := _RATING.search(text):
            value, best = (Decimal(g.replace(",", ".")) for g in m.groups())
            rating = value / best * 5 if best > 0 else None
        else:
            found = re.search(r"\d+(?:[.,]\d+)?", text)
            rating = Decimal(found.group(0).replace(",", ".")) if found else None
    except InvalidOperation:
        return None
    if rating is None or not Decimal(0) <= rating <= 5:
        return None
    return rating.quantize(Decimal("0.01")).normalize()


def normalize_count(text: str | None) -> int | None:
    """An integer count from text such as "1,234 reviews"."""
    if not text or not (m := re.search(r"\d[\d,.' ]*", text)):
        return None
    digits = re.sub(r"\D", "", m.group(0))
    return int(digits) if digits and len(digits) < 12 else None


_MACHINE = re.compile(r"^\s*\d+(\.\d+)?\s*$")


def _padded(amount: Decimal, currency: str) -> Decimal:
    """The amount with at least the currency's minor units (119.9 EUR -> 119.90); never rounded."""
    from shopper.money import minor_units

    digits = minor_units(currency)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent < digits:
        return amount.quantize(Decimal(1).scaleb(-digits))
    return amount


# "listing": the card reader hands over amounts it already parsed with the page's locale.
_MACHINE_SOURCES = frozenset({"shopify", "woocommerce", "jsonld", "listing"})


def _money(text: str | None, hint: str | None, source: str) -> Money | None:
    # API and JSON-LD amounts use "." as decimal point by spec; price-parser would read "1.105" as 1105.
    if source in _MACHINE_SOURCES and text and _MACHINE.match(text):
        # A machine-written number needs no text parsing: the hot path of catalogue syncs.
        code = to_currency_code(hint) if hint else None
        amount = Decimal(text.strip())
        if code is None or amount > (MAX_AMOUNT * _HIGH_FACTOR if code in _HIGH_DENOMINATION else MAX_AMOUNT):
            return None
        return Money(amount=_padded(amount, code), currency=code)
    return parse_price(text, currency_hint=hint)


def _hint(currency: str | None, fallback: str | None) -> str | None:
    if not currency:
        return fallback
    return to_currency_code(currency, hint=fallback)


def _list_price(price: Money | None, list_price: Money | None) -> Money | None:
    if price is None or list_price is None or list_price.currency != price.currency:
        return None
    return list_price if list_price.amount > price.amount else None


def _variant(
    raw: RawVariant, hint: str | None, source: str, base: str, product: str | None = None
) -> Variant:
    vhint = _hint(raw.currency, hint)
    price = _money(raw.price, vhint, source)
    options = canonical_options(raw.options)
    if "size" not in options or "colour" not in options:
        # Offers and variants often say what they are only in their name: "Maat 44", "Rood / M".
        for key, value in options_from_title(raw.title, product).items():
            options.setdefault(key, value)
    return Variant(
        title=_text(raw.title),
        options=options,
        price=price,
        list_price=_list_price(price, _money(raw.list_price, vhint, source)),
        availability=normalize_availability(raw.availability),
        sku=_text(raw.sku),
        gtin=normalize_gtin(raw.gtin),
        url=canonical_url(u) if (u := _absolute(raw.url, base)) else None,
        image=_absolute(raw.image, base),
    )


def _unknown_currency_note(text: str | None, what: str) -> str | None:
    amount = parse_amount(text)
    return f"{what} {amount} found but its currency is unknown" if amount is not None else None


def normalize(raw: RawOffer, *, shop: str = "", currency_hint: str | None = None) -> Offer | None:
    """An Offer from a RawOffer; None when it has no title or no absolute http(s) URL."""
    title = _text(raw.title)
    absolute = _absolute(raw.url, "")
    if not title or not absolute:
        return None
    url = canonical_url(absolute)
    hint = _hint(raw.currency, currency_hint)
    notes = list(raw.notes)
    price = _money(raw.price, hint, raw.source)
    if price is None and (note := _unknown_currency_note(raw.price, "price")):
        notes.append(note)
    variants = [_variant(v, hint, raw.source, url, title) for v in raw.variants]
    list_price = _list_price(price, _money(raw.list_price, hint, raw.source))
    if price is None and (priced := [v for v in variants if v.price is not None]):
        # The product-level price is the cheapest buyable variant, else the cheapest at all.
        buyable = [v for v in priced if v.availability in BUYABLE] or priced
        cheapest = min(buyable, key=lambda v: v.price.amount if v.price else Decimal(0))
        price, list_price = cheapest.price, cheapest.list_price
    availability = normalize_availability(raw.availability)
    if availability is None and variants:
        known = [v.availability for v in variants if v.availability]
        availability = next((a for a in known if a in BUYABLE), known[0] if known else None)
    images: list[str] = []
    for img in raw.images:
        if (absolute := _absolute(img, url)) and absolute not in images:
            images.append(absolute)
    shipping = _money(raw.shipping, hint, raw.source)
    if shipping is None and raw.shipping and (note := _unknown_currency_note(raw.shipping, "shipping")):
        notes.append(note)
    return Offer(
        url=url,
        title=title,
        shop=shop,
        brand=_text(raw.brand),
        description=_plain(raw.description),
        category=_text(raw.category),
        price=price,
        list_price=list_price,
        availability=availability,
        sku=_text(raw.sku),
        gtin=normalize_gtin(raw.gtin),
        mpn=_text(raw.mpn),
        images=images,
        variants=variants,
        shipping=shipping,
        rating=normalize_rating(raw.rating),
        rating_count=normalize_count(raw.rating_count),
        tags=[t for t in (_text(t) for t in raw.tags) if t],
        source=raw.source,
        notes=notes,
    )
