"""What a request asks of an offer, read once from the Query: models, brands, words, specs, colours."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shopper.decide.textmatch import (
    Need,
    Specs,
    canon_colour,
    colours_in,
    fold,
    model_tokens,
    needs,
    phrase_in,
    specs,
    stem,
    stems,
    words,
)
from shopper.models import Query
from shopper.understand.nouns import is_audience
from shopper.understand.terms import to_english


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
    "coat": ("jacket", "parka"),  # a rain coat is sold as a rain jacket
    "raincoat": ("rain jacket",),
    # what shops call the warm jackets people ask for by another name
    "down jacket": ("puffer jacket", "insulated jacket", "puffer"),
    "winter jacket": ("insulated jacket", "puffer jacket", "parka"),
    "hoodie": ("hooded",),
}


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
    # other words for a term: synonyms and the English of a foreign word ("regnjakke" -> rain jacket)
    alts: dict[str, tuple[str, ...]] = field(default_factory=dict)
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
    alts: dict[str, tuple[str, ...]] = {}
    for raw in query.terms:
        if is_audience(raw):
            continue  # who it is for is the audience check's, not a word the title must carry
        for w in words(raw):
            s = stem(w)
            in_model = len(w) >= 2 and any(w.upper() in m for m in models)
            skip = w in STOPWORDS or w in brand_words or w in model_words or w in colour_words or in_model
            skip = skip or w in measured or bool(colours_in(w)) or w.isdigit() or len(w) < 2
            if skip or s in terms or model_tokens(w.upper()) or (has_ref and s not in text_stems):
                continue
            terms.append(s)
            alts[s] = _alternatives_of(s, raw)
    head = stem(fold(query.head)) if query.head else None
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
        head=head if head in terms else None,
        alts=alts,
        new_only=query.condition == "new",
        used_ok=query.condition == "used",
        audience=query.audience,
    )


def _alternatives_of(term: str, raw: str) -> tuple[str, ...]:
    """A term's synonyms and, for a foreign product word, its English ('jas' -> 'jacket')."""
    english = to_english(raw) if raw.isalpha() else None
    found = [*SYNONYMS.get(term, ())]
    if english and english != raw.lower():
        found.append(english)
        found.extend(SYNONYMS.get(english, ()))
        # the head noun's other names keep the compound's qualifier: a "fleece sweater" may be sold
        # as a fleece pullover, not as any pullover
        *qualifier, head = english.split()
        found.extend(" ".join([*qualifier, other]) for other in SYNONYMS.get(stem(head), ()))
    return tuple(dict.fromkeys(found))


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
