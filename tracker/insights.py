"""Notes from a span of days: what the log shows when intake looks low, and the cautions.

Pure functions: a ``summary.Span`` and a ``Person`` in, a list of ``Note`` out; no database,
no request.  The rules, in order:

- Under one year old: no notes at all (infant intake is a matter for the care team).
- Safety first, whatever the number of days: supplement magnesium over the upper limit
  for the age (``supplement-over-limit``); a potassium supplement logged by a person whose
  kidneys or medicines hold potassium back (``potassium-supplement``).
- A verdict needs at least three counting days (two or more meals logged; supplements are
  not a meal).  With fewer there is only ``not-enough-days``.
- A mineral whose logged grams lack a value for over 20 % gets no verdict (``coverage``).
- Low means the average of the counting days (food plus supplements) is under 75 % of the
  target; for magnesium 75 % of the RDA sits just under the EAR (IOM 1997), for potassium
  the target is an AI, a goal, and falling under it does not show a deficiency (NASEM 2019).
- Both low gives one ``both-low`` note instead of two; a person with the kidney/medicine
  flag never gets a potassium verdict, only ``provider-potassium``.
- ``few-calories``: an adult's counting days average under 1,200 kcal, so food may be
  missing from the log; shown beside any low note, never instead of it.

Wording rules (tested): one to three plain sentences; what the log shows, then the caveat,
then foods, then the link and who can help.  Never a diagnosis, a dose, a brand, "you need",
or advice about medicines.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from tracker.summary import LOW_PERCENT, Span

MIN_DAYS = 3
FEW_KCAL = Decimal(1200)
ADULT_MONTHS = 19 * 12
CHILD_MONTHS = 14 * 12  # under 14: notes speak to the child and their care team

KINDS = (
    "supplement-over-limit",
    "potassium-supplement",
    "not-enough-days",
    "coverage",
    "both-low",
    "magnesium-low",
    "potassium-low",
    "provider-potassium",
    "few-calories",
)


@dataclass(frozen=True)
class Person:
    age_months: int
    pregnant: bool = False
    potassium_restricted: bool = False

    @property
    def child(self) -> bool:
        return self.age_months < CHILD_MONTHS

    @property
    def adult(self) -> bool:
        return self.age_months >= ADULT_MONTHS


@dataclass
class Note:
    kind: str
    sentences: list[str]
    link: str | None = None  # a learn page slug
    link_text: str = ""
    # Which minerals a food list should be rich in; filled in by the view from the
    # live catalogue.  ``avoid_potassium``: leave potassium-rich foods out.
    suggest: tuple[str, ...] = ()
    avoid_potassium: bool = False
    # A child's age: the foods suggested are everyday foods a child of that age eats.
    child_age_months: int | None = None
    foods: list = field(default_factory=list)
    caution: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def varied(foods: list, limit: int = 5) -> list:
    """The first ``limit`` foods with at most one per kind (the name before the first comma),
    so a list reads "beans, spinach, seeds", not five kinds of beans.  Order is kept."""
    seen, picked = set(), []
    for food in foods:
        kind = food.description.split(",", 1)[0].strip().lower()
        if kind not in seen:
            seen.add(kind)
            picked.append(food)
    return picked[:limit]


def is_low(average: Decimal | None, target: Decimal | None) -> bool:
    """Under 75 % of target, exactly (74.6 % is low even though it shows as 75 %)."""
    if average is None or target is None:
        return False
    return average * 100 < target * LOW_PERCENT


def _who_helps(person: Person) -> str:
    """Who can help, as the end of a sentence: the reader is a child or pregnant or not."""
    if person.child and person.pregnant:
        return "a parent and your midwife or doctor can help"
    if person.child:
        return "a parent and your doctor can help"
    if person.pregnant:
        return "your midwife or doctor can help"
    return "a dietitian or doctor can help"


def _mg(value: Decimal) -> str:
    return f"{value:,.0f} mg"


def _low_sentence(name: str, mineral, days: int) -> str:
    return (
        f"Over {days} days, your log shows about {_mg(mineral.average)} of {name} a day, "
        f"{mineral.average_percent} % of your {_mg(mineral.target)} target."
    )


def judge(span: Span, person: Person) -> list[Note]:
    """The notes for ``span``, most urgent first."""
    if person.age_months < 12:
        return []
    notes = _safety(span, person)
    days = len(span.complete_days)
    if days < MIN_DAYS:
        notes.append(
            Note(
                "not-enough-days",
                [
                    f"mgk needs at least {MIN_DAYS} days with two or more meals logged "
                    f"before it says anything about your intake; these seven days have {days}.",
                ],
            )
        )
        return notes

    judged = {}
    for mineral in span.minerals:
        if mineral.key == "potassium" and person.potassium_restricted:
            continue
        if mineral.withheld:
            notes.append(_coverage(mineral))
            continue
        judged[mineral.key] = is_low(mineral.average, mineral.target)

    help_ = _who_helps(person)
    magnesium, potassium = span.magnesium, span.potassium
    if judged.get("magnesium") and judged.get("potassium"):
        notes.append(
            Note(
                "both-low",
                [
                    f"Your log shows both low over {days} days: about "
                    f"{_mg(magnesium.average)} of magnesium ({magnesium.average_percent} %) and "
                    f"{_mg(potassium.average)} of potassium ({potassium.average_percent} %) a day.",
                    # The same reason, in the same order, as the why-together page.
                    "Low magnesium can make the kidneys lose potassium, and the pump that "
                    "keeps it in cells needs magnesium.",
                    f"A log is not a blood test; the foods below have both, and {help_}.",
                ],
                link="why-together",
                link_text="How the two work together",
                suggest=("magnesium", "potassium"),
            )
        )
    elif judged.get("magnesium"):
        restricted = person.potassium_restricted
        notes.append(
            Note(
                "magnesium-low",
                [
                    _low_sentence("magnesium", magnesium, days),
                    "A food log is not a blood test, so this does not show a shortage.",
                    (
                        "The foods below are rich in magnesium and lower in potassium (under "
                        "200 mg a portion), and your care team can say which fit your plan."
                    )
                    if restricted
                    else f"The foods below are rich in magnesium, and {help_}.",
                ],
                link="why-together",
                link_text="Why magnesium matters for potassium too",
                suggest=("magnesium",),
                avoid_potassium=restricted,
            )
        )
    elif judged.get("potassium"):
        notes.append(
            Note(
                "potassium-low",
                [
                    _low_sentence("potassium", potassium, days),
                    "This target is a goal, not a minimum, and a log is not a blood test, "
                    "so being under it does not mean you lack potassium.",
                    f"The foods below are rich in potassium, and {help_}.",
                ],
                link="food-sources",
                link_text="More about food sources",
                suggest=("potassium",),
            )
        )

    if person.potassium_restricted:
        notes.append(
            Note(
                "provider-potassium",
                [
                    "You told mgk about kidney disease or a medicine that affects potassium, so "
                    "mgk does not judge your potassium.",
                    "Salt substitutes and low-sodium salts can carry a lot of potassium, so "
                    "tell your care team if you use them.",
                    "Your care team can tell you how much is right for you.",
                ],
                link="supplements-and-kidneys",
                link_text="Kidneys, medicines and these minerals",
            )
        )

    energy = span.average_energy
    if person.adult and energy is not None and energy < FEW_KCAL:
        notes.append(
            Note(
                "few-calories",
                [
                    f"Your complete days average about {energy:,.0f} kcal, which is low for an adult.",
                    "Some food may be missing from the log, so the mineral totals may be low too.",
                ],
                link="reading-your-numbers",
                link_text="Reading your numbers",
            )
        )
    if person.child:
        for note in notes:
            if note.suggest:
                note.child_age_months = person.age_months
    return notes


def _coverage(mineral) -> Note:
    return Note(
        "coverage",
        [
            f"Over a fifth of what you logged has no {mineral.key} value in mgk, so your "
            f"{mineral.key} totals may be too low.",
            f"mgk gives no verdict on {mineral.key} until more of the log has values.",
        ],
        link="reading-your-numbers",
        link_text="Reading your numbers",
    )


def _safety(span: Span, person: Person) -> list[Note]:
    notes = []
    if span.days_over_ul and span.supplement_ul is not None:
        n = span.days_over_ul
        on = f"On {n} day{'s' if n != 1 else ''}"
        days = f"{on} your logged supplements gave more magnesium than"
        if person.child:
            # Supplements for a child are a parent's decision: speak to the parent.
            days = f"{on} the supplements logged gave your child more magnesium than"
        if person.potassium_restricted:
            # The UL is set for healthy kidneys; it is not this person's limit, so never
            # "the upper limit for your age" (a dietitian's review).
            sentences = [
                f"{days} the published upper limit ({_mg(span.supplement_ul)}), set for people "
                "with healthy kidneys; "
                + ("their care team sets theirs." if person.child else "your care team sets yours.")
            ]
        else:
            sentences = [
                f"{days} {_mg(span.supplement_ul)}, the upper limit for "
                f"{'their' if person.child else 'your'} age from supplements and medicines."
            ]
        sentences.append(
            "Please show this to your child's doctor or pharmacist."
            if person.child
            else "Please show this to your doctor or pharmacist."
        )
        notes.append(
            Note(
                "supplement-over-limit",
                sentences,
                link="supplements-and-kidneys",
                link_text="Supplements, kidneys and medicines",
                caution=True,
            )
        )
    if person.potassium_restricted and span.potassium_supplements:
        notes.append(
            Note(
                "potassium-supplement",
                [
                    "You logged a supplement that contains potassium.",
                    "With kidney disease or these medicines, potassium can build up in the body.",
                    "Please talk to the doctor who prescribes your medicines about it.",
                ],
                link="supplements-and-kidneys",
                link_text="Supplements, kidneys and medicines",
                caution=True,
            )
        )
    return notes
