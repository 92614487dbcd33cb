"""The form renderer writes inputs, selects, labels and error lists itself: the same
markup as Django's templates for them, for every kind of value and attribute."""

from datetime import date

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from config.forms import FormRenderer
from tracker.forms import EntryForm, ProfileForm


class Everything(forms.Form):
    text = forms.CharField(initial='He said "<b>5 & 6</b>"', help_text="help")
    number = forms.DecimalField(
        initial="12.5", min_value=0, widget=forms.NumberInput(attrs={"step": "any"})
    )
    when = forms.DateField(
        initial=date(2026, 11, 25), widget=forms.DateInput(attrs={"type": "date"})
    )
    secret = forms.CharField(widget=forms.HiddenInput, initial=mark_safe("&amp;"))
    agree = forms.BooleanField(initial=True, required=False)
    off = forms.BooleanField(initial=False, required=False)
    choice = forms.ChoiceField(
        choices=[("", "---"), ("a", "A & B"), ("<x>", '"quoted"')], initial="<x>"
    )
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("none", "None")],
        initial="pear",
    )
    many = forms.MultipleChoiceField(choices=[(1, "One"), (2, "Two")], initial=[2])
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"autofocus": True}))
    gone = forms.CharField(widget=forms.TextInput(attrs={"disabled": False}), required=False)
    radio = forms.ChoiceField(
        choices=[("a", "A & B"), ("<x>", '"quoted"')], initial="<x>", widget=forms.RadioSelect
    )
    radio_grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("none", "None")],
        widget=forms.RadioSelect(attrs={"class": "segmented"}),
    )
    boxes = forms.MultipleChoiceField(
        choices=[(1, "One"), (2, "Two <2>")], initial=[2], widget=forms.CheckboxSelectMultiple
    )


@pytest.mark.parametrize("bound", [False, True])
def test_inputs_and_selects_match_djangos_own_templates(bound):
    data = {"text": "x<y", "number": "abc", "choice": "a", "grouped": "apple", "many": ["1"]}
    data |= {"radio": "a", "radio_grouped": "pear", "boxes": ["1", "2"]}
    ours = Everything(data if bound else None, renderer=FormRenderer())
    theirs = Everything(data if bound else None, renderer=TemplatesSetting())
    for name in ours.fields:
        assert str(ours[name]) == str(theirs[name]), name


@pytest.mark.django_db
def test_the_apps_forms_render_as_before(alice):
    for form in (EntryForm(user=alice), ProfileForm()):
        for name in form.fields:
            theirs = form[name].as_widget(attrs=None)
            form.renderer = TemplatesSetting()
            assert form[name].as_widget() == theirs, name
            form.renderer = FormRenderer()


@pytest.mark.parametrize("bound", [False, True])
def test_labels_and_error_lists_match_djangos_own_templates(bound):
    data = {"text": "", "number": "abc", "choice": "zz", "grouped": "apple", "many": ["9"]}
    ours = Everything(data if bound else None, renderer=FormRenderer())
    theirs = Everything(data if bound else None, renderer=TemplatesSetting())
    for name in ours.fields:
        assert ours[name].label_tag() == theirs[name].label_tag(), name
        assert ours[name].label_tag("<i>x</i> & y", attrs={"class": "c"}) == theirs[name].label_tag(
            "<i>x</i> & y", attrs={"class": "c"}
        ), name
        assert ours[name].legend_tag() == theirs[name].legend_tag(), name
        assert str(ours[name].errors) == str(theirs[name].errors), name
    if bound:
        assert any(str(ours[name].errors) for name in ours.fields)  # some lists are shown
        ours.add_error(None, 'Not "<this>" & not that.')
        theirs.add_error(None, 'Not "<this>" & not that.')
    assert str(ours.non_field_errors()) == str(theirs.non_field_errors())
    # A form without ids still labels its fields, without a tag.
    plain = Everything(auto_id=False, renderer=FormRenderer())
    theirs = Everything(auto_id=False, renderer=TemplatesSetting())
    assert plain["text"].label_tag() == theirs["text"].label_tag() == "Text:"


def test_radio_groups_match_without_ids():
    ours = Everything(auto_id=False, renderer=FormRenderer())
    theirs = Everything(auto_id=False, renderer=TemplatesSetting())
    for name in ("radio", "radio_grouped", "boxes"):
        assert str(ours[name]) == str(theirs[name]), name
