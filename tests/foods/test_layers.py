"""The catalogue stands alone: nothing in foods imports the tracker."""

import ast
from pathlib import Path

import pytest
from django.urls import resolve, reverse

FOODS = Path(__file__).resolve().parents[2] / "foods"


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path", sorted(FOODS.rglob("*.py")), ids=lambda p: str(p.relative_to(FOODS))
)
def test_no_foods_module_imports_the_tracker(path):
    assert {n for n in _imported(path) if n == "tracker" or n.startswith("tracker.")} == set()


def test_the_food_list_keeps_its_url_and_name():
    assert reverse("foods:list") == "/foods/"
    assert resolve("/foods/").view_name == "foods:list"
    assert reverse("foods:detail", args=[7]) == "/foods/7/"
    assert reverse("foods:custom_list") == "/foods/mine/"
