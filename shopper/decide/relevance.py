"""How well one offer fits a request: model numbers, brand, product words, specs, colours."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from shopper.decide.attributes import attribute_state, known_attribute
from shopper.decide.textmatch import (
    Need,
    Specs,
    StemIndex,
    canon_colour,
    colours_in,
    fold,
    model_conflict,
    model_match,
    model_tokens,
    needs,
    phrase_in,
    specs,
    stem,
    stems,
    words,
)
from shopper.models import Offer, Query
from shopper.understand.lexicon import AUDIENCE

_AUDIENCE = {fold(k).replace("'", ""): v for k, v in AUDIENCE.items() if k not in ("man", "dam", "herr")}


# Request words that never describe the product itself.
def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _wordset(
    "a an the for of to in on at by with without and or from all any some find search show me get buy "
    "offer offers cheapest cheap best good new which that this these those who what is are be can "
    "could i my you want need looking look please also each every one ones than more less at least "
    "most only support supports supporting fit fits come comes have has exactly about around under "
    "over shop shops available price prices deal deals product products item items model models brand "
    "it its does not so quite across length colour color similar alternative largest highest biggest "
    "fastest smallest lowest"
)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]|«[^»]*»")
# Product nouns that shops word differently; a request term is met by any of its alternatives.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "gpu": ("graphics card", "video card", "grafikkarte", "geforce", "radeon"),
    "graphics card": ("gpu", "video card"),
    "ssd": ("solid state",),
    "hdd": ("hard drive", "hard disk"),
    "psu": ("power supply",),
    "cpu": ("processor",),
    "processor": ("cpu",),
    "ram": ("memory", "dimm"),
    "memory": ("ram", "dimm"),
    "motherboard": ("mainboard",),
    "mainboard": ("motherboard",),
    "case": ("chassis", "tower"),
    "monitor": ("display", "screen"),
    "laptop": ("notebook",),
    "notebook": ("laptop",),
    "phone": ("smartphone", "mobile"),
    "smartphone": ("phone", "mobile"),
    "headphone": ("headset", "earphone"),
    "strap": ("band", "bracelet"),
    "band": ("strap",),
    "cooler": ("cooling",),
    "jumper": ("sweater", "pullover"),
    "sweater": ("jumper", "pullover"),
    "pullover": ("sweater", "jumper"),
    "pant": ("trouser",),
    "trouser": ("pant",),
    "windbreaker": ("wind jacket",),
    "hoodie": ("hooded",),
}
_USED = ("refurbished", "renewed", "used", "pre owned", "preowned", "second hand", "gebraucht", "b ware")
_CAT_NAMES = {"ddr": "DDR{}", "pcie": "PCIe {}", "net": "{}G", "socket": "{}", "res": "{}K"}


@dataclass
class Asked:
    """What a request asks for, parsed once per query."""

    models: list[str]
    brands: list[str]
    terms: list[str]  # stemmed product words
    alt_phrases: list[str]  # search_terms: other-language or alternative phrasings
    needs: list[Need]
    cats: dict[str, set[str]]
    must_words: list[str]
    colours: list[str]
    new_only: bool = False
    used_ok: bool = False
    head: str | None = None  # the product noun ("cables" in "HDMI cables longer than 3 m")
    audience: str | None = None  # men / women / kids, when the request says


def asked(query: Query) -> Asked:
    """Parse the parts of a query that relevance checks."""
    # A quoted product is a reference ("a keyboard that suits this case: "..."""), not what is wanted.
    has_ref = query.reference is not None
    text = _QUOTED.sub(" ", query.text).replace(query.reference or "\0", " ") if has_ref else query.text
    text_stems = stems(text)

    def wanted(part: str) -> bool:
        return not has_ref or phrase_in(part, text_stems) or bool(model_tokens(part) & model_tokens(text))

    # model numbers are the parser's (sizes like "W32 L34" are not models); the text only says how
    # they are qualified ("RTX 4070" written "RTX 4070 SUPER")
    parsed = {
        t for m in query.model_numbers for t in model_tokens(m) or {re.sub(r"[\s\-.]", "", fold(m)).upper()}
    }
    text_models = {t for t in model_tokens(text) if any(t.startswith(p) for p in parsed)}
    models: list[str] = sorted(text_models)
    extra_cats = Specs()
    for m in filter(wanted, query.model_numbers):
        sp = specs(m)
        if sp.cat and not model_tokens(m):
            extra_cats.merge(sp)  # "AM5" is a socket, not a model number
            continue
        for tok in model_tokens(m) or {re.sub(r"[\s\-.]", "", fold(m)).upper()}:
            # the parser's "RTX4070" is the text's "RTX4070 SUPER": keep the qualified one
            if tok not in models and not any(t.startswith(tok) and t != tok for t in text_models):
                models.append(tok)
    brands = [b for b in query.brands if wanted(b)]
    brand_words = {w for b in query.brands for w in words(b)}
    measured = set()  # "240mm radiators": the noun after a quantity says what is measured
    for n in needs(text):
        after = fold(text).split(fold(n.text), 1)[-1]
        measured.update(words(after)[:1])
    model_words = {w for m in query.model_numbers for w in words(m)}
    colour_words = set(words(" ".join(query.colours)))
    terms: list[str] = []
    for w in (w for t in query.terms for w in words(t)):
        s = stem(w)
        in_model = len(w) >= 2 and any(w.upper() in m for m in models)
        skip = w in STOPWORDS or w in brand_words or w in model_words or w in colour_words or in_model
        skip = skip or w in measured or bool(colours_in(w)) or w.isdigit() or len(w) < 2
        if not skip and s not in terms and not model_tokens(w.upper()) and (not has_ref or s in text_stems):
            terms.append(s)
    # the parser read the numeric needs with their comparators; ranking trusts them
    all_needs = [Need(n.dim, n.op, n.value, n.text, n.capability) for n in query.needs]
    cats: dict[str, set[str]] = {k: set(v) for k, v in specs(text).cat.items()}
    for k, v in extra_cats.cat.items():
        cats.setdefault(k, set()).update(v)
    must_words: list[str] = []
    for m in filter(wanted, query.must):
        got = needs(m)
        sp = specs(m)
        if got:
            # "longer than 3 metres" in the text already says how to compare the parser's "3m"
            have = {(n.dim, n.value) for n in all_needs}
            all_needs.extend(n for n in got if (n.dim, n.value) not in have)
        elif sp.cat:
            for k, v in sp.cat.items():
                cats.setdefault(k, set()).update(v)
        else:
            must_words.append(m)
    return Asked(
        models=models,
        brands=[fold(b) for b in brands],
        terms=terms,
        # next to a quoted product the request's own words are vague ("a slight loss in performance"),
        # so a phrase naming that product's model may stand in for them
        alt_phrases=[p for p in query.search_terms if p.strip()]
        if has_ref
        else _alternatives(query.search_terms, terms, brand_words | model_words),
        needs=all_needs,
        cats=cats,
        must_words=must_words,
        colours=[canon_colour(c) for c in query.colours],
        head=stem(fold(query.head)) if query.head and stem(fold(query.head)) in terms else _head(text, terms),
        new_only=query.condition == "new",
        used_ok=query.condition == "used",
        audience=query.audience,
    )


def _alternatives(phrases: list[str], terms: list[str], names: set[str]) -> list[str]:
    """The search phrases that bring words of their own (translations), not rewordings of the request."""
    # "B550" alone, a phrase left of the request's own words, must not stand in for the missing ones
    own = set(terms)
    out = []
    for phrase in phrases:
        new = [w for w in words(phrase) if w not in STOPWORDS and w not in names and stem(w) not in own]
        if new and not all(w.isdigit() or model_tokens(w.upper()) for w in new):
            out.append(phrase)
    return out


@dataclass
class Fit:
    """One offer against one request: the score in [0, 1], reasons, and what held."""

    score: float
    reasons: list[str] = field(default_factory=list)
    models_hit: list[str] = field(default_factory=list)
    conflict: bool = False
    strict: bool = True  # every required model/brand/spec/attribute/colour holds (product words aside)
    coverage: float = 1.0


class _Text:
    """An offer's text as relevance reads it. The parts read from a long description (its stems, specs
    and colours, the raw text) are worked out on first use: many requests never look at them."""

    def __init__(self, offer: Offer) -> None:
        self._offer = offer
        self.title = _title_stems(offer.title) | (stems(offer.brand) if offer.brand else set())
        self.category = stems(" ".join(filter(None, [offer.category, " ".join(offer.tags)])))
        self.models = (
            model_tokens(offer.title)
            | ({*model_tokens(offer.mpn)} if offer.mpn else set())
            | set(re.findall(r"(?<![\w.,/-])\d{3,}(?![\w.,/-])", offer.title))
        )
        self.title_specs = specs(offer.title)
        self.colours_title = colours_in(offer.title)

    @functools.cached_property
    def _options(self) -> str:
        return " ".join(f"{k} {v}" for var in self._offer.variants for k, v in var.options.items())

    @functools.cached_property
    def _other(self) -> str:
        o = self._offer
        return " ".join(filter(None, [o.description, o.category, " ".join(o.tags), self._options]))

    @functools.cached_property
    def body(self) -> set[str]:
        return stems(self._other)

    @functools.cached_property
    def body_index(self) -> StemIndex:
        """`body` for membership only, much cheaper on a long description."""
        return StemIndex(self._other)

    @functools.cached_property
    def other_specs(self) -> Specs:
        return specs(self._other)

    @functools.cached_property
    def colours_other(self) -> set[str]:
        return colours_in(self._options) | colours_in(self._offer.description or "")

    @functools.cached_property
    def raw(self) -> str:
        """Title, description, category and tags as written, for attributes and their negation."""
        o = self._offer
        return " | ".join(filter(None, [o.title, o.description, o.category, " ".join(o.tags)]))


@functools.lru_cache(maxsize=8192)
def _english(word: str) -> frozenset[str]:
    from shopper.understand.terms import to_english

    english = to_english(word) if len(word) > 3 and word.isalpha() else None
    return frozenset(stems(english)) if english else frozenset()


def _title_stems(title: str) -> set[str]:
    """The title's stems plus English for known product words, so "trailschoenen" reads as trail shoes."""
    out = stems(title)
    for word in words(title):
        out |= _english(word)
    return out


def _offer_text(offer: Offer) -> _Text:
    return _Text(offer)


def analyse(offer: Offer, ask: Asked) -> Fit:
    """Score one offer against a parsed request; every term leaves a reason."""
    t = _offer_text(offer)
    fit = Fit(score=0.0)
    parts: list[tuple[float, float]] = []  # (weight, value in [0, 1])

    if ask.models:
        hits = [q for q in ask.models if any(model_match(q, o) for o in t.models)]
        fit.models_hit = hits
        wrong = [
            (q, o)
            for q in ask.models
            if q not in hits
            for o in t.models
            if o not in ask.models and not any(model_match(h, o) for h in hits) and model_conflict(q, o)
        ]
        primary = {o for o in t.models if not any(_extends(x, o) for x in t.models)}
        wrong += [(q, o) for q in hits for o in primary if o not in ask.models and _extends(o, q)]
        if hits and not wrong:
            fit.reasons.append(f"+ model {', '.join(hits)} matches")
        if wrong:
            fit.conflict = True
            q, o = wrong[0]
            fit.reasons.append(f"− model {o}, not {q}")
        elif not hits:
            fit.reasons.append(f"− model {', '.join(ask.models)} not in the title")
        parts.append((3.0, 0.0 if fit.conflict or not hits else 1.0))
        fit.strict &= bool(hits) and not fit.conflict

    if ask.brands:
        brand_text = t.title | ({stem(w) for w in words(offer.brand)} if offer.brand else set())
        ok = any(phrase_in(b, brand_text) for b in ask.brands)
        fit.reasons.append(f"+ brand {ask.brands[0]}" if ok else f"− not {' / '.join(ask.brands)}")
        parts.append((1.5, 1.0 if ok else 0.0))
        fit.strict &= ok

    if ask.terms:
        cov = _coverage(ask.terms, t, ask.head)
        shown = ask.terms
        if cov == 0 and ask.alt_phrases:
            # The request's words in another language than the shop's: the best-matching phrasing
            # (a translation among the search phrases) stands in for them.
            alts = [[stem(w) for w in words(p) if w not in STOPWORDS] for p in ask.alt_phrases]
            best = max((a for a in alts if a), key=lambda a: _coverage(a, t), default=[])
            if best and _coverage(best, t) > 0:
                cov, shown = _coverage(best, t), best
        elif ask.head and _coverage([ask.head], t) < 1.0:
            fit.strict = False
            fit.reasons.append(f"− not a {ask.head}")
        fit.coverage = cov
        hit_terms = [w for w in shown if _coverage([w], t) >= 1.0]
        if hit_terms:
            fit.reasons.append("+ " + ", ".join(hit_terms[:4]))
        missing = [w for w in shown if _coverage([w], t) == 0.0]
        if missing:
            fit.reasons.append("− no " + ", ".join(missing[:4]))
        parts.append((2.0, cov))

    checks = [_need(n, t) for n in ask.needs] + [_cat(k, v, t) for k, v in ask.cats.items()]
    for word in ask.must_words:
        state = attribute_state(word, t.raw) if known_attribute(word) else None
        if state is False:
            checks.append((-1.0, f"− says not {word}"))  # a denial is a contradiction, not a match
            continue
        present = state is True or _attr_in(word, t.title | t.category | t.body)
        checks.append((1.0 if present else 0.0, f"+ {word}" if present else f"− {word} not mentioned"))
    for value, reason in checks:
        fit.reasons.append(reason)
        parts.append((1.5, value))
        fit.strict &= value >= 1.0
        fit.conflict |= value < 0

    if ask.colours:
        col = _colour(ask.colours, t)
        fit.reasons.append(col[1])
        parts.append((1.0, max(col[0], 0.0)))
        fit.strict &= col[0] >= 1.0

    made_for = audience_of(offer.title)
    if ask.audience in ("men", "women", "kids") and made_for and made_for not in (ask.audience, "unisex"):
        fit.conflict = True  # a women's model is another product than the men's
        fit.reasons.append(f"− {made_for}'s model, not {ask.audience}'s")
        parts.append((1.5, 0.0))
    if not ask.used_ok and any(phrase_in(u, t.title) for u in _USED):
        fit.reasons.append("− refurbished or used")
        parts.append((1.0, 0.0))
        fit.strict &= not ask.new_only

    if not parts:
        fit.score = 0.5
        return fit
    total = sum(w for w, _ in parts)
    score = sum(w * max(v, 0.0) for w, v in parts) / total
    if fit.conflict:
        score *= 0.3
    elif ask.models and not fit.models_hit:
        score *= 0.5
    fit.score = round(score, 4)
    return fit


_BOUNDARY = _wordset(
    "which that with without from for to by than in on of at as like and or but so if because when where "
    "who whose while under over below above"
)


def _head(text: str, terms: list[str]) -> str | None:
    """The last product word before the first clause: "RAM clocking higher than 3000 MHz" → ram."""
    ws = words(text)
    start = next((i for i, w in enumerate(ws) if stem(w) in terms), None)
    if start is None:
        return None
    head = None
    for i in range(start, len(ws)):
        w, after = ws[i], ws[i + 1] if i + 1 < len(ws) else ""
        if w in _BOUNDARY or (w.endswith("ing") and stem(w) not in terms):
            break
        # a participle after the product opens a clause: "designed for gamers", "clocking higher than"
        if head and w.endswith(("ed", "ing")) and (not after or after in _BOUNDARY or after.endswith("er")):
            break
        if stem(w) in terms:
            head = stem(w)
    return head


def _extends(x: str, y: str) -> bool:
    return x != y and x.startswith(y) and x[len(y) :].isalpha()


def _attr_in(word: str, text: set[str]) -> bool:
    # "rgb" is met by "ARGB", "wifi" by "Wi-Fi"
    if phrase_in(word, text):
        return True
    joined = "".join(words(word))
    return len(joined) >= 3 and any(s.endswith(joined) for s in text)


def _coverage(terms: list[str], t: _Text, head: str | None = None) -> float:
    got = total = 0.0
    for w in terms:
        weight = 2.0 if w == head else 1.0  # the product noun counts double
        total += weight
        alts = (w, *SYNONYMS.get(w, ()))
        if any(phrase_in(a, t.title) or phrase_in(a, t.category) for a in alts):
            got += weight
        elif any(phrase_in(a, t.body_index) for a in alts):
            got += 0.5 * weight
    return got / total


def _need(n: Need, t: _Text) -> tuple[float, str]:
    values = t.title_specs.qty.get(n.dim) or t.other_specs.qty.get(n.dim)
    if n.capability:
        values = t.title_specs.qty.get(n.dim, set()) | t.other_specs.qty.get(n.dim, set())
    op = "" if n.op == "=" else n.op + " "
    if not values:
        return 0.3, f"− {op}{n.text} not stated"
    if n.holds(values):
        return 1.0, f"+ {op}{n.text}"
    return -1.0, f"− not {op}{n.text}"


def _cat(kind: str, want: set[str], t: _Text) -> tuple[float, str]:
    fmt = _CAT_NAMES.get(kind, "{}")
    name = " / ".join(fmt.format(v.upper() if kind == "socket" else v) for v in sorted(want))
    have = t.title_specs.cat.get(kind) or t.other_specs.cat.get(kind)
    if not have:
        return 0.3, f"− {name} not stated"
    if have & want:
        return 1.0, f"+ {name}"
    return -1.0, f"− {' / '.join(sorted(have))} instead of {name}"


def _colour(wanted: list[str], t: _Text) -> tuple[float, str]:
    for c in wanted:
        if c in t.colours_title or c in t.colours_other:
            return 1.0, f"+ {c}"
    if t.colours_title:
        return -0.5, f"− {', '.join(sorted(t.colours_title))}, not {' / '.join(wanted)}"
    return 0.3, f"− colour {' / '.join(wanted)} not stated"


def audience_of(title: str) -> str | None:
    """Who a title says the product is for (men, women, kids, unisex), or None."""
    for w in words(title.replace("'", "")):
        if w in _AUDIENCE:
            return _AUDIENCE[w]
    return None


def relevance(offer: Offer, query: Query) -> tuple[float, list[str]]:
    """Relevance of one offer to a request in [0, 1], with a signed reason per term."""
    fit = analyse(offer, asked(query))
    return fit.score, fit.reasons
