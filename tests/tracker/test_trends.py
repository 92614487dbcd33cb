from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from tracker import charts

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)  # a Friday; the week of Monday 16 November
BANANA = 173944


def get(client, path):
    with time_machine.travel(NOW, tick=False):
        return client.get(path).content.decode()


def test_it_shows_weekly_averages_with_gaps_not_zeros(logged_in, alice, log, food):
    banana = food(BANANA)
    for day in (date(2026, 11, 16), date(2026, 11, 2)):  # this week and two weeks ago
        log(alice, banana, 118, "breakfast", day)
        log(alice, banana, 118, "lunch", day)
    log(alice, banana, 118, "lunch", date(2026, 11, 10))  # one meal: no complete day
    body = get(logged_in, "/trends/")
    rows = body.split("<tbody>")[1].split("</tbody>")[0].split("<tr ")[1:]
    assert len(rows) == 12
    assert 'data-week="2026-W47"' in rows[0] and ">845 <small>(32 %)" in rows[0]  # 2 x 422.44 mg K
    assert 'data-week="2026-W46"' in rows[1] and ">0<" in rows[1] and ">845" not in rows[1]
    assert ">845 " in rows[2]
    wide = body.split('class="chart trend-chart wide"')[1].split("</svg>")[0]
    # Two weeks with values, a gap between them: two separate line pieces per mineral.
    assert wide.count('class="trend magnesium"') == 2
    assert wide.count('class="point magnesium"') == 2


@pytest.mark.parametrize(("asked", "shown"), [("3", 4), ("200", 104), ("x", 12), ("26", 26)])
def test_the_number_of_weeks_is_bounded(logged_in, asked, shown):
    body = get(logged_in, f"/trends/?weeks={asked}")
    assert body.split("<tbody>")[1].count("<tr ") == shown


def test_a_year_of_days_as_a_calendar(logged_in, alice, log, food):
    log(alice, food(BANANA), 500, "breakfast", date(2026, 11, 19))
    log(alice, food(BANANA), 500, "lunch", date(2026, 11, 19))
    body = get(logged_in, "/trends/")
    for mineral in ("magnesium", "potassium"):
        grid = body.split(f'class="calendar {mineral}"')[1].split("</svg>")[0]
        assert grid.count("<rect") == 365
        assert 'href="/log/2026-11-20/"' in grid and 'href="/log/2025-11-21/"' in grid
        assert 'href="/log/2025-11-20/"' not in grid
    mg = body.split('class="calendar magnesium"')[1].split("</svg>")[0]
    assert 'aria-label="Thu 19 Nov 2026: magnesium 270 mg, 84 % of target"' in mg
    assert mg.count('class="sq none"') == 364


def test_calendar_levels():
    assert charts.level(None, logged=False) == "none"
    assert charts.level(None, logged=True) == "logged"
    assert [charts.level(p, True) for p in (0, 24, 25, 74, 75, 99, 100, 180)] == [
        "l1",
        "l1",
        "l2",
        "l3",
        "l4",
        "l4",
        "l5",
        "l5",
    ]


def test_chart_geometry_keeps_missing_days_missing():
    days = [
        {"date": date(2026, 11, 16) + timedelta(days=i), "status": s, "url": "/", **v}
        for i, (s, v) in enumerate(
            [
                ("complete", {"magnesium_percent": 50}),
                ("complete", {"magnesium_percent": 300}),
                ("not logged", {"magnesium_percent": None}),
            ]
        )
    ]
    chart = charts.week_bars(days, ["magnesium"])
    first, over, missing = chart["slots"]
    assert len(first["bars"]) == 1 and missing["bars"] == []
    # Over target: two parts, the top one marked; cut at the 250 % axis and labelled.
    assert [b["cls"] for b in over["bars"]] == ["bar magnesium complete", "bar magnesium over"]
    assert over["labels"][0]["label"] == "300 %"
    # The drawing keeps its own size whatever the bars (a bar's width once replaced it).
    assert (chart["width"], chart["right"]) == (700, 700 - 8)
    narrow = charts.week_bars(days, ["magnesium"], width=360, height=240)
    assert (narrow["width"], narrow["height"], narrow["right"]) == (360, 240, 352)
    assert all(b["x"] + b["width"] <= narrow["right"] for s in narrow["slots"] for b in s["bars"])
    assert over["bars"][1]["y"] == chart["top"]
    target = next(g for g in chart["guides"] if g["cls"] == "target")
    assert over["bars"][0]["y"] == target["y"]


def test_a_restricted_person_gets_no_potassium_line(client, alice, profile_for, log, food):
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    log(alice, food(BANANA), 118, "breakfast", date(2026, 11, 16))
    log(alice, food(BANANA), 118, "lunch", date(2026, 11, 16))
    body = get(client, "/trends/")
    assert 'class="trend potassium"' not in body and 'class="trend magnesium"' in body
    assert "potassium squares only show which days were logged" in body
    assert 'class="sq logged"' in body


def test_a_week_without_neighbours_is_a_dot_on_the_phone_chart(logged_in, alice, log, food):
    banana = food(BANANA)
    for day in (date(2026, 11, 16), date(2026, 11, 9)):  # two weeks in a row: a line
        log(alice, banana, 118, "breakfast", day)
        log(alice, banana, 118, "lunch", day)
    narrow = get(logged_in, "/trends/").split('class="chart trend-chart narrow"')[1]
    narrow = narrow.split("</svg>")[0]
    assert narrow.count('class="trend magnesium"') == 1
    assert 'class="point magnesium"' not in narrow  # lines alone on a phone

    log(alice, banana, 118, "breakfast", date(2026, 10, 26))  # a lone week, two back
    log(alice, banana, 118, "lunch", date(2026, 10, 26))
    narrow = get(logged_in, "/trends/").split('class="chart trend-chart narrow"')[1]
    narrow = narrow.split("</svg>")[0]
    # One point draws no polyline: the lone week is a dot, with its week as its title.
    assert narrow.count('class="point magnesium"') == 1
    assert "week of 26 Oct 2026" in narrow


def test_the_tables_explanations_sit_outside_their_scrolling_region(logged_in):
    for path, note in (("/trends/", "trend-table-note"), ("/week/2026-W47/", "week-table-note")):
        body = get(logged_in, path)
        region = body.split('class="table-wrap"')[1].split("</table>")[0]
        assert f'aria-describedby="{note}"' in region
        caption = region.split("<caption>")[1].split("</caption>")[0]
        assert len(caption) <= 32  # a caption this short fits a 320 px screen
        after = body.split("</table>")[1]
        assert f'<p class="table-note" id="{note}">' in after.split("</section>")[0]


def test_remembered_links_follow_where_mgk_is_mounted():
    # Day and week links are remembered per script prefix: under a reverse proxy that
    # mounts mgk at /mgk/ (SCRIPT_NAME) they point there, and back at / afterwards.
    from django.urls import get_script_prefix, set_script_prefix

    from tracker.views.week import _day_url

    day = date(2026, 11, 20)
    before = get_script_prefix()
    assert _day_url(day) == "/log/2026-11-20/"
    try:
        set_script_prefix("/mgk/")
        assert _day_url(day) == "/mgk/log/2026-11-20/"
    finally:
        set_script_prefix(before)
    assert _day_url(day) == "/log/2026-11-20/"
