"""Stock signals on the visible page: sold-out / in-stock phrases and the buy button (several languages)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

OUT_OF_STOCK = (
    # English
    "out of stock", "sold out", "currently unavailable", "temporarily unavailable", "no longer available",
    "not available", "unavailable", "notify me when available", "email me when available",
    "notify me when back in stock", "not in stock",
    # Dutch
    "uitverkocht", "niet op voorraad", "tijdelijk niet leverbaar", "niet leverbaar", "niet beschikbaar",
    "tijdelijk uitverkocht",
    # German
    "ausverkauft", "nicht verfügbar", "derzeit nicht lieferbar", "nicht lieferbar", "nicht auf lager",
    "vergriffen", "nicht vorrätig", "zurzeit nicht verfügbar",
    # French
    "rupture de stock", "épuisé", "epuise", "indisponible", "en rupture", "plus disponible",
    # Norwegian / Scandinavian
    "utsolgt", "ikke på lager", "midlertidig utsolgt", "ikke tilgjengelig", "slutsåld", "udsolgt",
    "ikke på lager", "tillfälligt slut",
    # others
    "agotado", "sin stock", "no disponible", "esaurito", "non disponibile", "non disponible", "esgotado",
    "indisponível", "brak w magazynie", "niedostępny", "nedostupné", "vypredané", "nie je skladom",
    "нет в наличии", "распродано", "품절", "缺貨", "售完", "在庫切れ", "غير متوفر", "אזל מהמלאי",
)  # fmt: skip
IN_STOCK = (
    "in stock", "only \\d+ left", "available now", "ready to ship", "op voorraad", "direct leverbaar",
    "auf lager", "sofort lieferbar", "lieferbar", "vorrätig", "en stock", "disponible", "på lager",
    "in magazzino", "disponibile", "en existencia", "em estoque", "skladem", "na skladě", "na stanie",
    "в наличии", "dostępny", "kohe saadaval", "raktáron", "на складі", "재고있음", "有現貨",
)  # fmt: skip
BUY_WORDS = (
    "add to cart", "add to basket", "add to bag", "add to trolley", "buy now", "buy it now", "in winkelwagen",
    "in de winkelwagen", "in winkelmand", "in den warenkorb", "in den einkaufswagen", "jetzt kaufen",
    "ajouter au panier", "acheter", "legg i handlekurv", "legg i handlevogn", "kjøp", "aggiungi al carrello",
    "añadir al carrito", "añadir al carro", "agregar al carrito", "comprar", "adicionar ao carrinho",
    "lägg i varukorgen", "læg i kurv", "dodaj do koszyka", "do koszyka", "do košíku", "vložiť do košíka",
    "в корзину", "купить", "kosárba", "lisää ostoskoriin", "sepete ekle", "ostukorvi", "pirkt", "į krepšelį",
    "장바구니", "구매하기", "加入購物車", "カートに入れる", "أضف إلى", "הוסף לסל", "adaugă în coș",
    "adauga in cos", "do košíka", "v košarico", "dodaj v košarico", "kosik", "buy", "kaufen",
)  # fmt: skip
_OOS = re.compile(r"(?<!\w)(?:" + "|".join(OUT_OF_STOCK) + r")(?!\w)", re.I)
_INS = re.compile(r"(?<!\w)(?:" + "|".join(IN_STOCK) + r")(?!\w)", re.I)
_BUY = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, BUY_WORDS)) + r")(?!\w)", re.I)
_BUY_ATTR = re.compile(
    r"add-?to-?(cart|basket|bag|trolley)|add_to_(cart|basket)|addto(cart|basket|bag)|buy-?button|btn-?buy|"
    r"buy-?now|product-form__submit|purchase-button|in-?den-?warenkorb|to-?cart|button-?cart|cart-?button|"
    r"btn-?cart|cart-?btn|buy_?btn|buy-?btn|addcart|add_cart",
    re.I,
)
_STOCK_ATTR = re.compile(r"availab|stock|inventory|lieferbar|voorraad|dispo", re.I)
_OTHER_CONTEXT = re.compile(
    r"pick ?up|in store|stores|shipping|delivery|versand|livraison|envío|retiro|retrait|abholung|chat", re.I
)
_NOISE_ATTR = re.compile(
    r"recommend|related|similar|carousel|upsell|cross-?sell|sponsor|footer|\bnav|menu|minicart|mini-cart|"
    r"recently|also-?(bought|viewed)|last-?viewed|newsletter|cookie|modal|swiper|slick|owl-|"
    r"shipping|delivery|pickup|pick-up|click-?and-?collect|store-?avail|retrait|abholung|chat",
    re.I,
)
_HIDDEN_CLASS = re.compile(
    r"(^|\s)(hidden|hide|d-none|is-hidden|visually-hidden-none|display-none)(\s|$)", re.I
)
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "option", "select"})


def _attrs(el: HtmlElement) -> str:
    return " ".join(v for k, v in el.attrib.items() if k in ("class", "id", "name", "data-testid"))


def _hidden(el: HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        "display:none" in style
        or "visibility:hidden" in style
        or el.get("hidden") is not None
        or bool(_HIDDEN_CLASS.search(el.get("class") or ""))
    )


def _visible(el: HtmlElement) -> bool:
    return not any(a.tag in _SKIP or _hidden(a) for a in [el, *el.iterancestors()])


def title_ancestors(root: HtmlElement) -> set[int]:
    """ids of the h1 and its ancestors: the product area, which no widget-looking class can disqualify."""
    h1 = next((h for h in root.iter("h1") if h.text_content().strip()), None)
    return {id(a) for a in [h1, *h1.iterancestors()]} if h1 is not None else set()


def _noisy(el: HtmlElement, keep: set[int] | None = None) -> bool:
    keep = keep or set()
    return any(id(a) not in keep and _NOISE_ATTR.search(_attrs(a)) for a in [el, *el.iterancestors()])


def _label(el: HtmlElement) -> str:
    if el.tag == "input":
        text = el.get("value")
    else:
        text = " ".join(
            t for t in el.xpath(".//text()[not(ancestor::*[@hidden or contains(@style,'none')])]")
        )
    return re.sub(r"\s+", " ", text or el.get("aria-label") or el.get("title") or "").strip()


def buy_button(root: HtmlElement) -> HtmlElement | None:
    """The main add-to-cart / buy button (enabled or not), outside recommendation widgets."""
    best: tuple[float, HtmlElement] | None = None
    h1 = next((h for h in root.iter("h1") if h.text_content().strip()), None)
    keep = title_ancestors(root)
    for el in root.iter("button", "input", "a"):
        if el.tag == "input" and (el.get("type") or "").lower() not in ("submit", "button", "image"):
            continue
        by_attr = bool(_BUY_ATTR.search(_attrs(el)))
        if el.tag == "a" and not by_attr and not re.search("btn|button", el.get("class") or ""):
            continue  # a plain link is a button only when it is styled as one
        label = _label(el)
        by_text = len(label) <= 40 and bool(_BUY.search(label) or _OOS.search(label))
        if not (by_attr or by_text):
            continue
        rank: float = (
            (2 if by_attr else 0)
            + (2 if by_text else 0)
            - (5 if _noisy(el, keep) else 0)
            - (1 if _hidden(el) else 0)
        )
        rank -= min(_distance(el, h1), 40) / 100 if h1 is not None else 0
        if el.tag == "a" and not by_attr:
            rank -= 1
        if best is None or rank > best[0]:
            best = (rank, el)
    return best[1] if best else None


def _disabled(el: HtmlElement) -> bool:
    cls = el.get("class") or ""
    return (
        el.get("disabled") is not None
        or el.get("aria-disabled") == "true"
        or bool(re.search(r"disabled", cls, re.I))
    )


def _distance(a: HtmlElement, b: HtmlElement) -> int:
    up = {id(el): i for i, el in enumerate([a, *a.iterancestors()])}
    for j, el in enumerate([b, *b.iterancestors()]):
        if id(el) in up:
            return up[id(el)] + j
    return 99


def _phrase(text: str) -> tuple[str, str] | None:
    """('OutOfStock' | 'InStock', matched words) for a short text that says so, None otherwise."""
    if m := _OOS.search(text):
        return "OutOfStock", m.group(0)
    if m := _INS.search(text):
        return "InStock", m.group(0)
    return None


def availability(root: HtmlElement, anchors: list[HtmlElement]) -> tuple[str | None, str | None, int]:
    """Availability from the product area: stock widgets, phrases near the title / buy button, the button."""
    button = anchors[0] if anchors and anchors[0].tag in ("button", "input", "a") else None
    # 1. a stock / availability widget, 2. any short visible text near the anchors
    keep = title_ancestors(root)
    widget: list[tuple[int, str, str]] = []
    near: list[tuple[int, str, str]] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP:
            continue
        own = (el.text or "") + " " + " ".join(c.tail or "" for c in el)
        is_widget = bool(_STOCK_ATTR.search(_attrs(el)))
        if not is_widget and not own.strip():
            continue
        text = re.sub(r"\s+", " ", el.text_content() if is_widget else own).strip()
        if not text or len(text) > (160 if is_widget else 100):
            continue
        found = _phrase(text)
        if not found or _OTHER_CONTEXT.search(text) or not _visible(el) or _noisy(el, keep):
            continue
        if button is not None and (el is button or button in el.iterancestors()):
            # The button's own labels are read below; CSS toggles which of them shows.
            continue
        dist = min((_distance(el, a) for a in anchors), default=50)
        if is_widget and dist <= 25:
            widget.append((dist, *found))
        elif dist <= 12:
            near.append((dist, *found))
    for pool, where in ((widget, "stock widget"), (near, "text near the title/buy button")):
        if pool:
            pool.sort()
            dist, verdict, words = pool[0]
            oos = [(d, w) for d, f, w in pool if f == "OutOfStock" and d <= dist + 2]
            if verdict == "InStock" and oos:
                verdict, words = "OutOfStock", oos[0][1]
            return verdict, f"availability {verdict} from {where} ({words!r})", dist
    if button is not None:
        label = _label(button)
        if _disabled(button) or (len(label) <= 30 and _OOS.search(label)):
            return "OutOfStock", "availability OutOfStock: the buy button is disabled", 99
        if _visible(button):
            return "InStock", "availability InStock: an enabled buy button", 99
    return None, None, 99
