"""Headers, login throttling, CSRF and escaping: the parts that held under a security test,
kept tested so they keep holding."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from foods.models import Food, Portion
from tracker.models import Entry, Profile

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_strict_content_security_policy(client, logged_in):
    for c, url in ((client, "/"), (client, "/foods/?q=bean"), (logged_in, "/log/")):
        policy = c.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_pages_have_no_inline_script_or_style(logged_in, alice, log, food):
    log(alice, food(173944), 118, "lunch")
    for url in ("/", "/log/", "/week/", "/trends/", "/profile/", "/learn/why-together/"):
        body = logged_in.get(url).content.decode()
        assert ' style="' not in body and "<style" not in body, url
        for tag in body.split("<script")[1:]:
            assert tag.lstrip().startswith("src="), url


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_wrong_passwords_lock_the_account_for_a_while(client, alice):
    for _ in range(4):
        assert _login(client, "alice", "wrong-password").status_code == 200
    assert _login(client, "alice", "wrong-password").status_code == 429  # the fifth locks
    locked = _login(client, "alice", "correct-horse-9")  # even the right one, for now
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_resets_the_count(client, alice):
    for _ in range(4):
        _login(client, "alice", "wrong-password")
    assert _login(client, "alice", "correct-horse-9").status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "alice", "wrong-password")
    assert _login(client, "alice", "correct-horse-9").status_code == 302


def test_the_admin_login_is_throttled_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", "r@example.org", "admin-pass-99")
    for _ in range(5):
        client.post("/admin/login/", {"username": "root", "password": "nope"})
    response = client.post("/admin/login/", {"username": "root", "password": "admin-pass-99"})
    assert response.status_code == 429


@pytest.fixture
def owned(alice, profile_for, food):
    """alice's profile, an entry, and a food of her own with a portion."""
    profile_for(alice)
    mine = Food.objects.create(description="Soup", owner=alice, magnesium_mg=Decimal(10))
    Portion.objects.create(food=mine, label="1 bowl", grams=Decimal(250))
    entry = Entry(user=alice, date=date(2026, 11, 16), meal="lunch", grams=Decimal(100))
    entry.take_values_from(food(173944))
    entry.save()
    return {"entry": entry, "food": mine}


def _state(alice):
    return (
        list(Entry.objects.filter(user=alice).values_list("id", "grams", "meal")),
        list(Food.objects.filter(owner=alice).values_list("id", "description")),
        list(Profile.objects.filter(user=alice).values_list("sex", "date_of_birth")),
        alice.__class__.objects.filter(pk=alice.pk).exists(),
    )


def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(alice, owned):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    entry, mine = owned["entry"], owned["food"]
    posts = {
        "/log/2026-11-16/add/": {"food": mine.pk, "grams": "100", "meal": "lunch"},
        "/log/2026-11-16/quick-add/": {"entry": entry.pk},
        "/log/2026-11-16/copy/": {"from_date": "2026-11-16", "from_meal": "lunch"},
        f"/log/entry/{entry.pk}/edit/": {"grams": "5", "meal": "dinner", "date": "2026-11-16"},
        f"/log/entry/{entry.pk}/delete/": {},
        "/log/undo/": {"token": "x"},
        "/profile/": {"sex": "male", "date_of_birth": "1950-01-01", "timezone": "UTC"},
        "/account/delete/": {"password": "correct-horse-9"},
        "/foods/mine/new/": {"description": "New", "basis": "100g", "magnesium_mg": "1"},
        f"/foods/mine/{mine.pk}/edit/": {"description": "Renamed", "basis": "100g"},
        f"/foods/mine/{mine.pk}/delete/": {},
        "/accounts/logout/": {},
        "/accounts/password_change/": {"old_password": "correct-horse-9"},
    }
    before = _state(alice)
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert _state(alice) == before


PAYLOADS = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>']


@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_is_inert_on_every_page_that_shows_it(logged_in, alice, payload):
    mine = Food.objects.create(
        description=payload, owner=alice, magnesium_mg=Decimal(40), potassium_mg=Decimal(50)
    )
    bowl = Portion.objects.create(food=mine, label=payload, grams=Decimal(200))
    entry = Entry(user=alice, date=date(2026, 11, 16), meal="lunch", grams=Decimal(200))
    entry.take_values_from(mine)
    entry.portion, entry.portion_label, entry.quantity = bowl, payload, Decimal(1)
    entry.save()
    pages = [
        "/log/2026-11-16/",
        f"/log/2026-11-16/?q=script&food={mine.pk}",
        f"/log/entry/{entry.pk}/edit/",
        "/week/2026-W47/",
        f"/foods/{mine.pk}/",
        "/foods/mine/",
        f"/foods/mine/{mine.pk}/edit/",
        f"/foods/mine/{mine.pk}/delete/",
        "/foods/?q=script",
    ]
    for url in pages:
        body = logged_in.get(url).content.decode()
        assert payload not in body, url
        assert "onerror=alert" not in body.replace("onerror=alert(1)&gt;", ""), url


def test_password_reset_mail_is_rate_limited_per_address(client, alice, mailoutbox):
    for _ in range(20):
        response = client.post("/accounts/password_reset/", {"email": "ALICE@example.org"})
        assert response.status_code == 302  # the same answer every time
    assert len(mailoutbox) == 3
    assert (
        client.post("/accounts/password_reset/", {"email": "nobody@example.org"}).status_code == 302
    )
    assert len(mailoutbox) == 3


def test_an_error_is_logged_with_its_traceback_and_never_shown(client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr("tracker.views.account.render", broken)
    client.raise_request_exception = False
    with caplog.at_level("ERROR"):
        response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and "Not medical advice." in body
    assert "secret detail" not in body and "Traceback" not in body
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert logged and logged[0].exc_info and "secret detail" in str(logged[0].exc_info[1])


def test_each_request_is_one_log_line(client, caplog):
    with caplog.at_level("INFO", logger="mgk.requests"):
        client.get("/foods/?q=bean")
    (line,) = [r.getMessage() for r in caplog.records if r.name == "mgk.requests"]
    assert line.startswith("GET /foods/ 200 ") and line.endswith("ms") and "bean" not in line


def _login_from(address, username, password):
    return Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"username": username, "password": password}
    )


def test_a_lock_holds_one_account_from_one_address_only(alice, bob):
    for _ in range(5):
        _login_from("203.0.113.7", "alice", "wrong-password")
    locked = _login_from("203.0.113.7", "alice", "correct-horse-9")
    assert locked.status_code == 429
    # Someone else in the same household signs in; alice can from another network.
    assert _login_from("203.0.113.7", "bob", "battery-staple-7").status_code == 302
    assert _login_from("198.51.100.4", "alice", "correct-horse-9").status_code == 302


def test_the_lock_message_says_when_it_ends(alice, settings):
    import time_machine
    from django.utils import timezone

    settings.TIME_ZONE = "UTC"
    with time_machine.travel("2026-11-20T10:00:00+00:00", tick=False):
        for _ in range(5):
            response = _login_from("203.0.113.7", "alice", "wrong-password")
        assert timezone.now().hour == 10
    page = " ".join(response.content.decode().split())
    assert response.status_code == 429
    assert "The lock ends at 10:15 (UTC) on 20 November, 15 minutes after this try" in page
    assert "Other accounts, and this one from other connections, are not affected" in page


def test_a_login_name_longer_than_any_is_a_form_error_not_a_500(client, alice):
    # On PostgreSQL (CI runs this file there too) django-axes would write the name tried
    # into a varchar(255) and fail; the form refuses it first.
    for name in ("a" * 300, "b" * 250 + "@example.org"):
        response = client.post("/accounts/login/", {"username": name, "password": "x"})
        assert response.status_code == 200
        assert "No user name or e-mail address is that long" in response.content.decode()
    page = client.get("/accounts/login/").content.decode()
    assert 'maxlength="254"' in page
