"""The week and trends: summaries of many days, read from the kept day totals."""

import csv
from datetime import date, timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from config import paths
from config.http import HtmxHttpRequest
from foods.nutrients import percent
from tracker import charts, nutrients, spans, summary
from tracker import units as intake_units
from tracker.exports import safe_cell
from tracker.models import DayTotal, loggable
from tracker.views.account import profile_required

TREND_WEEKS = 12
TREND_RANGE = (4, 104)
CALENDAR_DAYS = 365


def parse_week(week: str | None) -> date:
    """The Monday of an ISO week from a URL or an API path (this week when None)."""
    if week is None:
        return nutrients.week_start(timezone.localdate())
    try:
        monday = nutrients.parse_iso_week(week)
    except ValueError:
        raise Http404("Not an ISO week") from None
    if not loggable(monday):
        raise Http404("That week is outside what mgk can log")
    return monday


def _day_url(day: date) -> str:
    return paths.path("tracker:day", day.isoformat())


@profile_required
@require_GET
def week_view(request: HtmxHttpRequest, week: str | None = None) -> HttpResponse:
    monday = parse_week(week)
    span = spans.seven_days(request.user, monday)
    rows = summary.rows(span)
    minerals = ["magnesium"] + (["potassium"] if span.targets.potassium_applies else [])
    for row in rows:  # what the table and both charts label each day with
        row["url"] = _day_url(row["date"])
        row["iso"] = row["date"].isoformat()
        row["weekday"] = f"{row['date']:%a}"
        row["day_number"] = str(row["date"].day)
    for mineral in span.minerals:
        for food in mineral.top_foods:
            if food["food_id"]:
                food["url"] = paths.path("foods:detail", food["food_id"])
    return render(
        request,
        "tracker/week.html",
        {
            "week": nutrients.iso_week(monday),
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "links": nutrients.week_links(monday),
            "this_week": nutrients.iso_week(timezone.localdate()),
            "span": span,
            "rows": rows,
            # Two drawings of the same data: text in an SVG scales with it, so a phone
            # gets a narrower viewBox whose labels stay readable; CSS shows one of them.
            "chart": charts.week_bars(rows, minerals),
            "chart_narrow": charts.week_bars(rows, minerals, width=360, height=240),
            "targets": span.targets,
            "notes": spans.notes(request.user, span),
        },
    )


def _mg(value) -> str:
    return "" if value is None else f"{value:.1f}"


@profile_required
@require_GET
def week_csv(request: HtmxHttpRequest, week: str) -> HttpResponse:
    """The week as CSV, one row per day; a day not logged has empty cells, never 0."""
    monday = parse_week(week)
    span = spans.seven_days(request.user, monday)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mgk-{nutrients.iso_week(monday)}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "date",
            "logged",
            "complete",
            "meals",
            "magnesium_mg",
            "potassium_mg",
            "supplement_magnesium_mg",
            "energy_kcal",
            "magnesium_target_mg",
            "potassium_target_mg",
        ]
    )
    for day in span.days:
        logged = day.logged
        writer.writerow(
            safe_cell(cell)
            for cell in [
                day.date.isoformat(),
                "yes" if logged else "no",
                "yes" if day.complete else "no",
                day.meals,
                _mg(day.magnesium) if logged else "",
                _mg(day.potassium) if logged else "",
                _mg(day.supplement_magnesium) if logged else "",
                _mg(day.energy_kcal) if logged else "",
                _mg(span.targets.magnesium_mg),
                _mg(span.targets.potassium_mg),
            ]
        )
    return response


def _trend_weeks(request) -> int:
    try:
        weeks = int(request.GET.get("weeks", TREND_WEEKS))
    except ValueError:
        return TREND_WEEKS
    low, high = TREND_RANGE
    return min(max(weeks, low), high)


@profile_required
@require_GET
def trends(request: HtmxHttpRequest) -> HttpResponse:
    """Weekly averages for the last N weeks and a year of days, from one grouped query."""
    count = _trend_weeks(request)
    today = timezone.localdate()

    sunday = nutrients.week_start(today) + timedelta(days=6)
    first_monday = sunday - timedelta(days=7 * count - 1)
    year_start = today - timedelta(days=CALENDAR_DAYS - 1)
    start = min(first_monday, year_start)
    rows = DayTotal.rows(
        request.user, start, sunday, fields=("entries", "meals", *summary.MINERALS)
    )
    days = summary.days_from(start, (sunday - start).days + 1, rows)
    targets = request.user.profile.targets_on(today)
    weeks = summary.weeks([d for d in days if d.date >= first_monday], targets)
    unit = request.user.profile.units
    isos = [nutrients.iso_week(week["monday"]) for week in weeks]
    for week, iso, url in zip(weeks, isos, paths.each("tracker:week", isos), strict=True):
        week["iso"], week["url"] = iso, url  # a row of the table
        week["label"] = f"{week['monday']:%-d %b %Y}"
        for mineral in summary.MINERALS:
            week[f"{mineral}_text"] = intake_units.text(week[mineral], mineral, unit)
    minerals = ["magnesium"] + (["potassium"] if targets.potassium_applies else [])
    year = [d for d in days if year_start <= d.date <= today]
    # Each day's link and label, made once for both minerals' squares.
    urls = paths.each("tracker:day", [d.date.isoformat() for d in year])
    day_links = [(url, f"{d.date:%a %-d %b %Y}") for url, d in zip(urls, year, strict=True)]
    calendars = [
        {"mineral": m, "grid": charts.calendar(_calendar_cells(year, day_links, m, targets, unit))}
        for m in summary.MINERALS
    ]
    return render(
        request,
        "tracker/trends.html",
        {
            "count": count,
            "choices": [4, 12, 26, 52, 104],
            "weeks": weeks,
            "chart": charts.trend_lines(weeks, minerals),
            "chart_narrow": charts.trend_lines(weeks, minerals, width=360, height=240),
            "calendars": calendars,
            "targets": targets,
        },
    )


def _calendar_cells(days, day_links, mineral: str, targets, unit: str) -> list[dict]:
    """Squares with their link and the text a tooltip and a screen reader give;
    ``day_links``: each day's (link, label)."""
    target = getattr(targets, f"{mineral}_mg")
    unit_label = "mmol" if unit == intake_units.MMOL else "mg"
    cells = []
    for day, (url, label) in zip(days, day_links, strict=True):
        value = getattr(day, mineral)
        pct = percent(value, target) if day.logged else None
        if not day.logged:
            text = "not logged"
        elif value is None:
            text = f"{mineral} unknown"
        else:
            text = f"{mineral} {intake_units.text(value, mineral, unit)} {unit_label}"
            if pct is not None:
                text += f", {pct} % of target"
            if not day.complete:
                text += " (incomplete day)"
        cells.append(
            {
                "date": day.date,
                "logged": day.logged,
                "percent": pct,
                "url": url,
                "label": f"{label}: {text}",
            }
        )
    return cells
