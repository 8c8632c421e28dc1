"""Same product across shops: GTIN, MPN, part-number SKU, model numbers, then fuzzy titles."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from shopper.decide.relevance import audience_of
from shopper.decide.textmatch import (
    QUALIFIERS,
    Specs,
    is_colour_word,
    model_conflict,
    model_tokens,
    qualifiers,
    specs,
    stem,
    words,
)
from shopper.models import Offer

FUZZY_SET = 90  # token_set_ratio: one title's words nearly all inside the other's
FUZZY_SORT = 72  # token_sort_ratio: and the titles not wildly different in length
SANITY = 45  # a shared model number still needs titles that look somewhat alike
_MAX_BLOCK = 600
_GROUP_QUALIFIERS = frozenset({"micro", "slim", "rgb", "argb", "wireless", "wired"})
_GENERIC_FIRST = frozenset({"the", "new", "original", "smartphone", "tablet", "laptop", "notebook"})


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.rank = [0] * n

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.rank[ra] < self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if self.rank[ra] == self.rank[rb]:
            self.rank[ra] += 1


@dataclass
class _Feat:
    title: str
    brand: str | None
    guess: str
    words: set[str]
    stems: set[str]
    models: set[str]
    primary: set[str]
    quals: set[str]
    numbers: set[str]
    name_words: set[str]
    audience: str | None = None
    written: str = ""  # the title as the shop wrote it

    @functools.cached_property
    def specs(self) -> Specs:
        """The title's specs, read only for the few pairs that get that far."""
        return specs(self.written)


def normalize_gtin(gtin: str | None) -> str | None:
    """Digits of a GTIN without leading zeros, so UPC-12, EAN-13 and GTIN-14 forms compare equal."""
    if not gtin:
        return None
    digits = re.sub(r"\D", "", gtin)
    if len(digits) < 8 or len(digits) > 14:
        return None
    return digits.lstrip("0") or None


def _norm_code(code: str | None) -> str | None:
    if not code:
        return None
    c = re.sub(r"[^0-9A-Za-z]", "", code).upper()
    return c if len(c) >= 4 else None


def _looks_like_part_number(sku: str) -> bool:
    # Shop-internal SKUs are often bare counters ("12345") or slugs; part numbers mix letters and digits.
    c = re.sub(r"[\s\-_./]", "", sku)
    return 5 <= len(c) <= 24 and bool(re.search(r"[A-Za-z]", c)) and bool(re.search(r"\d", c))


def _primary(models: set[str]) -> set[str]:
    # "B550" next to "B550M" in one title is the chipset, not the product.
    return {
        m for m in models if not any(o != m and o.startswith(m) and o[len(m) :].isalpha() for o in models)
    }


def _features(o: Offer) -> _Feat:
    ws = words(o.title)
    guess = next((w for w in ws if w not in _GENERIC_FIRST and not w.isdigit()), ws[0] if ws else "")
    head = _head(o.title)
    # bare numbers in the name ("Core i5 14400") act as model numbers against "14400F"
    models = model_tokens(o.title) | set(re.findall(r"(?<![\w.,/-])\d{3,}(?![\w.,/-])", head))
    brand = words(o.brand)[0] if o.brand and words(o.brand) else None
    return _Feat(
        title=" ".join(ws),
        stems={stem(w) for w in ws},
        brand=brand,
        guess=guess,
        words=set(ws),
        models=models,
        primary=_primary(models),
        quals=qualifiers(o.title) | (set(ws) & _GROUP_QUALIFIERS),
        numbers=set(re.findall(r"(?<![\w.,/-])\d{2,}(?![\w.,/-])", o.title))
        | set(re.findall(r"(?<![\w.,/-])\d+(?![\w.,/-])", head)),
        name_words={stem(w) for w in words(head) if not is_colour_word(w)},
        audience=audience_of(o.title),
        written=o.title,
    )


def _head(title: str) -> str:
    # The product name is what comes before the first comma, dash or bracket; spec lists follow.
    return re.split(r",|\s[-–|(]\s?|\(", title, maxsplit=1)[0]


def brands_agree(a: _Feat, b: _Feat) -> bool:
    """No evidence that the two offers come from different brands."""
    if a.brand and b.brand:
        return a.brand == b.brand
    ea, eb = a.brand or a.guess, b.brand or b.guess
    return not ea or not eb or ea == eb or ea in b.words or eb in a.words


def _extends(x: str, y: str) -> bool:
    return x != y and x.startswith(y) and x[len(y) :].isalpha()


def _covered(x: str, others: set[str]) -> bool:
    return any(x == y or (len(x) >= 4 and x in y) or (len(y) >= 4 and y in x) for y in others)


def models_compatible(a: set[str], b: set[str]) -> bool:
    """No model number in one title contradicts one in the other (5900X/5950X, B550/B550M, 4070/4070 Ti)."""
    pa, pb = _primary(a), _primary(b)
    for x in a - b:
        for y in b - a:
            if model_conflict(x, y):
                return False
    # each title naming its own extra model numbers (A115 vs H170i next to a shared fan AF140) = two products
    if any(not _covered(x, b) for x in pa) and any(not _covered(y, a) for y in pb):
        return False
    for x in pa - b:
        if any(_extends(x, y) for y in b):
            return False
    return all(not any(_extends(y, x) for x in a) for y in pb - a)


def specs_compatible(a: Specs, b: Specs) -> bool:
    """Capacities, lengths, clocks and generations named in both titles agree (1TB≠2TB, 3m≠5m)."""
    sa, sb = a.qty.get("storage"), b.qty.get("storage")
    if sa and sb and (max(sa) != max(sb) or (len(sa) > 1 and len(sb) > 1 and sa != sb)):
        return False
    for dim in ("length", "freq", "inch", "refresh", "power", "battery"):
        va, vb = a.qty.get(dim), b.qty.get(dim)
        if va and vb and not va & vb:
            return False
    for kind in ("ddr", "pcie", "net", "socket"):
        ca, cb = a.cat.get(kind), b.cat.get(kind)
        if ca and cb and not ca & cb:
            return False
    return True


def _names_differ(a: _Feat, b: _Feat) -> bool:
    # one-letter name words ("Meshify C") only count against the other's name, not its "USB-C"
    return any(w not in (b.name_words if len(w) == 1 else b.stems) for w in a.name_words)


def _same_product(a: _Feat, b: _Feat, *, names: bool = False) -> bool:
    if a.audience and b.audience and a.audience != b.audience:
        return False  # the men's and the women's model of a shoe are two products
    if a.numbers - b.numbers and b.numbers - a.numbers:
        return False  # "Neon Aqua 240" vs "Neon Aqua 360"
    if names and _names_differ(a, b) and _names_differ(b, a):
        return False  # both titles name something the other lacks: "X570 Aorus Elite" vs "X570 Aorus Master"
    return brands_agree(a, b) and models_compatible(a.models, b.models) and specs_compatible(a.specs, b.specs)


def _blocks(feats: list[_Feat], keys: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, key in keys:
        if key:
            blocks[key].append(i)
    return blocks


def group_offers(offers: list[Offer]) -> list[str]:
    """A group id per offer (same order): offers of the same product across shops share an id."""
    n = len(offers)
    uf = _UnionFind(n)
    feats = [_features(o) for o in offers]

    # 1. identifiers: GTIN, MPN, then SKUs that look like manufacturer part numbers.
    ident: dict[str, int] = {}
    for i, o in enumerate(offers):
        keys = []
        if g := normalize_gtin(o.gtin):
            keys.append("gtin:" + g)
        keys.extend("gtin:" + g for v in o.variants if (g := normalize_gtin(v.gtin)))
        if m := _norm_code(o.mpn):
            keys.append("mpn:" + m)
        if o.sku and _looks_like_part_number(o.sku) and (s := _norm_code(o.sku)):
            keys.append("mpn:" + s)
        for key in keys:
            if key in ident:
                j = ident[key]
                if key.startswith("gtin:") or brands_agree(feats[i], feats[j]):
                    uf.union(i, j)
            else:
                ident[key] = i

    # 2. model numbers from titles, blocked by model number.
    by_model = _blocks(feats, ((i, m) for i, f in enumerate(feats) for m in f.primary if _strong(m)))
    for token, members in by_model.items():
        for k, i in enumerate(members):
            for j in members[k + 1 :]:
                if uf.find(i) == uf.find(j):
                    continue
                fi, fj = feats[i], feats[j]
                # a long part number is specific enough on its own; shorter ones need alike titles
                part = _part_number(token)
                alike = part or fuzz.token_set_ratio(fi.title, fj.title) >= SANITY
                if alike and _same_product(fi, fj, names=not part):
                    uf.union(i, j)

    # 3. fuzzy titles, blocked by the first distinctive words (brand-ish), never all pairs.
    def block_keys() -> Iterable[tuple[int, str]]:
        for i, f in enumerate(feats):
            firsts = [w for w in f.title.split() if w.isalpha() and len(w) > 1][:2]
            for key in {f.brand or "", *firsts}:
                yield i, key

    for members in _blocks(feats, block_keys()).values():
        if len(members) < 2:
            continue
        for chunk in _chunks(members, feats):
            _fuzzy_block(chunk, feats, uf)

    ids: dict[int, str] = {}
    out = []
    for i in range(n):
        root = uf.find(i)
        if root not in ids:
            ids[root] = f"g{len(ids) + 1}"
        out.append(ids[root])
    return out


def _part_number(token: str) -> bool:
    return len(token) >= 10 or len(re.findall(r"\d+|[A-Z]+", token)) >= 4


def _strong(token: str) -> bool:
    base = re.sub(r"(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")$", "", token.lower())
    return len(base) >= 4 or len(re.findall(r"\d", base)) >= 3


def _chunks(members: list[int], feats: list[_Feat]) -> list[list[int]]:
    if len(members) <= _MAX_BLOCK:
        return [members]
    # an oversized block (a big brand) splits further on the title's first three words
    sub: dict[str, list[int]] = defaultdict(list)
    for i in members:
        sub[" ".join(feats[i].title.split()[:3])].append(i)
    return [m for m in sub.values() if len(m) > 1]


def _fuzzy_block(members: list[int], feats: list[_Feat], uf: _UnionFind) -> None:
    titles = [feats[i].title for i in members]
    for a in range(len(members) - 1):
        hits = process.extract(
            titles[a], titles[a + 1 :], scorer=fuzz.token_set_ratio, score_cutoff=FUZZY_SET, limit=None
        )
        for _, _, b in hits:
            i, j = members[a], members[a + 1 + b]
            if uf.find(i) == uf.find(j):
                continue
            fi, fj = feats[i], feats[j]
            if fi.quals != fj.quals or fuzz.token_sort_ratio(fi.title, fj.title) < FUZZY_SORT:
                continue
            if fi.models and fj.models and not fi.models & fj.models:
                continue
            if _same_product(fi, fj, names=True):
                uf.union(i, j)


__all__ = ["group_offers", "normalize_gtin"]
