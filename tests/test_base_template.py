import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["home", "foods:list", "login"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_page_has_the_disclaimer_landmarks_and_htmx(client, name):
    body = client.get(reverse(name)).content.decode()
    assert "Not medical advice." in body
    assert 'class="skip-link" href="#main"' in body and '<main id="main"' in body
    assert "<nav" in body and "<footer" in body
    assert '<script src="/static/django_htmx/htmx-2.min.js"' in body  # no CDN
    assert 'hx-headers=\'{"x-csrftoken": "' in body
    assert 'name="viewport"' in body


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_no_template_comment_leaks_into_a_page(client, name):
    body = client.get(reverse(name)).content.decode()
    assert "{#" not in body and "#}" not in body and "{%" not in body
