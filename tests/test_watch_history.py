"""Price history: observations per offer and variant, the figures history shows, and variant keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from shopper.models import Money, Offer, Variant
from shopper.store.db import connect
from shopper.watch.history import record_offers, reference_price, watched_variant
from shopper.watch.series import series
from shopper.watch.variants import canonical_options, variant_key

T0 = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


def _offer(price: str, size_44: str, *, when: datetime) -> Offer:
    eur = Money(amount=Decimal(price), currency="EUR")
    return Offer(
        url="https://shop.invalid/p/boot",
        title="Boot",
        shop="Boots & co",
        price=eur,
        availability="InStock",
        variants=[
            Variant(options={"Maat": "EU 44", "Kleur": "Rood"}, price=eur, availability=size_44),
            Variant(options={"Maat": "45", "Kleur": "Rood"}, price=eur, availability="InStock"),
        ],
        fetched_at=when,
    )


def test_legacy_option_names_become_canonical_keys() -> None:
    assert canonical_options({"Maat": "EU 44", "Kleur": "Rood", "Width": "Wide"}) == {
        "size": "44",
        "colour": "red",
        "width": "Wide",
    }
    assert variant_key({"Size": "Medium", "Color": "Navy Blue"}) == variant_key(
        {"size": "M", "colour": "navy blue"}
    )


def test_history_figures_and_days_out_of_stock() -> None:
    conn = connect()
    try:
        timeline = [
            ("99.00", "InStock"),
            ("89.00", "OutOfStock"),
            ("89.00", "OutOfStock"),
            ("94.00", "InStock"),
        ]
        for day, (price, stock) in enumerate(timeline):
            when = T0 + timedelta(days=2 * day)
            assert record_offers(conn, [_offer(price, stock, when=when)]) == 3
        # the same offer seen again (a mirror row) is not a new observation
        assert record_offers(conn, [_offer("94.00", "InStock", when=T0 + timedelta(days=6))]) == 3
        assert conn.execute("SELECT count(*) FROM observations").fetchone()[0] == 12
        url = "https://shop.invalid/p/boot"
        key = watched_variant(conn, url, "44", None)
        assert key == "colour=red;size=44"
        (item,) = series(conn, [url], key, now=T0 + timedelta(days=7))
        assert item.shop == "Boots & co" and len(item.points) == 4
        assert item.lowest == Money(amount="89.00", currency="EUR")
        assert item.highest == Money(amount="99.00", currency="EUR")
        assert item.current == Money(amount="94.00", currency="EUR")
        assert item.days_out_of_stock == 4.0  # out from day 2 to day 6
        ref = reference_price(conn, url, key, "EUR", before=T0 + timedelta(days=7))
        assert ref == Decimal("91.50")  # the median, whatever the shop called its "was" price
        assert reference_price(conn, url, key, "EUR", before=T0 + timedelta(days=60)) is None
    finally:
        conn.close()
