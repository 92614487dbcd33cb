"""What the API reads and writes, as the OpenAPI description shows it.  Amounts are
milligrams (grams for weights, kcal for energy); null means unknown, never zero."""

from datetime import date as Date
from decimal import Decimal

from ninja import Field, Schema

from tracker.models import Meal


class Error(Schema):
    message: str = Field(description="What is wrong, in a sentence a person can act on.")
    field: str | None = Field(description="The input at fault, when one is.")


class FoodOut(Schema):
    id: int
    name: str = Field(description="The everyday name the site lists it under.")
    description: str = Field(description="USDA's description (or your own food's).")
    category: str
    own: bool = Field(description="One of your own foods (only you see it).")
    supplement: bool
    magnesium_mg_per_100g: float | None
    potassium_mg_per_100g: float | None
    energy_kcal_per_100g: float | None


class FoodList(Schema):
    query: str
    items: list[FoodOut] = Field(description="Best match first, ranked as the site's search.")


class PortionOut(Schema):
    id: int
    label: str
    grams: float
    magnesium_mg: float | None
    potassium_mg: float | None


class FoodDetail(FoodOut):
    sodium_mg_per_100g: float | None
    source: str
    fdc_id: int | None
    portions: list[PortionOut]


class EntryOut(Schema):
    id: int
    date: Date
    meal: Meal
    food: int | None = Field(description="null once the food itself is deleted.")
    description: str
    portion: int | None
    portion_label: str
    quantity: float | None = Field(description="How many portions; null when logged in grams.")
    grams: float
    amount: str = Field(description="The amount as the site writes it: “2 × 1 medium” or “118 g”.")
    magnesium_mg: float | None
    potassium_mg: float | None
    supplement: bool


class EntryIn(Schema):
    food: int
    portion: int | None = Field(None, description="One of the food's portions; omit for grams.")
    quantity: Decimal | None = Field(None, description="How many portions (default 1).")
    grams: Decimal | None = Field(None, description="The weight, when no portion is given.")
    meal: Meal | None = Field(None, description="Default: the meal for the hour, as the site.")
    date: Date | None = Field(None, description="Default: today in your time zone.")


class EntryPatch(Schema):
    """Only the fields sent change.  Sending grams without a portion logs grams."""

    portion: int | None = None
    quantity: Decimal | None = None
    grams: Decimal | None = None
    meal: Meal | None = None
    date: Date | None = None


class EntryList(Schema):
    first: Date
    last: Date
    items: list[EntryOut]


class TargetsOut(Schema):
    magnesium_mg: float
    potassium_mg: float | None = Field(
        description="null when potassium is set with a provider (kidney disease or medicines)."
    )
    potassium_care_team_mg: float | None
    magnesium_supplement_ul_mg: float | None


class SuggestedFood(Schema):
    id: int
    description: str


class NoteOut(Schema):
    kind: str = Field(description="One of tracker.insights.KINDS, e.g. “magnesium-low”.")
    text: str
    caution: bool
    link: str | None = Field(description="The learn page's path, when the note has one.")
    link_text: str
    foods: list[SuggestedFood]


class MealOut(Schema):
    meal: Meal
    entries: int
    magnesium_mg: float | None
    potassium_mg: float | None
    supplement_magnesium_mg: float | None


class DayOut(Schema):
    date: Date
    targets: TargetsOut
    magnesium_mg: float
    potassium_mg: float
    supplement_magnesium_mg: float
    food_magnesium_mg: float
    magnesium_percent: int | None
    potassium_percent: int | None = Field(description="null when there is no potassium target.")
    entries_without_magnesium: int
    entries_without_potassium: int
    meals: list[MealOut]
    entries: list[EntryOut]
    notes: list[NoteOut] = Field(description="On the seven days ending this day, as the page.")


class WeekDayOut(Schema):
    date: Date
    status: str = Field(description="complete, incomplete, not logged or to come.")
    meals: int
    magnesium_mg: float | None
    potassium_mg: float | None
    magnesium_percent: int | None
    potassium_percent: int | None
    supplement_magnesium_mg: float | None
    energy_kcal: float | None
    over_supplement_limit: bool


class TopFood(Schema):
    food: int | None
    description: str
    mg: float
    share_percent: int | None


class MineralOut(Schema):
    target_mg: float | None
    average_mg: float | None = Field(description="Per day, over complete days only.")
    average_percent: int | None
    days_below: int | None = Field(description="Complete days under 75 % of target.")
    missing_percent: int | None = Field(description="Share of logged grams with no value.")
    top_foods: list[TopFood]


class WeekOut(Schema):
    week: str
    monday: Date
    sunday: Date
    targets: TargetsOut
    complete_days: int
    logged_days: int
    average_energy_kcal: float | None
    magnesium: MineralOut
    potassium: MineralOut
    days_over_supplement_limit: int
    days: list[WeekDayOut]
    notes: list[NoteOut]


class IngredientOut(Schema):
    text: str = Field(description="The line as written.")
    description: str
    food: int | None
    grams: float
    magnesium_mg: float | None
    potassium_mg: float | None


class RecipeOut(Schema):
    id: int
    name: str
    food: int = Field(description="Log the recipe as this food (POST /entries).")
    servings: int
    serving_portion: int | None = Field(description="The food's “1 serving” portion.")
    serving_grams: float | None
    magnesium_mg_per_serving: float | None = Field(description="null: an ingredient lacks it.")
    potassium_mg_per_serving: float | None


class RecipeDetail(RecipeOut):
    ingredients: list[IngredientOut]


class SavedItemOut(Schema):
    food: int | None
    description: str
    amount: str
    grams: float
    magnesium_mg: float | None
    potassium_mg: float | None


class SavedMealOut(Schema):
    id: int
    name: str
    items: list[SavedItemOut]


class LogSavedMealIn(Schema):
    date: Date | None = Field(None, description="Default: today in your time zone.")
    meal: Meal
    again: bool = Field(False, description="Log it even when that meal already has its foods.")


class LoggedOut(Schema):
    logged: int = Field(description="How many entries were written.")
    date: Date
    meal: Meal
