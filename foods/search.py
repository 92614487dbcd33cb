"""Catalogue search: what a person types -> the foods they most likely mean, best first.

Pure functions and an in-memory index, no database (foods.finder feeds it the shared
catalogue, kept per process, and a person's own foods, read for their search).

USDA descriptions are comma-separated segments that name the food first ("Bananas,
raw"; "Fish, trout, rainbow, farmed, cooked, dry heat"; "Oil, walnut").  Every word of a
query must match a word of the description: exactly (plural or singular alike), as the
start of a word ("banan"), or, for words that match nothing, with one typo
("brocoli", "cashwes").  foods.terms folds the words and maps everyday and British
names onto USDA's ("courgette" -> zucchini, "porridge" -> cooked oats).

Ranking does not rest on the curated popularity list; it reads the description itself,
in this order (see ``Index.rank`` and ``Document.key``):

0. a listed synonym's foods before the words as typed ("crisps" are potato chips);
1. how well the words match: all exact, then some only as a word start, then a typo;
2. the food itself before its derived forms, dishes and brands (oil, flour, juice,
   peel, babyfood, fast food, restaurant dishes, "KELLOGG'S ..."), unless the query
   names them;
3. the query found in the head of the description (the plain food), not further on
   ("Bananas, raw" before "Bread, banana");
4. the foods this person logs most (equally good matches only);
5. the usual form: cooked for what people eat cooked (fish, meat, beans, grains,
   pasta, oats, potatoes), raw or plain for the rest;
6. curated popularity (the default catalogue's everyday foods);
7. fewer words the query did not ask for, then the shorter description;
8. the food's id, so that equal foods come in the same order in every process.
"""

from bisect import bisect_left

from rapidfuzz import process
from rapidfuzz.distance import OSA

from foods.documents import Document, plainness
from foods.terms import loose, stem, variants, words


class Index:
    """Word -> foods, for prefix lookups in sorted order and typo matching.

    Nothing here depends on the order of a set or on the order the foods came in: two
    processes holding the same foods rank every query alike.
    """

    def __init__(self, documents: list[Document]):
        self.documents = {d.id: d for d in documents}
        postings: dict[str, list[int]] = {}
        for doc in documents:
            for word in doc.words:
                if len(word) > 1 or word.isdigit():  # "s" of "USDA's" finds nothing
                    postings.setdefault(word, []).append(doc.id)
        # One or two letters find the foods whose name starts with them, plainest first, without
        # ranking thousands of matches on every keystroke.
        self.plainest = sorted(documents, key=plainness)
        self.postings = postings
        self.stems = {word: stem(word) for word in postings}
        # A query word finds a description word that starts with it, or whose singular
        # does ("strawberry" finds "strawberries").
        forms: dict[str, set[str]] = {}
        for word, singular in self.stems.items():
            forms.setdefault(word, set()).add(word)
            forms.setdefault(singular, set()).add(word)
        self.forms = forms
        self.vocabulary = sorted(forms)
        # For typos: every word and its stem, doubled letters once, by first letter.
        typo_forms: dict[str, dict[str, set[str]]] = {}
        for word in self.postings:
            if len(word) < 3 or not word.isalpha():
                continue
            for form in {loose(word), loose(stem(word))}:
                typo_forms.setdefault(form[0], {}).setdefault(form, set()).add(word)
        self.loose = typo_forms

    @classmethod
    def build(cls, rows) -> "Index":
        """From (id, description, category, popularity[, name]) rows."""
        return cls([Document.make(*row) for row in rows])

    def _exact(self, term: str) -> dict[str, int]:
        """Words that are ``term`` (3) or start with it (2)."""
        found = {}
        start = bisect_left(self.vocabulary, term)
        for form in self.vocabulary[start:]:
            if not form.startswith(term):
                break
            for word in self.forms[form]:
                quality = 3 if self.stems[word] == term or word == term else 2
                found[word] = max(quality, found.get(word, 0))
        return found

    def _typos(self, term: str) -> dict[str, int]:
        """Words one typo away from ``term`` or from a word start as long as it."""
        if len(term) < 4 or not term.isalpha():
            return {}
        bucket = self.loose.get(term[0], {})
        target = loose(term)
        size = len(target)
        choices: dict[str, set[str]] = {}
        for form, originals in bucket.items():
            for cut in (size - 1, size, size + 1):
                if len(form) >= cut:
                    choices.setdefault(form[:cut], set()).update(originals)
        hits = process.extract(
            target, list(choices), scorer=OSA.distance, score_cutoff=1, limit=None
        )
        return {word: 1 for choice, _, _ in hits for word in choices[choice]}

    def matches(
        self, terms: list[str], typos: bool = True
    ) -> dict[int, dict[str, tuple[str, int]]]:
        """{food id: {term: (its best word, quality)}} for foods that match every term
        (a term matching no word exactly may match with one typo, if ``typos``).

        Of a food's words that match a term equally well, the one standing first in its
        description counts ("Bananas, ..., banana" matched on "bananas", the head), then
        the alphabetically first: never whichever a set happened to yield first."""
        per_term = []
        for term in terms:
            found = self._exact(term) or (self._typos(term) if typos else {})
            if not found:
                return {}
            per_term.append(found)
        # Start from the term with the fewest foods, so one letter does not cost much.
        order = sorted(
            range(len(terms)), key=lambda i: sum(len(self.postings[w]) for w in per_term[i])
        )
        result: dict[int, dict[str, tuple[str, int]]] | None = None
        for i in order:
            term, found = terms[i], per_term[i]
            best: dict[int, tuple[str, int]] = {}
            for word, quality in found.items():
                for food in self.postings[word]:
                    if result is not None and food not in result:
                        continue
                    hit = best.get(food)
                    if (
                        hit is None
                        or quality > hit[1]
                        or (quality == hit[1] and self._stands_before(food, word, hit[0]))
                    ):
                        best[food] = (word, quality)
            if result is None:
                result = {food: {term: hit} for food, hit in best.items()}
            else:
                result = {food: {**result[food], term: best[food]} for food in best}
        return result or {}

    def _stands_before(self, food: int, word: str, other: str) -> bool:
        where = self.documents[food].words
        return (where[word], word) < (where[other], other)

    def scores(self, query: str, habits: dict[int, int] | None = None, category: str = ""):
        """{food id: sort key} for the foods matching ``query`` (smaller keys first).
        ``habits``: {food id: times logged}; ``category``: only the foods in it."""
        habits = habits or {}
        letters = words(query)
        if len(letters) == 1 and len(letters[0]) <= 2:
            return {
                d.id: plainness(d)
                for d in self.plainest
                if d.called(letters[0]) and (not category or d.category == category)
            }
        best: dict[int, tuple] = {}
        found = variants(query)
        if not found:
            return best
        original, *renamed = found
        named = set(letters).union(original, *renamed)
        # A listed synonym means what the table says ("crisps" are potato chips, not apple
        # crisp): its matches come first, and when it found any, the words as typed are
        # not read as typos of something else ("rocket" is not a misspelt ROCKSTAR).
        for terms in [*renamed, original]:
            as_typed = terms is original
            tier = int(as_typed and bool(renamed))
            for food, matched in self.matches(terms, typos=not (as_typed and best)).items():
                doc = self.documents[food]
                if category and doc.category != category:
                    continue
                key = (tier, *doc.key(matched, named, habits.get(food, 0)))
                if food not in best or key < best[food]:
                    best[food] = key
        return best

    def rank(self, query: str, habits: dict[int, int] | None = None, category: str = ""):
        """Food ids for ``query``, best first."""
        return rank(query, [self], habits=habits, category=category)


def rank(
    query: str, indexes: list[Index], habits: dict[int, int] | None = None, category: str = ""
) -> list[int]:
    """Food ids for ``query`` from several indexes (the shared catalogue and a person's
    own foods), best first: one key orders them all, as if they were one index."""
    keys: dict[int, tuple] = {}
    for index in indexes:
        keys.update(index.scores(query, habits, category))
    return sorted(keys, key=keys.__getitem__)
