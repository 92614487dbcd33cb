"""Views, split by journey: the day log and its entries, copying meals, the week and
trends, the account and its API tokens."""

from tracker.views.account import (
    LogoutView,
    activate,
    delete_account,
    export_csv,
    home,
    profile,
    signup,
    signup_sent,
)
from tracker.views.copy import copy_meal, copy_meal_to
from tracker.views.day import day_view
from tracker.views.entries import entry_add, entry_delete, entry_edit, entry_undo, quick_add
from tracker.views.imports import backup_download, import_page
from tracker.views.report import report_pdf, report_view
from tracker.views.tokens import token_revoke, tokens
from tracker.views.week import trends, week_csv, week_view

__all__ = [
    "LogoutView",
    "activate",
    "backup_download",
    "copy_meal",
    "copy_meal_to",
    "day_view",
    "delete_account",
    "entry_add",
    "entry_delete",
    "entry_edit",
    "entry_undo",
    "export_csv",
    "home",
    "import_page",
    "profile",
    "quick_add",
    "report_pdf",
    "report_view",
    "signup",
    "signup_sent",
    "token_revoke",
    "tokens",
    "trends",
    "week_csv",
    "week_view",
]
