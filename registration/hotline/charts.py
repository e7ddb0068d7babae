"""A server-rendered SVG bar chart (no JavaScript, no third-party host)."""

from dataclasses import dataclass

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
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": plot_height,
        "left": LEFT,
        "top_value": top,
        "x_labels": [bar for i, bar in enumerate(bars) if i % every == 0],
    }
