"""All terminal rendering (rich). Scraped text is escaped here before it reaches the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from shopper.cli.plain import UNSAFE, clean, one_line

if TYPE_CHECKING:
    from shopper.inspect import InspectResult
    from shopper.models import FindResult, Money, Query

__all__ = ["clean", "one_line"]  # defined with the plain console, which needs them without rich


def console() -> Console:
    """The stdout console."""
    return Console(highlight=False, soft_wrap=False)


def error_console() -> Console:
    """The stderr console (progress, warnings, errors)."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def money(value: Money | None) -> str:
    """Money as '1,299.00 EUR', or '?' when unknown."""
    if value is None:
        return "?"
    return f"{value.amount:,.2f} {value.currency}"


def inspect_panel(result: InspectResult) -> Panel:
    """One panel per inspected page."""
    offer = result.offer
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    if offer is None:
        table.add_row("found", "no product data on this page")
    else:
        rows: list[tuple[str, Any]] = [
            ("title", offer.title),
            ("price", money(offer.price)),
            ("was", money(offer.list_price) if offer.list_price else None),
            ("availability", offer.availability or "unknown"),
            ("brand", offer.brand),
            ("sku", offer.sku),
            ("gtin", offer.gtin),
            ("mpn", offer.mpn),
            ("shipping", money(offer.shipping) if offer.shipping else None),
            ("rating", f"{offer.rating} ({offer.rating_count or '?'} reviews)" if offer.rating else None),
            ("from", offer.source),
        ]
        for label, value in rows:
            if value not in (None, ""):
                table.add_row(label, clean(one_line(value)))
        if offer.variants:
            table.add_row("variants", clean(_variants_summary(offer)))
    for note in result.notes:
        table.add_row("note", f"[yellow]{clean(one_line(note))}[/]")
    title = clean(one_line(result.url or result.source, 100))
    return Panel(table, title=title, title_align="left", border_style="blue")


def _variants_summary(offer: Any) -> str:
    parts = []
    for variant in offer.variants[:12]:
        label = " / ".join(variant.options.values()) or variant.title or variant.sku or "?"
        stock = "" if variant.availability in (None, "InStock") else f" ({variant.availability})"
        price = f" {money(variant.price)}" if variant.price else ""
        parts.append(f"{one_line(label, 40)}{price}{stock}")
    more = f" … +{len(offer.variants) - 12} more" if len(offer.variants) > 12 else ""
    return "; ".join(parts) + more


def query_line(query: Query) -> str:
    """The parsed request in one line, so the user sees what was understood."""
    bits = [f"intent={query.intent}"]
    if query.terms:
        bits.append("terms=" + " ".join(query.terms))
    if query.brands:
        bits.append("brand=" + ",".join(query.brands))
    if query.model_numbers:
        bits.append("model=" + ",".join(query.model_numbers))
    if query.size:
        bits.append(f"size={query.size}")
    if query.colours:
        bits.append("colour=" + ",".join(query.colours))
    if query.max_price:
        bits.append(f"max={money(query.max_price)}")
    if query.min_price:
        bits.append(f"min={money(query.min_price)}")
    if query.must:
        bits.append("must=" + ",".join(query.must))
    if query.must_not:
        bits.append("not=" + ",".join(query.must_not + [f"brand {b}" for b in query.exclude_brands]))
    elif query.exclude_brands:
        bits.append("not=" + ",".join(f"brand {b}" for b in query.exclude_brands))
    return clean(one_line("  ".join(bits), 400))


def find_table(result: FindResult, limit: int, *, wide: bool = True) -> Table:
    """The ranked offers as a table; the answer's rows highlighted. Narrow terminals get `why` below it."""
    table = Table(show_lines=False, header_style="bold", expand=False)
    columns: tuple[tuple[str, dict[str, Any]], ...] = (
        ("#", {"justify": "right", "no_wrap": True}),
        ("product", {"max_width": 60, "ratio": 3}),
        ("shop", {"max_width": 18, "ratio": 1}),
        ("price", {"justify": "right", "no_wrap": True}),
        ("landed", {"justify": "right"}),
        ("stock / size", {"max_width": 18}),
        ("why", {"max_width": 60}),
    )
    if not wide:
        # Price and landed cost share a cell so the product keeps room to breathe.
        columns = tuple((n, k) for n, k in columns if n not in ("landed", "why"))
    for name, kwargs in columns:
        table.add_column(name, **kwargs)
    answer = set(result.answer)
    shown = result.offers[:limit]
    shared = {g for g in (r.group for r in shown) if g and sum(x.group == g for x in shown) > 1}
    for index, ranked in enumerate(shown, start=1):
        offer = ranked.offer
        stock = offer.availability or "unknown"
        if ranked.matched_variant is not None and ranked.matched_variant.availability:
            stock = ranked.matched_variant.availability
        if ranked.matched_variant is not None and ranked.matched_variant.options:
            stock += " · " + "/".join(ranked.matched_variant.options.values())
        if offer.stale:
            stock += " · stale"
        product = Text(one_line(UNSAFE.sub("", offer.title), 120))
        if ranked.group in shared:
            product.append(f" [{ranked.group}]", style="dim")
        product.append("\n")
        product.append_text(link_text(ranked.url))
        marked = offer.url in answer
        price = money(ranked.price or offer.price)
        if wide:
            cells = [price, money(ranked.landed), clean(stock), clean("; ".join(ranked.reasons[:6]))]
        else:
            landed = ranked.landed
            if landed is not None and offer.price is not None and landed != (ranked.price or offer.price):
                price += f"\n[dim]landed {money(landed)}[/]"
            cells = [price, clean(stock)]
        table.add_row(
            ("★ " if marked else "") + str(index),
            product,
            clean(one_line(offer.shop, 40)),
            *cells,
            style="bold green" if marked else None,
        )
    return table


def link_text(url: str) -> Text:
    """A link shown as the shop's host and a short path; OSC 8 terminals make it clickable."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    safe = url if parts.scheme in ("http", "https") else ""
    host = (parts.hostname or "").removeprefix("www.")
    if parts.port:
        host += f":{parts.port}"
    path = parts.path.rstrip("/")
    if len(path) > 40:
        path = "/…" + path[-38:]
    if parts.query and "variant=" in parts.query:
        path += "?" + parts.query[:30]
    label = UNSAFE.sub("", host + path) or url[:60]
    return Text(label, style=Style(link=safe, color="blue") if safe else "blue")


LEGEND = "[dim]★ = the answer; \\[g1] marks offers of the same product at several shops.[/]"


def reasons_list(result: FindResult, limit: int) -> str:
    """Each shown offer's reasons, numbered like the table, for terminals too narrow for a why column."""
    lines = ["[bold]why[/]"]
    for index, ranked in enumerate(result.offers[:limit], start=1):
        lines.append(f"[dim]{index:>3}[/] {clean('; '.join(ranked.reasons))}")
    return "\n".join(lines)


def _price(r: Any) -> str:
    return money(r.price or r.offer.price)


def answer_text(result: FindResult, answer: list[Any]) -> str:
    """The answer in words: 'this product: cheapest at A, also at B and C'."""
    intent = result.query.intent
    lead = answer[0]
    head = f"[bold green]answer:[/] {clean(one_line(lead.offer.title, 90))}"
    if intent == "cheapest":
        head = "[bold green]cheapest:[/] " + ", ".join(
            f"{clean(one_line(r.offer.title, 60))} at {clean(r.offer.shop)} ({_price(r)})" for r in answer
        )
        return head
    if intent == "compare":
        return "[bold green]compared:[/] " + " | ".join(
            f"{clean(one_line(r.offer.title, 50))} ({_price(r)} at {clean(r.offer.shop)})" for r in answer
        )
    if intent == "all":
        shops = sorted({r.offer.shop for r in answer})
        return f"[bold green]{len(answer)} matching offer(s)[/] at {clean(', '.join(shops))}"
    others = [r for r in answer[1:]]
    line = f"{head} — {money(lead.price or lead.offer.price)} at {clean(lead.offer.shop)}"
    if others:
        line += "; also at " + ", ".join(
            f"{clean(r.offer.shop)} ({money(r.price or r.offer.price)})" for r in others
        )
    return line


def compare_table(result: FindResult) -> Table | None:
    """The compared products side by side: price range, shared specifications, stock in the asked size."""
    from shopper.decide.compare import compare

    comparison = compare(result)
    if len(comparison.columns) < 2:
        return None
    table = Table(header_style="bold", show_lines=True)
    table.add_column("")
    for ranked in comparison.columns:
        head = Text(one_line(UNSAFE.sub("", ranked.offer.title), 60) + "\n")
        head.append_text(link_text(ranked.url))
        table.add_column(head, max_width=50)
    for label, cells in comparison.rows:
        table.add_row(label, *(clean(one_line(c, 80)) for c in cells))
    return table


def sold_out_text(result: FindResult, limit: int = 3) -> str:
    """The asked size is sold out everywhere: where, which sizes are left, and how to watch for a restock."""
    from shopper.decide.answer import restock_line

    gone = result.sold_out
    if gone is None:
        return ""
    first = gone.offers[0]
    title = clean(one_line(first.title, 70))
    lines = [f"[bold yellow]size {clean(gone.size)} is sold out everywhere[/] for {title}"]
    for ex in gone.offers[:limit]:
        left = "in stock " + ", ".join(ex.sizes_in_stock[:10]) if ex.sizes_in_stock else "no size in stock"
        lines.append(f"  {clean(ex.shop)}: {clean(left)}  [dim]{clean(one_line(ex.url, 90))}[/]")
    lines.append("  to hear when it is back:")
    lines.append("  " + clean(restock_line(first.url, gone.size)))
    if result.answer:
        lines.append(f"  [dim]similar products in size {clean(gone.size)} are listed above.[/]")
    return "\n".join(lines)


def profile_panel(profile: Any) -> Panel:
    """A profile, readable."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    budget = profile.budget
    rows = [
        ("name", profile.name),
        ("file", profile.source_path or "(built-in default)"),
        ("currency", profile.currency),
        ("country", profile.country),
        ("languages", ", ".join(profile.languages)),
        ("budget", f"max {budget.max_per_item} per item" if budget.max_per_item else None),
        ("monthly", budget.monthly),
        ("sizes", ", ".join(f"{k} {v}" for k, v in profile.sizes.items())),
        ("likes", ", ".join(profile.brands_liked)),
        ("avoids", ", ".join(profile.brands_avoided + profile.shops_avoided)),
        ("colours", ", ".join(profile.colours_liked)),
        ("shops", ", ".join(s.name for s in profile.shops) or "none: the demo shops are used"),
    ]
    for label, value in rows:
        if value not in (None, ""):
            table.add_row(label, clean(one_line(value)))
    return Panel(table, title=clean(profile.name), title_align="left", border_style="blue")


def shop_check_table(rows: list[Any]) -> Table:
    """`shops check` results."""
    table = Table(header_style="bold")
    for name in ("shop", "reachable", "robots", "platform", "search", "catalogue", "note"):
        table.add_column(name)

    def mark(value: bool | None) -> str:
        return "?" if value is None else ("[green]yes[/]" if value else "[red]no[/]")

    for row in rows:
        table.add_row(
            clean(row.name),
            mark(row.reachable),
            clean(row.robots),
            clean(row.platform or "?"),
            mark(row.search_works),
            str(row.catalogue_size) if row.catalogue_size is not None else "?",
            clean(one_line(row.note, 60)),
        )
    return table
