from datetime import date

from django import forms

from tracker.forms.entries import DATE_ERRORS, MEAL_ERRORS, clean_day
from tracker.models import Entry, Meal


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
