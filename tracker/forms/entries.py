from datetime import date
from decimal import Decimal

from django import forms
from django.core.validators import DecimalValidator
from django.utils import timezone

from foods.forms import FiniteDecimalField
from foods.models import Food, Portion
from foods.portions import with_weight
from tracker.models import (
    EARLIEST_DAY,
    MAX_GRAMS,
    MAX_PORTIONS,
    Entry,
    Meal,
    latest_entry_day,
    meal_for_hour,
    profile_of,
)

# Field messages in the words a person uses, one sentence per field; Django's own ("Select
# a valid choice. brunch is not one of the available choices.", "Ensure that there are no
# more than 4 digits before the decimal point.") describe the machine, not the mistake.
MEAL_ERRORS = {
    "required": "Pick a meal.",
    "invalid_choice": "Pick one of the meals: "
    + ", ".join(str(label) for label in Meal.labels[:-1])
    + f" or {Meal.labels[-1]}.",
}
DATE_ERRORS = {
    "required": "Pick a day.",
    "invalid": "Enter a day as year-month-day, e.g. 2026-11-16.",
}

# One key per meal for the add form (Snacks and Supplements share their first letter).
MEAL_KEYS = {
    Meal.BREAKFAST: "B",
    Meal.LUNCH: "L",
    Meal.DINNER: "D",
    Meal.SNACKS: "S",
    Meal.SUPPLEMENTS: "U",
}


class AmountDigits(DecimalValidator):
    """Django's digits check, saying what is wrong with the amount rather than its digits:
    too many whole digits is simply too much."""

    def __init__(self, max_digits: int, decimal_places: int, too_much: str):
        super().__init__(max_digits, decimal_places)
        self.messages = {
            **DecimalValidator.messages,
            "max_digits": too_much,
            "max_whole_digits": too_much,
            "max_decimal_places": f"Round it to at most {decimal_places} decimal places.",
        }


def amount_field(label: str, max_digits: int, decimal_places: int, too_much: str):
    """An optional amount (how many, grams) whose every size error is one plain sentence."""
    field = FiniteDecimalField(
        label=label,
        required=False,
        max_digits=max_digits,
        decimal_places=decimal_places,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "min": "0"}),
    )
    field.validators = [AmountDigits(max_digits, decimal_places, too_much)]
    return field


def clean_day(value: date) -> date:
    """A day an entry may have: from 1900 to tomorrow (the person's own birth is checked
    by the forms that know the person)."""
    if not EARLIEST_DAY <= value <= latest_entry_day():
        raise forms.ValidationError(
            f"Pick a day between {EARLIEST_DAY:%d %b %Y} and tomorrow, {latest_entry_day():%d %b %Y}."
        )
    return value


class EntryForm(forms.Form):
    """Validate what a person logs; a portion with a count, or grams.

    The food and portion choices are limited to what this person may see, so someone
    else's food or portion id is "not a valid choice", never a 500 or a leak.
    """

    food = forms.ModelChoiceField(
        queryset=Food.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": "Pick a food first.",
            "invalid_choice": "That food is not available; search for it again.",
        },
    )
    # The page shows one amount and its unit (a portion, or grams), so a weight and a
    # portion can never both be given.  "quantity" and "grams" are still read when a
    # form sends them instead of "amount" (the older form's fields).
    amount = amount_field("Amount", 10, 3, f"At most {MAX_GRAMS:,} g in one entry.")
    portion = forms.ModelChoiceField(
        label="Unit",
        queryset=Portion.objects.none(),
        required=False,
        empty_label="grams",
        error_messages={"invalid_choice": "Pick one of this food’s portions, or “grams”."},
    )
    quantity = amount_field("How many", 7, 3, f"At most {MAX_PORTIONS} portions in one entry.")
    grams = amount_field("Grams", 10, 4, f"At most {MAX_GRAMS:,} g in one entry.")
    meal = forms.ChoiceField(choices=Meal.choices, error_messages=MEAL_ERRORS)
    date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS
    )

    def __init__(self, *args, user, food: Food | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        profile = profile_of(user)  # read with the user (tracker.auth): no query
        self.born = profile.date_of_birth if profile is not None else None
        foods = Food.objects.visible_to(user)
        self.fields["food"].queryset = foods
        portions = Portion.objects.filter(food__in=foods)
        if food is not None:
            portions = portions.filter(food=food)
        self.fields["portion"].queryset = portions
        self.fields["portion"].label_from_instance = lambda p: with_weight(p.label, p.grams)
        self.portion_list: list[Portion] = []

    def offer_portions(self, portions: list[Portion]) -> None:
        """Build the portion options from an already fetched list (one query fewer)."""
        self.portion_list = portions
        field = self.fields["portion"]
        field.choices = [("", field.empty_label)] + [
            (p.pk, field.label_from_instance(p)) for p in portions
        ]

    def clean_date(self) -> date:
        day = clean_day(self.cleaned_data["date"])
        if self.born is not None and day < self.born:
            raise forms.ValidationError(
                f"That day is before your date of birth ({self.born:%d %b %Y})."
            )
        return day

    @staticmethod
    def _amount(value: Decimal | None, limit: Decimal, too_much: str) -> Decimal | None:
        if value is not None and value <= 0:
            raise forms.ValidationError("Enter an amount above zero.")
        if value is not None and value > limit:
            raise forms.ValidationError(too_much)
        return value

    @property
    def one_amount(self) -> bool:
        """Whether the form was sent with one amount and a unit (not quantity and grams)."""
        return "amount" in self.data

    def clean_amount(self) -> Decimal | None:
        value = self.cleaned_data["amount"]
        if value is not None and value <= 0:
            raise forms.ValidationError("Enter an amount above zero.")
        return value

    def _from_amount(self, cleaned: dict) -> None:
        """One amount in the chosen unit as how many portions, or as grams."""
        amount, portion = cleaned.get("amount"), cleaned.get("portion")
        cleaned["quantity"] = cleaned["grams"] = None
        if "amount" not in cleaned or "portion" not in cleaned:
            return  # already refused, with its message
        if amount is None:
            self.add_error("amount", "Enter an amount.")
        elif portion is None:
            if amount > MAX_GRAMS:
                self.add_error("amount", f"At most {MAX_GRAMS:,} g in one entry.")
            cleaned["grams"] = amount
        elif amount > MAX_PORTIONS:
            self.add_error("amount", f"At most {MAX_PORTIONS} portions in one entry.")
        else:
            cleaned["quantity"] = amount
            cleaned["grams"] = portion.grams * amount
            if cleaned["grams"] > MAX_GRAMS:
                self.add_error("amount", f"That is over {MAX_GRAMS:,} g in one entry.")

    def clean_quantity(self) -> Decimal | None:
        return self._amount(
            self.cleaned_data["quantity"],
            MAX_PORTIONS,
            f"At most {MAX_PORTIONS} portions in one entry.",
        )

    def clean_grams(self) -> Decimal | None:
        return self._amount(
            self.cleaned_data["grams"], MAX_GRAMS, f"At most {MAX_GRAMS:,} g in one entry."
        )

    def clean(self):
        cleaned = super().clean()
        food, portion = cleaned.get("food"), cleaned.get("portion")
        if portion is not None and food is not None and portion.food_id != food.pk:
            self.add_error("portion", "That portion belongs to another food.")
        elif self.one_amount:
            self._from_amount(cleaned)
        elif portion is not None and cleaned.get("grams") is not None:
            # Which one was meant is not sure, and logging either silently could be wrong.
            self.add_error("grams", "Enter grams or pick a portion, not both.")
        elif portion is not None:
            if "quantity" in cleaned and cleaned["quantity"] is None:
                self.add_error("quantity", "How many portions?")
            elif cleaned.get("quantity") is not None:
                grams = portion.grams * cleaned["quantity"]
                if grams > MAX_GRAMS:
                    self.add_error("quantity", f"That is over {MAX_GRAMS:,} g in one entry.")
                cleaned["grams"] = grams
        elif "grams" in cleaned and cleaned["grams"] is None and "portion" in cleaned:
            self.add_error("grams", "Enter the weight in grams, or pick a portion.")
        return cleaned

    def meal_keys(self) -> list[tuple[str, str, str]]:
        """(key, meal, label) for the add form's one-key meal choice."""
        return [(MEAL_KEYS[meal], meal, label) for meal, label in Meal.choices]

    def fill(self, entry: Entry) -> Entry:
        """Copy the cleaned values (and the food's current per-100 g values) to ``entry``."""
        data = self.cleaned_data
        food = data.get("food")
        # A new entry, or a changed food, takes today's values; an edit keeps its snapshot.
        if food is not None and (entry.pk is None or entry.food_id != food.pk):
            entry.take_values_from(food)
        entry.date, entry.meal, entry.grams = data["date"], data["meal"], data["grams"]
        entry.portion = data["portion"]
        entry.portion_label = data["portion"].label if data["portion"] else ""
        entry.quantity = data["quantity"] if data["portion"] else None
        return entry


class QuickAddForm(forms.Form):
    """Quick add's meal: one of the meals, or empty for "now" (the meal for this hour, and
    Supplements for a supplement, as the add form presets them)."""

    meal = forms.ChoiceField(
        label="Add to",
        required=False,
        error_messages=MEAL_ERRORS,
        widget=forms.Select(attrs={"aria-describedby": "quick-meal-help"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "quick-%s")  # the add form on the same page has id_meal
        super().__init__(*args, **kwargs)
        now = Meal(meal_for_hour(timezone.localtime().hour)).label
        self.fields["meal"].choices = [("", f"Now ({now})"), *Meal.choices]

    def meal_for(self, source: Entry) -> str:
        if self.cleaned_data["meal"]:
            return self.cleaned_data["meal"]
        if source.is_supplement:
            return Meal.SUPPLEMENTS
        return meal_for_hour(timezone.localtime().hour)
