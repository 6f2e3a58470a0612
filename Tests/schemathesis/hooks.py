"""Schemathesis hooks for jwstool serve (loaded by Tools/schemathesis.sh through SCHEMATHESIS_HOOKS).

Some operations change what they touch for good: RFC 7592's PUT replaces the registration access token and DELETE
removes the client; the admin API's revoke ends an application. Each of their test cases therefore gets a client (or
an application) of its own, made just before it — so the client, access token and application the other operations
use stay intact, and every case reaches the operation past its authentication.

Run as a script (by Tools/schemathesis.sh, before Schemathesis), it registers the client every other operation uses
and prints its credentials and an access token as shell exports for schemathesis.toml."""

import json
import os
import shlex
import urllib.error
import urllib.parse
import urllib.request

import schemathesis

BASE = os.environ["JWSTOOL_ST_BASE"]
STATEMENT = os.environ["JWSTOOL_ST_STATEMENT"]
ADMIN_TOKEN = os.environ["JWSTOOL_ST_ADMIN_TOKEN"]
CONFIGURATION_PATH = "/o/client/register/{client_id}"
REVOKE_PATH = "/admin/applications/{id}/revoke"


def post(path, body, headers=None, form=False):
    """POSTs `body` as JSON (or, with `form`, form-encoded) and returns the JSON answer."""
    data = urllib.parse.urlencode(body).encode() if form else json.dumps(body).encode()
    content_type = "application/x-www-form-urlencoded" if form else "application/json"
    request = urllib.request.Request(BASE + path, data=data, headers={"Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"POST {path}: {error.code} {error.read()[:300]!r}") from None


@schemathesis.hook
def map_case(ctx, case):
    if ctx.operation.path == REVOKE_PATH:
        application = post("/admin/applications", {"name": "Disposable"}, {"Authorization": "Bearer " + ADMIN_TOKEN})
        case.path_parameters = {**(case.path_parameters or {}), "id": application["id"]}
        return case
    if ctx.operation.path != CONFIGURATION_PATH:
        return case
    client = post("/o/client/register", {"software_statement": STATEMENT})
    case.path_parameters = {**(case.path_parameters or {}), "client_id": client["client_id"]}
    case.headers = {**(case.headers or {}), "Authorization": "Bearer " + client["registration_access_token"]}
    if isinstance(case.body, dict) and "client_id" in case.body:
        case.body = {**case.body, "client_id": client["client_id"]}
    return case


if __name__ == "__main__":
    client = post("/o/client/register", {"software_statement": STATEMENT})
    token = post("/o/client/token", {"grant_type": "client_credentials", "client_id": client["client_id"],
                                     "client_secret": client["client_secret"]}, form=True)
    for name, value in [("CLIENT_ID", client["client_id"]), ("CLIENT_SECRET", client["client_secret"]),
                        ("REGISTRATION_TOKEN", client["registration_access_token"]), ("ACCESS_TOKEN", token["access_token"])]:
        print(f"export JWSTOOL_ST_{name}={shlex.quote(value)}")
