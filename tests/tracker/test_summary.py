"""The week's numbers from hand-made days (pure: no database)."""

from datetime import date
from decimal import Decimal

import pytest

from tests.tracker.daily_rows import daily_row
from tracker import nutrients, summary, targets

D = Decimal
MONDAY = date(2026, 11, 16)


def woman(**kw):
    return targets.reference(sex="female", born=date(1990, 5, 1), on=MONDAY, **kw)


def row(mg, k, meals=2, entries=None, supp=0, kcal=1800, grams=1000, no_mg=0, no_k=0, k_supp=0):
    return daily_row(mg, k, meals=meals, entries=entries, supp=supp, kcal=kcal, grams=grams,
                     no_mg=no_mg, no_k=no_k, k_supp=k_supp)  # fmt: skip


def week(rows_by_offset, **kw):
    rows = {date.fromordinal(MONDAY.toordinal() + i): r for i, r in rows_by_offset.items()}
    return summary.summarise(summary.days_from(MONDAY, 7, rows), woman(**kw), kw.get("foods"))


def test_it_leaves_unlogged_and_incomplete_days_out_of_the_averages():
    span = week({0: row(300, 2000), 1: row(200, 3000), 2: row(10, 10, meals=1)})
    assert [d.status for d in span.days] == ["complete", "complete", "incomplete"] + [
        "not logged"
    ] * 4
    assert len(span.complete_days) == 2
    assert span.magnesium.average == D(250)
    assert span.potassium.average == D(2500)
    assert span.magnesium.average_percent == 78  # 250 of 320 mg (RDA, woman 31-50)
    assert span.days[3].magnesium is None  # not logged is not zero


def test_a_day_with_only_supplements_is_not_complete():
    span = week({0: row(350, 0, meals=0, entries=1, supp=350)})
    assert span.days[0].logged and not span.days[0].complete
    assert span.magnesium.average is None and span.magnesium.average_percent is None


def test_it_counts_complete_days_under_75_percent_of_target():
    target = woman().magnesium_mg  # 320
    just_under = (target * D("0.75") - 2).quantize(D(1))
    exactly = target * D("0.75")
    span = week({0: row(just_under, 2600), 1: row(exactly, 2600), 2: row(50, 100, meals=1)})
    assert span.magnesium.days_below == 1  # 75 % itself is not below; the incomplete day no
    assert span.potassium.days_below == 0


def test_top_foods_rank_by_mineral_with_their_share():
    foods = [
        {"description": "Spinach", "food_id": 1, "magnesium": D(80), "potassium": D(500)},
        {"description": "Banana", "food_id": 2, "magnesium": D(20), "potassium": D(400)},
        {"description": "Mystery", "food_id": None, "magnesium": None, "potassium": D(100)},
    ]
    top = summary.top_foods(foods, "magnesium")
    assert [f["description"] for f in top] == ["Spinach", "Banana"]
    assert [f["share"] for f in top] == [80, 20]
    assert [f["share"] for f in summary.top_foods(foods, "potassium")] == [50, 40, 10]
    many = [
        {"description": f"F{i}", "food_id": i, "magnesium": D(i), "potassium": D(i)}
        for i in range(1, 9)
    ]
    assert len(summary.top_foods(many, "magnesium")) == summary.TOP_FOODS


def test_coverage_is_the_share_of_logged_grams_without_a_value():
    span = week({0: row(300, 2000, grams=1000, no_k=250), 1: row(300, 2000, grams=1000)})
    assert span.potassium.missing_share == D("0.125")
    assert span.potassium.missing_percent == 13
    assert span.magnesium.missing_share == 0


def test_supplement_magnesium_is_judged_against_the_upper_limit_for_the_age():
    span = week({0: row(600, 2600, supp=351), 1: row(600, 2600, supp=350)})
    assert span.supplement_ul == D(350)
    assert span.days_over_ul == 1
    rows = summary.rows(span)
    assert [r["over_ul"] for r in rows[:2]] == [True, False]


def test_a_restricted_person_has_no_potassium_percentages():
    span = week({0: row(300, 2000), 1: row(300, 2000)}, potassium_restricted=True)
    assert span.potassium.target is None
    assert span.potassium.average == D(2000)
    assert span.potassium.average_percent is None and span.potassium.days_below is None
    assert summary.rows(span)[0]["potassium_percent"] is None


def test_weeks_without_a_complete_day_have_no_average():
    days = summary.days_from(MONDAY, 14, {MONDAY: row(300, 2000, meals=1)})
    assert [w["magnesium"] for w in summary.weeks(days, woman())] == [None, None]
    days = summary.days_from(MONDAY, 14, {MONDAY: row(320, 2600)})
    result = summary.weeks(days, woman())
    assert result[0]["magnesium_percent"] == 100 and result[1]["magnesium"] is None


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("2026-W47", date(2026, 11, 16)),
        ("2026-W01", date(2025, 12, 29)),  # the week that spans the new year
        ("2026-W53", date(2026, 12, 28)),  # 2026 has 53 ISO weeks
        ("2020-W53", date(2020, 12, 28)),
    ],
)
def test_it_parses_iso_weeks(text, monday):
    assert nutrients.parse_iso_week(text) == monday
    assert nutrients.iso_week(monday) == text


@pytest.mark.parametrize("text", ["2025-W53", "2026-W00", "2026-W54", "2026-47", "２０２６-W47"])
def test_it_refuses_weeks_that_do_not_exist(text):
    with pytest.raises(ValueError):
        nutrients.parse_iso_week(text)


def test_week_links_cross_the_year():
    assert nutrients.week_links(date(2026, 12, 28)) == {"previous": "2026-W52", "next": "2027-W01"}
    assert nutrients.week_start(date(2026, 11, 22)) == date(2026, 11, 16)  # Sunday
