import zoneinfo
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from tracker import insights, targets
from tracker import units as intake_units

TIMEZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


def profile_of(user) -> "Profile | None":
    """The user's profile, or None before the first-login step.  Cached on the user."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


class Profile(models.Model):
    class Sex(models.TextChoices):
        FEMALE = targets.FEMALE, "Female"
        MALE = targets.MALE, "Male"

    class LifeStage(models.TextChoices):
        NONE = "", "Neither"
        PREGNANT = targets.PREGNANT, "Pregnant"
        LACTATING = targets.LACTATING, "Breastfeeding"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sex = models.CharField(
        max_length=6,
        choices=Sex.choices,
        help_text="Reference intakes are published for female and male bodies.",
    )
    date_of_birth = models.DateField()
    life_stage = models.CharField(max_length=10, choices=LifeStage.choices, blank=True)
    potassium_restricted = models.BooleanField(
        "kidney disease or potassium-affecting medicines",
        default=False,
        help_text="Chronic kidney disease, potassium-sparing diuretics, ACE inhibitors or ARBs.",
    )
    magnesium_target_mg = models.DecimalField(
        "own magnesium target (mg/day)",
        max_digits=6,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
    )
    potassium_target_mg = models.DecimalField(
        "own potassium target (mg/day)",
        max_digits=6,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20000)],
    )
    timezone = models.CharField(max_length=64, default="UTC", choices=[(t, t) for t in TIMEZONES])
    units = models.CharField(
        "show intake in",
        max_length=4,
        choices=intake_units.CHOICES,
        default=intake_units.MG,
        help_text="Some people think in millimoles. Intake in mmol is not comparable with a "
        "blood test's mmol/L. CSV exports stay in mg.",
    )

    def __str__(self) -> str:
        return f"profile of {self.user}"

    def person_on(self, day: date) -> "insights.Person":
        """Who the notes speak to on ``day``: age, pregnancy and the potassium flag."""
        return insights.Person(
            age_months=targets.age_in_months(self.date_of_birth, day),
            pregnant=self.sex == targets.FEMALE and self.life_stage == targets.PREGNANT,
            potassium_restricted=self.potassium_restricted,
        )

    def targets_on(self, day: date) -> targets.Targets:
        return targets.reference(
            sex=self.sex,
            born=self.date_of_birth,
            on=day,
            life_stage=self.life_stage if self.sex == targets.FEMALE else "",
            potassium_restricted=self.potassium_restricted,
            magnesium_override=self.magnesium_target_mg,
            potassium_override=self.potassium_target_mg,
        )


class PasswordResetRequest(models.Model):
    """When a reset e-mail went to an address: at most a few an hour reach one inbox."""

    email = models.EmailField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"reset for {self.email} at {self.created_at:%Y-%m-%d %H:%M}"
