import re
from html.parser import HTMLParser

import pytest
import textstat
from django.template.loader import render_to_string
from django.urls import reverse

from foods.models import Food
from tracker.learn import PAGES

pytestmark = pytest.mark.django_db

MAX_GRADE = 9
FORBIDDEN = ["safe to combine", "generally considered safe", "you need"]
DISCLAIMER = "Not medical advice."


class ArticleText(HTMLParser):
    """The prose of an <article>: footnote marks and tables left out, one sentence per block.

    A heading or a list item without a full stop is still a sentence of its own, as a
    reader takes it.
    """

    BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "caption"}
    SKIPPED = {"sup", "table"}

    def __init__(self):
        super().__init__()
        self.inside = 0
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.inside += 1
        elif tag in self.SKIPPED:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside -= 1
        elif tag in self.SKIPPED:
            self.skipping -= 1
        elif tag in self.BLOCKS and self.parts:
            last = self.parts[-1].rstrip()
            if last and last[-1] not in ".!?:":
                self.parts.append(".")
            self.parts.append(" ")

    def handle_data(self, data):
        if self.inside and not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.parts)).strip()


def article_prose(body: str) -> str:
    """The article's text without its reference list."""
    parser = ArticleText()
    parser.feed(body.split('<h2 id="refs">')[0] + "</article>")
    return parser.text()


@pytest.fixture
def learn_page(client):
    def get(slug: str) -> str:
        response = client.get(reverse("tracker:learn_page", args=[slug]))
        assert response.status_code == 200, slug
        return response.content.decode()

    return get


def test_it_lists_every_page_on_the_index(client):
    body = client.get(reverse("tracker:learn")).content.decode()
    for slug, page in PAGES.items():
        assert reverse("tracker:learn_page", args=[slug]) in body
        assert page.title in body


def test_it_keeps_the_slugs_other_pages_link_to():
    assert set(PAGES) >= {
        "why-together",
        "stubborn-low-potassium",
        "food-sources",
        "supplements-and-kidneys",
        "reference-intakes",
        "reading-your-numbers",
        "when-to-see-someone",
    }


@pytest.mark.parametrize("slug", PAGES)
def test_it_answers_with_references_and_a_review_date(learn_page, slug):
    body = learn_page(slug)
    refs = body.split('<h2 id="refs">')[1].split("</ol>")[0]
    assert re.search(r'href="https://(doi\.org/10\.|pubmed\.ncbi\.nlm\.nih\.gov/\d)', refs)
    assert "Last reviewed: " in body and "25 November 2026" in body
    assert "it does not diagnose" in body and DISCLAIMER in body


@pytest.mark.parametrize("slug", PAGES)
def test_it_ties_every_footnote_to_a_reference(learn_page, slug):
    body = learn_page(slug)
    targets = set(re.findall(r'href="#(ref-\d+)"', body))
    ids = re.findall(r'id="([^"]+)"', body)
    assert targets, f"{slug} cites nothing"
    assert targets <= set(ids)
    assert len(ids) == len(set(ids)), "ids must be unique"
    # Every listed reference is cited at least once.
    assert {i for i in ids if i.startswith("ref-")} == targets


def test_it_answers_404_for_an_unknown_page(client):
    response = client.get(reverse("tracker:learn_page", args=["nope"]))
    assert response.status_code == 404


@pytest.mark.parametrize("slug", PAGES)
def test_it_reads_at_grade_9_or_under(learn_page, slug):
    prose = article_prose(learn_page(slug))
    assert len(prose.split()) > 100
    grade = textstat.flesch_kincaid_grade(prose)
    assert grade <= MAX_GRADE, f"{slug}: Flesch-Kincaid grade {grade}"


@pytest.mark.parametrize("slug", PAGES)
def test_it_avoids_advice_words(learn_page, slug):
    prose = article_prose(learn_page(slug)).lower()
    for phrase in FORBIDDEN:
        assert phrase not in prose, f"{slug}: {phrase!r}"


def test_it_measures_prose_without_footnotes_or_tables():
    body = (
        "<nav>Skip me</nav><article><h2>Title</h2><p>One.<sup><a>1</a></sup></p>"
        "<table><tr><td>Seeds, pumpkin</td></tr></table><ul><li>a list item</li></ul>"
        '<h2 id="refs">References</h2><ol><li>Huang</li></ol></article>'
    )
    assert article_prose(body) == "Title. One. a list item."


def _catalogue_foods():
    return list(Food.objects.suggestable().with_typical_portion().filter(popularity__gte=1))


def test_it_lists_the_richest_foods_from_the_live_catalogue(client, django_assert_max_num_queries):
    foods = _catalogue_foods()
    # A portion is the one the add form offers, and holds no more than 300 kcal.
    with_portion = [
        f
        for f in foods
        if f.typical_grams
        and (f.energy_kcal is None or f.typical_grams * f.energy_kcal / 100 <= 300)
    ]
    assert len(with_portion) < len([f for f in foods if f.typical_grams])  # some left out
    top_mg = max(
        (f for f in with_portion if f.magnesium_mg is not None),
        key=lambda f: f.magnesium_mg * f.typical_grams,
    )
    top_k_kcal = max(
        (f for f in foods if f.potassium_mg is not None and f.energy_kcal),
        key=lambda f: f.potassium_mg / f.energy_kcal,
    )
    with django_assert_max_num_queries(6):
        body = client.get(reverse("tracker:learn_page", args=["food-sources"])).content.decode()
    mg_table = body.split('id="magnesium"')[1].split('id="potassium"')[0]
    first_row = mg_table.split("<tbody>")[1].split("</tr>")[0]
    assert f'href="{top_mg.get_absolute_url()}"' in first_row
    assert top_k_kcal.get_absolute_url() in body.split('id="potassium"')[1]
    assert body.count('class="food-rank"') == 6


def test_it_ranks_both_by_the_smaller_share(client):
    body = client.get(reverse("tracker:learn_page", args=["food-sources"])).content.decode()
    both = body.split('id="both"')[1]
    rows = re.findall(r'<th scope="row"><a href="/foods/(\d+)/"', both.split("</table>")[0])

    def lesser_share(food):
        grams = food.typical_grams
        return min(food.magnesium_mg * grams / 420, food.potassium_mg * grams / 3400)

    shown = [Food.objects.with_typical_portion().get(pk=pk) for pk in rows]
    assert len(shown) == 10
    shares = [lesser_share(f) for f in shown]
    assert shares == sorted(shares, reverse=True)
    candidates = [
        f
        for f in _catalogue_foods()
        if f.typical_grams
        and f.magnesium_mg is not None
        and f.potassium_mg is not None
        and (f.energy_kcal is None or f.typical_grams * f.energy_kcal / 100 <= 300)
    ]
    assert shares[0] == max(lesser_share(f) for f in candidates)


def test_it_never_lists_supplements_or_custom_foods(client, alice):
    mine = Food.objects.create(
        description="Alice's magnesium shake", owner=alice, magnesium_mg=60000, energy_kcal=1
    )
    mine.portions.create(label="1 scoop", grams=100)
    client.force_login(alice)
    body = client.get(reverse("tracker:learn_page", args=["food-sources"])).content.decode()
    for food in Food.objects.filter(is_supplement=True):
        assert food.get_absolute_url() not in body
    assert "magnesium shake" not in body


def test_it_shows_the_magnesium_upper_limits_by_age(learn_page):
    from tracker.targets import MAGNESIUM_SUPPLEMENT_UL

    body = learn_page("supplements-and-kidneys")
    for limit in {ul for ul in MAGNESIUM_SUPPLEMENT_UL if ul}:
        assert f"{limit} mg a day" in body
    assert "healthy kidneys" in body
    assert "Salt substitutes" in body and "potassium chloride" in body


def test_it_keeps_the_disclaimer_on_the_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert DISCLAIMER in response.content.decode()


def test_it_keeps_the_disclaimer_on_the_500_page():
    body = render_to_string("500.html", {})
    assert DISCLAIMER in body and "<html" in body
    assert "dietitian" in body
