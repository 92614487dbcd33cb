"""Forms render through Django's own Jinja2 form renderer and the templates Django ships
for it, with the project's one field template (templates/jinja2/forms/field.html):
label, control, help, errors, in that order, and the aria attributes Django adds itself."""

from django import forms
from django.conf import settings
from django.forms.renderers import Jinja2
from django.utils.module_loading import import_string

from config.forms import FormRenderer


class Sample(forms.Form):
    text = forms.CharField(help_text="One line of help.")
    kind = forms.ChoiceField(
        choices=[("a", "A & B"), ("b", "B")], widget=forms.RadioSelect, help_text="Pick one."
    )
    agree = forms.BooleanField(label="I agree", required=False)
    password1 = forms.CharField(widget=forms.PasswordInput, help_text="Django's long list.")


def _html(form, name) -> str:
    return " ".join(str(form[name].as_field_group()).split())


def test_the_project_renderer_is_djangos_own_with_a_field_template():
    assert import_string(settings.FORM_RENDERER) is FormRenderer
    assert issubclass(FormRenderer, Jinja2)
    # Only the documented hook is set, and where the project's templates are found
    # (before Django's own): rendering itself is Django's.
    assert set(vars(FormRenderer)) - {"__module__", "__doc__", "__qualname__"} == {
        "field_template_name",
        "engine",
        "get_template",
    }
    origin = FormRenderer().get_template("forms/field.html").origin.name
    assert origin == str(settings.BASE_DIR / "templates" / "jinja2" / "forms" / "field.html")
    assert Sample(renderer=FormRenderer())["text"].as_field_group() != ""


def test_a_field_shows_label_control_help_then_errors():
    html = _html(Sample(renderer=FormRenderer()), "text")
    assert html.index('<label for="id_text">Text:</label>') < html.index("<input")
    assert html.index("<input") < html.index('<p class="helptext" id="id_text_helptext">')
    assert 'aria-describedby="id_text_helptext"' in html
    assert "aria-invalid" not in html and "errorlist" not in html

    html = _html(Sample({"text": ""}, renderer=FormRenderer()), "text")
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_text_helptext id_text_error"' in html
    assert html.endswith(
        '<ul class="errorlist" id="id_text_error"><li>This field is required.</li></ul>'
    )


def test_radio_groups_are_segmented_fieldsets_and_checkboxes_sit_beside_their_label():
    form = Sample(renderer=FormRenderer())
    radio = _html(form, "kind")
    assert radio.startswith(
        '<fieldset class="segmented" aria-describedby="id_kind_helptext"> <legend>Kind</legend>'
    )
    assert '<label for="id_kind_0"><input type="radio" name="kind" value="a"' in radio
    assert "A &amp; B</label>" in radio
    check = _html(form, "agree")
    assert check.startswith('<div class="check"><input type="checkbox" name="agree"')
    assert check.endswith('<label for="id_agree">I agree</label></div>')


def test_a_new_password_gets_the_short_plain_help():
    html = _html(Sample(renderer=FormRenderer()), "password1")
    assert "At least 8 characters, not only digits" in html
    assert "long list" not in html


def test_a_widgets_own_option_template_is_used():
    # Django's radio option markup as a select's options: proof that a widget's own
    # option_template_name is honoured, as Django's renderer does it.
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class Picker(forms.Form):
        choice = forms.ChoiceField(choices=[("a", "Apple")], widget=Custom)

    html = " ".join(str(Picker(renderer=FormRenderer())["choice"]).split())
    assert '<label><input type="select" name="choice" value="a"> Apple</label>' in html
    assert "<option" not in html


def test_the_long_select_writes_the_same_markup_as_djangos_select():
    from tracker.forms.accounts import LongSelect

    zones = [("Europe/Paris", "Europe/Paris"), ("Pacific/Auckland", "Pacific/Auckland & 1")]

    def render(widget):
        class Picker(forms.Form):
            zone = forms.ChoiceField(choices=zones, widget=widget)

        return " ".join(str(Picker(initial={"zone": "Pacific/Auckland"})["zone"]).split())

    html = render(LongSelect)
    assert html == render(forms.Select)
    assert '<option value="Pacific/Auckland" selected>Pacific/Auckland &amp; 1</option>' in html


def test_the_admins_own_widget_templates_still_render():
    # The admin ships Django templates only; they are found through TEMPLATES.
    html = FormRenderer().render(
        "admin/widgets/foreign_key_raw_id.html",
        {
            "widget": {
                "name": "food",
                "value": "",
                "attrs": {},
                "type": "text",
                "template_name": "",
            },
            "related_url": "/admin/foods/food/",
            "link_label": "",
            "link_url": "",
        },
    )
    assert 'name="food"' in html and "related-lookup" in html
