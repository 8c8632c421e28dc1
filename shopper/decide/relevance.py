"""How well one offer fits a request: model numbers, brand, product words, specs, colours."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from shopper.decide.asked import STOPWORDS, SYNONYMS, Asked, asked
from shopper.decide.attributes import attribute_state, known_attribute
from shopper.decide.textmatch import (
    Need,
    Specs,
    StemIndex,
    colours_in,
    fold,
    model_conflict,
    model_match,
    model_tokens,
    phrase_in,
    specs,
    stem,
    stems,
    words,
)
from shopper.models import Offer, Query
from shopper.understand.lexicon import AUDIENCE
from shopper.understand.nouns import is_audience
from shopper.understand.sizes import product_kind
from shopper.understand.terms import to_english

_AUDIENCE = {fold(k).replace("'", ""): v for k, v in AUDIENCE.items() if k not in ("man", "dam", "herr")}
HEAD_WEIGHT = 2.0  # the product noun counts double among the request's words
BODY_SHARE = 0.5  # a word met only in the description counts half
NOUN_ONLY_SHARE = 0.5  # a compound ("regnjakke": rain jacket) met only by its noun counts half
# a compound met by its qualifier and a noun of the same kind ("hiking boots" by hiking shoes): the use
# is what was asked, the product a near one; closer than the noun alone (rubber boots)
NEAR_KIND_SHARE = 0.75
# kinds narrow enough for that: footwear and trousers (clothing spans sweaters, base layers and coats)
NEAR_KINDS = frozenset({"shoes", "trousers"})


_USED = ("refurbished", "renewed", "used", "pre owned", "preowned", "second hand", "gebraucht", "b ware")
_CAT_NAMES = {"ddr": "DDR{}", "pcie": "PCIe {}", "net": "{}G", "socket": "{}", "res": "{}K"}


@dataclass
class Fit:
    """One offer against one request: the score in [0, 1], reasons, and what held."""

    score: float
    reasons: list[str] = field(default_factory=list)
    models_hit: list[str] = field(default_factory=list)
    conflict: bool = False
    strict: bool = True  # every required model/brand/spec/attribute/colour holds (product words aside)
    kind_ok: bool = True  # the product noun of the request is met (a rain jacket is no winter jacket)
    coverage: float = 1.0


class _Text:
    """An offer's text as relevance reads it. The parts only some requests read (the specs and colours,
    the stems of a long description, the raw text) are worked out on first use."""

    def __init__(self, offer: Offer) -> None:
        self._offer = offer
        self.title = _title_stems(offer.title) | (stems(offer.brand) if offer.brand else set())
        self.category = stems(" ".join(filter(None, [offer.category, " ".join(offer.tags)])))
        self.models = (
            model_tokens(offer.title)
            | ({*model_tokens(offer.mpn)} if offer.mpn else set())
            | set(re.findall(r"(?<![\w.,/-])\d{3,}(?![\w.,/-])", offer.title))
        )

    @functools.cached_property
    def kind(self) -> str | None:
        return product_kind(self._offer.title)

    @functools.cached_property
    def title_specs(self) -> Specs:
        return specs(self._offer.title)

    @functools.cached_property
    def colours_title(self) -> set[str]:
        return colours_in(self._offer.title)

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
    english = to_english(word) if len(word) > 3 and word.isalpha() else None
    return frozenset(stems(english)) if english else frozenset()


def _title_stems(title: str) -> set[str]:
    """The title's stems plus English for known product words, so "trailschoenen" reads as trail shoes."""
    out = stems(title)
    for word in _RAW_WORD.findall(title.lower()):
        out |= _english(word)  # as written: "regnjakke", "trøje" are looked up with their letters
    return out


_RAW_WORD = re.compile(r"[^\W\d_]+")


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
        shares: dict[str, float] = {}  # each word's share with the request's alternatives, read once
        cov = _coverage(ask.terms, t, ask.head, ask.alts, shares)
        shown = ask.terms
        head_known = ask.head is not None and bool(ask.alts.get(ask.head))
        if cov == 0 and ask.alt_phrases and not head_known and not all(ask.alts.get(w) for w in ask.terms):
            # The request's words in another language than the shop's: the best-matching phrasing
            # (a translation among the search phrases) stands in for them, as far as it covers them;
            # who it is for is the audience check's, not a product word
            alts = [
                [stem(w) for w in words(p) if w not in STOPWORDS and len(w) > 1 and not is_audience(w)]
                for p in ask.alt_phrases
            ]
            plain: dict[str, float] = {}  # the words' shares with the usual synonyms
            best = max((a for a in alts if a), key=lambda a: _coverage(a, t, shares=plain), default=[])
            if best and _coverage(best, t, shares=plain) > 0:
                cov, shown = _coverage(best, t, shares=plain) * min(1.0, len(best) / len(ask.terms)), best
        elif ask.head and (head_cov := _coverage([ask.head], t, None, ask.alts, shares)) < 1.0:
            # a compound met only by its noun ("winterjas": a jacket, not said to be a winter one) is
            # still that kind of product, as "winter jacket" met by a jacket is
            fit.strict = False
            fit.kind_ok = head_cov > 0
            fit.reasons.append(f"− not {with_article(shown_term(ask.head, ask.alts))}")
        fit.kind_ok = fit.kind_ok and cov > 0
        fit.coverage = cov
        hit_terms = [shown_term(w, ask.alts) for w in shown if _coverage([w], t, None, ask.alts, shares) >= 1]
        if hit_terms:
            fit.reasons.append("+ " + ", ".join(hit_terms[:4]))
        missing = [shown_term(w, ask.alts) for w in shown if _coverage([w], t, None, ask.alts, shares) == 0]
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


def shown_term(term: str, alts: dict[str, tuple[str, ...]]) -> str:
    """A term as the reasons show it: in English when the request word was foreign."""
    others = alts.get(term, ())
    english = [a for a in others if a not in SYNONYMS.get(term, ())]
    return english[0] if english else term


def with_article(term: str) -> str:
    """ "a jacket", but "hiking shoes" and "headphones": no article before a plural."""
    last = term.rsplit(" ", 1)[-1]
    plural = len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))
    return term if plural else f"a {term}"


def _extends(x: str, y: str) -> bool:
    return x != y and x.startswith(y) and x[len(y) :].isalpha()


def _attr_in(word: str, text: set[str]) -> bool:
    # "rgb" is met by "ARGB", "wifi" by "Wi-Fi"
    if phrase_in(word, text):
        return True
    joined = "".join(words(word))
    return len(joined) >= 3 and any(s.endswith(joined) for s in text)


def _coverage(
    terms: list[str],
    t: _Text,
    head: str | None = None,
    others: dict[str, tuple[str, ...]] | None = None,
    shares: dict[str, float] | None = None,
) -> float:
    """The weighted share of the terms the offer's text meets; `shares` keeps each word's share for the
    next call with the same `others` (analyse asks about the same words several times)."""
    got = total = 0.0
    for w in terms:
        weight = HEAD_WEIGHT if w == head else 1.0
        total += weight
        if shares is None:
            got += weight * _share(w, t, others)
        else:
            if w not in shares:
                shares[w] = _share(w, t, others)
            got += weight * shares[w]
    return got / total


def _share(w: str, t: _Text, others: dict[str, tuple[str, ...]] | None) -> float:
    alts = (w, *(others[w] if others and w in others else SYNONYMS.get(w, ())))
    if any(phrase_in(a, t.title) or phrase_in(a, t.category) for a in alts):
        return 1.0
    if any(_near_kind(a, t) for a in alts[1:]):
        return NEAR_KIND_SHARE
    if any(phrase_in(a, t.body_index) for a in alts):
        return BODY_SHARE
    if any(phrase_in(a.split()[-1], t.title) or phrase_in(a.split()[-1], t.category) for a in alts[1:]):
        return NOUN_ONLY_SHARE  # "regenbroek" met by trousers that are not rain trousers
    return 0.0


def _near_kind(alternative: str, t: _Text) -> bool:
    """Whether the title has the alternative's qualifier and a product of the same narrow kind (shoes)."""
    *qualifier, noun = alternative.split()
    if not qualifier or not phrase_in(" ".join(qualifier), t.title):
        return False
    kind = product_kind(noun)
    return kind in NEAR_KINDS and t.kind == kind


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


@functools.lru_cache(maxsize=8192)  # ranking and grouping both ask it of every title
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
