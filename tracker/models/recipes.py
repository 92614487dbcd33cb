"""Recipes: a person's dish made of catalogue foods, their own foods and other recipes.

Each recipe is backed by one private Food row (owner = the person, category
``RECIPE_CATEGORY``) whose per-100 g values are rewritten from the ingredients whenever
the recipe is saved, or one of the person's own foods in it is (``TrackerConfig.ready``).  Logging, search, the week's top foods, the export and privacy then
all go through the paths custom foods already take: search finds the food by the
recipe's name in its owner's search only, an entry copies the food's values when it is
logged (so editing or deleting the recipe later rewrites no past day), and deleting the
account cascades to both.  A recipe used inside another recipe is that food as an
ingredient.

An ingredient keeps a copy of its food's per-100 g values, as an entry does, so a custom
food deleted later leaves the recipe's numbers as they were; saving the recipe again
reads the values of the foods that still exist (a catalogue row's too).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse

from foods.models import (
    MAX_KCAL_PER_100G,
    MAX_MINERAL_PER_100G,
    RECIPE_CATEGORY,
    Food,
    Portion,
)
from foods.nutrients import HUNDRED, scaled_expr

MAX_INGREDIENTS = 100
MAX_RECIPES = 200
MAX_INGREDIENT_GRAMS = Decimal(20_000)  # a big stock pot, not a typo of a kilogram more
MAX_POT_GRAMS = Decimal(100_000)
MAX_SERVINGS = 100
SERVING_LABEL = "1 serving"
# What a recipe works out, per 100 g of the dish: the Food fields and their twins on an
# ingredient's copy.
VALUES = {
    "magnesium": ("magnesium_mg", "magnesium_per_100g"),
    "potassium": ("potassium_mg", "potassium_per_100g"),
    "energy": ("energy_kcal", "energy_per_100g"),
    "sodium": ("sodium_mg", "sodium_per_100g"),
}


class RecipeQuerySet(models.QuerySet):
    def for_user(self, user) -> "RecipeQuerySet":
        return self.filter(owner=user)


class Recipe(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recipes"
    )
    food = models.OneToOneField(Food, on_delete=models.CASCADE, related_name="recipe")
    name = models.CharField(max_length=200)
    servings = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SERVINGS)],
        help_text="How many servings the whole recipe makes.",
    )
    cooked_grams = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_POT_GRAMS)],
        help_text="Weight of the whole cooked dish in grams; empty: the ingredients' sum.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecipeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tracker:recipe", args=[self.pk])

    def totals(self) -> "RecipeTotals":
        """The whole recipe's sums, summed by the database in one query."""
        return RecipeTotals.of(self)

    @transaction.atomic
    def save_with(self, lines: list["RecipeIngredient"]) -> None:
        """Save the recipe with these ingredients (replacing any it had) and rewrite its
        food's name, per-100 g values and "1 serving" portion, then those of every recipe
        that uses this one."""
        if self.food_id is None:
            self.food = Food.objects.create(
                owner=self.owner,
                source=Food.Source.CUSTOM,
                category=RECIPE_CATEGORY,
                description=self.name,
            )
        self.save()
        self.ingredients.all().delete()
        for position, line in enumerate(lines):
            line.recipe, line.position = self, position
            if line.food_id is not None:
                line.take_values_from(line.food)
        RecipeIngredient.objects.bulk_create(lines)
        self.refresh_food()
        for parent in self.users_of():
            parent.refresh_food(read_ingredients=True)

    def refresh_food(self, read_ingredients: bool = False) -> None:
        """Write the food that stands for this recipe from its ingredients' copies (read
        afresh from their foods first with ``read_ingredients``)."""
        if read_ingredients:
            lines = list(self.ingredients.select_related("food"))
            for line in lines:
                if line.food is not None:
                    line.take_values_from(line.food)
            RecipeIngredient.objects.bulk_update(lines, [f for _, f in VALUES.values()])
        totals = self.totals()
        food = self.food
        food.description = self.name
        for key, (field, _) in VALUES.items():
            # An ingredient without a value makes the dish's value unknown, not the sum of
            # the rest: an entry of this recipe then counts as missing it, as the week's
            # coverage rule does for any food without a value.  The recipe's own page says
            # "at least" the known part, and which ingredient lacks it.
            value = totals.per_100g(key) if not totals.unknown[key] else None
            limit = MAX_KCAL_PER_100G if key == "energy" else MAX_MINERAL_PER_100G
            # The form keeps the cooked weight near the ingredients'; this is the guard.
            setattr(food, field, value if value is None or value <= limit else None)
        food.save()
        serving = totals.serving_grams
        portion = food.portions.filter(seq=0).first()
        if serving is None or serving > Decimal(5000) or serving <= 0:
            if portion:
                portion.delete()
        elif portion:
            if portion.grams != serving:
                portion.grams = serving
                portion.save(update_fields=["grams"])
        else:
            Portion.objects.create(food=food, seq=0, label=SERVING_LABEL, grams=serving)

    def users_of(self) -> list["Recipe"]:
        """The person's recipes that contain this one, directly or through others, the
        nearest first (each rewritten after what it contains)."""
        graph = recipe_graph(self.owner_id)
        by_food = {r.food_id: r for r in Recipe.objects.for_user(self.owner_id)}
        order, frontier = [], [self.food_id]
        while frontier:
            parents = [r for r in by_food.values() if set(frontier) & graph.get(r.food_id, set())]
            parents = [r for r in parents if r not in order and r.pk != self.pk]
            order.extend(parents)
            frontier = [r.food_id for r in parents]
        return order


def refresh_recipes_using(food: Food) -> None:
    """Rewrite every recipe with ``food`` among its ingredients (and the recipes that use
    those), reading the food's new values: a person who corrects their own food sees the
    dishes made with it corrected too."""
    direct = Recipe.objects.filter(owner_id=food.owner_id, ingredients__food=food).distinct()
    for recipe in direct.select_related("food"):
        recipe.refresh_food(read_ingredients=True)
        for parent in recipe.users_of():
            parent.refresh_food(read_ingredients=True)


def recipe_graph(owner_id: int) -> dict[int, set[int]]:
    """{recipe food id: ids of the foods its ingredients are}, for one person, one query."""
    graph: dict[int, set[int]] = {}
    rows = RecipeIngredient.objects.filter(recipe__owner_id=owner_id, food__isnull=False)
    for recipe_food, food in rows.values_list("recipe__food_id", "food_id"):
        graph.setdefault(recipe_food, set()).add(food)
    return graph


def would_cycle(graph: dict[int, set[int]], recipe_food: int | None, ingredient: int) -> bool:
    """Whether ``ingredient`` in the recipe whose food is ``recipe_food`` would make the
    recipe contain itself, directly or through other recipes (pure)."""
    if recipe_food is None:  # a new recipe: nothing can contain it yet
        return False
    seen, stack = set(), [ingredient]
    while stack:
        food = stack.pop()
        if food == recipe_food:
            return True
        if food not in seen:
            seen.add(food)
            stack.extend(graph.get(food, ()))
    return False


class RecipeIngredient(models.Model):
    recipe = models.ForeignKey(Recipe, on_delete=models.CASCADE, related_name="ingredients")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=200, blank=True, help_text="The line as written.")
    food = models.ForeignKey(
        Food, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    portion = models.ForeignKey(
        Portion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quantity = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    portion_label = models.CharField(max_length=120, blank=True)
    grams = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_INGREDIENT_GRAMS)],
    )
    # The food's values when the recipe was last saved (a deleted food keeps them here).
    description = models.CharField(max_length=255)
    magnesium_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    potassium_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    energy_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    sodium_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)

    class Meta:
        ordering = ["recipe", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(grams__gt=0), name="ingredient_grams_positive")
        ]

    def __str__(self) -> str:
        return f"{self.grams} g {self.description}"

    def take_values_from(self, food: Food) -> None:
        self.food = food
        self.description = food.description
        for field, copy in VALUES.values():
            setattr(self, copy, getattr(food, field))


def _rounded(value: Decimal | None, places: str = "0.1") -> Decimal | None:
    return None if value is None else value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass
class RecipeTotals:
    """A recipe's sums over its ingredients: ``whole`` mg (kcal for energy) of the known
    values, ``unknown`` the descriptions of the ingredients without each value."""

    servings: int
    raw_grams: Decimal
    cooked_grams: Decimal | None
    whole: dict[str, Decimal]
    unknown: dict[str, list[str]]
    count: int

    @classmethod
    def of(cls, recipe: Recipe) -> "RecipeTotals":
        sums = recipe.ingredients.aggregate(
            raw_grams=Sum("grams"),
            count=Count("id"),
            **{key: Sum(scaled_expr(copy, "grams")) for key, (_, copy) in VALUES.items()},
        )
        missing = recipe.ingredients.filter(
            Q(magnesium_per_100g=None) | Q(potassium_per_100g=None)
        ).values_list("description", "magnesium_per_100g", "potassium_per_100g")
        unknown = {key: [] for key in VALUES}
        if sums["count"]:
            for description, mg, k in missing:
                if mg is None:
                    unknown["magnesium"].append(description)
                if k is None:
                    unknown["potassium"].append(description)
            # Energy and sodium are shown as they are; a gap there is said, not chased.
        return cls(
            servings=recipe.servings,
            raw_grams=sums["raw_grams"] or Decimal(0),
            cooked_grams=recipe.cooked_grams,
            whole={key: Decimal(sums[key] or 0) for key in VALUES},
            unknown=unknown,
            count=sums["count"],
        )

    @property
    def dish_grams(self) -> Decimal:
        """What the whole dish weighs: the cooked weight when given (water gained or lost
        in cooking), else the ingredients' sum."""
        return self.cooked_grams or self.raw_grams

    @property
    def serving_grams(self) -> Decimal | None:
        if not self.dish_grams:
            return None
        return _rounded(self.dish_grams / self.servings, "0.01")

    def per_100g(self, key: str) -> Decimal | None:
        if not self.dish_grams:
            return None
        return _rounded(self.whole[key] * HUNDRED / self.dish_grams, "0.01")

    def per_serving(self, key: str) -> Decimal:
        return _rounded(self.whole[key] / self.servings)
