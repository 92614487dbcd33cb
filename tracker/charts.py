"""Chart geometry for server-rendered SVG (pure).

Functions return plain numbers and CSS class names; templates only draw them. No inline
styles, no script: colours come from classes in the stylesheet, so dark mode, print and a
strict Content-Security-Policy all hold. Missing data is drawn as missing, never as zero.
"""

import math
from datetime import date, timedelta

WIDTH = 700
HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 14, 44
LOW_LINE = 75  # percent of target


def _scale_max(percents: list[int]) -> int:
    """Top of the y axis: at least 125 %, rounded up to 25 %, never above 250 %."""
    highest = max([p for p in percents if p is not None] or [0])
    return min(max(125, math.ceil(highest / 25) * 25), 250)


def _y(pct: float, top_pct: int, height: int = HEIGHT) -> float:
    plot = height - TOP - BOTTOM
    return round(TOP + plot * (1 - min(pct, top_pct) / top_pct), 1)


def _guides(top_pct: int, height: int) -> list[dict]:
    """Horizontal lines: a grid every 50 %, the target (100 %) and the 75 % line."""
    guides = [
        {"y": _y(p, top_pct, height), "label": f"{p} %", "cls": "grid"}
        for p in range(0, top_pct + 1, 50)
        if p != 100
    ]
    guides.append({"y": _y(100, top_pct, height), "label": "100 %", "cls": "target"})
    guides.append({"y": _y(LOW_LINE, top_pct, height), "label": f"{LOW_LINE} %", "cls": "low"})
    return guides


def _frame(width: int, height: int, top_pct: int) -> dict:
    """What every chart's template needs: the drawing's size, plot edges and guides."""
    base = _y(0, top_pct, height)
    return {
        "width": width,
        "height": height,
        "left": LEFT,
        "label_x": LEFT - 4,
        "right": width - RIGHT,
        "top": TOP,
        "base": base,
        "label_y": base + 18,
        "guides": _guides(top_pct, height),
    }


def _rect(x: float, top: float, bottom: float, width: float, cls: str) -> dict:
    return {"x": x, "y": top, "width": width, "height": round(bottom - top, 1), "cls": cls}


def week_bars(
    days: list[dict], minerals: list[str], width: int = WIDTH, height: int = HEIGHT
) -> dict:
    """Bars of % of target per day for each mineral in ``minerals``.

    ``days``: dicts with ``date``, ``status`` ("not logged", "incomplete", "complete"),
    ``url`` and ``<mineral>_percent``. A bar over 100 % is drawn in two parts, the part
    over target in another shade; one over the axis is cut at the top and labelled.
    """
    top_pct = _scale_max([d.get(f"{m}_percent") for d in days for m in minerals])
    plot_w = width - LEFT - RIGHT
    slot = plot_w / len(days)
    bar_w = slot * 0.7 / max(len(minerals), 1)
    base = _y(0, top_pct, height)
    slots = []
    for i, day in enumerate(days):
        x0 = LEFT + i * slot
        bars, labels = [], []
        if day["status"] not in ("not logged", "to come"):
            for j, mineral in enumerate(minerals):
                pct = day.get(f"{mineral}_percent")
                if pct is None:
                    continue
                x = round(x0 + slot * 0.15 + j * bar_w, 1)
                bar_width = round(bar_w - 2, 1)
                under = _y(min(pct, 100), top_pct, height)
                bars.append(_rect(x, under, base, bar_width, f"bar {mineral} {day['status']}"))
                if pct > 100:  # the part over target, in another shade
                    over = _y(pct, top_pct, height)
                    bars.append(_rect(x, over, under, bar_width, f"bar {mineral} over"))
                if pct > top_pct:
                    labels.append(
                        {"x": round(x + bar_width / 2, 1), "y": TOP - 3, "label": f"{pct} %"}
                    )
        slots.append(
            {
                "date": day["date"],
                "url": day["url"],
                "weekday": f"{day['date']:%a}",
                "day_number": str(day["date"].day),
                "status": day["status"],
                "x": round(x0, 1),
                "width": round(slot, 1),
                "center": round(x0 + slot / 2, 1),
                "bars": bars,
                "labels": labels,
            }
        )
    return {
        **_frame(width, height, top_pct),
        "plot_height": round(base - TOP, 1),
        "missing_y": round(base - 24, 1),
        "sub_y": base + 34,
        "slots": slots,
    }


def trend_lines(
    weeks: list[dict], minerals: list[str], width: int = WIDTH, height: int = HEIGHT
) -> dict:
    """A line per mineral of weekly % of target; a week without a value breaks the line."""
    top_pct = _scale_max([w.get(f"{m}_percent") for w in weeks for m in minerals])
    plot_w = width - LEFT - RIGHT
    step = plot_w / max(len(weeks) - 1, 1)
    series = []
    for mineral in minerals:
        segments, current, points = [], [], []
        for i, week in enumerate(weeks):
            pct = week.get(f"{mineral}_percent")
            if pct is None:
                if current:
                    segments.append(current)
                current = []
                continue
            point = (round(LEFT + i * step, 1), _y(pct, top_pct, height))
            current.append(point)
            points.append(
                {
                    "x": point[0],
                    "y": point[1],
                    "title": f"{mineral.capitalize()}, week of {week['monday']:%-d %b %Y}: "
                    f"{pct} % of target",
                }
            )
        if current:
            segments.append(current)
        # A week with no neighbour draws no line (one point): it is drawn as a dot on
        # the narrow chart too, which otherwise shows lines only.
        lone = {seg[0] for seg in segments if len(seg) == 1}
        series.append(
            {
                "mineral": mineral,
                "segments": [" ".join(f"{x},{y}" for x, y in seg) for seg in segments],
                "points": points,
                "lone_points": [p for p in points if (p["x"], p["y"]) in lone],
            }
        )
    # About one label per 85 units of width (110 for month and year), never crowded; a
    # year or more of weeks is labelled by month and year, shorter spans by day and month.
    fmt = "%b %Y" if len(weeks) > 52 else "%-d %b"
    room = 110 if len(weeks) > 52 else 85  # "Aug 2026" is wider than "3 Aug"
    every = max(1, math.ceil(len(weeks) / max(2, (width - LEFT - RIGHT) // room)))
    last = len(weeks) - 1
    ticks = [
        {"x": round(LEFT + i * step, 1), "label": f"{week['monday']:{fmt}}"}
        for i, week in enumerate(weeks)
        if (last - i) % every == 0  # counted from the newest week, which always has one
    ]
    for tick in ticks:  # keep the end labels inside the drawing
        tick["anchor"] = "middle"
    if ticks:
        ticks[0]["anchor"], ticks[-1]["anchor"] = "start", "end"
    return {
        **_frame(width, height, top_pct),
        "series": series,
        "ticks": ticks,
    }


CELL = 13  # calendar square, gap included


def level(pct: int | None, logged: bool) -> str:
    """Shade class of a calendar square: blank when not logged, else by % of target."""
    if not logged:
        return "none"
    if pct is None:
        return "logged"  # no target to compare with (potassium set with a provider)
    for upper, name in ((25, "l1"), (50, "l2"), (LOW_LINE, "l3"), (100, "l4")):
        if pct < upper:
            return name
    return "l5"


def calendar(cells: list[dict]) -> dict:
    """A contribution-style grid: a column per week (Monday on top), a square per day.

    ``cells``: consecutive days, dicts with ``date``, ``percent`` and ``logged``; each
    gains its square's ``x``, ``y`` and shade ``cls`` (a year is 365 of them: updated in
    place rather than copied).
    """
    first: date = cells[0]["date"]
    monday = first - timedelta(days=first.weekday())
    months = []
    seen_month = None
    for cell in cells:
        day: date = cell["date"]
        col = (day - monday).days // 7
        cell["x"] = col * CELL + 30
        cell["y"] = day.weekday() * CELL + 16
        cell["cls"] = level(cell["percent"], cell["logged"])
        if day.day <= 7 and (day.year, day.month) != seen_month:
            months.append({"x": col * CELL + 30, "label": day.strftime("%b")})
            seen_month = (day.year, day.month)
    columns = (cells[-1]["date"] - monday).days // 7 + 1
    return {
        "width": columns * CELL + 32,
        "height": 7 * CELL + 18,
        "size": CELL - 2,
        "squares": cells,
        "months": months,
        "weekdays": [
            {"y": i * CELL + 16 + 9, "label": name}
            for i, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"))
        ],
    }
