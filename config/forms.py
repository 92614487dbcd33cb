from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

# Django's own templates for these widgets are an <input> or a <select> whose attributes
# and options are each a further template include: a day page's sixteen controls cost
# some 130 template renders.  The renderer writes the same markup directly.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input", "text", "number", "email", "password", "hidden", "date", "time", "url",
        "tel", "search", "checkbox",
    )
}  # fmt: skip
SELECT_TEMPLATE = "django/forms/widgets/select.html"
# Radio groups and checkbox lists: an include per option, each including the input.
MULTIPLE_TEMPLATES = {
    "django/forms/widgets/radio.html",
    "django/forms/widgets/checkbox_select.html",
}
# A label is a template that includes the attributes' template; an error list, even an
# empty one, is a template that includes another: some 35 renders on a day page.
LABEL_TEMPLATE = "django/forms/label.html"
ERRORS_TEMPLATE = "django/forms/errors/list/default.html"


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: True is a bare name, False leaves it out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in (attrs or {}).items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _ in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{conditional_escape(group)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )  # the trailing newline is the option template's own last line
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _option(option: dict) -> str:
    """radio_option.html (or checkbox_option.html), which includes input_option.html,
    which includes input.html: each adds its file's last newline."""
    control = _input(option) + "\n"
    if option["wrap_label"]:
        label_id = option["attrs"].get("id")
        shown_for = f' for="{conditional_escape(label_id)}"' if label_id else ""
        control = f"<label{shown_for}>{control} {conditional_escape(option['label'])}</label>"
    return control + "\n\n"


def _multiple(widget: dict) -> str:
    """As multiple_input.html: a <div> of options, optgroups in a <div> with a label."""
    attrs = widget["attrs"]
    shown_id = f' id="{conditional_escape(attrs["id"])}"' if attrs.get("id") else ""
    shown_class = f' class="{conditional_escape(attrs["class"])}"' if attrs.get("class") else ""
    parts = [f"<div{shown_id}{shown_class}>"]
    for group, options, _ in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_option(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def _label(context: dict) -> str:
    label = conditional_escape(context["label"])
    if not context["use_tag"]:
        return label
    tag = conditional_escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


def _errors(context: dict) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    shown_id = f' id="{conditional_escape(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{conditional_escape(error)}</li>" for error in errors)
    return f'<ul class="{conditional_escape(context["error_class"])}"{shown_id}>{items}</ul>'


class FormRenderer(TemplatesSetting):
    """Every form field through one template (templates/forms/field.html): label, control,
    a one-line help with the id its aria-describedby names, then errors, always in that
    order; radio groups as segmented choices and checkboxes beside their sentence.

    Inputs, selects, radio groups, checkbox lists, labels and error lists are written in
    Python with the markup of Django's templates for them (tests/test_forms_renderer.py
    compares the two); everything else, and any widget with a template of its own,
    renders through templates as usual.
    """

    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and widget.get("template_name") == template_name:
            if template_name in INPUT_TEMPLATES:
                return mark_safe(_input(widget))  # every value above is escaped
            if template_name == SELECT_TEMPLATE:
                return mark_safe(_select(widget))
            if template_name in MULTIPLE_TEMPLATES:
                return mark_safe(_multiple(widget))  # escaped above
        if template_name == LABEL_TEMPLATE:
            return mark_safe(_label(context))  # escaped above
        if template_name == ERRORS_TEMPLATE:
            return mark_safe(_errors(context))  # escaped above
        return super().render(template_name, context, request)
