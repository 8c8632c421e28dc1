"""The price history as a terminal chart (plotext 6's figure API)."""

from __future__ import annotations

from shopper.watch.history import ShopSeries


def price_chart(items: list[ShopSeries], *, width: int = 80, height: int = 18, title: str = "") -> str:
    """Price over time, one line per shop; plain text (no colours) so it can go anywhere."""
    import plotext

    figure = plotext.figure
    figure.clear()
    figure.plot_size(width, height)
    figure.theme("colorless")
    figure.date().activate()
    drawn = 0
    for item in items:
        points = [p for p in item.points if p.price is not None]
        if not points:
            continue
        xs = [p.seen_at.replace(tzinfo=None) for p in points]
        ys = [float(p.price.amount) for p in points if p.price is not None]  # plotting only, never money
        if len(xs) == 1:  # a single point still shows as a short flat line
            xs, ys = [xs[0], xs[0]], [ys[0], ys[0]]
        signal = figure.signal(xs, ys)
        signal.label(item.shop[:30])
        signal.lines()
        figure.draw(signal)
        drawn += 1
    if not drawn:
        return ""
    if title:
        figure.title(title[:width])
    return str(figure.build()).replace("\x1b[0m", "")
