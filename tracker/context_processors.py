from config import paths
from tracker import units as intake_units
from tracker.models import profile_of


def units(request) -> dict:
    """The unit the signed-in person reads intake in (mg unless they chose mmol).

    The profile comes with the user (the auth backend reads them together): no query.
    """
    user = getattr(request, "user", None)
    profile = profile_of(user) if user is not None and user.is_authenticated else None
    return {"units": profile.units if profile else intake_units.MG}


NAV = {
    "home": "home",
    "log": "tracker:day_today",
    "week": "tracker:week_current",
    "trends": "tracker:trends",
    "foods": "foods:list",
    "learn": "tracker:learn",
    "profile": "tracker:profile",
    "logout": "logout",
    "login": "login",
    "signup": "signup",
}


def nav(request) -> dict:
    """The site navigation's links: ``nav.log`` is the URL of ``tracker:day_today``;
    ``nav_current`` names the page's own view, for aria-current.

    Each link is the request's own (config.paths keys them by script prefix and URLconf)."""
    match = getattr(request, "resolver_match", None)
    return {
        "nav": {key: paths.path(name) for key, name in NAV.items()},
        "nav_current": match.view_name if match else "",
    }
