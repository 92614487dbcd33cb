"""Text normalisation for catalogue search (pure functions, no database).

USDA descriptions name the plain food first ("Bananas, raw"; "Beans, black, ...").  We
store two normalised strings per food: the whole description and its head (the part
before the first comma).  Words are matched as prefixes at word starts, in any order; a
match in the head ranks the plain food above dishes that merely contain it.
"""

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` ("Crème fraîche, 30%" -> creme fraiche 30)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(folded)


def index_text(text: str) -> str:
    """Words joined by spaces with a leading and trailing space, so ' word' marks a word start."""
    return " " + " ".join(words(text)) + " "


def head(description: str) -> str:
    return description.split(",", 1)[0]


def query_terms(query: str, limit: int = 6) -> list[str]:
    """Search terms from what the person typed.

    A trailing plural "s" is dropped ("beans" -> "bean", "eggs" -> "egg") because terms
    match as prefixes, so the singular still finds the plural but not the other way round.
    Short words keep their "s" ("gas" stays "gas").  Duplicates go; at most ``limit`` terms.
    """
    terms: list[str] = []
    for word in words(query):
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word not in terms:
            terms.append(word)
    return terms[:limit]
