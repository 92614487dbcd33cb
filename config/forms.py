from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Django's own form templates, found through the project's TEMPLATES (so
    ``templates/forms/`` is searched beside the ``django.forms`` app's templates), with
    one documented hook: every field renders through ``forms/field.html`` (label,
    control, a one-line help with the id its aria-describedby names, then errors; radio
    groups as segmented choices and checkboxes beside their sentence)."""

    field_template_name = "forms/field.html"
