from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.urls import reverse

from foods.nutrients import ADULT_REFERENCE_MG, PER_GRAM, scale
from foods.suggesting import CHILD_MONTHS, not_suggested

# Highest plausible per-100 g values, to catch unit mistakes on import and in forms.
# Pure potassium chloride is 52.4 % K and magnesium oxide 60.3 % Mg, i.e. 60,300 mg/100 g.
MAX_MINERAL_PER_100G = Decimal(70_000)
MAX_SODIUM_PER_100G = Decimal(40_000)  # table salt: 38,758 mg/100 g
MAX_KCAL_PER_100G = Decimal(902)  # pure fat, with a little rounding room

# A typical portion is the lightest household measure of at least this weight.
TYPICAL_MIN_GRAMS = Decimal(20)
# "Rich in": one typical portion gives a tenth of the adult reference intake, the share
# US labelling calls a good source (21 CFR 101.54: 10-19 % of the Daily Value).
RICH_SHARE = Decimal("0.1")
SERVING_KCAL = Decimal(250)
# "Lower in potassium" for a person whose potassium is restricted: under this much in the
# portion the add form offers (a dietitian's review; renal diets call foods under about
# 200 mg a serving low in potassium).
LOWER_POTASSIUM_MG = Decimal(200)
# Children are offered the curated everyday foods only (popularity 2: foods people
# commonly eat, not the long tail of the catalogue).
EVERYDAY = 2
MINERALS = ("magnesium", "potassium")
# An everyday name fits one line of a phone's list: "Oatmeal, cooked with water".
NAME_MAX_LENGTH = 60
# The category of the private food that stands for a person's recipe (the tracker keeps
# the recipe itself): such a food is edited as a recipe, not on the own-foods pages.
RECIPE_CATEGORY = "Recipes"
AMOUNT_FIELD = DecimalField(max_digits=14, decimal_places=4)


def _per_100g_field(verbose_name: str, maximum: Decimal, help_text: str) -> models.DecimalField:
    # NULL means "not analysed"; it is never stored as 0, which would be a claim.
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(maximum)],
        help_text=help_text,
    )


class FoodQuerySet(models.QuerySet):
    def visible_to(self, user) -> "FoodQuerySet":
        """The shared catalogue plus the foods ``user`` created (nobody else's)."""
        if user is None or not user.is_authenticated:
            return self.filter(owner__isnull=True)
        return self.filter(Q(owner__isnull=True) | Q(owner=user))

    def with_first_portion(self) -> "FoodQuerySet":
        """Annotate ``first_portion_grams`` (the portion shown first) in the same query."""
        first = Portion.objects.filter(food=OuterRef("pk")).order_by("seq", "id")
        return self.annotate(
            first_portion_grams=Subquery(first.values("grams")[:1]),
            first_portion_label=Subquery(first.values("label")[:1]),
        )

    def with_typical_portion(self) -> "FoodQuerySet":
        """Annotate ``typical_grams``/``typical_label``: the portion the add form offers
        first (``Food.default_portion``), so a table's "portion" is the one a person
        logs.  The default catalogue's foods and a person's own lead with their first
        portion; a food from a USDA import with its lightest measure of at least 20 g
        (1 oz of seeds, not the cup; never a pinch)."""
        first = Portion.objects.filter(food=OuterRef("pk")).order_by("seq", "id")
        typical = Portion.objects.filter(food=OuterRef("pk"), grams__gte=TYPICAL_MIN_GRAMS)
        typical = typical.order_by("grams", "seq", "id")
        curated = Q(popularity__gt=0) | Q(owner__isnull=False)

        def pick(field: str, output):
            # A USDA food with no measure of 20 g or more falls back to its first one.
            return Case(
                When(curated, then=Subquery(first.values(field)[:1])),
                default=Coalesce(
                    Subquery(typical.values(field)[:1]), Subquery(first.values(field)[:1])
                ),
                output_field=output,
            )

        return self.annotate(
            typical_grams=pick("grams", Portion._meta.get_field("grams")),
            typical_label=pick("label", Portion._meta.get_field("label")),
        )

    def suggestable(self, age_months: int | None = None) -> "FoodQuerySet":
        """Shared catalogue foods mgk may put forward (``foods.suggesting``): no
        supplements, no one's own foods, only foods eaten as they are described; for a
        child of ``age_months``, only everyday foods a child of that age eats."""
        qs = self.filter(owner__isnull=True, is_supplement=False).exclude(not_suggested(age_months))
        if age_months is not None and age_months < CHILD_MONTHS:
            qs = qs.filter(popularity__gte=EVERYDAY)
        return qs

    def with_amounts(
        self, basis: str, cap_kcal: Decimal | None = None, max_kcal: Decimal | None = None
    ) -> "FoodQuerySet":
        """Annotate ``magnesium_amount`` and ``potassium_amount`` (mg) in one typical
        portion (``basis="portion"``) or per 100 kcal (``"kcal"``).  Foods without such a
        portion or energy value drop out.  ``cap_kcal`` counts at most that much energy of
        a portion; ``max_kcal`` leaves out foods whose typical portion holds more (a cup
        of seeds is a measure, not a portion)."""
        if basis == "portion":
            qs = self.with_typical_portion().filter(typical_grams__isnull=False)
            if max_kcal is not None:
                qs = qs.alias(
                    portion_kcal=F("typical_grams") * F("energy_kcal") * Value(PER_GRAM)
                ).filter(Q(portion_kcal__lte=max_kcal) | Q(energy_kcal__isnull=True))
            grams = F("typical_grams")
            if cap_kcal is not None:
                # See foods.nutrients.PER_GRAM: no integer division on SQLite.
                most = Value(cap_kcal) / (F("energy_kcal") * Value(PER_GRAM))
                grams = Least(grams, Case(When(energy_kcal__gt=0, then=most), default=grams))

            def amount(mineral):
                return F(f"{mineral}_mg") * grams * Value(PER_GRAM)

        else:
            qs = self.filter(energy_kcal__gt=0)

            def amount(mineral):
                return F(f"{mineral}_mg") / (F("energy_kcal") * Value(PER_GRAM))

        return qs.annotate(
            **{
                f"{m}_amount": ExpressionWrapper(amount(m), output_field=AMOUNT_FIELD)
                for m in MINERALS
            }
        )

    def richest(self, minerals: tuple[str, ...]) -> "FoodQuerySet":
        """Order foods annotated by ``with_amounts`` richest first in ``minerals``.

        With both minerals a food ranks by the smaller of its two shares of the adult
        reference intakes, so "rich in both" means a fair amount of each.
        """
        qs = self.filter(**{f"{m}_mg__isnull": False for m in minerals})
        shares = [F(f"{m}_amount") / Value(ADULT_REFERENCE_MG[m]) for m in minerals]
        richness = shares[0] if len(shares) == 1 else Least(*shares)
        return qs.alias(richness=ExpressionWrapper(richness, output_field=AMOUNT_FIELD)).order_by(
            F("richness").desc(), "description"
        )

    def rich_in(
        self,
        minerals: tuple[str, ...],
        *,
        prefer=(),
        avoid_potassium=False,
        age_months: int | None = None,
        limit=5,
    ) -> "FoodQuerySet":
        """Catalogue foods (no supplements) that give at least a tenth of an adult's
        reference intake of each of ``minerals`` in one typical portion, counted as at
        most SERVING_KCAL of the food (seeds are measured by the cup, not eaten by it).

        Foods in ``prefer`` (ids a person already logs) come first, then the curated
        everyday foods, then the richest.  ``avoid_potassium`` keeps only foods with a
        known potassium value under LOWER_POTASSIUM_MG in their portion, for people whose
        potassium is restricted; ``age_months`` a child's age (``suggestable``).  One query.
        """
        qs = self.suggestable(age_months).with_amounts("portion", cap_kcal=SERVING_KCAL)
        for mineral in minerals:
            qs = qs.filter(**{f"{mineral}_amount__gte": RICH_SHARE * ADULT_REFERENCE_MG[mineral]})
        if avoid_potassium:
            # The whole portion, not the part counted toward "rich": what is eaten.
            qs = qs.alias(
                portion_potassium=F("potassium_mg") * F("typical_grams") * Value(PER_GRAM)
            ).filter(portion_potassium__lt=LOWER_POTASSIUM_MG)
        ranked = qs.richest(minerals).annotate(
            preferred=Case(When(pk__in=list(prefer), then=Value(1)), default=Value(0))
        )
        return ranked.order_by("-preferred", "-popularity", F("richness").desc(), "description")[
            :limit
        ]

    def order_by_mineral(self, mineral: str, basis: str) -> "FoodQuerySet":
        """Richest first in ``mineral`` per 100 g, per first portion or per 100 kcal."""
        field = F(f"{mineral}_mg")
        if basis == "portion":
            key = field * F("first_portion_grams")
        elif basis == "kcal":
            key = Case(
                # See foods.nutrients.PER_GRAM: no integer division on SQLite.
                When(energy_kcal__gt=0, then=field / (F("energy_kcal") * Value(PER_GRAM))),
                default=None,
            )
        else:
            key = field
        return self.alias(sort_key=key).order_by(F("sort_key").desc(nulls_last=True), "description")


class Food(models.Model):
    class Source(models.TextChoices):
        SR_LEGACY = "sr_legacy", "USDA FoodData Central, SR Legacy"
        FOUNDATION = "foundation", "USDA FoodData Central, Foundation Foods"
        SUPPLEMENT = "mgk_supplement", "mgk supplement list (label values)"
        CUSTOM = "custom", "Entered by you"

    description = models.CharField(max_length=255)
    # USDA's descriptions read like a database ("Cereals, oats, regular and quick, ...,
    # cooked with water"); lists show this instead, and the food page shows both.
    name = models.CharField(
        max_length=NAME_MAX_LENGTH,
        blank=True,
        help_text="A short everyday name of our own; empty shows the description.",
    )
    category = models.CharField(max_length=100, blank=True, db_index=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.CUSTOM)
    # NULL, not "", for custom foods: NULLs never collide in the (source, source_id) key.
    source_id = models.CharField(  # noqa: DJ001
        max_length=40,
        null=True,
        blank=True,
        help_text="FDC id for USDA foods; a short slug for our supplement list; empty for custom.",
    )
    is_supplement = models.BooleanField(
        default=False,
        help_text="Counted apart: the magnesium upper limit applies to supplements only.",
    )
    popularity = models.PositiveSmallIntegerField(
        choices=[(0, "other"), (1, "everyday catalogue"), (2, "staple")],
        default=0,
        help_text="Curated: how likely a person means this food. Ranks search results.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="custom_foods",
        help_text="Set for a person's own food, which only they can see.",
    )
    magnesium_mg = _per_100g_field("magnesium (mg/100 g)", MAX_MINERAL_PER_100G, "mg per 100 g")
    potassium_mg = _per_100g_field("potassium (mg/100 g)", MAX_MINERAL_PER_100G, "mg per 100 g")
    energy_kcal = _per_100g_field("energy (kcal/100 g)", MAX_KCAL_PER_100G, "kcal per 100 g")
    sodium_mg = _per_100g_field("sodium (mg/100 g)", MAX_SODIUM_PER_100G, "mg per 100 g")
    updated_at = models.DateTimeField(auto_now=True)

    objects = FoodQuerySet.as_manager()

    class Meta:
        ordering = ["description"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="food_source_unique"),
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | ~Q(source="custom"),
                name="food_custom_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("foods:detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        """What lists show: our everyday name, or USDA's description for foods without one
        (imported foods, a person's own foods)."""
        return self.name or self.description

    @property
    def fdc_id(self) -> int | None:
        if self.source in (self.Source.SR_LEGACY, self.Source.FOUNDATION) and self.source_id:
            return int(self.source_id)
        return None

    @property
    def fdc_url(self) -> str | None:
        return (
            f"https://fdc.nal.usda.gov/food-details/{self.fdc_id}/nutrients"
            if self.fdc_id
            else None
        )

    def default_portion(self, portions: list["Portion"]) -> "Portion | None":
        """The portion the add form offers first.  The default catalogue's foods lead with
        a curated one and a person's own foods with theirs; a food from a USDA import
        (whose first measure is often "1 cup" of seeds) offers its lightest measure of at
        least 20 g: 1 oz of seeds, a tablespoon of molasses, never a pinch."""
        if not portions:
            return None
        if self.popularity or self.owner_id is not None:
            return portions[0]
        typical = [p for p in portions if p.grams >= TYPICAL_MIN_GRAMS]
        return min(typical, key=lambda p: p.grams) if typical else portions[0]

    def minerals_for(self, grams: Decimal) -> dict[str, Decimal | None]:
        return {
            "magnesium": scale(self.magnesium_mg, grams),
            "potassium": scale(self.potassium_mg, grams),
        }


class Portion(models.Model):
    """A household measure: "1 cup, chopped" weighs ``grams``."""

    food = models.ForeignKey(Food, on_delete=models.CASCADE, related_name="portions")
    label = models.CharField(max_length=120)
    grams = models.DecimalField(
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal(5000))],
        help_text="Weight of one such portion in grams.",
    )
    seq = models.PositiveIntegerField(
        null=True, blank=True, help_text="Order within the food (FDC seq_num for USDA portions)."
    )

    class Meta:
        ordering = ["food", "seq", "id"]
        constraints = [
            models.UniqueConstraint(fields=["food", "seq"], name="portion_food_seq_unique"),
            models.CheckConstraint(condition=Q(grams__gt=0), name="portion_grams_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.grams.normalize():f} g)"


class CatalogueVersion(models.Model):
    """One row whose token changes with every write to the shared catalogue.

    Each server process keeps what it derives from the shared catalogue (the search
    index, the category counts) under this token, and reads this one row per search to
    know whether that is still current.  Database triggers (migration 0003) write a new
    token in the same statement as any insert, update or delete of a food whose owner
    is NULL, before or after, so no way of writing a food can forget it.  A person's own
    foods leave it alone: they are read from the database for that person's search.
    """

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"catalogue version {self.token}"

    @classmethod
    def current(cls) -> str:
        return cls.objects.filter(pk=1).values_list("token", flat=True).first() or ""
