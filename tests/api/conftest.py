import json

import pytest

from tracker.models import ApiToken


class Api:
    """The Django test client speaking JSON with a bearer token."""

    def __init__(self, client, token: str | None):
        self.client, self.token = client, token

    def _headers(self) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def get(self, path, params=None):
        return self.client.get(f"/api/v1{path}", params or {}, **self._headers())

    def post(self, path, body=None):
        return self.client.post(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", **self._headers()
        )

    def patch(self, path, body=None):
        return self.client.patch(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", **self._headers()
        )

    def delete(self, path):
        return self.client.delete(f"/api/v1{path}", **self._headers())


@pytest.fixture
def alice_token(alice, profile_for):
    profile_for(alice)
    return ApiToken.issue(alice, "phone")[1]


@pytest.fixture
def api(client, alice_token):
    """alice's API client: her token, no session."""
    return Api(client, alice_token)


@pytest.fixture
def bob_api(bob, profile_for):
    from django.test import Client

    profile_for(bob)
    return Api(Client(), ApiToken.issue(bob, "laptop")[1])
