"""A recipe's form: its name, servings and cooked weight, the pasted lines to add, and
the review of every line (one small form each)."""

from decimal import Decimal

from django import forms

from foods.forms import FiniteDecimalField
from tracker.models import MAX_INGREDIENTS
from tracker.models.recipes import MAX_INGREDIENT_GRAMS, MAX_POT_GRAMS, MAX_SERVINGS, Recipe

MAX_PASTE_BYTES = 1_000_000
MAX_PASTE_LINES = 10_000


class RecipeForm(forms.ModelForm):
    add_line = forms.CharField(
        label="Add an ingredient",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"placeholder": "200 g spinach", "autocomplete": "off", "type": "search"}
        ),
        help_text=(
            "Its amount and name (“200 g spinach”), then Enter; what it matches shows as you "
            "type. Without an amount, Enter takes you to its grams."
        ),
    )
    ingredients = forms.CharField(
        label="Ingredients to add, one per line",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 8, "placeholder": "400 g chickpeas, canned\n1 cup chopped celery"}
        ),
        help_text="As you would write them: “1 1/2 cups milk”, “½ tsp salt”, “250ml yoghurt”.",
    )
    cooked_grams = FiniteDecimalField(
        label="Cooked weight of the whole dish (g)",
        required=False,
        min_value=Decimal("0.01"),
        max_value=MAX_POT_GRAMS,
        help_text="Optional. Weigh the pot's contents: cooking adds or drives off water.",
        error_messages={"min_value": "Enter a weight above 0 g."},
    )

    class Meta:
        model = Recipe
        fields = ["name", "servings", "cooked_grams"]
        # The ingredient box comes after the recipe's own fields.
        labels = {"name": "Name", "servings": "Servings"}
        help_texts = {"servings": "How many servings the whole recipe makes."}
        error_messages = {
            "servings": {
                "min_value": "Enter at least 1 serving.",
                "max_value": f"Enter at most {MAX_SERVINGS} servings.",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A positive field's form field says min 0; the model's validator says 1.
        self.fields["servings"].widget.attrs["min"] = 1

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Give the recipe a name.")
        return name

    def clean_add_line(self) -> str:
        return " ".join(self.cleaned_data["add_line"].split())

    def clean_ingredients(self) -> list[str]:
        text = self.cleaned_data["ingredients"]
        if len(text.encode()) >= MAX_PASTE_BYTES:
            raise forms.ValidationError("That list is 1 MB or more; paste at most 100 ingredients.")
        lines = text.splitlines()
        if len(lines) >= MAX_PASTE_LINES:
            raise forms.ValidationError(
                f"That list has {len(lines):,} lines; paste at most {MAX_INGREDIENTS} ingredients."
            )
        lines = [" ".join(line.split())[:200] for line in lines]
        return [line for line in lines if line]


class FoodChoiceField(forms.TypedChoiceField):
    """A food id picked from a line's search results.  The choices are those shown; which
    food may be used is the reviewer's check (visible to the person, not a supplement, no
    cycle), so any whole number passes here."""

    def valid_value(self, value) -> bool:
        return True


class LineForm(forms.Form):
    """One reviewed line.  ``seen_*`` hold what the review showed, so the view can tell an
    untouched line (saved as shown) from one whose words or food were changed (reviewed
    again)."""

    text = forms.CharField(label="As written", max_length=200, required=False)
    food = FoodChoiceField(label="Food", coerce=int, required=False, empty_value=None)
    grams = FiniteDecimalField(
        label="Grams",
        required=False,
        min_value=Decimal("0.01"),
        max_value=MAX_INGREDIENT_GRAMS,
        decimal_places=2,
        error_messages={
            "min_value": "Enter grams above 0.",
            "max_value": "Enter at most 20,000 g.",
            "max_decimal_places": "Round to 2 decimal places.",
        },
    )
    portion_label = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)
    quantity = FiniteDecimalField(
        required=False, max_digits=9, decimal_places=3, widget=forms.HiddenInput
    )
    seen_text = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    seen_food = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    seen_grams = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_choices(choices)

    def set_choices(self, choices) -> None:
        self.fields["food"].choices = [("", "Pick a food"), *choices]


LineFormSet = forms.formset_factory(
    LineForm,
    extra=0,
    can_delete=True,
    max_num=MAX_INGREDIENTS,
    validate_max=True,
    absolute_max=MAX_INGREDIENTS + 20,
)
