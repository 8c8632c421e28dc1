"""Rendering of chat replies (rich). Scraped text is escaped here before it reaches the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from shopper.cli.render import clean, money, one_line


def offers_table(cards: list[Any]) -> Table:
    """Numbered offers: the numbers 'show 2', 'buy 2' and the tools refer to."""
    table = Table(header_style="bold", expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("product", max_width=50)
    table.add_column("shop", max_width=22)
    table.add_column("price", justify="right", no_wrap=True)
    table.add_column("stock / sizes", max_width=24)
    table.add_column("why", max_width=48)
    for card in cards:
        stock = card.availability or "unknown"
        if card.sizes_in_stock:
            stock += " · " + ",".join(card.sizes_in_stock[:8])
        table.add_row(
            str(card.n),
            clean(one_line(card.title, 100)),
            clean(one_line(card.shop, 40)),
            money(card.price),
            clean(stock),
            clean("; ".join(card.reasons[:3])),
        )
    return table


def show_reply(out: Console, reply: Any) -> None:
    """One reply of the chat session or the LLM loop."""
    kind, data = reply.kind, reply.data
    if kind == "offers":
        out.print(f"[dim]understood:[/] {clean(one_line(data.understood, 200))}")
        if data.offers:
            out.print(offers_table(data.offers))
        else:
            out.print("[yellow]Nothing matched.[/] Try fewer words, another size or a higher price.")
        for warning in data.warnings[:5]:
            out.print(f"[yellow]warning:[/] {clean(one_line(warning))}")
    elif kind == "details":
        card = data.card
        out.print(f"[bold]{clean(one_line(card.title, 120))}[/] — {clean(card.shop)} — {money(card.price)}")
        out.print(f"[dim]{clean(card.url)}[/]")
        if card.availability:
            out.print(f"stock: {clean(card.availability)}")
        for variant in data.variants[:30]:
            options = ", ".join(f"{k} {v}" for k, v in variant["options"].items())
            state = variant["availability"] or "?"
            out.print(f"  • {clean(one_line(options, 80))}: {clean(variant['price'] or '')} {clean(state)}")
        if data.description:
            out.print(f"[dim]{clean(one_line(data.description, 300))}[/]")
    elif kind == "stock":
        for row in data.rows:
            mark = {True: "[green]in stock[/]", False: "[red]not in stock[/]", None: "[yellow]unknown[/]"}
            note = f" ({clean(row.note)})" if row.note else ""
            out.print(
                f"{clean(row.shop)}: {clean(one_line(row.title, 80))} in {clean(data.size)}: "
                f"{mark[row.in_stock]} {money(row.price) if row.price else ''}{note}"
            )
    elif kind == "compare":
        out.print(offers_table(data.offers))
    elif kind == "action":
        colour = "green" if data is not None and data.status == "approved" else "yellow"
        out.print(f"[{colour}]{clean(reply.text)}[/]")
    elif kind == "warning":
        out.print(f"[yellow]{clean(one_line(reply.text, 400))}[/]")
    else:
        out.print(clean(reply.text))


def action_prompt(action: Any) -> str:
    """The question the user answers before anything is bought or changed."""
    return f"[bold]{clean(one_line(action.summary, 400))}[/]\nDo it? [y/N] "
