from tracker import units as intake_units
from tracker.models import profile_of


def units(request) -> dict:
    """The unit the signed-in person reads intake in (mg unless they chose mmol).

    The profile is already cached on the user by the time-zone middleware: no query.
    """
    user = getattr(request, "user", None)
    profile = profile_of(user) if user is not None and user.is_authenticated else None
    return {"units": profile.units if profile else intake_units.MG}
