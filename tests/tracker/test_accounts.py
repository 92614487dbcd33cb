import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.http import StreamingHttpResponse
from django.urls import reverse

from foods.models import Food
from tests.tracker.test_day import log
from tracker.models import Entry, Profile

pytestmark = pytest.mark.django_db
User = get_user_model()


SIGNUP = {
    "username": "carol",
    "email": "carol@example.org",
    "password1": "a-long-passphrase-42",
    "password2": "a-long-passphrase-42",
}


def _link(message) -> str:
    return next(word for word in message.body.split() if "/accounts/activate/" in word)


def test_sign_up_mails_a_link_that_logs_in_and_asks_for_the_profile(client, mailoutbox):
    response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 302 and response["Location"] == reverse("signup_sent")
    carol = User.objects.get(username="carol")
    assert not carol.is_active  # not until the link is followed
    assert client.get(reverse("tracker:profile")).status_code == 302  # not logged in
    (message,) = mailoutbox
    assert message.to == ["carol@example.org"] and "finish signing up" in message.body
    path = urlsplit(_link(message)).path
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == reverse("tracker:profile")
    assert client.get(reverse("tracker:profile")).context["user"].username == "carol"
    carol.refresh_from_db()
    assert carol.is_active


def test_one_account_per_address_without_saying_so(client, alice, mailoutbox):
    again = {**SIGNUP, "email": "ALICE@Example.org"}  # alice's address, another case
    response = client.post(reverse("signup"), again)
    assert response.status_code == 302 and response["Location"] == reverse("signup_sent")
    assert not User.objects.filter(username="carol").exists()
    (message,) = mailoutbox
    assert message.to == ["alice@example.org"] and "already" in message.body
    assert "/accounts/activate/" not in message.body


def test_a_bad_or_old_activation_link_is_refused(client):
    assert client.get("/accounts/activate/not-a-token/").status_code == 400


def test_sign_up_rejects_mismatched_passwords(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "carol",
            "email": "c@example.org",
            "password1": "a-long-passphrase-42",
            "password2": "other",
        },
    )
    assert response.status_code == 200 and not User.objects.filter(username="carol").exists()


def test_log_in_and_log_out(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "correct-horse-9"})
    assert response.status_code == 302 and response["Location"] == reverse("tracker:day_today")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("tracker:day_today")).status_code == 302


def test_password_change(logged_in, alice):
    response = logged_in.post(
        reverse("password_change"),
        {
            "old_password": "correct-horse-9",
            "new_password1": "new-passphrase-77",
            "new_password2": "new-passphrase-77",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("new-passphrase-77")


def test_password_reset_mails_a_working_link(client, alice):
    response = client.post(reverse("password_reset"), {"email": "alice@example.org"})
    assert response.status_code == 302 and len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line).strip()
    path = link[link.index("/accounts/reset/") :]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "fresh-passphrase-5", "new_password2": "fresh-passphrase-5"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("fresh-passphrase-5")


def test_smtp_is_used_when_configured(tmp_path):
    import subprocess
    import sys

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup(); "
        "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_DEBUG": "1",
        "DJANGO_EMAIL_HOST": "smtp.example.org",
        "DJANGO_EMAIL_PORT": "2525",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env
    ).stdout
    assert out.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "2525",
    ]


def test_delete_account_needs_the_password_and_removes_everything(logged_in, alice, bob, food):
    log(alice, food(168462), 30)
    Food.objects.create(description="Alice's bar", owner=alice, magnesium_mg=5)
    log(bob, food(168462), 30)
    response = logged_in.post(reverse("tracker:delete_account"), {"password": "wrong"})
    assert response.status_code == 200 and User.objects.filter(pk=alice.pk).exists()
    response = logged_in.post(reverse("tracker:delete_account"), {"password": "correct-horse-9"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Entry.objects.filter(user_id=alice.pk).exists()
    assert not Profile.objects.filter(user_id=alice.pk).exists()
    assert not Food.objects.filter(description="Alice's bar").exists()
    assert Entry.objects.filter(user=bob).count() == 1  # nobody else's data goes


def test_export_streams_all_entries_as_csv(logged_in, alice, bob, food):
    spinach, banana = food(168462), food(173944)
    cup = spinach.portions.get(label="1 cup")
    log(
        alice,
        spinach,
        30,
        "breakfast",
        day=date(2025, 1, 2),
        portion=cup,
        quantity=1,
        portion_label="1 cup",
    )
    log(alice, banana, Decimal("118"), "lunch", day=date(2025, 1, 1))
    log(bob, banana, 50)
    response = logged_in.get(reverse("tracker:export"))
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        ["date", "meal", "food", "fdc_id", "amount", "grams", "magnesium_mg", "potassium_mg"],
        ["2025-01-01", "lunch", "Bananas, raw", "173944", "118 g", "118", "31.9", "422.4"],
        ["2025-01-02", "breakfast", "Spinach, raw", "168462", "1 x 1 cup", "30", "23.7", "167.4"],
    ]


def test_export_reads_in_chunks_not_all_at_once(
    logged_in, alice, food, django_assert_max_num_queries
):
    banana = food(173944)
    Entry.objects.bulk_create(
        [
            Entry(
                user=alice,
                date=date(2020, 1, 1) + timedelta(days=i),
                meal="lunch",
                grams=100,
                description="Bananas, raw",
                magnesium_per_100g=27,
                potassium_per_100g=358,
                food=banana,
            )
            for i in range(5000)
        ]
    )
    response = logged_in.get(reverse("tracker:export"))
    chunks = iter(response.streaming_content)
    next(chunks)  # the header is sent before the rows are read
    body = b"".join(chunks)
    assert body.count(b"\n") == 5000


def test_learn_pages_have_references(client):
    for slug in ("why-together", "reference-intakes", "supplements-and-kidneys"):
        body = client.get(reverse("tracker:learn_page", args=[slug])).content.decode()
        assert '<h2 id="refs">References</h2>' in body and "<li>" in body.split("References")[1]
        assert "Not medical advice." in body
    assert client.get(reverse("tracker:learn_page", args=["nope"])).status_code == 404
    assert (
        "Why magnesium and potassium belong together"
        in client.get(reverse("tracker:learn")).content.decode()
    )


def test_log_in_with_the_email_address_in_any_case(client, alice):
    response = client.post(
        reverse("login"), {"username": "Alice@Example.org", "password": "correct-horse-9"}
    )
    assert response.status_code == 302
    assert client.get(reverse("tracker:profile")).wsgi_request.user.username == "alice"


def test_numbers_come_back_as_people_write_them_in_the_edit_form(logged_in, alice, food):
    from datetime import date
    from decimal import Decimal

    from tracker.models import Entry

    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    entry = Entry(user=alice, date=date(2026, 11, 16), meal="lunch", grams=medium.grams * 2)
    entry.take_values_from(banana)
    entry.portion, entry.portion_label, entry.quantity = medium, medium.label, Decimal("2.000")
    entry.save()
    body = logged_in.get(f"/log/entry/{entry.pk}/edit/").content.decode()
    assert re.search(r'name="amount"[^>]*value="2"', body)


def test_copy_starts_from_the_day_before(logged_in):
    body = logged_in.get("/log/2026-11-16/").content.decode()
    assert 'name="from_date" value="2026-11-15"' in body


def test_targets_ask_for_whole_milligrams(logged_in):
    data = {"sex": "female", "date_of_birth": "1990-05-01", "timezone": "UTC",
            "magnesium_target_mg": "300.5"}  # fmt: skip
    body = logged_in.post(reverse("tracker:profile"), data).content.decode()
    assert "Enter whole milligrams." in body and "decimal places" not in body


def test_a_decimal_comma_is_read_as_a_point(logged_in, alice, food):
    from tracker.models import Entry

    data = {"food": food(173944).pk, "grams": "12,5", "meal": "lunch", "date": "2026-11-16"}
    assert logged_in.post("/log/2026-11-16/add/", data).status_code == 302
    assert str(Entry.objects.get(user=alice).grams.normalize()) == "12.5"
    data["grams"] = "1,000"  # a thousands separator: not sure what was meant
    assert logged_in.post("/log/2026-11-16/add/", data).status_code == 422


def test_time_zone_must_be_one_from_the_list(logged_in, alice):
    data = {"sex": "female", "date_of_birth": "1990-05-01", "timezone": "Mars/Olympus_Mons"}
    response = logged_in.post(reverse("tracker:profile"), data)
    assert "Pick a time zone from the list." in response.text
    data["timezone"] = "Pacific/Kiritimati"
    assert logged_in.post(reverse("tracker:profile"), data).status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.timezone == "Pacific/Kiritimati"
    body = logged_in.get(reverse("tracker:profile")).content.decode()
    assert '<option value="Pacific/Kiritimati" selected>' in body


def test_signing_up_again_before_activating_sends_the_link_again(client, mailoutbox):
    client.post(reverse("signup"), SIGNUP)
    # The same name and address again (the first mail never came): no "name taken".
    response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 302 and response["Location"] == reverse("signup_sent")
    assert User.objects.filter(email="carol@example.org").count() == 1
    _first, second = mailoutbox
    assert second.to == ["carol@example.org"] and "/accounts/activate/" in second.body
    assert client.get(urlsplit(_link(second)).path).status_code == 302
    assert User.objects.get(username="carol").is_active
    # Another name with the same address, also before activating, gets the link too.
    client.logout()
    User.objects.filter(username="carol").update(is_active=False, last_login=None)
    client.post(reverse("signup"), {**SIGNUP, "username": "carol2"})
    assert "/accounts/activate/" in mailoutbox[-1].body
    assert not User.objects.filter(username="carol2").exists()


def test_a_deactivated_account_is_not_sent_an_activation_link(client, alice, mailoutbox):
    from django.utils import timezone

    User.objects.filter(pk=alice.pk).update(is_active=False, last_login=timezone.now())
    client.post(reverse("signup"), {**SIGNUP, "username": "alice", "email": "alice@example.org"})
    assert all("/accounts/activate/" not in m.body for m in mailoutbox)
