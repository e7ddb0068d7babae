"""A server-rendered SVG bar chart (no JavaScript, no third-party host), and the table of
its values.

The bars and the table rows are written here rather than in template loops: three months
of registrations are some 90 bars and rows, and Django's template engine took half of the
dashboard's time for them."""

import functools
import html
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import date_format, localize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

WIDTH, HEIGHT, BOTTOM, LEFT = 720, 220, 24, 36


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


def bar_chart(points):
    """Bars for [(date, count)]; the tallest fills the plot. Returns the bars, the SVG size,
    the labelled ticks of the y axis and which dates get a label on the x axis."""
    if not points:
        return None
    top = max(value for _date, value in points) or 1
    plot_width, plot_height = WIDTH - LEFT, HEIGHT - BOTTOM
    step = plot_width / len(points)
    bars = [
        Bar(
            x=round(LEFT + i * step + step * 0.1, 1),
            y=round(plot_height - value / top * (plot_height - 8), 1),
            width=round(min(max(step * 0.8, 1), 48), 1),
            height=round(value / top * (plot_height - 8), 1),
            label=f"{date:%d %b}",
            value=value,
        )
        for i, (date, value) in enumerate(points)
    ]
    every = max(len(points) // 8, 1)
    x_labels = [bar for i, bar in enumerate(bars) if i % every == 0]
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": plot_height,
        "left": LEFT,
        "top_value": top,
        "x_labels": x_labels,
        "bars_svg": mark_safe("".join(map(_bar_svg, bars))),
        "x_labels_svg": mark_safe("".join(_x_label_svg(bar, HEIGHT - 6) for bar in x_labels)),
    }


def _bar_svg(bar):
    title = f"{html.escape(bar.label)}: {_count(bar.value)}"
    return (
        f'<rect class="bar" x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}">'
        f"<title>{title}</title></rect>"
    )


def _x_label_svg(bar, y):
    return f'<text x="{bar.x}" y="{y}">{html.escape(bar.label)}</text>'


def table_rows(points):
    """The table's rows for [(date, count)], each date as the reader's language writes a
    short date with its weekday."""
    language = get_language()
    return mark_safe(
        "".join(
            f'<tr><th scope="row">{_short_date(language, date)}</th><td>{_count(count)}</td></tr>'
            for date, count in points
        )
    )


@functools.lru_cache(maxsize=2048)
def _short_date(language, date):
    """A past day's label does not change: each is written once per language and process
    (Django's date formatting was a third of the table's time)."""
    return html.escape(date_format(date, "SHORT_WEEKDAY_DATE_FORMAT"))


def _count(number):
    """A count as {{ count }} writes it: localize() only groups thousands when the settings
    say so, otherwise it is the number's digits."""
    return localize(number) if settings.USE_THOUSAND_SEPARATOR else str(number)
