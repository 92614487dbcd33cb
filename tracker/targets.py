"""Reference intakes for magnesium and potassium (mg/day), by age, sex and life stage.

Pure functions over cited tables; nothing here touches the database.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MALE, FEMALE = "male", "female"
PREGNANT, LACTATING = "pregnant", "lactating"

# Age brackets in months, upper bound exclusive: 0-6 mo, 7-12 mo, 1-3 y, 4-8 y, 9-13 y,
# 14-18 y, 19-30 y, 31-50 y, 51+ y.
BRACKETS = [
    (0, 7),
    (7, 12),
    (12, 48),
    (48, 108),
    (108, 168),
    (168, 228),
    (228, 372),
    (372, 612),
    (612, 10_000),
]
BRACKET_LABELS = [
    "0-6 months",
    "7-12 months",
    "1-3 years",
    "4-8 years",
    "9-13 years",
    "14-18 years",
    "19-30 years",
    "31-50 years",
    "51 years and over",
]

# Magnesium RDA (AI below 1 year).  Institute of Medicine (1997), Dietary Reference Intakes
# for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride, doi:10.17226/5776; summary
# table at NCBI Bookshelf NBK545442.  Columns: male, female, pregnancy, lactation.
MAGNESIUM = [
    (30, 30, None, None),
    (75, 75, None, None),
    (80, 80, None, None),
    (130, 130, None, None),
    (240, 240, None, None),
    (410, 360, 400, 360),
    (400, 310, 350, 310),
    (420, 320, 360, 320),
    (420, 320, None, None),
]

# Magnesium Tolerable Upper Intake Level from supplements and medicines only (not food),
# same IOM 1997 report: 1-3 y 65, 4-8 y 110, 9 y and over 350; none set below 1 year.
MAGNESIUM_SUPPLEMENT_UL = [None, None, 65, 110, 350, 350, 350, 350, 350]

# Potassium Adequate Intake.  National Academies of Sciences, Engineering, and Medicine
# (2019), Dietary Reference Intakes for Sodium and Potassium, Table S-1, doi:10.17226/25353
# (NCBI Bookshelf NBK545430).  No UL was set.  Columns: male, female, pregnancy, lactation.
POTASSIUM = [
    (400, 400, None, None),
    (860, 860, None, None),
    (2000, 2000, None, None),
    (2300, 2300, None, None),
    (2500, 2300, None, None),
    (3000, 2300, 2600, 2500),
    (3400, 2600, 2900, 2800),
    (3400, 2600, 2900, 2800),
    (3400, 2600, None, None),
]

MAGNESIUM_SOURCE = "Institute of Medicine (1997), Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride"
POTASSIUM_SOURCE = "National Academies of Sciences, Engineering, and Medicine (2019), Dietary Reference Intakes for Sodium and Potassium"


def age_in_months(born: date, on: date) -> int:
    months = (on.year - born.year) * 12 + on.month - born.month
    if on.day < born.day:
        months -= 1
    return max(months, 0)


def bracket(born: date, on: date) -> int:
    months = age_in_months(born, on)
    return next(i for i, (low, high) in enumerate(BRACKETS) if low <= months < high)


# The tables give pregnancy and lactation values from 14 years; a pregnant or
# breastfeeding girl of 9-13 gets the 14-18 y values, the nearest the reports set.
GIRLS_9_13, TEENS_14_18 = 4, 5


def _pick(table: list[tuple], i: int, sex: str, life_stage: str) -> int:
    row = table[i]
    if sex == FEMALE and life_stage and i == GIRLS_9_13:
        row = table[TEENS_14_18]
    male, female, pregnancy, lactation = row
    if sex == FEMALE and life_stage == PREGNANT and pregnancy is not None:
        return pregnancy
    if sex == FEMALE and life_stage == LACTATING and lactation is not None:
        return lactation
    return male if sex == MALE else female


@dataclass(frozen=True)
class Targets:
    magnesium_mg: Decimal
    potassium_mg: Decimal | None  # None: set with a provider (impaired K excretion)
    magnesium_supplement_ul_mg: Decimal | None
    age_group: str
    magnesium_is_own: bool = False
    potassium_is_own: bool = False
    magnesium_source: str = MAGNESIUM_SOURCE
    potassium_source: str = POTASSIUM_SOURCE
    # A number the person's care team gave them, kept when the AIs do not apply: shown
    # as theirs, never as a bar to fill.
    potassium_care_team_mg: Decimal | None = None
    magnesium_kind: str = "RDA"  # "AI" below 1 year

    @property
    def potassium_applies(self) -> bool:
        return self.potassium_mg is not None


def reference(
    *,
    sex: str,
    born: date,
    on: date,
    life_stage: str = "",
    potassium_restricted: bool = False,
    magnesium_override: Decimal | None = None,
    potassium_override: Decimal | None = None,
) -> Targets:
    """The day's targets for one person.

    The potassium AIs do not apply to people whose kidneys excrete potassium less well
    (chronic kidney disease, potassium-sparing diuretics, ACE inhibitors, ARBs): for them
    the target is set with their provider, so mgk shows none and never a bar that urges
    more potassium; a number they entered is kept as their care team's, shown without a bar.
    """
    i = bracket(born, on)
    magnesium = Decimal(_pick(MAGNESIUM, i, sex, life_stage))
    potassium = Decimal(_pick(POTASSIUM, i, sex, life_stage))
    ul = MAGNESIUM_SUPPLEMENT_UL[i]
    care_team = None
    if potassium_restricted:
        potassium, care_team = None, potassium_override
    elif potassium_override is not None:
        potassium = potassium_override
    return Targets(
        magnesium_mg=magnesium_override if magnesium_override is not None else magnesium,
        potassium_mg=potassium,
        magnesium_supplement_ul_mg=Decimal(ul) if ul is not None else None,
        age_group=BRACKET_LABELS[i],
        magnesium_is_own=magnesium_override is not None,
        potassium_is_own=potassium_override is not None and not potassium_restricted,
        potassium_care_team_mg=care_team,
        magnesium_kind="AI" if i < 2 else "RDA",
    )
