"""An independent OAuth 2.0 client against `jwstool serve`: register a software statement with plain `requests`,
then fetch a client_credentials token with requests-oauthlib's BackendApplicationClient (HTTP Basic client
authentication, its default) and call the protected usage-report API with the token it manages.

usage: oauth_client.py BASE_URL SOFTWARE_STATEMENT
"""
import base64
import json
import sys

import requests
from oauthlib.oauth2 import BackendApplicationClient
from requests_oauthlib import OAuth2Session

base, statement = sys.argv[1], sys.argv[2]
device = {"model": "Python", "version": "1.0", "osName": "Linux", "osVersion": "6", "connectionType": "ethernet"}
registration = requests.post(
    base + "/o/client/register",
    json={"software_statement": statement},
    headers={"X-Device-Info": base64.b64encode(json.dumps(device).encode()).decode()},
    timeout=30,
)
assert registration.status_code == 201, (registration.status_code, registration.text)
assert registration.headers.get("Cache-Control") == "no-store"
credentials = registration.json()

session = OAuth2Session(client=BackendApplicationClient(client_id=credentials["client_id"]))
token = session.fetch_token(
    token_url=base + "/o/client/token",
    client_id=credentials["client_id"],
    client_secret=credentials["client_secret"],
    timeout=30,
)
assert token["token_type"].lower() == "bearer" and token["expires_in"] > 0, token

report = session.get(base + "/cmu/v2/endpoint/status", timeout=30)
assert report.status_code == 200, (report.status_code, report.text)
rows = report.json()["report"]
assert any(row["endpoint"] == "/o/client/token" and int(row["tokens-issued"]) >= 1 for row in rows), rows

denied = requests.get(base + "/cmu/v2/endpoint", headers={"Authorization": "Bearer not-a-token"}, timeout=30)
assert denied.status_code == 401 and denied.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
print("interop ok:", len(rows), "report rows")
