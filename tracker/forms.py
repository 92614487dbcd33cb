from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.core.validators import DecimalValidator
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from foods.forms import FiniteDecimalField
from foods.models import Food, Portion
from tracker import units as intake_units
from tracker.models import (
    EARLIEST_DAY,
    MAX_GRAMS,
    MAX_PORTIONS,
    TIMEZONES,
    Entry,
    Meal,
    PasswordResetRequest,
    Profile,
    latest_day,
    loggable,
    meal_for_hour,
)
from tracker.nutrients import as_written


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=True, help_text="Used only to reset your password.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


TIMEZONE_SET = frozenset(TIMEZONES)


@cache
def _timezone_options() -> str:
    return "".join(f'<option value="{escape(zone)}">{escape(zone)}</option>' for zone in TIMEZONES)


class TimeZoneSelect(forms.Select):
    """The ~600 time zones as one string built once per process: rendering them through
    the option template on every request took most of the profile page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = escape(value or "")
        options = _timezone_options().replace(
            f'<option value="{chosen}">', f'<option value="{chosen}" selected>', 1
        )
        final = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, final, mark_safe(options))


class WholeMilligrams(DecimalValidator):
    """Django's digits check, in words a person uses."""

    messages = {
        **DecimalValidator.messages,
        "max_decimal_places": "Enter whole milligrams.",
        "max_digits": "That is more than mgk can store; please check it.",
        "max_whole_digits": "That is more than mgk can store; please check it.",
    }


class ProfileForm(forms.ModelForm):
    date_of_birth = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Reference intakes change with age.",
    )
    # A plain field with the time zones in its widget only: a choice field would copy its
    # ~600 choices (and its widget's) for every form made, most of the profile page's time.
    timezone = forms.CharField(
        label="Timezone",
        initial="UTC",
        widget=TimeZoneSelect,
        help_text="Decides when your day starts.",
    )
    age = forms.IntegerField(
        label="or your age in years",
        required=False,
        min_value=0,
        max_value=120,
        help_text="If you prefer not to give a date; mgk then counts from today.",
    )

    class Meta:
        model = Profile
        fields = [
            "sex",
            "date_of_birth",
            "life_stage",
            "potassium_restricted",
            "magnesium_target_mg",
            "potassium_target_mg",
            "timezone",
            "units",
        ]
        field_classes = {
            "magnesium_target_mg": FiniteDecimalField,
            "potassium_target_mg": FiniteDecimalField,
        }
        widgets = {
            "sex": forms.RadioSelect,
            "life_stage": forms.RadioSelect,
            "units": forms.RadioSelect,
        }
        labels = {
            "life_stage": "Pregnant or breastfeeding?",
            "potassium_restricted": (
                "I have kidney disease, or take potassium-sparing diuretics, ACE inhibitors, "
                "ARBs or another medicine my doctor says raises potassium"
            ),
        }
        help_texts = {
            "magnesium_target_mg": "Leave empty to use the reference intake.",
            "potassium_target_mg": "Leave empty to use the reference intake.",
            "potassium_restricted": "",  # the label says it all
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Forms saved before the unit preference existed (and scripts) keep milligrams.
        self.fields["units"].required = False
        # A radio group needs no "---------" choice: nothing is picked until one is.
        self.fields["sex"].choices = Profile.Sex.choices
        for name in ("magnesium_target_mg", "potassium_target_mg"):
            field = self.fields[name]
            field.validators = [
                WholeMilligrams(v.max_digits, v.decimal_places)
                if isinstance(v, DecimalValidator)
                else v
                for v in field.validators
            ]

    def clean_timezone(self) -> str:
        zone = self.cleaned_data["timezone"]
        if zone not in TIMEZONE_SET:
            raise forms.ValidationError("Pick a time zone from the list.")
        return zone

    def clean_units(self) -> str:
        return self.cleaned_data.get("units") or intake_units.MG

    def clean_date_of_birth(self) -> date | None:
        born = self.cleaned_data["date_of_birth"]
        if born is None:
            return None
        if born > timezone.localdate():
            raise forms.ValidationError("A date of birth cannot be in the future.")
        if born < EARLIEST_DAY:
            raise forms.ValidationError("Please enter a date after 1900.")
        return born

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_of_birth") is None and "date_of_birth" not in self.errors:
            age = cleaned.get("age")
            if age is None and "age" not in self.errors:
                self.add_error("date_of_birth", "Enter your date of birth or your age.")
            elif age is not None:
                # An age alone: count it as reached today, so it goes up a year from now.
                today = timezone.localdate()
                try:
                    cleaned["date_of_birth"] = today.replace(year=today.year - age)
                except ValueError:  # 29 February
                    cleaned["date_of_birth"] = today.replace(year=today.year - age, day=28)
                self.instance.date_of_birth = cleaned["date_of_birth"]
        if cleaned.get("life_stage") and cleaned.get("sex") == Profile.Sex.MALE:
            self.add_error(
                "life_stage", "Pregnancy and breastfeeding apply to the female tables only."
            )
        return cleaned


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
    if not loggable(value):
        raise forms.ValidationError(
            f"Pick a day between {EARLIEST_DAY:%d %b %Y} and {latest_day():%d %b %Y}."
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
    portion = forms.ModelChoiceField(
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
        foods = Food.objects.visible_to(user)
        self.fields["food"].queryset = foods
        portions = Portion.objects.filter(food__in=foods)
        if food is not None:
            portions = portions.filter(food=food)
        self.fields["portion"].queryset = portions
        self.fields["portion"].label_from_instance = lambda p: (
            f"{p.label} ({as_written(p.grams)} g)"
        )

    def offer_portions(self, portions: list[Portion]) -> None:
        """Build the portion options from an already fetched list (one query fewer)."""
        field = self.fields["portion"]
        field.choices = [("", field.empty_label)] + [
            (p.pk, field.label_from_instance(p)) for p in portions
        ]

    def clean_date(self) -> date:
        return clean_day(self.cleaned_data["date"])

    @staticmethod
    def _amount(value: Decimal | None, limit: Decimal, too_much: str) -> Decimal | None:
        if value is not None and value <= 0:
            raise forms.ValidationError("Enter an amount above zero.")
        if value is not None and value > limit:
            raise forms.ValidationError(too_much)
        return value

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


class CopyMealForm(forms.Form):
    """Copy a day's meal into ``to_date`` (the day page it is posted from)."""

    from_date = forms.DateField(
        label="From day",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={**DATE_ERRORS, "required": "Pick the day to copy from."},
    )
    from_meal = forms.ChoiceField(label="Meal", choices=Meal.choices, error_messages=MEAL_ERRORS)
    to_meal = forms.ChoiceField(label="Into", choices=Meal.choices, error_messages=MEAL_ERRORS)
    confirm = forms.BooleanField(label="Copy anyway", required=False)

    def __init__(self, *args, user=None, to_date: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.to_date = user, to_date
        self.needs_confirm = False

    def clean_from_date(self) -> date:
        return clean_day(self.cleaned_data["from_date"])

    def clean(self):
        cleaned = super().clean()
        source = (cleaned.get("from_date"), cleaned.get("from_meal"))
        if None in source or self.user is None or self.to_date is None:
            return cleaned
        if source == (self.to_date, cleaned.get("to_meal")):
            raise forms.ValidationError("A meal cannot be copied into itself.")
        # Copying what is already there (a double click, a second try) asks first.
        entries = Entry.objects.for_user(self.user)
        wanted = set(
            entries.filter(date=source[0], meal=source[1]).values_list("description", "grams")
        )
        there = set(
            entries.filter(date=self.to_date, meal=cleaned.get("to_meal")).values_list(
                "description", "grams"
            )
        )
        if wanted and wanted <= there and not cleaned.get("confirm"):
            self.needs_confirm = True
            raise forms.ValidationError(
                "That meal already has these foods. Tick “Copy anyway” to add them again."
            )
        return cleaned


class CopyMealToForm(CopyMealForm):
    """The same copy, started from the meal's own section: the day it goes to is chosen
    here, the day it comes from is the page's (the view sets ``from_date``)."""

    to_date = forms.DateField(
        label="To day", widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS
    )
    field_order = ["to_date", "to_meal"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_meal"].widget = forms.HiddenInput()
        self.fields["to_meal"].label = "Into"

    def clean_to_date(self) -> date:
        # Read by CopyMealForm.clean, which runs after every field's own clean.
        self.to_date = clean_day(self.cleaned_data["to_date"])
        return self.to_date


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


class DeleteAccountForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, help_text="To confirm it is you.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError("That is not your password.")
        return self.cleaned_data["password"]


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most RESET_LIMIT e-mails an hour to one address.

    The page after it reads the same either way, so nobody learns whether an address has
    an account or was throttled.
    """

    RESET_LIMIT = 3

    def save(self, *args, **kwargs):
        email = self.cleaned_data["email"].strip().lower()
        now = timezone.now()
        sent = PasswordResetRequest.objects.filter(
            email=email, created_at__gte=now - timedelta(hours=1)
        )
        if sent.count() >= self.RESET_LIMIT:
            return
        PasswordResetRequest.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
        PasswordResetRequest.objects.create(email=email)
        super().save(*args, **kwargs)
