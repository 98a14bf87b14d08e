"""Lays the procedure out as boxes and arrows for a server-rendered SVG.

Top to bottom: section 1's steps across, the routes across (the ones this
request took marked), one column of section 2's steps per subject, then the
close. Each box says its status in words and a mark (✓ ▶ ○ –) and has its own
border and fill pattern, so nothing depends on colour alone (WCAG 1.4.1).
"""

import textwrap
from dataclasses import dataclass, field

from .procedure_stages import ROUTES, Position, Stage

WIDTH = 960
MARGIN = 20
LINE = 18
PAD = 10
GAP = 14
CHAR_PX = 9.4  # a generous average width of a bold 15px character, for wrapping


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    status: str  # done | current | todo | skipped | route | route_taken
    status_line: str = ""

    @property
    def text_x(self) -> float:
        return self.x + PAD

    @property
    def text_rows(self) -> list[tuple[float, str, bool]]:
        """(y, text, bold) for each line, the status line last and not bold."""
        rows = [(self.y + PAD + LINE * (i + 1) - 4, t, True) for i, t in enumerate(self.lines)]
        if self.status_line:
            rows.append((self.y + PAD + LINE * (len(self.lines) + 1) - 4, self.status_line, False))
        return rows


@dataclass
class Arrow:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class Drawing:
    height: float
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    labels: list[tuple[float, float, str]] = field(default_factory=list)


def _wrap(text: str, width: float) -> list[str]:
    return textwrap.wrap(text, max(8, int((width - 2 * PAD) / CHAR_PX))) or [""]


def _stage_box(stage: Stage, x: float, y: float, w: float) -> Box:
    status = f"{stage.mark} {stage.words}" + (f": {stage.note}" if stage.note else "")
    lines = _wrap(stage.label, w)
    status_lines = _wrap(status, w)
    return Box(x, y, w, 0, lines + status_lines[:-1], stage.status, status_lines[-1])


def _row(boxes: list[Box]) -> float:
    """Give a row of boxes one height, enough for the tallest; return it."""
    height = max(PAD * 2 + LINE * (len(b.lines) + 1) for b in boxes)
    for box in boxes:
        box.h = height
    return height


def _across(count: int, gap: float = GAP) -> tuple[float, list[float]]:
    w = round((WIDTH - 2 * MARGIN - gap * (count - 1)) / count, 1)
    return w, [round(MARGIN + i * (w + gap), 1) for i in range(count)]


def layout(where: Position) -> Drawing:
    drawing = Drawing(height=0)
    y = MARGIN
    drawing.labels.append((MARGIN, y + 14, "Section 1: the SCIMT officer"))
    y += 26
    w, xs = _across(len(where.before))
    row = [_stage_box(stage, x, y, w) for stage, x in zip(where.before, xs, strict=True)]
    h = _row(row)
    drawing.boxes += row
    for left, right in zip(row, row[1:], strict=False):
        drawing.arrows.append(Arrow(left.x + left.w, y + h / 2, right.x, y + h / 2))
    y = _down(drawing, y + h)

    drawing.labels.append((MARGIN, y + 14, "The routes (section 2, and redirects in section 1)"))
    y += 26
    w, xs = _across(len(ROUTES), 8)
    row = []
    for (key, label, paragraph), x in zip(ROUTES, xs, strict=True):
        numbers = where.routes.get(key) or []
        taken = "▶ Subject " + ", ".join(str(n) for n in numbers) if numbers else ""
        row.append(
            Box(
                x,
                y,
                w,
                0,
                _wrap(f"{label} ({paragraph})", w),
                "route_taken" if numbers else "route",
                taken,
            )
        )
    h = _row(row)
    drawing.boxes += row
    y = _down(drawing, y + h)

    y = _subject_columns(drawing, where, y)
    close = _stage_box(where.close, MARGIN, y, WIDTH - 2 * MARGIN)
    y += _row([close])
    drawing.boxes.append(close)
    drawing.height = y + MARGIN
    return drawing


def _down(drawing: Drawing, y: float) -> float:
    drawing.arrows.append(Arrow(WIDTH / 2, y, WIDTH / 2, y + 28))
    return y + 36


def _subject_columns(drawing: Drawing, where: Position, y: float) -> float:
    if not where.subjects:
        return y
    w, xs = _across(len(where.subjects), 24)
    tops = y + 26
    bottoms = []
    for subject, x in zip(where.subjects, xs, strict=True):
        drawing.labels.append((x, y + 14, f"Subject {subject.number}"))
        top = tops
        for index, stage in enumerate(subject.stages):
            box = _stage_box(stage, x, top, w)
            h = _row([box])
            drawing.boxes.append(box)
            top += h
            if index < len(subject.stages) - 1:
                drawing.arrows.append(Arrow(x + w / 2, top, x + w / 2, top + 16))
                top += 22
        bottoms.append(top)
    return _down(drawing, max(bottoms))
