from django import forms

from tracker.imports.table import MAX_BYTES


class ImportForm(forms.Form):
    """The file to import, and (on confirming) the digest of the file that was previewed,
    so what is imported is what the person saw."""

    file = forms.FileField(
        label="Export file",
        help_text="Cronometer's servings.csv, MyFitnessPal's Nutrition export (CSV or ZIP) "
        "or an mgk backup; at most 20 MB.",
        error_messages={"required": "Choose the file to import.", "empty": "The file is empty."},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.zip,.json,text/csv"}),
    )
    confirm = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is over {MAX_BYTES // 2**20} MB; export fewer days at once."
            )
        return upload
