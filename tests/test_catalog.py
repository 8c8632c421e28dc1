"""The catalogue mirror: exact round trips, FTS5 search, full syncs and freshness."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopper.models import Money, Offer, ShopConfig, Variant
from shopper.shops.catalog import CatalogMirror, match_expression
from shopper.store.db import connect

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHOPPER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(tmp_path / "shopper.db")
    yield connection
    connection.close()


@pytest.fixture
def mirror(conn: sqlite3.Connection) -> CatalogMirror:
    return CatalogMirror(conn)


def eur(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="EUR")


def offer(slug: str, title: str, **fields: object) -> Offer:
    return Offer(url=f"https://shop.example/p/{slug}", title=title, **fields)


def fts_ok(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO catalog_fts (catalog_fts, rank) VALUES ('integrity-check', 1)")
    fts = conn.execute("SELECT count(*) FROM catalog_fts").fetchone()[0]
    assert fts == conn.execute("SELECT count(*) FROM catalog_offers").fetchone()[0]


def urls(offers: list[Offer]) -> list[str]:
    return [o.url.rsplit("/", 1)[1] for o in offers]


def test_offers_round_trip_exactly(mirror: CatalogMirror) -> None:
    full = offer(
        "speedgoat",
        "Hoka Speedgoat 5 trail running shoe",
        shop="ignored",
        brand="Hoka",
        description="Grippy trail shoe",
        category="Shoes > Trail",
        price=eur("149.90"),
        list_price=Money(amount=Decimal("170"), currency="USD"),
        availability="InStock",
        sku="SG5-44",
        gtin="0195719620000",
        mpn="1123157",
        images=["https://shop.example/i/1.jpg", "https://shop.example/i/2.jpg"],
        variants=[
            Variant(
                title="44 / Blue",
                options={"Size": "44", "Colour": "Blue"},
                price=eur("149.90"),
                availability="InStock",
                sku="SG5-44-B",
            ),
            Variant(title="45", options={"Size": "45"}, price=eur("139.00"), availability="OutOfStock"),
        ],
        shipping=eur("4.95"),
        rating=Decimal("4.6"),
        rating_count=212,
        tags=["trail", "cushioned run"],
        source="shopify",
        notes=["page says sold out; metadata said InStock"],
        fetched_at=datetime(2024, 4, 30, 8, 15, 1, 123456, tzinfo=UTC),
    )
    bare = offer("bare", "A thing")
    assert mirror.upsert("trail-shop", [full, bare]) == 2
    got = mirror.get("trail-shop", full.url)
    assert got == full.model_copy(update={"shop": "trail-shop", "source": "mirror"})
    assert got is not None and str(got.price.amount if got.price else "") == "149.90"
    assert mirror.get("trail-shop", bare.url) == bare.model_copy(
        update={"shop": "trail-shop", "source": "mirror"}
    )
    assert mirror.count("trail-shop") == 2 and mirror.count("other") == 0 and mirror.count() == 2


def test_upsert_replaces_rows_for_the_same_url(mirror: CatalogMirror, conn: sqlite3.Connection) -> None:
    mirror.upsert("s", [offer("a", "Brooks Ghost 15", price=eur("120")), offer("b", "Brooks Glycerin")])
    mirror.upsert("s", [offer("a", "ASICS Novablast 4", price=eur("99.95"))])
    assert mirror.count("s") == 2
    assert urls(mirror.search("s", "novablast")) == ["a"]
    assert mirror.search("s", "ghost") == []
    got = mirror.get("s", "https://shop.example/p/a")
    assert got is not None and got.price == eur("99.95")
    fts_ok(conn)


def test_upsert_is_one_transaction(mirror: CatalogMirror) -> None:
    mirror.upsert("s", [offer("a", "Old title")])

    def broken() -> Iterator[Offer]:
        yield offer("a", "New title")
        raise RuntimeError("feed broke")

    with pytest.raises(RuntimeError):
        mirror.upsert("s", broken())
    got = mirror.get("s", "https://shop.example/p/a")
    assert got is not None and got.title == "Old title"


def test_search_ranks_title_hits_first_and_prefix_matches(mirror: CatalogMirror) -> None:
    mirror.upsert(
        "s",
        [
            offer("desc", "Road runner", description="not for trail use, says the shoe review"),
            offer("best", "Trail running shoes size 44", brand="Hoka"),
            offer("jacket", "Rain jacket"),
            offer("trail", "Trailblazer shoe"),
        ],
    )
    found = urls(mirror.search("s", "trail shoes 44"))
    assert found[0] == "best"
    assert set(found) == {"best", "trail", "desc"}
    assert urls(mirror.search("s", "jack")) == ["jacket"]
    assert urls(mirror.search(None, "HOKA")) == ["best"]
    assert mirror.search("other-shop", "trail") == []
    assert len(mirror.search("s", "trail", limit=1)) == 1
    assert mirror.search("s", "trail", limit=0) == []


def test_search_returns_the_offers_just_written_as_they_are(mirror: CatalogMirror) -> None:
    written = [
        offer("best", "Trail running shoes size 44", shop="s"),
        offer("trail", "Trailblazer shoe", shop="s"),
    ]
    mirror.replace_all("s", written)
    read_back = mirror.search("s", "trail shoes")
    held = mirror.search("s", "trail shoes", held={o.url: o for o in written})
    assert urls(held) == urls(read_back)  # the same hits in the same order
    assert all(any(h is w for w in written) for h in held)  # not rebuilt from their rows
    assert [h.model_dump(exclude={"source"}) for h in held] == [
        r.model_dump(exclude={"source"}) for r in read_back
    ]
    # what the caller already has is still left out
    assert urls(
        mirror.search("s", "trail shoes", known={written[0].url}, held={o.url: o for o in written})
    ) == ["trail"]


def test_search_by_identifiers(mirror: CatalogMirror) -> None:
    mirror.upsert("s", [offer("a", "Graphics card", gtin="4711081234567", mpn="RX-7800XT", sku="GPU-1")])
    assert urls(mirror.search("s", "4711081234567")) == ["a"]
    assert urls(mirror.search("s", "rx 7800xt")) == ["a"]


def test_diacritics_fold_both_ways(mirror: CatalogMirror) -> None:
    mirror.upsert(
        "s",
        [offer("no", "Løpesko for terreng"), offer("plain", "Lopesko budget"), offer("fr", "Café crème mug")],
    )
    assert set(urls(mirror.search("s", "lopesko"))) == {"no", "plain"}
    assert set(urls(mirror.search("s", "løpesko"))) == {"no", "plain"}
    assert set(urls(mirror.search("s", "LØPESKO"))) == {"no", "plain"}
    assert urls(mirror.search("s", "creme cafe")) == ["fr"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "-",
        "trail -shoes",
        "NEAR",
        "NEAR(a b)",
        "a AND b",
        "OR",
        "NOT x",
        "^x",
        "x:y",
        "(",
        ")",
        "{title}: x",
        "'; DROP TABLE catalog_offers; --",
        "",
        "   ",
        "🙂",
        "a" * 5000,
        "x_y",
    ],
)
def test_special_characters_never_raise(mirror: CatalogMirror, query: str) -> None:
    mirror.upsert("s", [offer("a", "NEAR and AND or OR trail shoe x y")])
    assert isinstance(mirror.search("s", query), list)
    assert mirror.count("s") == 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_safe_query(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize = 'unicode61 remove_diacritics 2')")
    expression = match_expression(text)
    if expression is not None:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()
    conn.close()


def test_replace_all_removes_stale_rows(mirror: CatalogMirror, conn: sqlite3.Connection) -> None:
    mirror.upsert("s", [offer("a", "Keep me"), offer("b", "Gone soon"), offer("c", "Also gone")])
    mirror.upsert("other", [offer("b", "Other shop keeps its row")])
    assert mirror.replace_all("s", [offer("a", "Keep me, updated"), offer("d", "New arrival")]) == 2
    assert urls(mirror.all("s")) == ["a", "d"]
    assert mirror.search("s", "gone") == []
    assert mirror.count("other") == 1
    fts_ok(conn)
    mirror.replace_all("s", [])
    assert mirror.count("s") == 0
    fts_ok(conn)
    assert mirror.delete_shop("other") == 1
    fts_ok(conn)


def test_freshness_with_an_injected_clock(mirror: CatalogMirror) -> None:
    assert not mirror.is_fresh("s", 3600, now=NOW)
    assert mirror.synced_at("s") is None
    mirror.upsert("s", [offer("a", "A"), offer("b", "B")])
    mirror.mark_synced("s", now=NOW)
    assert mirror.synced_at("s") == NOW
    assert mirror.is_fresh("s", 3600, now=NOW + timedelta(minutes=59))
    assert not mirror.is_fresh("s", 3600, now=NOW + timedelta(hours=1, seconds=1))
    assert mirror.is_fresh("s", 3600, now=(NOW + timedelta(minutes=5)).replace(tzinfo=None))
    assert mirror.conn.execute("SELECT offer_count FROM catalog_sync").fetchone()[0] == 2
    mirror.mark_synced("s", 1, complete=False, now=NOW)
    assert not mirror.is_fresh("s", 3600, now=NOW)
    assert mirror.is_fresh("s", 3600, now=NOW, require_complete=False)


def test_mirror_survives_reopening_and_vacuum(tmp_path: Path) -> None:
    path = tmp_path / "shopper.db"
    first = connect(path)
    CatalogMirror(first).upsert("s", [offer(str(n), f"Item number {n}") for n in range(20)])
    CatalogMirror(first).replace_all("s", [offer(str(n), f"Item number {n}") for n in range(0, 20, 3)])
    first.close()
    second = connect(path)
    second.execute("VACUUM")
    mirror = CatalogMirror(second)
    assert sorted(urls(mirror.search("s", "number"))) == sorted(str(n) for n in range(0, 20, 3))
    assert urls(mirror.search("s", "item 9"))[0] == "9"
    fts_ok(second)
    second.close()


@pytest.mark.parametrize(
    ("request_text", "title"),
    [
        ("sweatpants size M", "Everyday joggebukse herre"),  # English synonym, then Norwegian
        ("rain pants for kids", "Splash Regenhose Kinder"),  # the compound's first part finds it
        ("jumper men L", "Rullekrave trøje i uld, herre"),
    ],
)
def test_mirror_search_finds_a_shop_that_writes_another_language(
    conn: sqlite3.Connection, request_text: str, title: str
) -> None:
    from shopper.shops.fetch import Fetcher, FetchSettings
    from shopper.shops.search import SearchContext, mirror_search
    from shopper.understand.offline import parse_request

    shop = ShopConfig(name="nordic", url="https://shop.example/", platform="woocommerce")
    CatalogMirror(conn).upsert(
        "nordic",
        [offer("wanted", title, price=eur("30")), offer("other", "Ullsokker 3-pakning", price=eur("9"))],
    )
    ctx = SearchContext(
        fetcher=Fetcher(FetchSettings(cache_path=None)), conn=conn, query=parse_request(request_text)
    )
    assert "wanted" in urls(mirror_search(ctx, shop))
