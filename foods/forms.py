import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import inlineformset_factory

from foods.models import (
    MAX_KCAL_PER_100G,
    MAX_MINERAL_PER_100G,
    MAX_SODIUM_PER_100G,
    Food,
    Portion,
)
from foods.nutrients import HUNDRED

# A food, not a supplement, richer than these per 100 g is a unit slip (mg for µg, a
# value per kilogram): the richest foods of SR Legacy carry under 800 mg of magnesium
# (rice bran) and a few thousand of potassium.
FOOD_LIMITS = {"magnesium_mg": Decimal(1000), "potassium_mg": Decimal(10000)}

VALUE_FIELDS = {
    "magnesium_mg": MAX_MINERAL_PER_100G,
    "potassium_mg": MAX_MINERAL_PER_100G,
    "energy_kcal": MAX_KCAL_PER_100G,
    "sodium_mg": MAX_SODIUM_PER_100G,
}


# A decimal comma: "1,5" or "0,25".  Three digits after a comma ("1,000") stay refused:
# that is a thousands separator, and the number meant is not sure.
DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


class FiniteDecimalField(forms.DecimalField):
    """A DecimalField that turns NaN, sNaN and infinities away at once.  Django's own
    refuses them only in validate(); a signalling NaN raises InvalidOperation before
    that, in any comparison (a formset's change check, a min/max validator)."""

    def to_python(self, value):
        if isinstance(value, str) and DECIMAL_COMMA.fullmatch(value.strip()):
            value = value.strip().replace(",", ".")  # "1,5" as much of Europe writes 1.5
        value = super().to_python(value)
        if value is not None and not value.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


# Far beyond any real label: per-serving values are scaled before their real limit is
# checked, and a number this size would overflow the scaling.
MAX_LABEL_VALUE = Decimal(1_000_000)


class CustomFoodForm(forms.ModelForm):
    """A person's own food, with values per 100 g or per serving as a label prints them."""

    basis = forms.ChoiceField(
        label="The numbers below are",
        choices=[("100g", "per 100 g"), ("serving", "per serving (as on a label)")],
        widget=forms.RadioSelect,
        initial="100g",
    )
    serving_grams = FiniteDecimalField(
        label="Serving size (g)",
        required=False,
        min_value=Decimal("0.001"),
        max_value=Decimal(5000),
        help_text="Needed when the numbers are per serving; also added as a portion.",
        error_messages={
            "min_value": "Enter a serving size above 0 g.",
            "max_value": "Enter a serving size of at most 5,000 g.",
        },
    )

    class Meta:
        model = Food
        fields = [
            "description",
            "magnesium_mg",
            "potassium_mg",
            "energy_kcal",
            "sodium_mg",
            "is_supplement",
        ]
        field_classes = dict.fromkeys(VALUE_FIELDS, FiniteDecimalField)
        labels = {
            "description": "Name",
            "magnesium_mg": "Magnesium (mg)",
            "potassium_mg": "Potassium (mg)",
            "energy_kcal": "Energy (kcal)",
            "sodium_mg": "Sodium (mg)",
            "is_supplement": "This is a supplement",
        }
        help_texts = {name: "Leave empty if unknown (not the same as 0)." for name in VALUE_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in VALUE_FIELDS:
            # Per-serving numbers may exceed the per-100 g limits; checked after conversion.
            # (Validators, not min_value: that attribute only acts when the field is made.
            # Without the lower bound, -1e30 reached the per-serving scaling and failed.)
            self.fields[name].validators = [
                MinValueValidator(Decimal(0), message="Enter 0 or more, or leave it empty."),
                MaxValueValidator(MAX_LABEL_VALUE, message="That is too large; please check it."),
            ]
            self.fields[name].max_value = None
            self.fields[name].widget.attrs.pop("max", None)
            self.fields[name].min_value = Decimal(0)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("basis") == "serving":
            serving = cleaned.get("serving_grams")
            if not serving:
                if "serving_grams" not in self.errors:  # one message a field
                    self.add_error("serving_grams", "Enter the serving size in grams.")
                return cleaned
            for name in VALUE_FIELDS:
                if cleaned.get(name) is not None:
                    cleaned[name] = (cleaned[name] * HUNDRED / serving).quantize(Decimal("0.01"))
        for name, limit in VALUE_FIELDS.items():
            if not cleaned.get("is_supplement"):
                limit = min(limit, FOOD_LIMITS.get(name, limit))
            if cleaned.get(name) is not None and cleaned[name] > limit:
                unit = "kcal" if name == "energy_kcal" else "mg"
                self.add_error(
                    name,
                    f"That is over {limit:,} {unit} per 100 g, more than any food carries; "
                    "please check the unit (or tick “This is a supplement”).",
                )
        if (
            not self.errors
            and cleaned.get("magnesium_mg") is None
            and cleaned.get("potassium_mg") is None
        ):
            raise forms.ValidationError("Enter magnesium, potassium or both.")
        return cleaned

    def save(self, commit=True):
        food = super().save(commit=False)
        for name in VALUE_FIELDS:
            setattr(food, name, self.cleaned_data.get(name))
        if commit:
            food.save()
        return food


PortionFormSet = inlineformset_factory(
    Food,
    Portion,
    fields=["label", "grams"],
    field_classes={"grams": FiniteDecimalField},
    extra=2,
    can_delete=True,
    # A food has a handful of portions; a crafted TOTAL_FORMS of thousands is refused
    # before thousands of forms are built.
    max_num=20,
    validate_max=True,
    absolute_max=30,
    labels={"label": "Portion name, e.g. 1 bowl", "grams": "Grams"},
    error_messages={"grams": {"min_value": "Enter grams above 0."}},
)
