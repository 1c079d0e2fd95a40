#!/usr/bin/env python3
"""A small fake learning record store for CaseSim's tests (xAPI 1.0.3 statements resource).

Listens on 127.0.0.1 at a free port and prints the port on its first line. It answers the first
--fail-first POSTs with 503 (to test retrying), requires the version header and, with --auth,
HTTP Basic credentials, stores statements by id, answers a resent identical statement with
success (idempotent), a resent id with other content with 409 Conflict (storing nothing of that
batch), and refuses any statement whose id is given with --refuse with 400 and a message, as an
LRS refuses a statement it finds malformed. GET /state shows what it holds, for the test.
"""
import argparse
import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--fail-first", type=int, default=1)
parser.add_argument("--refuse", action="append", default=[])
parser.add_argument("--auth", default=None)
options = parser.parse_args()

lock = threading.Lock()
state = {"posts": 0, "failed": 0, "refused": 0, "conflicts": 0, "statements": {}, "versions": []}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = body.encode("utf-8") if isinstance(body, str) else json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            self.answer(200, {key: (len(value) if key == "statements" else value) for key, value in state.items()}
                        | {"ids": sorted(state["statements"])})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        with lock:
            state["posts"] += 1
            state["versions"].append(self.headers.get("X-Experience-API-Version"))
            if state["failed"] < options.fail_first:
                state["failed"] += 1
                return self.answer(503, "busy, try again")
            if not self.path.endswith("/statements"):
                return self.answer(404, "no such resource")
            if self.headers.get("X-Experience-API-Version") != "1.0.3":
                return self.answer(400, "missing or unsupported X-Experience-API-Version")
            if options.auth is not None:
                expected = "Basic " + base64.b64encode(options.auth.encode("utf-8")).decode("ascii")
                if self.headers.get("Authorization") != expected:
                    return self.answer(401, "bad credentials")
            try:
                document = json.loads(body)
            except ValueError:
                return self.answer(400, "the body is not JSON")
            batch = document if isinstance(document, list) else [document]
            ids = []
            for statement in batch:
                if not isinstance(statement, dict) or not all(k in statement for k in ("id", "actor", "verb", "object")):
                    return self.answer(400, "a statement needs id, actor, verb and object")
                if statement["id"] in options.refuse:
                    state["refused"] += 1
                    return self.answer(400, "statement %s is malformed (the fake LRS refuses it)" % statement["id"])
                ids.append(statement["id"])
            if len(set(ids)) != len(ids):
                return self.answer(400, "two statements in one batch share an id")
            for statement in batch:
                held = state["statements"].get(statement["id"])
                if held is not None and held != statement:
                    state["conflicts"] += 1
                    return self.answer(409, "statement %s is already held with other content" % statement["id"])
            for statement in batch:
                state["statements"].setdefault(statement["id"], statement)
            return self.answer(200, ids)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
