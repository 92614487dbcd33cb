"""config.paths: remembered URLs that follow where mgk is mounted."""

from django.urls import clear_script_prefix, reverse, set_script_prefix

from config import paths


def test_a_remembered_url_is_what_reverse_gives():
    assert paths.path("tracker:day", "2026-03-02") == reverse("tracker:day", args=["2026-03-02"])
    assert paths.each("foods:detail", [3, 7]) == [
        reverse("foods:detail", args=[3]),
        reverse("foods:detail", args=[7]),
    ]


def test_a_url_remembered_at_the_root_is_not_served_under_a_prefix():
    root = paths.path("tracker:week", "2026-W10")
    set_script_prefix("/mgk/")
    try:
        mounted = paths.path("tracker:week", "2026-W10")
        many = paths.each("tracker:week", ["2026-W10"])
    finally:
        clear_script_prefix()
    assert root == "/week/2026-W10/"
    assert mounted == many[0] == "/mgk/week/2026-W10/"
    assert paths.path("tracker:week", "2026-W10") == root  # and back again
