"""Saving a day's meal (as a saved meal or a recipe), logging a saved meal, copying a
whole day."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone

from foods.forms import FiniteDecimalField
from tracker.forms.entries import DATE_ERRORS, MEAL_ERRORS, clean_day
from tracker.models import Entry, Meal, meal_for_hour
from tracker.models.entries import MAX_GRAMS
from tracker.models.recipes import MAX_SERVINGS


class SaveMealForm(forms.Form):
    """Save one of the day's meals under a name, as a saved meal or as a recipe."""

    from_meal = forms.ChoiceField(
        choices=Meal.choices, widget=forms.HiddenInput, error_messages=MEAL_ERRORS
    )
    name = forms.CharField(
        label="Name", max_length=120, error_messages={"required": "Give it a name."}
    )
    servings = forms.IntegerField(
        label="Servings",
        required=False,
        min_value=1,
        max_value=MAX_SERVINGS,
        help_text="For a recipe: how many servings these entries make.",
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Give it a name.")
        return name


class LogSavedMealForm(forms.Form):
    """Log a saved meal into a day and meal; asks first when that meal already has it."""

    date = forms.DateField(
        label="Day", widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS
    )
    # Empty is "now", as quick add's meal select offers it: the meal of this hour.
    meal = forms.ChoiceField(
        label="Into", choices=Meal.choices, required=False, error_messages=MEAL_ERRORS
    )
    confirm = forms.BooleanField(label="Log it again", required=False)

    def __init__(self, *args, saved_meal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved_meal = saved_meal
        self.needs_confirm = False

    def clean_date(self) -> date:
        return clean_day(self.cleaned_data["date"])

    @property
    def meal_label(self) -> str:
        """The meal asked about, as the day page names it ("Breakfast")."""
        meal = getattr(self, "cleaned_data", {}).get("meal")
        return Meal(meal).label if meal in Meal.values else "That meal"

    def clean_meal(self) -> str:
        return self.cleaned_data["meal"] or meal_for_hour(timezone.localtime().hour)

    def clean(self):
        cleaned = super().clean()
        day, meal = cleaned.get("date"), cleaned.get("meal")
        if day is None or meal is None or self.saved_meal is None:
            return cleaned
        if self.saved_meal.already_in(day, meal) and not cleaned.get("confirm"):
            self.needs_confirm = True
            raise forms.ValidationError(
                "That meal already has these foods. Tick “Log it again” to add them again."
            )
        return cleaned


class CopyDayForm(forms.Form):
    """Copy every meal of the page's day to another day."""

    to_date = forms.DateField(
        label="To day", widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS
    )
    confirm = forms.BooleanField(label="Copy anyway", required=False)

    def __init__(self, *args, user=None, from_date: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.from_date = user, from_date
        self.needs_confirm = False

    def clean_to_date(self) -> date:
        return clean_day(self.cleaned_data["to_date"])

    def clean(self):
        cleaned = super().clean()
        to_date = cleaned.get("to_date")
        if to_date is None or self.user is None:
            return cleaned
        if to_date == self.from_date:
            raise forms.ValidationError("A day cannot be copied onto itself.")
        entries = Entry.objects.for_user(self.user)
        fields = ("meal", "description", "grams")
        wanted = set(entries.filter(date=self.from_date).values_list(*fields))
        there = set(entries.filter(date=to_date).values_list(*fields))
        if wanted and wanted <= there and not cleaned.get("confirm"):
            self.needs_confirm = True
            raise forms.ValidationError(
                "That day already has these foods. Tick “Copy anyway” to add them again."
            )
        return cleaned


class SavedItemForm(forms.Form):
    """One food of a saved meal: its grams, or removed."""

    grams = FiniteDecimalField(
        label="Grams",
        min_value=Decimal("0.01"),
        max_value=MAX_GRAMS,
        decimal_places=2,
        error_messages={
            "min_value": "Enter grams above 0.",
            "max_value": "Enter at most 5,000 g.",
            "required": "Enter the grams.",
        },
    )
    remove = forms.BooleanField(label="Remove", required=False)
