"""Product words left after extraction, their English translation, and the shop search phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from shopper.understand.lexicon import COMPOUND_PREFIXES, PHRASE_SYNONYMS, STOP_WORDS, TRANSLATIONS, words
from shopper.understand.nouns import GENERIC_NOUNS, is_audience, is_english, is_noun

_TOKEN = re.compile(r"[^\W_][\w'+&.-]*", re.U)
_ELISION = re.compile(r"^(?:l|d|j|qu|s|n|c)'", re.I)
_SHORT_HEADS = frozenset({"sko", "jas", "tas", "lue", "tøy", "tøj"})
_ENGLISH_HEADS = words(
    "shoes shoe sneakers trainers boots sandals jacket coat trousers pants jeans shirt sweater hoodie dress "
    "socks gloves backpack bag tent headphones earbuds speaker phone smartphone case charger cable monitor "
    "keyboard mouse processor cpu gpu motherboard memory ram ssd drive cooler fan laptop tablet watch camera "
    "printer router card supply"
)


@dataclass(frozen=True)
class Piece:
    """A word or name of the product phrase, in request order."""

    start: int
    text: str  # as written
    kind: str  # term, brand, model


def collect_terms(view: str, text: str, skip: list[tuple[int, int]]) -> list[Piece]:
    """Unconsumed, non-stop words outside the skipped spans (meta sentences), as term pieces."""
    pieces: list[Piece] = []
    for m in _TOKEN.finditer(view):
        if any(s <= m.start() < e for s, e in skip):
            continue
        word = _ELISION.sub("", text[m.start() : m.end()]).rstrip(".-'&+")
        lowered = word.lower()
        if "'" in lowered and lowered.split("'", 1)[0] in STOP_WORDS:
            continue  # what's, i'd, it's
        if not word or lowered in STOP_WORDS or (len(word) == 1 and not (word.isdigit() or word.isupper())):
            continue
        pieces.append(Piece(m.start(), word, "term"))
    return pieces


def split_compound(word: str) -> tuple[str, str] | None:
    """('hardloop', 'schoenen') for a known head noun at the end of a compound word, else None."""
    word = word.lower()
    # the longest head first; at most one head of each length can end the word
    for length, heads in _HEADS_BY_LENGTH:
        if len(word) >= length + 2 and word[-length:] in heads:
            return word[:-length].rstrip("-"), word[-length:]
    return None


_HEADS = {*TRANSLATIONS, *GENERIC_NOUNS}
# indexed once, not per word (ranking splits every title word of every offer)
_HEADS_BY_LENGTH = [
    (n, frozenset(h for h in _HEADS if len(h) == n and (n >= 4 or h in _SHORT_HEADS)))
    for n in sorted({len(h) for h in _HEADS}, reverse=True)
]


def to_english(word: str) -> str | None:
    """English for a product word ('løpesko' -> 'running shoes'); None when unknown."""
    word = word.lower()
    if word in TRANSLATIONS:
        return TRANSLATIONS[word]
    # Plurals (koptelefoons, hodetelefonene, jakker): try the singular the table knows.
    for ending in ("ene", "en", "er", "s", "n", "e"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem in TRANSLATIONS:
            return TRANSLATIONS[stem]
    parts = split_compound(word)
    if not parts:
        return None
    prefix, head = parts
    noun = "" if head in GENERIC_NOUNS else TRANSLATIONS[head]  # "regntøy": rain wear of any kind
    for candidate in (prefix, prefix[:-1] if prefix.endswith(("s", "e")) else prefix):
        if candidate in COMPOUND_PREFIXES:
            return f"{COMPOUND_PREFIXES[candidate]} {noun}".strip()
        if candidate in TRANSLATIONS and " " not in TRANSLATIONS[candidate]:
            return f"{TRANSLATIONS[candidate]} {noun}".strip()
    return noun or None


def _english_piece(piece: Piece, language: str) -> str | None:
    if piece.kind != "term" or any(c.isdigit() for c in piece.text):
        return piece.text
    english = to_english(piece.text)
    if english:
        return english
    if is_noun(piece.text) or is_english(piece.text):
        return piece.text  # "cardigan" is written alike in many languages
    # Unknown lower-case words are most likely untranslated adjectives; capitalised ones likely names.
    if piece.text[:1].isupper() and language != "de":
        return piece.text
    return None


def foreign_forms(english: str) -> list[str]:
    """The words other languages use for an English product word ('joggers' -> joggebukse, jogginghose...)."""
    if not _REVERSE:
        for table in (TRANSLATIONS, COMPOUND_PREFIXES):
            for word, meaning in table.items():
                _REVERSE.setdefault(meaning, []).append(word)
    lowered = english.lower()
    return list(dict.fromkeys([*_REVERSE.get(lowered, []), *_REVERSE.get(singular(lowered), [])]))


_REVERSE: dict[str, list[str]] = {}


def words_in_other_languages(terms: list[str]) -> str:
    """The request's product words as the other languages write them, for a local catalogue search."""
    out: list[str] = []
    for term in terms:
        if is_audience(term):
            continue
        for english in (to_english(term) or term).split():
            for form in (english, PHRASE_SYNONYMS.get(english.lower())):
                if form:
                    out.extend(f for f in foreign_forms(form) if f != term.lower())
    return " ".join(dict.fromkeys(out))


def synonym_phrase(words: list[str]) -> str | None:
    """The phrase with its product noun in the other usual English word ('rain pants' -> 'rain trousers')."""
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower()
        alt = PHRASE_SYNONYMS.get(word) or PHRASE_SYNONYMS.get(singular(word))
        if alt:
            return _join([*words[:i], alt, *words[i + 1 :]])
    return None


def _foreign(word: str) -> bool:
    english = to_english(word)
    return english is not None and singular(english.lower()) != singular(word.lower())


def _join(parts: list[str]) -> str:
    return " ".join(p for p in parts if p).strip()


_CLAUSE = re.compile(
    r"\b(?:which|that|who|whose|where|with|without|designed|suitable|suited|made|built|welche[rs]?|met|mit|som"
    r"|med|qui|avec)\b",
    re.I,
)


def clause_start(text: str, pieces: list[Piece]) -> int | None:
    """Where a clause of requirements begins after the first product word ("... which support 5G")."""
    first = min((p.start for p in pieces if p.kind == "term"), default=None)
    if first is None:
        return None
    match = _CLAUSE.search(text, first)
    return match.start() if match else None


def search_phrases(
    pieces: list[Piece], models: list[list[str]], language: str, clause_at: int | None = None
) -> list[str]:
    """Search phrases, best first: full phrase, product phrase, without brand, model alone, English, tails."""
    # Brands first: shop titles start with them and "koptelefoon van Sony" should read "Sony koptelefoon".
    ordered = sorted(pieces, key=lambda p: (p.kind != "brand", p.start))
    terms = [p for p in ordered if p.kind == "term"]
    brands = [p for p in ordered if p.kind == "brand"]
    rest = [p.text for p in ordered if p.kind != "brand"]
    # Several brands are alternatives ("Patagonia or Arc'teryx"): one phrase per brand.
    out: list[str] = [_join([b.text, *rest]) for b in brands] if brands else [_join(rest)]
    named = [p.text for p in ordered if p.kind != "brand" and clause_at is not None and p.start < clause_at]
    if named and len(named) < len(rest):
        # Shop searches that need every word find nothing for "tablets which support 5G and come with a
        # stylus": the product phrase before the clause goes out together with the full one, in place
        # of the full one without its brand.
        out.insert(1, _join([brands[0].text, *named]) if brands else _join(named))
    elif brands and rest:
        out.append(_join(rest))
    # Shop searches often need every word and match substrings: "Team SSD" finds what
    # "SSDs Team support" cannot, so brand + singular head noun comes early.
    head = next((p.text for p in terms if _is_head(p.text) and not is_audience(p.text)), None)
    if head is not None and language == "en":
        out.extend(_join([b.text, singular(head)]) for b in brands)
    for forms in models:
        out.extend(f for f in forms if not f.isdigit())
    in_english = _join([e for p in ordered if (e := _english_piece(p, language))])
    if language != "en" or any(_foreign(p.text) for p in terms):
        # a request detected as English may still carry a foreign product word ("regenjacke kids")
        out.append(in_english)
    if not models and len(terms) > 1:
        product = [p for p in terms if not is_audience(p.text)]
        heads = [i for i, p in enumerate(product) if _is_head(p.text)]
        end = heads[-1] + 1 if heads else 0
        pair = [p.text for p in product[max(0, end - 2) : end]]
        if end >= 2 and all(w.replace("-", "").isalpha() for w in pair):
            out.append(_join(pair))
        if end >= 1:
            out.append(product[end - 1].text)
            if language == "en" and singular(product[end - 1].text) != product[end - 1].text:
                out.append(singular(product[end - 1].text))
    if not models:
        # shops word some products otherwise: "rain pants" are sold as rain trousers
        alt = synonym_phrase([p.text for p in terms if not is_audience(p.text)])
        if alt:
            out.insert(min(2, len(out)), alt)
    if language != "en" and terms and not models:
        last = terms[-1].text
        parts = None if last.lower() in TRANSLATIONS else split_compound(last)
        if parts:
            out.append(parts[1])
        english = to_english(last)
        if english and " " in english:
            out.append(english.split(" ", 1)[1])
    seen: set[str] = set()
    result: list[str] = []
    for phrase in out:
        key = phrase.lower()
        if phrase and key not in seen:
            seen.add(key)
            result.append(phrase)
    return result[:8]


def singular(word: str) -> str:
    """An English plural made singular ('SSDs' -> 'SSD', 'cables' -> 'cable'); other words unchanged."""
    lowered = word.lower()
    if len(word) <= 3 or not lowered.endswith("s") or lowered.endswith(("ss", "us", "is")):
        return word
    if lowered.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lowered.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def _is_head(word: str) -> bool:
    lowered = word.lower()
    if lowered in _ENGLISH_HEADS or singular(lowered).lower() in _ENGLISH_HEADS:
        return True
    return lowered in TRANSLATIONS or split_compound(lowered) is not None


_BOUNDARY = words(
    "which that with without from for to by than in on of at as like and or but so if because when where "
    "who whose while under over below above"
)


def head_word(text: str, terms: list[str]) -> str | None:
    """The product noun: the last product word before the first clause ("RAM clocking faster ..." -> ram)."""
    ws = [w.lower() for w in re.findall(r"[^\W_][\w'-]*", text)]
    wanted = {t.lower() for t in terms}
    start = next((i for i, w in enumerate(ws) if w in wanted), None)
    if start is None:
        return None
    head = noun = None
    for i in range(start, len(ws)):
        w, after = ws[i], ws[i + 1] if i + 1 < len(ws) else ""
        if w in _BOUNDARY or (w.endswith("ing") and w not in wanted):
            break
        # a participle after the product opens a clause: "designed for gamers", "clocking higher than"
        if head and w.endswith(("ed", "ing")) and (not after or after in _BOUNDARY or after.endswith("er")):
            break
        if w in wanted and not any(c.isdigit() for c in w) and not is_audience(w):
            head = w
            # "chaussures de running": the word that names a kind of product, wherever it stands
            noun = w if is_noun(w, to_english(w)) else noun
    return noun or head
