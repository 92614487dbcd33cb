from django import forms

from tracker.models import ApiToken
from tracker.models.tokens import MAX_ACTIVE


class TokenForm(forms.Form):
    """Name a new API token; a person has at most MAX_ACTIVE at once."""

    name = forms.CharField(
        label="Name",
        max_length=60,
        help_text="What it is for, so you know which to revoke: “phone shortcut”, “spreadsheet”.",
        error_messages={
            "required": "Give the token a name.",
            "max_length": "At most 60 characters.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if ApiToken.objects.for_user(self.user).active().count() >= MAX_ACTIVE:
            raise forms.ValidationError(
                f"You have {MAX_ACTIVE} tokens; revoke one you no longer use first."
            )
        return cleaned
