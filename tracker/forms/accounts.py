from datetime import date, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.core.validators import DecimalValidator, MaxLengthValidator
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator

from foods.forms import FiniteDecimalField
from tracker import units as intake_units
from tracker.models import EARLIEST_DAY, PasswordResetRequest, Profile
from tracker.targets import age_in_months

MAX_LOGIN_NAME = 254  # the longest e-mail address (RFC 5321); user names stop at 150


class LoginForm(AuthenticationForm):
    """Django's sign-in form, saying what it takes: the user name or the e-mail address
    (tracker.auth signs in with either)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "That user name or e-mail and password do not match an account. "
            "Passwords are case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = "User name or e-mail"
        # Django's login form sets only the widget's maxlength, which a script ignores;
        # django-axes stores the name tried in a varchar(255), and PostgreSQL refuses a
        # longer one (a 500).  An e-mail address has at most 254 characters.
        field.max_length = MAX_LOGIN_NAME
        field.widget.attrs["maxlength"] = MAX_LOGIN_NAME
        field.validators.append(
            MaxLengthValidator(MAX_LOGIN_NAME, "No user name or e-mail address is that long.")
        )


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=True, help_text="Used only to reset your password.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


class WholeMilligrams(DecimalValidator):
    """Django's digits check, in words a person uses."""

    messages = {
        **DecimalValidator.messages,
        "max_decimal_places": "Enter whole milligrams.",
        "max_digits": "That is more than mgk can store; please check it.",
        "max_whole_digits": "That is more than mgk can store; please check it.",
    }


class TimeZones(BaseChoiceIterator):
    """The model's list of about 600 time zones as a form's choices, used as it is.

    Given the list itself, Django deep-copies it into every form made and, given a
    callable, normalizes its answer on each use: either was a quarter of the profile
    page's time.  The list is fixed for the life of the process (the zones Python
    knows), so every form can share it."""

    def __iter__(self):
        return iter(Profile._meta.get_field("timezone").choices)

    def __deepcopy__(self, memo):
        return self


class LongSelect(forms.Select):
    """A select whose options are written in one template loop (a list of hundreds)."""

    template_name = "forms/widgets/long_select.html"


# Plausible ranges: outside them a number is more likely a slip than a fact.  A care
# team's number outside the target ranges is kept once the person confirms it.
MAX_AGE_YEARS = 120
MIN_PREGNANCY_AGE_YEARS = 10
TARGET_RANGES = {
    "magnesium_target_mg": (50, 2000),
    "potassium_target_mg": (500, 10000),
}


class ProfileForm(forms.ModelForm):
    date_of_birth = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Reference intakes change with age.",
    )
    age = forms.IntegerField(
        label="or your age in years",
        required=False,
        min_value=0,
        max_value=120,
        help_text="If you prefer not to give a date; mgk then counts from today.",
        error_messages={
            "min_value": "Enter an age from 0 to 120 years.",
            "max_value": "Enter an age from 0 to 120 years.",
            "invalid": "Enter your age as a whole number of years.",
        },
    )
    timezone = forms.ChoiceField(
        label="Time zone",  # as people write it, not the field's name
        choices=TimeZones(),
        widget=LongSelect,
        help_text="Decides when your day starts.",
        error_messages={"invalid_choice": "Pick a time zone from the list."},
    )
    confirm = forms.BooleanField(
        label="Yes, these are right",
        required=False,
        help_text="Only asked when a number above is unusual.",
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
        error_messages = {
            # The model's own lower bound, said as a person would.
            "magnesium_target_mg": {"min_value": "Enter a number of milligrams above 0."},
            "potassium_target_mg": {"min_value": "Enter a number of milligrams above 0."},
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

    def clean_units(self) -> str:
        return self.cleaned_data.get("units") or intake_units.MG

    def clean_date_of_birth(self) -> date | None:
        born = self.cleaned_data["date_of_birth"]
        if born is None:
            return None
        if born > timezone.localdate():
            raise forms.ValidationError("A date of birth cannot be in the future.")
        if born < EARLIEST_DAY or age_in_months(born, timezone.localdate()) > 12 * (
            MAX_AGE_YEARS + 1
        ):
            raise forms.ValidationError("That is over 120 years ago; please check the year.")
        return born

    def unusual(self, cleaned: dict) -> list[tuple[str, str]]:
        """(field, why) for each changed value that is possible but unusual: kept only once
        the person ticks "Yes, these are right"."""
        found = []
        born = cleaned.get("date_of_birth")
        if born is not None and age_in_months(born, timezone.localdate()) < 12:
            found.append(
                (
                    "date_of_birth",
                    "That makes you under one year old, and mgk would use the "
                    "reference intakes for infants.",
                )
            )
        for name, (low, high) in TARGET_RANGES.items():
            value = cleaned.get(name)
            # Zero and below are refused outright (the model's own bound), not questioned.
            if value is None or value <= 0 or name not in self.changed_data:
                continue
            if not low <= value <= high:
                found.append(
                    (
                        name,
                        f"Most targets are between {low:,} and {high:,} mg; "
                        "is this the number your care team gave you?",
                    )
                )
        if "date_of_birth" not in self.changed_data and "age" not in self.changed_data:
            found = [(name, why) for name, why in found if name != "date_of_birth"]
        return found

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
        born = cleaned.get("date_of_birth")
        if (
            cleaned.get("life_stage")
            and born is not None
            and age_in_months(born, timezone.localdate()) < 12 * MIN_PREGNANCY_AGE_YEARS
        ):
            self.add_error(
                "life_stage",
                "Pregnancy and breastfeeding need an age of at least 10; "
                "please check the date of birth.",
            )
        self.needs_confirm = False
        if not cleaned.get("confirm"):
            for name, why in self.unusual(cleaned):
                if name not in self.errors:
                    self.add_error(name, f"{why} If so, tick “Yes, these are right”.")
                    self.needs_confirm = True
        return cleaned


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
