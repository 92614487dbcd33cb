from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form field through one template (templates/forms/field.html): label, control,
    a one-line help with the id its aria-describedby names, then errors, always in that
    order; radio groups as segmented choices and checkboxes beside their sentence."""

    field_template_name = "forms/field.html"
