#!/usr/bin/env python3
"""A loopback stand-in for a DCR server that, like the real service, publishes no /.well-known documents.

    standin_server.py LOGFILE

Prints its base URL on stdout, then answers: POST /o/client/register -> 201 with a new client id each time
(standin-client-1, -2, …; 400 invalid_redirect_uri when the body's redirect_uri contains "bad"); POST
/o/client/token -> 201 for a client it knows, else 400 invalid_client; POST /standin/forget -> 204, after which it
knows no client (as when credentials expire); anything else -> 404. Each request is appended to LOGFILE as one JSON
line: method, path, and the User-Agent and X-Device-Info headers.
"""
import http.server
import json
import sys
import threading
import urllib.parse

clients = set()
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *arguments):
        pass

    def record(self):
        with open(sys.argv[1], "a") as log:
            log.write(json.dumps({"method": self.command, "path": self.path, "user_agent": self.headers.get("User-Agent"),
                                  "device_info": self.headers.get("X-Device-Info")}) + "\n")

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.record()
        self.answer(404, {"error": "not_found"})

    def do_POST(self):
        self.record()
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/o/client/register":
            request = json.loads(body or b"{}")
            if "bad" in request.get("redirect_uri", ""):
                return self.answer(400, {"error": "invalid_redirect_uri"})
            with lock:
                client_id = f"standin-client-{len(clients) + forgotten[0] + 1}"
                clients.add(client_id)
            return self.answer(201, {"client_id": client_id, "client_secret": "standin-secret", "client_id_issued_at": 1,
                                     "redirect_uris": [], "grant_types": ["client_credentials"], "scopes": ["api:client:v2"]})
        if self.path.startswith("/o/client/token"):
            form = urllib.parse.parse_qs(body.decode() or urllib.parse.urlsplit(self.path).query)
            with lock:
                known = form.get("client_id", [""])[0] in clients
            if not known:
                return self.answer(400, {"error": "invalid_client"})
            return self.answer(201, {"id": "1", "access_token": "standin-token", "created_at": 1, "expires_in": 21600, "token_type": "bearer"})
        if self.path == "/standin/forget":
            with lock:
                forgotten[0] += len(clients)
                clients.clear()
            self.send_response(204)
            self.end_headers()
            return
        self.answer(404, {"error": "not_found"})


forgotten = [0]


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
