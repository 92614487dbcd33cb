"""The report's range: how many whole weeks, ending with the week of which day."""

from django import forms
from django.utils import timezone

from tracker import report
from tracker.models import EARLIEST_DAY, latest_day


class ReportForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label="Weeks",
        coerce=int,
        choices=[(n, f"{n} week{'s' if n > 1 else ''}") for n in range(1, report.MAX_WEEKS + 1)],
        initial=report.DEFAULT_WEEKS,
        error_messages={"invalid_choice": f"Choose 1 to {report.MAX_WEEKS} weeks."},
    )
    end = forms.DateField(
        label="Ending with the week of",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date, such as 2026-11-30."},
    )

    def __init__(self, data=None, **kwargs):
        # A first visit has no query string: the default range, shown in the form too.
        if not data:
            data = {"weeks": report.DEFAULT_WEEKS, "end": timezone.localdate().isoformat()}
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        weeks, end = cleaned.get("weeks"), cleaned.get("end") or timezone.localdate()
        cleaned["end"] = end
        # Checked before the bounds are worked out: 31 December 9999 has no Sunday after it.
        if not EARLIEST_DAY <= end <= latest_day() or (
            weeks and report.bounds(end, weeks)[0] < EARLIEST_DAY
        ):
            self.add_error("end", "Choose a week from 1900 to a year from now.")
        return cleaned
