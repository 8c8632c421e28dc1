"""The price history as a terminal chart (plotext 6's figure API)."""

from __future__ import annotations

from datetime import datetime

from shopper.watch.series import ShopSeries


def price_chart(items: list[ShopSeries], *, width: int = 80, height: int = 18, title: str = "") -> str:
    """Price over time, one line per shop; plain text (no colours) so it can go anywhere."""
    import plotext

    figure = plotext.figure
    figure.clear()
    figure.plot_size(width, height)
    figure.theme("colorless")
    moments = [p.seen_at for item in items for p in item.points]
    short = bool(moments) and (max(moments) - min(moments)).total_seconds() < 3 * 86400
    # Hours matter over a few days; dates alone over weeks. The origin must be written in the same form.
    form = "%d/%m %H:%M" if short else "%d/%m/%Y"
    figure.date().activate(True, form, "01/01 00:00" if short else "01/01/1900")
    drawn = 0
    for item in items:
        points = [p for p in item.points if p.price is not None]
        if not points:
            continue
        xs: list[datetime] = []
        ys: list[float] = []
        for point in points:
            amount = float(point.price.amount) if point.price is not None else 0.0  # plotting only
            when = point.seen_at.replace(tzinfo=None)
            if ys:  # a price holds until the next observation: draw steps, not slopes
                xs.append(when)
                ys.append(ys[-1])
            xs.append(when)
            ys.append(amount)
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
