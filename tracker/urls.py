from django.urls import path, register_converter

from tracker import learn, views
from tracker.views import recipe_form, recipes, saved_meals


class DayConverter:
    """YYYY-MM-DD; whether the day is real and in range is the view's business (404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return value if isinstance(value, str) else value.isoformat()


register_converter(DayConverter, "day")


class IsoWeekConverter:
    """YYYY-Www (2026-W47); whether the week exists is the view's business (404)."""

    regex = r"\d{4}-W\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IsoWeekConverter, "isoweek")

app_name = "tracker"
urlpatterns = [
    path("log/", views.day_view, name="day_today"),
    path("log/<day:day>/", views.day_view, name="day"),
    path("log/<day:day>/add/", views.entry_add, name="entry_add"),
    path("log/<day:day>/quick-add/", views.quick_add, name="quick_add"),
    path("log/<day:day>/copy/", views.copy_meal, name="copy_meal"),
    path("log/<day:day>/copy-to/", views.copy_meal_to, name="copy_meal_to"),
    path("log/<day:day>/save-meal/", saved_meals.save_meal, name="save_meal"),
    path("log/<day:day>/copy-day/", saved_meals.copy_day, name="copy_day"),
    path("log/entry/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("log/entry/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("log/undo/", views.entry_undo, name="entry_undo"),
    path("recipes/", recipes.recipe_list, name="recipes"),
    path("recipes/new/", recipe_form.recipe_edit, name="recipe_new"),
    path("recipes/line/", recipe_form.recipe_line_preview, name="recipe_line_preview"),
    path("recipes/export.csv", recipes.recipes_csv, name="recipes_csv"),
    path("recipes/<int:pk>/", recipes.recipe_detail, name="recipe"),
    path("recipes/<int:pk>/edit/", recipe_form.recipe_edit, name="recipe_edit"),
    path("recipes/<int:pk>/delete/", recipes.recipe_delete, name="recipe_delete"),
    path("meals/", saved_meals.saved_meal_list, name="saved_meals"),
    path("meals/<int:pk>/", saved_meals.saved_meal_detail, name="saved_meal"),
    path("meals/<int:pk>/log/", saved_meals.log_saved_meal, name="log_saved_meal"),
    path("meals/<int:pk>/delete/", saved_meals.saved_meal_delete, name="saved_meal_delete"),
    path("week/", views.week_view, name="week_current"),
    path("week/<isoweek:week>/", views.week_view, name="week"),
    path("week/<isoweek:week>/csv", views.week_csv, name="week_csv"),
    path("trends/", views.trends, name="trends"),
    path("report/", views.report_view, name="report"),
    path("report/pdf/", views.report_pdf, name="report_pdf"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.tokens, name="tokens"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("account/export.csv", views.export_csv, name="export"),
    path("account/import/", views.import_page, name="import"),
    path("account/backup.zip", views.backup_download, name="backup"),
    path("account/delete/", views.delete_account, name="delete_account"),
    path("learn/", learn.index, name="learn"),
    path("learn/<slug:slug>/", learn.page, name="learn_page"),
]
