"""Bar charts drawn on the server as SVG, readable without colour (issue 7,
item 4): black outlines, a different pattern for each series, and every bar
labelled with its value and series in words. Each chart is an image with a
title and description for screen readers, and the page puts the same figures
in a table right after it.
"""

from dataclasses import dataclass

from disclose.audit.tables import plural

WIDTH = 640  # viewBox units; the SVG scales to the column
BAR_HEIGHT = 18
LABEL_GAP = 20  # the category label sits above its bars
ROW_GAP = 14
VALUE_ROOM = 280  # room to the right of the longest bar for its words
PATTERNS = ("hatch", "dots", "solid")


@dataclass(frozen=True)
class Series:
    name: str  # said in each bar's label, so no legend is needed
    value: float
    text: str


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    text_x: float
    text_y: int
    text: str
    pattern: str


@dataclass(frozen=True)
class Group:
    label: str
    label_y: int
    bars: list[Bar]


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    groups: list[Group]


def bar_chart(
    chart_id: str, title: str, description: str, rows: list[tuple[str, list[Series]]]
) -> BarChart:
    """One group of bars per row, one bar per series, drawn to a shared scale."""
    biggest = max((s.value for _, series in rows for s in series), default=0) or 1
    scale = (WIDTH - VALUE_ROOM) / biggest
    groups, y = [], 0
    for label, series in rows:
        label_y = y + 14
        y += LABEL_GAP
        bars = []
        for n, s in enumerate(series):
            width = max(s.value * scale, 0)
            bars.append(
                Bar(
                    y=y,
                    width=round(width, 1),
                    text_x=round(width + 6, 1),
                    text_y=y + BAR_HEIGHT - 4,
                    text=s.text,
                    pattern=f"{chart_id}-{PATTERNS[n % len(PATTERNS)]}",
                )
            )
            y += BAR_HEIGHT + 4
        groups.append(Group(label=label, label_y=label_y, bars=bars))
        y += ROW_GAP
    return BarChart(chart_id, title, description, WIDTH, max(y, 40), groups)


def counts_chart(chart_id: str, title: str, rows: list[tuple[str, int]], noun: str) -> BarChart:
    """A single-series chart of counts, such as requests by agency. `noun` is plural,
    like "requests"."""
    total = sum(v for _, v in rows)
    description = (
        f"{plural(total, noun.removesuffix('s'))} in all. "
        + "; ".join(f"{label}: {value}" for label, value in rows)
        + ". The same figures are in the table after the chart."
    )
    return bar_chart(
        chart_id,
        title,
        description,
        [(label, [Series(noun, value, str(value))]) for label, value in rows],
    )
