import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from foods.models import Food

pytestmark = pytest.mark.django_db

# 79 mg Mg and 558 mg K per 100 g: 19 % and 16 % of a man's 420 mg and 3,400 mg, 25 % and
# 21 % of a woman's 320 mg and 2,600 mg (alice, 36).
SPINACH = 168462
PERCENT = re.compile(r"\d+ %")


def mineral_cells(body: str) -> list[tuple[str, str]]:
    """(magnesium, potassium) cell text for each row of the minerals table."""
    table = body.split('<table class="nutrients">')[1].split("</table>")[0]
    return re.findall(r'<td class="num">(.*?)</td>\s*<td class="num">(.*?)</td>', table, re.S)


@pytest.fixture
def flagged(client, alice, profile_for):
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    return client


def test_it_shows_supplements_without_percentages(client):
    for slug in ("magnesium-oxide", "potassium-chloride"):
        supplement = Food.objects.get(source_id=slug)
        body = client.get(supplement.get_absolute_url()).content.decode()
        assert not PERCENT.search(body), slug
        assert "About supplements" in body
    oxide = Food.objects.get(source_id="magnesium-oxide")
    body = client.get(oxide.get_absolute_url()).content.decode()
    assert "241 mg" in body
    assert "350 mg a day" in body and "healthy kidneys" in body


def test_it_shows_potassium_without_a_percentage_to_a_flagged_user(flagged, food):
    body = flagged.get(food(SPINACH).get_absolute_url()).content.decode()
    cells = mineral_cells(body)
    assert cells and "558 mg" in cells[0][1]
    assert all("%" not in potassium for _, potassium in cells)
    assert all("%" in magnesium for magnesium, _ in cells)
    assert "(25 %)" in body
    assert "set with your provider" in body


def test_it_keeps_the_potassium_percentage_for_everyone_else(logged_in, food):
    body = logged_in.get(food(SPINACH).get_absolute_url()).content.decode()
    cells = mineral_cells(body)
    assert all("%" in potassium for _, potassium in cells)
    assert "(25 %)" in cells[0][0] and "(21 %)" in cells[0][1]  # her targets, not a man's
    assert "your own daily targets: magnesium 320 mg, potassium 2,600 mg" in body
    assert "set with your provider" not in body


def test_it_says_whose_reference_it_is_when_nobody_is_logged_in(client, food):
    body = client.get(food(SPINACH).get_absolute_url()).content.decode()
    cells = mineral_cells(body)
    assert "(19 %)" in cells[0][0] and "(16 %)" in cells[0][1]
    assert "an adult reference intake, not yours" in body
    assert "the RDA for men 31 and over" in body


def test_it_does_not_give_a_flagged_user_the_supplement_limit_as_theirs(flagged):
    oxide = Food.objects.get(source_id="magnesium-oxide")
    body = flagged.get(oxide.get_absolute_url()).content.decode()
    assert "350 mg" not in body
    assert "healthy kidneys" in body


def test_it_works_without_a_profile_and_signed_out(client, alice, food):
    spinach = food(SPINACH)
    response = client.get(spinach.get_absolute_url())
    assert response.status_code == 200
    assert "(16 %)" in response.content.decode()
    client.force_login(alice)  # signed up, profile not yet filled in
    response = client.get(spinach.get_absolute_url())
    assert response.status_code == 200
    assert "(16 %)" in response.content.decode()


def test_it_reads_the_flag_without_extra_queries(client, alice, bob, profile_for, food):
    spinach = food(SPINACH)
    profile_for(alice, potassium_restricted=True)
    profile_for(bob)
    counts = []
    for user in (alice, bob):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(spinach.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
