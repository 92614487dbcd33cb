from datetime import date
from decimal import Decimal

import pytest

from tracker import targets

ON = date(2026, 6, 1)


def _born(years: int) -> date:
    return date(ON.year - years, 1, 1)  # ON is in June: the birthday has passed


@pytest.mark.parametrize(
    ("sex", "age", "stage", "mg", "k"),
    [
        ("female", 35, "", 320, 2600),
        ("male", 25, "", 400, 3400),
        ("male", 45, "", 420, 3400),
        ("female", 60, "", 320, 2600),
        ("female", 16, "pregnant", 400, 2600),
        ("female", 30, "pregnant", 350, 2900),
        ("female", 30, "lactating", 310, 2800),
        ("female", 40, "lactating", 320, 2800),
        ("male", 10, "", 240, 2500),
        ("female", 10, "", 240, 2300),
        ("male", 5, "", 130, 2300),
        ("female", 2, "", 80, 2000),
        ("male", 16, "", 410, 3000),
    ],
)
def test_it_reads_the_tables(sex, age, stage, mg, k):
    t = targets.reference(sex=sex, born=_born(age), on=ON, life_stage=stage)
    assert (t.magnesium_mg, t.potassium_mg) == (mg, k)


def test_infants_have_no_supplement_upper_limit():
    t = targets.reference(sex="male", born=date(2026, 3, 1), on=ON)
    assert (t.magnesium_mg, t.potassium_mg, t.magnesium_supplement_ul_mg) == (30, 400, None)
    assert targets.reference(sex="male", born=date(2025, 9, 1), on=ON).magnesium_mg == 75


@pytest.mark.parametrize(("age", "ul"), [(2, 65), (6, 110), (9, 350), (40, 350)])
def test_the_supplement_upper_limit_follows_age(age, ul):
    assert targets.reference(sex="female", born=_born(age), on=ON).magnesium_supplement_ul_mg == ul


def test_the_age_changes_on_the_birthday_not_before():
    born = date(1995, 6, 2)  # turns 31 the day after ON
    assert targets.reference(sex="male", born=born, on=ON).magnesium_mg == 400
    assert targets.reference(sex="male", born=born, on=date(2026, 6, 2)).magnesium_mg == 420


def test_pregnancy_beyond_the_table_falls_back_to_the_female_value():
    t = targets.reference(sex="female", born=_born(55), on=ON, life_stage="pregnant")
    assert t.magnesium_mg == 320


def test_own_numbers_override_the_reference():
    t = targets.reference(
        sex="female",
        born=_born(35),
        on=ON,
        magnesium_override=Decimal(350),
        potassium_override=Decimal(3000),
    )
    assert (t.magnesium_mg, t.potassium_mg, t.magnesium_is_own, t.potassium_is_own) == (
        350,
        3000,
        True,
        True,
    )


def test_restricted_potassium_has_no_target_even_with_a_number():
    t = targets.reference(
        sex="male",
        born=_born(50),
        on=ON,
        potassium_restricted=True,
        potassium_override=Decimal(4000),
    )
    assert t.potassium_mg is None and not t.potassium_applies
    assert t.magnesium_mg == 420
