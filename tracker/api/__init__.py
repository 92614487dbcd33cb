"""mgk's JSON API, /api/v1/, built on django-ninja: each request is one person's, by their
token; its OpenAPI description is at /api/v1/openapi.json and its docs at /api/v1/docs."""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from tracker.api import entries, errors, foods, meals, summaries
from tracker.api.auth import TokenAuth, TokenThrottle

api = NinjaAPI(
    title="mgk",
    version="1",
    description=(
        "Your mgk diary for scripts and phone shortcuts. Every request carries one of your "
        "API tokens (made on your profile's API tokens page): `Authorization: Bearer mgk_...`. "
        "Amounts are mg (grams for weights); null means unknown, never zero. Errors are "
        '`{"message": ..., "field": ...}`. Not medical advice.'
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[TokenThrottle()],
    # Swagger UI from the files django-ninja ships (templates/ninja/swagger.html), no CDN.
    # No deep links: they put a link inside each endpoint's button (axe: nested-interactive).
    docs=Swagger(settings={"deepLinking": False, "persistAuthorization": False}),
)
errors.install(api)
for module in (foods, entries, summaries, meals):
    api.add_router("", module.router)
