"""What a person types and what USDA writes, as the words search compares.

Both sides are folded to lower-case ASCII words; plural and singular count alike
(``stem``); for typo matching doubled letters count once (``loose``).  A small synonym
table of our own maps everyday and British names onto USDA's ("courgette" -> zucchini,
"porridge" -> cooked oats); ``variants`` gives a query as typed and with synonyms put in.
Pure functions, no database.
"""

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")
_COLLAPSE = re.compile(r"(.)\1+")

# Everyday, British and other names that USDA does not use, mapped onto words it does.
# Each entry replaces the words on the left by those on the right; the original query
# is searched too, so a synonym only ever adds matches.
SYNONYMS: dict[str, str] = {
    "garbanzo": "chickpeas",
    "garbanzos": "chickpeas",
    "garbanzo beans": "chickpeas",
    "courgette": "zucchini",
    "courgettes": "zucchini",
    "aubergine": "eggplant",
    "aubergines": "eggplant",
    "yoghurt": "yogurt",
    "yoghurts": "yogurt",
    "cilantro": "coriander leaves",
    "coriander": "coriander leaves",
    "rocket": "arugula",
    "prawn": "shrimp",
    "prawns": "shrimp",
    "king prawns": "shrimp",
    "mince": "ground beef",
    "minced beef": "ground beef",
    "beef mince": "ground beef",
    "jacket potato": "baked potato",
    "jacket potatoes": "baked potato",
    "porridge": "oats cooked",
    "oatmeal": "oats cooked",
    "rolled oats": "oats cooked",
    "porridge oats": "oats cooked",
    "scallion": "onions spring scallions",
    "scallions": "onions spring scallions",
    "spring onion": "onions spring scallions",
    "spring onions": "onions spring scallions",
    "green onion": "onions spring scallions",
    "green onions": "onions spring scallions",
    "capsicum": "peppers sweet",
    "bell pepper": "peppers sweet",
    "bell peppers": "peppers sweet",
    "swede": "rutabagas",
    "beetroot": "beets",
    "sweetcorn": "corn sweet",
    "maize": "corn",
    "mangetout": "peas edible podded",
    "mange tout": "peas edible podded",
    "sultana": "raisins golden",
    "sultanas": "raisins golden",
    "snow peas": "peas edible podded",
    "crisps": "potato chips",
    "icing sugar": "sugars powdered",
    "caster sugar": "sugars granulated",
    "double cream": "cream heavy whipping",
    "single cream": "cream light",
    "skimmed milk": "milk skim",
    "skim milk": "milk skim",
    "semi skimmed milk": "milk reduced fat 2",
    "semi skimmed": "milk reduced fat 2",
    "wholemeal": "whole wheat",
    "wholewheat": "whole wheat",
    "soya": "soy",
    "soya milk": "soymilk",
    "soy milk": "soymilk",
    "tinned": "canned",
    "groundnuts": "peanuts",
    "groundnut": "peanuts",
    "cos lettuce": "lettuce cos romaine",
    "romaine": "lettuce cos romaine",
    "kumara": "sweet potato",
    "broad beans": "broadbeans fava",
    "fava beans": "broadbeans fava",
    "chick peas": "chickpeas",
    "hazelnut": "hazelnuts filberts",
    "hazelnuts": "hazelnuts filberts",
    "filbert": "hazelnuts filberts",
    "rutabaga": "rutabagas",
    "cornflakes": "corn flakes",
    "muesli": "granola",
    "spud": "potatoes",
    "kiwi": "kiwifruit",
    "kiwis": "kiwifruit",
    "prunes": "plums dried prunes",
    "prune": "plums dried prunes",
    "spuds": "potatoes",
    "fries": "potatoes french fried",
    "french fries": "potatoes french fried",
    "oven chips": "potatoes french fried",
    "marmite": "yeast extract spread",
    "vegemite": "yeast extract spread",
    "hot chocolate": "hot cocoa",
}


def words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` ("Crème fraîche, 30%" -> creme fraiche 30)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(folded)


def stem(word: str) -> str:
    """Plural and singular alike: berries -> berry, potatoes -> potato, beans -> bean."""
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def loose(word: str) -> str:
    """For typo matching: doubled letters count once ("brocoli" is "broccoli")."""
    return _COLLAPSE.sub(r"\1", word)


def query_terms(query: str, limit: int = 6) -> list[str]:
    """Search terms from what the person typed: their stems, without duplicates."""
    terms: list[str] = []
    for word in words(query):
        word = stem(word)
        if word not in terms:
            terms.append(word)
    return terms[:limit]


def variants(query: str) -> list[list[str]]:
    """The query's terms, then the same with synonyms put in (longest phrase first)."""
    plain = words(query)
    found = [query_terms(query)]
    out: list[str] = []
    i, changed = 0, False
    while i < len(plain):
        for size in (3, 2, 1):
            phrase = " ".join(plain[i : i + size])
            if len(plain[i : i + size]) == size and phrase in SYNONYMS:
                out.extend(words(SYNONYMS[phrase]))
                i += size
                changed = True
                break
        else:
            out.append(plain[i])
            i += 1
    if changed:
        found.append(query_terms(" ".join(out)))
    return [terms for terms in found if terms]
