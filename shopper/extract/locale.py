"""Page locale signals (html lang, og:locale, content-language, domain) -> ISO currency, signal named."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

COUNTRY_CURRENCY = {
    "US": "USD", "GB": "GBP", "UK": "GBP", "IE": "EUR", "DE": "EUR", "AT": "EUR", "FR": "EUR", "NL": "EUR",
    "BE": "EUR", "LU": "EUR", "ES": "EUR", "IT": "EUR", "PT": "EUR", "FI": "EUR", "SK": "EUR", "SI": "EUR",
    "EE": "EUR", "LV": "EUR", "LT": "EUR", "GR": "EUR", "CY": "EUR", "MT": "EUR", "HR": "EUR", "CH": "CHF",
    "NO": "NOK", "SE": "SEK", "DK": "DKK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "RO": "RON", "BG": "BGN",
    "RU": "RUB", "UA": "UAH", "TR": "TRY", "IN": "INR", "JP": "JPY", "CN": "CNY", "KR": "KRW", "TW": "TWD",
    "HK": "HKD", "SG": "SGD", "AU": "AUD", "NZ": "NZD", "CA": "CAD", "MX": "MXN", "BR": "BRL", "AR": "ARS",
    "CL": "CLP", "CO": "COP", "PE": "PEN", "ZA": "ZAR", "IL": "ILS", "SA": "SAR", "AE": "AED", "KZ": "KZT",
    "PK": "PKR", "MY": "MYR", "TH": "THB", "ID": "IDR", "PH": "PHP", "VN": "VND", "EG": "EGP",
}  # fmt: skip
# Languages spoken (almost) only where one currency is used.
LANGUAGE_CURRENCY = {
    "nl": "EUR", "fi": "EUR", "sk": "EUR", "sl": "EUR", "et": "EUR", "lv": "EUR", "lt": "EUR", "el": "EUR",
    "de": "EUR", "fr": "EUR", "it": "EUR", "pl": "PLN", "cs": "CZK", "hu": "HUF", "ro": "RON", "nb": "NOK",
    "nn": "NOK", "no": "NOK", "sv": "SEK", "da": "DKK", "ja": "JPY", "ko": "KRW", "he": "ILS", "bg": "BGN",
}  # fmt: skip
SYMBOLS = {
    "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB", "₩": "KRW", "₪": "ILS", "₺": "TRY", "฿": "THB",
    "₴": "UAH", "₸": "KZT", "₫": "VND", "zł": "PLN", "kč": "CZK", "ft": "HUF", "lei": "RON", "r$": "BRL",
    "us$": "USD", "c$": "CAD", "a$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "nt$": "TWD",
    "руб": "RUB", "р.": "RUB", "тг": "KZT", "грн": "UAH", "tl": "TRY", "rm": "MYR", "rp": "IDR", "s/": "PEN",
    "원": "KRW", "円": "JPY", "元": "CNY",
}  # fmt: skip
# Symbols shared by several currencies: the country decides, else the first is assumed (with a note).
SHARED = {
    "$": ("USD", {"CA", "AU", "NZ", "MX", "CL", "AR", "CO", "SG", "HK", "TW"}),
    "kr": ("SEK", {"NO", "SE", "DK"}),
    "¥": ("JPY", {"JP", "CN"}),
    "rs": ("INR", {"IN", "PK"}),
}
_TLD_COUNTRY = {"uk": "GB", "com": "", "net": "", "org": ""}


Signals = list[tuple[str, str]]


def _country(tree: HtmlElement | Signals, url: str) -> tuple[str, str] | None:
    """(country code, signal) from the page's locale markers, then the URL's country domain."""
    for value, signal in _values(tree):
        parts = re.split(r"[-_]", value.strip())
        if len(parts) >= 2 and len(parts[-1]) == 2 and parts[-1].isalpha():
            return parts[-1].upper(), f"{signal} {value.strip()}"
    host = urlsplit(url).hostname or ""
    tld = host.rsplit(".", 1)[-1].lower()
    country = _TLD_COUNTRY.get(tld, tld.upper())
    if len(country) == 2 and country in COUNTRY_CURRENCY:
        return country, f"domain .{tld}"
    return None


def _values(tree: HtmlElement | Signals) -> Signals:
    # The locale markers as (value, signal): read from an lxml tree, or given by another parser's reader.
    return tree if isinstance(tree, list) else _locale_values(tree)


def _locale_values(tree: HtmlElement) -> Signals:
    out: list[tuple[str, str]] = []
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        out.append((lang, "html lang"))
    for value in tree.xpath('//meta[@property="og:locale"]/@content'):
        out.append((value, "og:locale"))
    for value in tree.xpath(
        '//meta[translate(@http-equiv,"CONTELANGU","contelangu")="content-language"]/@content'
    ):
        out.append((value, "content-language"))
    return out


def currency_from_locale(tree: HtmlElement | Signals, url: str) -> tuple[str, str] | None:
    """(ISO code, signal) from the page's locale when the price text names no currency."""
    country = _country(tree, url)
    if country and country[0] in COUNTRY_CURRENCY:
        return COUNTRY_CURRENCY[country[0]], country[1]
    for value, signal in _values(tree):
        lang = re.split(r"[-_]", value.strip())[0].lower()
        if lang in LANGUAGE_CURRENCY:
            return LANGUAGE_CURRENCY[lang], f"{signal} {value.strip()}"
    return None


def symbol_currency(symbol: str, tree: HtmlElement | Signals, url: str) -> tuple[str, str] | None:
    """(ISO code, signal) for a currency symbol or code seen next to the price."""
    sym = symbol.strip().rstrip(".").lower()
    if re.fullmatch(r"[a-z]{3}", sym) and sym not in ("kr", "lei", "rs", "руб", "грн"):
        return sym.upper(), f"the code {symbol.strip()} next to the price"
    if sym in SYMBOLS:
        return SYMBOLS[sym], f"the symbol {symbol.strip()} next to the price"
    if sym in SHARED:
        default, countries = SHARED[sym]
        country = _country(tree, url)
        if country and country[0] in countries:
            return COUNTRY_CURRENCY[country[0]], f"the symbol {symbol.strip()} and {country[1]}"
        return default, f"the symbol {symbol.strip()} (assumed {default})"
    return None
