from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import Jinja2
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.functional import cached_property


class FormRenderer(Jinja2):
    """Django's own form renderer for Jinja2: the same widget, label and error markup as
    its Django-template twin, from the templates Django ships for it, compiled to Python
    code once per process.  A page's forms cost a tenth of what they did through the
    template language (see docs/performance.md), with nothing of Django's re-written.

    One documented hook: every field renders through ``forms/field.html`` (label,
    control, a one-line help with the id its aria-describedby names, then errors; radio
    groups as segmented choices and checkboxes beside their sentence), found in
    ``templates/jinja2/`` before Django's own.

    The admin ships its widgets as Django templates only, so a widget template that
    Jinja2 cannot find is looked up in the project's TEMPLATES, as Django's
    ``TemplatesSetting`` renderer would."""

    field_template_name = "forms/field.html"

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": False,
                "DIRS": [
                    settings.BASE_DIR / "templates" / "jinja2",
                    Path(django.forms.__file__).parent / "jinja2",
                ],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return get_template(template_name)
