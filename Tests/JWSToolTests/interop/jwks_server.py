"""A key publisher for the --jwks-url / --oidc-issuer tests: serves JWKS_FILE at /jwks.json with an ETag and
`Cache-Control: max-age=MAX_AGE`, answers 304 to a matching If-None-Match, publishes /.well-known/openid-configuration,
and counts what it served at /count ("200 304"). Prints its port, then serves until killed.

    python3 jwks_server.py JWKS_FILE MAX_AGE   (MAX_AGE is sent as given: 300, 0, nan, 1e308, -5)
"""
import http.server
import json
import sys

jwks = open(sys.argv[1], "rb").read()
max_age = sys.argv[2]  # sent as given, hostile values included
counts = {"200": 0, "304": 0}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/jwks.json":
            if self.headers.get("If-None-Match") == '"v1"':
                counts["304"] += 1
                return self.send(304, headers=[("ETag", '"v1"'), ("Cache-Control", f"max-age={max_age}")])
            counts["200"] += 1
            return self.send(200, jwks, [("Content-Type", "application/json"), ("ETag", '"v1"'), ("Cache-Control", f"max-age={max_age}")])
        if self.path == "/.well-known/openid-configuration":
            document = json.dumps({"issuer": base, "jwks_uri": base + "/jwks.json"}).encode()
            return self.send(200, document, [("Content-Type", "application/json")])
        if self.path == "/count":
            return self.send(200, f'{counts["200"]} {counts["304"]}'.encode())
        self.send(404)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_port, flush=True)
server.serve_forever()
