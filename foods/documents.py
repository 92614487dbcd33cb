"""How search reads one food's description: its words, which of them name the food,
and what kind of food it is (see ``Document.key`` for how that ranks it).

Pure: no database, no index (foods.search builds the index from these documents).
"""

import re
from dataclasses import dataclass, field

from foods.terms import stem, words

# Commas inside parentheses do not start a segment: "Chickpeas (garbanzo beans, bengal
# gram), mature seeds" has the head "Chickpeas (garbanzo beans bengal gram)".
_SEGMENTS = re.compile(r",(?![^()]*\))")

# Heads that name a class, not the food: the food is the next segment ("Nuts, almonds").
CLASS_HEADS = {
    "nuts", "seeds", "fish", "beverages", "cheese", "spices", "cereals", "crustaceans",
    "mollusks", "alcoholic beverage", "alcoholic beverages", "game meat", "grape leaves",
    "cereals ready-to-eat", "leavening agents", "sweeteners", "vegetables", "fruit",
}  # fmt: skip

# Forms made from a food, dishes and preparations: after the food itself unless the
# query names them (a query of "walnut oil" wants the oil).
DERIVED = {
    "oil", "flour", "meal", "powder", "powdered", "peel", "leaves", "leaf", "juice",
    "concentrate", "spread", "babyfood", "dehydrated", "vinegar", "sauce", "soup",
    "bread", "crackers", "cracker", "cake", "cookies", "pie", "candies", "candy",
    "snacks", "snack", "chips", "syrup", "extract", "paste", "nectar", "drink", "mix",
    "dessert", "pudding", "salad", "sandwich", "pizza", "burrito", "deli", "luncheon",
    "loaf", "roll", "frankfurter", "sausage", "nuggets", "patties", "sticks", "glazed",
    "frosted", "frosting", "filling", "topping", "dressing", "butter", "margarine",
    "imitation", "substitute", "analog", "bar", "bars", "formula", "toddler", "infant",
    "liqueur", "soymilk", "shake", "smoothie", "vinaigrette", "gravy", "stew",
    "casserole", "entree", "dinner", "mousse", "jam", "jelly", "preserves", "marmalade",
    "pickled", "pickles", "relish", "seasoned", "flavored", "sweetened", "condensed",
    "dried", "tea", "wine", "yolk", "whites", "gelatin", "muffins", "muffin", "pastry",
    "strudel", "puffs", "fritters", "tortilla", "bran", "germ", "hulls", "cured",
    "smoked", "bologna", "jerky", "pastrami", "corned", "breaded", "battered", "tenders",
    "instant", "non", "lite", "light", "peeled", "reduced", "diet", "decaffeinated", "salted",
    "human", "sheep", "goat", "buffalo", "duck", "goose", "emu", "ostrich", "caribou",
    "moose", "elk", "bison", "squab", "quail", "pheasant", "sprouted",
    "stuffed", "candied", "chocolate", "coated", "honey", "roast", "puree", "pureed",
    "mashed", "fried", "skin", "baby", "dry", "blend", "sodium",
}  # fmt: skip
# Whole categories of dishes and special foods, after plain foods unless named.
DISH_CATEGORIES = {
    "Fast Foods", "Restaurant Foods", "Baby Foods", "Meals, Entrees, and Side Dishes",
    "American Indian/Alaska Native Foods",
}  # fmt: skip
# Kinds of food people eat cooked: their cooked form ranks first.
COOKED_CATEGORIES = {
    "Beef Products", "Pork Products", "Poultry Products", "Lamb, Veal, and Game Products",
    "Finfish and Shellfish Products", "Legumes and Legume Products", "Cereal Grains and Pasta",
    "Breakfast Cereals",
}  # fmt: skip
# ... except these, which come ready to eat.
EATEN_AS_IS = {"peanuts", "peanut butter", "tofu", "hummus", "soymilk", "granola"}
# Vegetables people eat cooked, not raw.
COOKED_HEADS = {"potatoes", "sweet potato", "yam", "cassava", "plantains", "taro"}
COOKED = {
    "cooked", "roasted", "baked", "broiled", "grilled", "boiled", "steamed", "poached", "heat",
}  # fmt: skip
# Cooked, but not the everyday way: after the plain cooked form.
COOKED_OTHERWISE = {"fried", "stewed", "braised", "simmered", "microwaved", "breaded"}
UNCOOKED = {"raw", "dry", "uncooked", "unprepared", "dried", "frozen"}
# Words that say nothing against a match: "Bananas, raw" is as plain as "Bananas".
NEUTRAL = {
    "raw", "cooked", "boiled", "without", "with", "salt", "added", "all", "commercial",
    "varieties", "mature", "drained", "solids", "fresh", "regular", "plain", "and",
    "or", "of", "the", "whole", "unenriched", "enriched", "not", "fortified", "heat",
    "dry", "meat", "only", "prepared", "water", "includes", "usda", "commodity",
    "kernels", "flesh", "edible", "portion", "a", "in", "to", "from", "form",
    "type", "types", "brewed", "tap", "fluid", "such", "as", "milkfat", "vitamin",
    "commercially", "year", "round", "average", "ripe", "table", "unsweetened", "bottled",
}  # fmt: skip

_PARENTHESES = re.compile(r"\([^)]*\)")
LITTLE_WORDS = {"a", "and", "or", "of", "the", "in", "on", "to", "raw", "cooked"}


@dataclass(slots=True)
class Document:
    """One food as search sees it: its words, where they stand, and what kind it is."""

    id: int
    description: str
    category: str = ""
    popularity: int = 0
    words: dict[str, int] = field(default_factory=dict)  # word -> first segment index
    head: tuple = ()  # the words of the first segment
    name: tuple = ()  # the words that name the food: the head, or what follows a class
    derived: frozenset = frozenset()  # the derived-form words it has (not after "without")
    plain: frozenset = frozenset()  # the words that say something (not "raw", not "and")
    dish: bool = False
    form: int = 0  # 0 the usual form of this kind of food, 1 another, 2 an unusual one
    length: int = 0
    # From our everyday name, when the food has one ("Oatmeal, cooked with water"):
    label: tuple = ()  # the plain words of its first segment: what the food is called
    label_plain: frozenset = frozenset()  # its words that say something
    label_length: int = 0

    @classmethod
    def make(
        cls, id: int, description: str, category: str = "", popularity: int = 0, name: str = ""
    ):
        segments = [words(s) for s in _SEGMENTS.split(description)]
        segments = [s for s in segments if s] or [[""]]
        seen: dict[str, int] = {}
        derived, qualifiers = set(), set()
        salted = False
        for index, segment in enumerate(segments):
            after_without = qualifying = False
            previous = ""
            for word in segment:
                seen.setdefault(word, index)
                if qualifying:
                    # "with skin", "flesh and skin", "includes from concentrate": what
                    # the food includes, not a form of it nor a kind of it.
                    qualifiers.add(word)
                elif word in DERIVED:
                    derived.add(word)
                salted = salted or (word == "salt" and not after_without)
                after_without = after_without or word == "without"
                qualifying = qualifying or word in {"with", "without", "includes"}
                # "flesh and skin", "separable lean and fat" (not "apple and grape").
                qualifying = qualifying or (word == "and" and previous in {"flesh", "lean"})
                previous = word
            if segment == ["separable", "fat"]:  # trimmings, not a cut of meat
                derived.add("fat")
            if "flesh" in segment and "skin" not in segment:  # the food without its skin
                derived.add("flesh")
        # "dry heat" and "dry-roasted" are ways of cooking, not dried food.
        if {"heat", "roasted"} & set(seen) and "dry" in derived:
            derived.discard("dry")
        head_at = 1 if " ".join(segments[0]) in CLASS_HEADS and len(segments) > 1 else 0
        names = set(seen)
        first_segment = " ".join(segments[0])
        cooks = category in COOKED_CATEGORIES and first_segment not in EATEN_AS_IS
        if category == "Nut and Seed Products":
            derived.discard("dried")  # nuts and seeds are sold dried: that is the food
        if cooks or first_segment in COOKED_HEADS:
            form = 0 if names & COOKED and not names & COOKED_OTHERWISE else 1
            form = form if (names & COOKED or not names & UNCOOKED) else 2
        else:  # people eat it as it comes
            form = int(bool(names & (COOKED | COOKED_OTHERWISE | {"canned", "frozen"})))
        plain = {
            w for w in names - qualifiers if w not in NEUTRAL and not w.isdigit() and len(w) > 1
        }
        # "with added salt" is a variant of the plain food, as "Pasta, cooked" is not.
        if salted:
            plain.add("salt")
        # Brand names are written in capitals in SR Legacy ("Cereals, KELLOGG'S ...").
        branded = any(w.isupper() and len(w) > 2 for w in re.findall(r"[A-Za-z']+", description))
        label, label_plain = _label(name)
        if name:
            # Our name keeps what matters: a derived form it does not repeat is not one
            # ("Tuna, canned in water" is USDA's "light" tuna, not a light product).
            derived &= set(_core_words(name))
        for word in words(name):  # the name's words find the food too ("oatmeal", "tea")
            seen.setdefault(word, 0)
        return cls(
            id=id,
            description=description,
            category=category or "",
            popularity=popularity or 0,
            words=seen,
            head=tuple(segments[0]),
            name=tuple(segments[head_at]),
            derived=frozenset(derived),
            plain=frozenset(plain),
            dish=branded or category in DISH_CATEGORIES,
            form=form,
            # "(Includes foods for USDA's Food Distribution Program)" says nothing.
            length=len(_PARENTHESES.sub("", description)),
            label=label,
            label_plain=label_plain,
            label_length=len(name),
        )

    def called(self, start: str) -> bool:
        """Whether USDA's name of the food, or ours, starts with ``start``."""
        return self.name[0].startswith(start) or (
            bool(self.label) and self.label[0].startswith(start)
        )

    def key(self, matched: dict[str, tuple[str, int]], named: set[str], habit: int) -> tuple:
        """Sort key (smaller first) for this food given, per query term, the description
        word it matched and how (3 exactly, 2 as a word start, 1 with a typo)."""
        quality = min(q for _, q in matched.values())
        used = {word for word, _ in matched.values()}
        penalty = int(bool(self.derived - named - used)) + self.dish
        said = {stem(word) for word in used}
        if self.label and said.issuperset(self.label):
            head = -1  # the query says what we call the food: "Tea", "Vegetable soup"
        elif used.issuperset(w for w in self.name if w in self.plain):
            head = 0  # the query names the food: "Bananas, raw", "Nuts, walnuts"
        elif self.name[0] in used or self.head[0] in used:
            head = 1  # a kind of it: "Cheese, cheddar" for cheese, "Rice noodles" for rice
        elif used.intersection(self.name, self.head):
            head = 2  # another food by that name: "Wild rice", "Liver cheese"
        else:
            head = 3  # a food that merely contains it: "Bread, banana"
        extra = len(self.plain - used)
        # Our name says how plain the food is ("Tea" before "Green tea"); USDA's words and
        # length then break ties, as they alone do for foods without a name.
        named_extra = len(self.label_plain - said) if self.label_length else extra
        return (
            -quality,
            penalty,
            head,
            -habit,
            self.form,
            -self.popularity,
            named_extra,
            extra,
            self.label_length or self.length,
            self.length,
            self.id,
        )


def _core_words(name: str) -> list[str]:
    """The words of a name that say what the food is, not what it comes with: "Mashed
    potatoes, with milk and butter" is mashed potatoes (not butter)."""
    core = []
    for segment in _SEGMENTS.split(name):
        for word in words(segment):
            if word in {"with", "without"}:
                break
            core.append(word)
    return core


def _label(name: str) -> tuple[tuple, frozenset]:
    """From our everyday name: (what a query must say to name the food, every word of it
    that says something), as stems.

    The first segment up to "with" or "without", less what is in parentheses and words
    that say nothing (NEUTRAL), is what the food is called: "Lentil soup with ham" is
    lentil soup, "Oatmeal, cooked with water" oatmeal, "Biscuits (American)" biscuits."""
    if not name:
        return (), frozenset()
    segments = [words(segment) for segment in _SEGMENTS.split(_PARENTHESES.sub("", name))]
    called = []
    for word in segments[0]:
        if word in {"with", "without"}:
            break
        called.append(word)

    def saying(found, neutral):
        return [stem(w) for w in found if w not in neutral and not w.isdigit() and len(w) > 1]

    # "Water biscuits" and "Whole-wheat bread" are named by every word: only the little
    # words say nothing in a name of ours.
    every = (w for segment in segments for w in segment)
    return tuple(saying(called, LITTLE_WORDS)), frozenset(saying(every, NEUTRAL))


def plainness(doc: Document) -> tuple:
    """Sort key for one- and two-letter queries: plain foods first, then by name and id."""
    return (
        bool(doc.derived) + doc.dish,
        doc.form,
        -doc.popularity,
        len(doc.plain),
        doc.length,
        doc.description,
        doc.id,
    )
