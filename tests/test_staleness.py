"""Two server processes on one database: every change to the catalogue shows at once in
both, whichever way it is written, and a person's own food shows to them alone.

Each process keeps its own search index of the shared catalogue; a change written by
one process (or by a command, or by the admin of one of them) must show in the next
search and on the food's page of the other, with no restart and no wait.  On the
database the run is configured for: SQLite in a temporary file, or a fresh database on
the PostgreSQL server of DATABASE_URL.  An ``MGK_REDIS_URL`` of the environment reaches
the servers too, so a shared cache, if configured, is exercised the same way.
"""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.servers import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "staleness-test-pass-9"

# Runs in one long-lived process against the servers' database: each line read is code
# to run, each answer the value it left in ``result``.
WRITER = r"""
import io, json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from foods.models import CatalogueVersion, Food, Portion

quiet = io.StringIO()
for line in sys.stdin:
    scope = {**globals(), "result": None}
    try:
        exec(json.loads(line), scope)
        answer = {"result": scope["result"]}
    except Exception as exc:
        answer = {"error": repr(exc)}
    sys.stdout.write("\x1e" + json.dumps(answer, default=str) + "\n")
    sys.stdout.flush()
"""

SETUP = f"""
call_command("migrate", "--no-input", verbosity=0)
call_command("load_catalogue", stdout=quiet)
User = get_user_model()
User.objects.create_superuser("admin", "admin@example.org", "{PASSWORD}")
for name in ("alice", "bob"):
    User.objects.create_user(name, f"{{name}}@example.org", "{PASSWORD}")
"""


class BehindTLS(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure; here TLS ends at a (pretend) proxy on loopback."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's cookies on one server; ``on()`` takes them to the other."""

    def __init__(self, base: str, jar: http.cookiejar.CookieJar | None = None):
        self.base = base
        self.jar = jar or http.cookiejar.CookieJar(policy=BehindTLS())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def get(self, path: str, **params) -> tuple[int, str]:
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, data: dict | list[tuple[str, str]]) -> int:
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        pairs = [
            *(data.items() if isinstance(data, dict) else data),
            ("csrfmiddlewaretoken", token),
        ]
        body = urllib.parse.urlencode(pairs)
        request = urllib.request.Request(
            self.base + path,
            data=body.encode(),
            method="POST",
            # What a browser behind the TLS proxy sends: the CSRF check compares the origin.
            headers={"X-Forwarded-Proto": "https", "Origin": self.base.replace("http:", "https:")},
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def on(self, base: str) -> "Browser":
        """The same person on another server (sessions live in the shared database)."""
        return Browser(base, self.jar)

    def log_in(self, username: str) -> "Browser":
        self.get("/accounts/login/")
        assert self.post("/accounts/login/", {"username": username, "password": PASSWORD}) == 302
        return self


class FormFields(HTMLParser):
    """What a browser would submit from the page's ``<form id=form_id>``."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select = [a["name"], None, None]  # name, first option, selected option
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._select[1] = value if self._select[1] is None else self._select[1]
            if "selected" in a:
                self._select[2] = value
        elif tag == "textarea":
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            name, first, chosen = self._select
            self.fields.append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None


def _write_fdc(folder: Path, description: str, magnesium: str) -> Path:
    """A tiny FoodData Central download: one SR Legacy food, fdc id 990501."""
    folder.mkdir(exist_ok=True)
    files = {
        "food.csv": [
            ["fdc_id", "data_type", "description", "food_category_id", "publication_date"],
            ["990501", "sr_legacy_food", description, "9", "2019-04-01"],
        ],
        "food_category.csv": [["id", "code", "description"], ["9", "0900", "Fruits"]],
        "food_nutrient.csv": [
            ["id", "fdc_id", "nutrient_id", "amount"],
            ["1", "990501", "1090", magnesium],
            ["2", "990501", "1092", "300"],
            ["3", "990501", "1008", "50"],
        ],
        "measure_unit.csv": [["id", "name"], ["9999", "undetermined"]],
        "food_portion.csv": [
            ["id", "fdc_id", "seq_num", "amount", "measure_unit_id", "portion_description",
             "modifier", "gram_weight"],
            ["1", "990501", "1", "1.0", "9999", "", "fruit", "120.0"],
        ],
    }  # fmt: skip
    for name, rows in files.items():
        text = "\n".join(",".join(f'"{c}"' for c in row) for row in rows) + "\n"
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def deployment(scratch_database_url, tmp_path):
    """Two gunicorn processes (one sync worker each) and a writer, on one fresh database
    with the default catalogue; all stopped afterwards, whatever happens."""
    env = {
        **os.environ,  # MGK_REDIS_URL, if set, among them
        "DATABASE_URL": scratch_database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "staleness-test-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_LOGIN_FAILURE_LIMIT": "1000",
        "MGK_PLAIN_STATIC": "1",
    }
    python = sys.executable
    processes, logs = [], []
    try:
        writer = subprocess.Popen(
            [python, "-c", WRITER], cwd=ROOT, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )  # fmt: skip
        processes.append(writer)

        def run(code: str):
            writer.stdin.write(json.dumps(code) + "\n")
            writer.stdin.flush()
            while not (line := writer.stdout.readline()).startswith("\x1e"):
                assert line, "the writer stopped"
            answer = json.loads(line[1:])
            assert "error" not in answer, answer["error"]
            return answer["result"]

        run(SETUP)
        bases = []
        for n in range(2):
            port = free_port()
            log = (tmp_path / f"gunicorn-{n}.log").open("w")
            logs.append(log)
            command = [python, "-m", "gunicorn", "config.wsgi", "--workers", "1",
                       "--bind", f"127.0.0.1:{port}", "--timeout", "60"]  # fmt: skip
            processes.append(
                subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base, server in zip(bases, processes[1:], strict=True):
            assert wait_until_up(base + "/healthz", server) == b"ok"
        yield bases, run, tmp_path
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()
    output = "".join(p.read_text() for p in tmp_path.glob("gunicorn-*.log"))
    assert "Traceback" not in output, output


def test_two_processes_show_every_change_at_once(deployment):
    # One deployment for both parts: starting it is most of the time this takes.
    _catalogue_changes(*deployment)
    _a_persons_own_food(*deployment)
    _a_persons_pages(*deployment)


def _catalogue_changes(bases, run, tmp_path):
    anonymous = [Browser(base) for base in bases]
    for browser in anonymous:  # each process builds its index
        assert "Bananas, raw" in browser.get("/foods/", q="banana")[1]

    def shown(name: str, food_id: int, *values: str, portion: str = "") -> None:
        """``name`` and ``values`` in both processes' search and on the food's page."""
        query = " ".join(re.findall(r"[A-Za-z]+", name)[:1])
        for browser in anonymous:
            params = {"q": query, "basis": "portion"} if portion else {"q": query}
            status, results = browser.get("/foods/", **params)
            assert status == 200 and name in results, (browser.base, name)
            status, page = browser.get(f"/foods/{food_id}/")
            assert status == 200 and name in page, (browser.base, name)
            for value in values:
                assert f'<td class="num">{value}</td>' in results, (browser.base, value)
                assert f"{value} mg" in page, (browser.base, value)
            if portion:
                assert portion in results and portion in page, (browser.base, portion)

    def gone(query: str, food_id: int) -> None:
        for browser in anonymous:
            assert f"/foods/{food_id}/" not in browser.get("/foods/", q=query)[1]
            assert browser.get(f"/foods/{food_id}/")[0] == 404

    # A model save, creating and then changing a food.
    food_id = run(
        "result = Food.objects.create(description='Zzcreated berries, raw', "
        "source='sr_legacy', source_id='990001', magnesium_mg=101).pk"
    )
    shown("Zzcreated berries, raw", food_id, "101")
    run(
        f"food = Food.objects.get(pk={food_id}); food.description = 'Zzsaved berries, raw'; "
        "food.magnesium_mg = 102; food.save()"
    )
    shown("Zzsaved berries, raw", food_id, "102")

    # A queryset update.
    run(
        f"Food.objects.filter(pk={food_id})"
        ".update(description='Zzupdated berries, raw', magnesium_mg=103)"
    )
    shown("Zzupdated berries, raw", food_id, "103")

    # A portion saved, then changed: the per-portion column and the food's page.
    run(f"Portion.objects.create(food_id={food_id}, seq=1, label='1 zzcup', grams=200)")
    shown("Zzupdated berries, raw", food_id, "206", portion="1 zzcup")
    run(f"portion = Portion.objects.get(food_id={food_id}); portion.grams = 300; portion.save()")
    shown("Zzupdated berries, raw", food_id, "309", portion="1 zzcup")

    # bulk_create, then a model delete and a queryset delete.
    run(
        "Food.objects.bulk_create([Food(description=f'Zzbulk{n} nuts, raw', source='sr_legacy', "
        "source_id=f'99000{n}', magnesium_mg=104) for n in (2, 3)])"
    )
    bulk = run("result = dict(Food.objects.filter(source_id__in=['990002', '990003'])"
               ".values_list('source_id', 'pk'))")  # fmt: skip
    shown("Zzbulk2 nuts, raw", bulk["990002"], "104")
    shown("Zzbulk3 nuts, raw", bulk["990003"], "104")
    run(f"Food.objects.get(pk={bulk['990002']}).delete()")
    gone("zzbulk2", bulk["990002"])
    run(f"Food.objects.filter(pk={bulk['990003']}).delete()")
    gone("zzbulk3", bulk["990003"])

    # import_fdc, creating a food and then updating it in place.
    folder = tmp_path / "fdc"
    for description, magnesium in (
        ("Zzimported fruit, raw", "105"),
        ("Zzreimported fruit, raw", "106"),
    ):
        _write_fdc(folder, description, magnesium)
        run(f"call_command('import_fdc', {str(folder)!r}, '--no-progress', stdout=quiet)")
        imported = run("result = Food.objects.get(source_id='990501').pk")
        shown(description, imported, magnesium)

    # The admin's change form, posted as a superuser to one process.
    admin = Browser(bases[0]).log_in("admin")
    path = f"/admin/foods/food/{food_id}/change/"
    status, form = admin.get(path)
    assert status == 200
    parser = FormFields("food_form")
    parser.feed(form)
    data = dict(parser.fields)
    assert "description" in data and "portions-TOTAL_FORMS" in data
    replaced = ("description", "magnesium_mg", "csrfmiddlewaretoken")
    fields = [(k, v) for k, v in parser.fields if k not in replaced]
    fields += [("description", "Zzadmin berries, raw"), ("magnesium_mg", "107"), ("_save", "Save")]
    assert admin.post(path, fields) == 302
    shown("Zzadmin berries, raw", food_id, "107")

    # load_catalogue puts back a catalogue food changed meanwhile.
    banana = run("result = Food.objects.get(source_id='173944').pk")
    run(
        f"Food.objects.filter(pk={banana}).update(name='Zzrenamed bananas', description='Zzrenamed bananas', magnesium_mg=999)"
    )
    shown("Zzrenamed bananas", banana, "999")
    run("call_command('load_catalogue', stdout=quiet)")
    shown("Bananas, raw", banana, "27")
    gone_name = [b.get("/foods/", q="zzrenamed")[1] for b in anonymous]
    assert all("Zzrenamed" not in body for body in gone_name)


def _a_persons_own_food(bases, run, _):
    """Shown to them at once in both processes, to no one else, catalogue version kept."""
    alice = Browser(bases[0]).log_in("alice")
    bob = Browser(bases[1]).log_in("bob")
    alice, bob = [alice, alice.on(bases[1])], [bob.on(bases[0]), bob]
    anonymous = [Browser(base) for base in bases]
    for browser in alice + bob + anonymous:  # each process builds its index
        assert "Bananas, raw" in browser.get("/foods/", q="banana")[1]
    version = run("result = CatalogueVersion.current()")

    food_id = run(
        "result = Food.objects.create(description='Zzmine granola', magnesium_mg=108, "
        "owner=get_user_model().objects.get(username='alice')).pk"
    )
    for browser in alice:
        assert "Zzmine granola" in browser.get("/foods/", q="zzmine")[1]
        status, page = browser.get(f"/foods/{food_id}/")
        assert status == 200 and "108 mg" in page
    for browser in bob + anonymous:
        assert "Zzmine granola" not in browser.get("/foods/", q="zzmine")[1]
        assert browser.get(f"/foods/{food_id}/")[0] == 404

    run(f"Food.objects.filter(pk={food_id}).update(description='Zzmine muesli')")
    for browser in alice:
        assert "Zzmine muesli" in browser.get("/foods/", q="zzmine")[1]
    assert run("result = CatalogueVersion.current()") == version


LOW_WEEK = """
from datetime import date, timedelta
from django.utils import timezone
from tracker.models import Entry, Profile
alice = get_user_model().objects.get(username="alice")
Profile.objects.create(user=alice, sex="female", date_of_birth=date(1990, 5, 1), timezone="UTC")
apple = Food.objects.get(source_id="171688")
for back in range(7):
    for meal in ("breakfast", "lunch"):
        entry = Entry(user=alice, date=timezone.localdate() - timedelta(days=back), meal=meal,
                      grams=100)
        entry.take_values_from(apple)
        entry.save()
"""


def _a_persons_pages(bases, run, _):
    """An entry saved through one process, and a catalogue food renamed, show at once on
    the day, week and trends pages and in the notes' suggestions of both processes."""
    run(LOW_WEEK)
    alice = Browser(bases[0]).log_in("alice")
    alice = [alice, alice.on(bases[1])]
    pages = ("/log/", "/week/", "/trends/")
    for browser in alice:  # each process renders them once before anything changes
        for path in pages:
            assert browser.get(path)[0] == 200
    day = alice[0].get("/log/")[1]
    suggested = re.search(r'class="suggestions"[^>]*>\s*<li><a href="/foods/(\d+)/">', day)
    assert suggested, "a low week's notes suggest foods"
    food_id = int(suggested.group(1))
    # The notes show a food's everyday name (its description when it has none).
    run(f"Food.objects.filter(pk={food_id}).update(name='Zzrenamed greens, raw')")
    for browser in alice:
        assert "Zzrenamed greens, raw" in browser.get("/log/")[1], browser.base

    # An entry saved through the first process: both show it, and the week's numbers.
    def numbers(browser, path):  # the page less its per-response CSRF tokens
        return re.sub(r"[A-Za-z0-9]{64}", "", browser.get(path)[1])

    before = {(b.base, path): numbers(b, path) for b in alice for path in ("/week/", "/trends/")}
    almonds = run("result = Food.objects.get(source_id='170567').pk")
    shown_as = run("result = Food.objects.get(source_id='170567').display_name")
    today = run("from django.utils import timezone; result = str(timezone.localdate())")
    data = {"food": almonds, "grams": "30", "meal": "snacks", "date": today}
    assert alice[0].post(f"/log/{today}/add/", data) == 302
    for browser in alice:
        assert shown_as in browser.get("/log/")[1], browser.base
        week = numbers(browser, "/week/")
        assert shown_as in week and week != before[browser.base, "/week/"]
        assert numbers(browser, "/trends/") != before[browser.base, "/trends/"], browser.base
