"""Handover for what shopper cannot do (a discount, a delivery complaint): the shop's contact + a summary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from shopper.llm.untrusted import flat
from shopper.shops.fetch import FetchSettings

# Words in a link's text or address that point to the contact page (en, nl, de, nb/da/sv, fr).
CONTACT_WORDS = re.compile(
    r"contact|kontakt|klantenservice|kundenservice|kundeservice|kundtjänst|customer[-\s]?service|"
    r"service[-\s]?client|nous[-\s]contacter|help|hilfe|hjelp|aide|support",
    re.I,
)
# Where shop platforms put the contact page when the home page does not link it.
COMMON_PATHS = ("/pages/contact", "/contact", "/contact-us", "/kontakt")
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
SUMMARY_MESSAGES = 6


@dataclass
class Contact:
    """How to reach a shop's people."""

    page: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)


def contact_from_html(html: str, base: str) -> Contact:
    """Contact links, e-mail addresses and phone numbers on one page."""
    soup = BeautifulSoup(html, "html.parser")
    found = Contact()
    best: tuple[int, str] | None = None
    host = urlsplit(base).netloc
    for link in soup.find_all("a", href=True):
        href = str(link.get("href") or "").strip()
        if href.lower().startswith("mailto:"):
            address = href[7:].split("?")[0].strip()
            if EMAIL.match(address) and address not in found.emails:
                found.emails.append(address)
            continue
        if href.lower().startswith("tel:"):
            number = flat(href[4:], 30)
            if number and number not in found.phones:
                found.phones.append(number)
            continue
        text = link.get_text(" ", strip=True)
        url = urljoin(base, href)
        if urlsplit(url).netloc != host:
            continue
        score = (2 if CONTACT_WORDS.search(text) else 0) + (
            1 if CONTACT_WORDS.search(urlsplit(url).path) else 0
        )
        score += 1 if re.search(r"contact|kontakt", text + url, re.I) else 0
        if score and (best is None or score > best[0]):
            best = (score, url)
    if best is not None:
        found.page = best[1]
    return found


async def find_contact(shop_url: str, settings: FetchSettings | None) -> Contact:
    """The shop's contact page and addresses: from its home page, else the usual platform paths."""
    from shopper.pipeline import _default_settings
    from shopper.shops.fetch import Fetcher

    async with Fetcher(settings or _default_settings()) as fetcher:
        home = await fetcher.get(shop_url)
        contact = contact_from_html(home.text, home.final_url) if home is not None else Contact()
        if contact.page is None:
            for path in COMMON_PATHS:
                page = await fetcher.get(urljoin(shop_url, path))
                if page is not None and page.status == 200:
                    contact.page = page.final_url
                    break
        if contact.page is not None and not contact.emails:
            page = await fetcher.get(contact.page)
            if page is not None:
                more = contact_from_html(page.text, page.final_url)
                contact.emails, contact.phones = more.emails, contact.phones or more.phones
    return contact


def summary(offer: Any, history: list[str]) -> str:
    """A short summary of the conversation for the user to paste to the shop."""
    lines = []
    if offer is not None:
        price = f" ({offer.price})" if offer.price else ""
        lines.append(f"About: {flat(offer.title, 100)}{price} - {offer.url}")
    for said in history[-SUMMARY_MESSAGES:]:
        lines.append(f"- {flat(said, 160)}")
    return "\n".join(lines)


async def handover(shop: Any, offer: Any, history: list[str], settings: FetchSettings | None) -> str:
    """What to tell the user: shopper cannot do this; here is whom to ask and what to paste."""
    head = (
        "shopper cannot do this for you (it does not negotiate or handle deliveries); the shop's people can."
    )
    parts = [head]
    if shop is None:
        parts.append(
            "Tell me which offer or shop it is about (e.g. 'show 2' first), and I'll find its contact."
        )
    else:
        contact = await find_contact(shop.url, settings)
        if contact.page or contact.emails or contact.phones:
            parts.append(f"Contact {shop.name}:")
            if contact.page:
                parts.append(f"  page: {contact.page}")
            if contact.emails:
                parts.append("  e-mail: " + ", ".join(contact.emails[:3]))
            if contact.phones:
                parts.append("  phone: " + ", ".join(contact.phones[:2]))
        else:
            parts.append(f"{shop.name} shows no contact page that shopper could find; start at {shop.url}")
    parts.append("Summary to paste:")
    parts.append(summary(offer, history))
    return "\n".join(parts)
