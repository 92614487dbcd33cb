"""The report for an appointment: the page, its figures against the database, the PDF."""

import io
import re
import sys
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from pypdf import PdfReader

from foods.nutrients import scaled_expr
from tests.tracker.report_data import END, FIRST, LAST, four_weeks
from tracker import report
from tracker.models import Entry

pytestmark = pytest.mark.django_db
QUERY = {"weeks": 4, "end": END.isoformat()}


@pytest.fixture
def month(logged_in, alice):
    """alice (a woman of 32, signed in) and her four weeks."""
    return four_weeks(alice)


def _sum(user, day, field, **filters):
    value = Entry.objects.filter(user=user, date=day, **filters).aggregate(
        v=Sum(scaled_expr(field, "grams"))
    )["v"]
    return value


def test_it_reads_whole_weeks_ending_with_the_chosen_one():
    assert report.bounds(date(2026, 11, 26), 4) == (FIRST, LAST)
    assert report.bounds(date(2026, 11, 23), 1) == (date(2026, 11, 23), LAST)


def test_the_molar_ratio_divides_millimoles():
    # 2,299 mg sodium is 100 mmol; 3,909.8 mg potassium is 100 mmol.
    assert report.molar_ratio(Decimal("2299"), Decimal("3909.8")) == pytest.approx(Decimal(1))
    assert report.molar_ratio(None, Decimal(100)) is None
    assert report.molar_ratio(Decimal(100), Decimal(0)) is None


def test_each_days_figures_are_the_databases(alice, month):
    found = report.read(alice, END, 4)
    assert len(found.rows) == 28 and found.first == FIRST and found.last == LAST
    for row in found.rows:
        day = row["date"]
        if not row["logged"]:
            assert row["magnesium"] is None and row["sodium"] is None
            continue
        assert row["magnesium"] == _sum(alice, day, "magnesium_per_100g")
        assert row["food_magnesium"] == _sum(alice, day, "magnesium_per_100g", is_supplement=False)
        assert row["supplement_potassium"] == _sum(
            alice, day, "potassium_per_100g", is_supplement=True
        )
        assert row["sodium"] == _sum(alice, day, "sodium_per_100g")
    statuses = [r["status"] for r in found.rows]
    assert statuses.count("not logged") == 2 and statuses.count("incomplete") == 1


def test_averages_stand_on_the_counting_days(alice, month):
    found = report.read(alice, END, 4)
    counting = [r for r in found.rows if r["complete"]]
    assert found.averages["days"] == len(counting) == 25
    expected = sum(r["magnesium"] for r in counting) / 25
    assert found.averages["magnesium"] == expected
    assert found.averages["ratio"] == report.molar_ratio(
        found.averages["sodium"], found.averages["potassium"]
    )


def test_supplements_are_named_with_their_amount(alice, month):
    found = report.read(alice, END, 4)
    first = found.rows[0]
    assert first["supplements"] == [
        "Supplement, magnesium citrate, 2 × 1 capsule (150 mg magnesium): 300 mg magnesium"
    ]
    assert "99 mg potassium" in found.rows[9]["supplements"][-1]


def test_the_appendix_lists_each_day_in_meal_order(alice, month):
    found = report.read(alice, END, 4)
    assert len(found.appendix) == 26
    order = [m["meal"] for m in found.appendix[1]["meals"]]
    assert order == ["breakfast", "lunch", "dinner", "snacks"]
    assert (
        sum(len(d["entries"]) for d in found.appendix) == Entry.objects.filter(user=alice).count()
    )


def test_the_page_shows_targets_with_their_source_and_the_coverage(logged_in, alice, month):
    page = logged_in.get("/report/", QUERY).content.decode()
    assert "Magnesium RDA 320 mg, female, 31-50 years, IOM 1997" in page
    assert "Potassium AI 2,600 mg, female, 31-50 years, NASEM 2019" in page
    assert "not from tests of the body" in page
    # The soup has no potassium value: its share of the logged food weight is named.
    assert re.search(r"potassium \d+ %", page)
    assert 'data-week="2026-W45"' in page and "Week of 2 Nov to 8 Nov 2026" in page


def test_a_pregnant_persons_targets_name_the_pregnancy_row(client, alice, profile_for):
    profile_for(alice, life_stage="pregnant", date_of_birth=date(1998, 1, 1))
    client.force_login(alice)
    page = client.get("/report/", QUERY).content.decode()
    assert "Magnesium RDA 350 mg, pregnancy, 19-30 years, IOM 1997" in page


def test_a_flagged_person_gets_no_potassium_target_or_percentage(client, alice, profile_for):
    profile_for(alice, potassium_restricted=True, potassium_target_mg=Decimal(2000))
    four_weeks(alice)
    client.force_login(alice)
    found = report.read(alice, END, 4)
    assert all(r["potassium_percent"] is None for r in found.rows)
    assert found.averages["potassium_percent"] is None
    page = client.get("/report/", QUERY).content.decode()
    assert "data-provider-prompt" in page
    assert page.count('data-note="provider-potassium"') == 4  # each week's note, as shown
    assert "Potassium AI" not in page
    assert "care team&#x27;s number: 2,000 mg a day" in page
    assert "set for people with healthy kidneys; your care team sets yours" in page
    potassium_cells = re.findall(r"data-potassium>([^<]*)(<small>)?", page)
    assert potassium_cells and not any(small for _, small in potassium_cells)


def test_the_default_is_the_last_four_weeks(logged_in):
    response = logged_in.get("/report/")
    assert response.status_code == 200
    assert response.context["report"].weeks == 4


BAD_RANGES = [{"weeks": "13"}, {"weeks": "0"}, {"weeks": "x"}, {"end": "1900-01-01"},
              {"end": "9999-12-31"}, {"end": "soon"}]  # fmt: skip


@pytest.mark.parametrize("query", BAD_RANGES)
def test_a_bad_range_is_a_form_error(logged_in, query):
    response = logged_in.get("/report/", {"weeks": 4, **query})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert logged_in.get("/report/pdf/", {"weeks": 4, **query}).status_code == 400


def test_signed_out_people_are_sent_to_log_in(client):
    assert client.get("/report/").status_code == 302
    assert client.get("/report/pdf/").status_code == 302


def test_the_report_costs_the_same_queries_for_one_week_and_twelve(logged_in, alice, month):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for weeks in (1, 12):
        with CaptureQueriesContext(connection) as ctx:
            logged_in.get("/report/", {"weeks": weeks, "end": END.isoformat()})
        counts.append(len(ctx))
    # Session, user, the days' sums, the entries, the sums per food (no suggestion here).
    assert counts[0] == counts[1] <= 6


def test_the_pdf_is_named_for_its_range_and_its_text_matches_the_database(
    logged_in, alice, month, pdf_drawing
):
    response = logged_in.get("/report/pdf/", QUERY)
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="mgk-report-2026-11-02-2026-11-29.pdf"' in response["Content-Disposition"]
    pdf = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in pdf.pages]
    text = "\n".join(pages)
    assert "not from tests of the body" in text
    found = report.read(alice, END, 4)
    average = f"{found.averages['magnesium']:,.0f}"
    assert average in text
    first_day = found.rows[0]
    assert f"{first_day['magnesium']:,.0f}" in text and f"{first_day['sodium']:,.0f}" in text
    # Four weeks of four meals a day fit in four A4 pages before the appendix.
    appendix = next(i for i, page in enumerate(pages) if "Appendix" in page)
    assert appendix <= 4
    if path := __import__("os").environ.get("MGK_WRITE_SAMPLE_REPORT"):
        with open(path, "wb") as out:
            out.write(response.content)


def test_another_persons_log_is_not_in_the_report(logged_in, alice, bob, profile_for):
    profile_for(bob)
    four_weeks(bob)
    found = report.read(alice, END, 4)
    assert not found.appendix and all(not r["logged"] for r in found.rows)


def test_the_week_and_trends_pages_link_to_it(logged_in):
    assert "/report/" in logged_in.get("/week/").content.decode()
    assert "/report/" in logged_in.get("/trends/").content.decode()


def test_without_weasyprint_the_pdf_says_so_on_the_printable_page(logged_in, month, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    response = logged_in.get("/report/pdf/", QUERY)
    body = response.content.decode()
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    assert "cannot draw PDFs" in body and 'role="alert"' in body
    assert "Report for an appointment" in body
