"""A real HTTP server on 127.0.0.1 that answers like the OSV API (api.osv.dev).

`POST /v1/querybatch` answers each query with the ids of the records naming its
package, narrowed to an exact version the way OSV does (the record's `versions` list,
or `answers` given by the test); `GET /v1/vulns/{id}` returns the record. A `mode` makes
it misbehave (HTTP 500, garbage, a reply too large, a redirect to another host). It
records every request so a test can tell whether (and how often) the scan asked.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.servers.loopback import LoopbackServer


def ghsa_record(
    vid: str,
    package: str,
    events: list[dict[str, str]],
    *,
    ecosystem: str = "npm",
    aliases: tuple[str, ...] = (),
    severity: str | None = "HIGH",
    cvss: str | None = None,
    summary: str = "Command injection through a crafted tool argument",
    versions: list[str] | None = None,
) -> dict[str, Any]:
    """A record shaped like the ones osv.dev serves for GitHub advisories."""
    record: dict[str, Any] = {
        "schema_version": "1.6.0",
        "id": vid,
        "modified": "2026-11-20T08:14:03.512Z",
        "published": "2026-11-18T16:02:11Z",
        "aliases": list(aliases),
        "summary": summary,
        "details": f"### Impact\n{summary}.\n\n### Patches\nUpgrade.\n",
        "affected": [
            {
                "package": {
                    "ecosystem": ecosystem,
                    "name": package,
                    "purl": f"pkg:{ecosystem.lower()}/{package}",
                },
                "ranges": [
                    {"type": "SEMVER" if ecosystem == "npm" else "ECOSYSTEM", "events": events}
                ],
                **({"versions": versions} if versions is not None else {}),
                "database_specific": {
                    "source": f"https://github.com/github/advisory-database/blob/main/{vid}.json"
                },
            }
        ],
        "references": [
            {"type": "ADVISORY", "url": f"https://github.com/advisories/{vid}"},
            {"type": "PACKAGE", "url": f"https://github.com/example/{package}"},
        ],
        "database_specific": {
            "cwe_ids": ["CWE-78"],
            "github_reviewed": True,
            "github_reviewed_at": "2026-11-19T21:40:00Z",
            "nvd_published_at": None,
        },
    }
    if severity is not None:
        record["database_specific"]["severity"] = severity
    if cvss is not None:
        record["severity"] = [{"type": "CVSS_V3", "score": cvss}]
    return record


class FakeOsv(LoopbackServer):
    """`with FakeOsv(records) as osv:` then MCPAUDIT_OSV_URL=osv.base; `osv.seen` lists
    (method, path, body) of every request."""

    def __init__(
        self,
        records: list[dict[str, Any]],
        *,
        answers: Mapping[tuple[str, str, str], list[str]] | None = None,
        mode: str = "ok",  # ok | status500 | garbage | huge | flood | drip | wrong_shape
        # | redirect_away
        page_size: int | None = None,  # querybatch: at most this many ids per page
    ) -> None:
        self.page_size = page_size
        self.records = {r["id"]: r for r in records}
        self.answers = dict(answers or {})
        self.mode = mode
        self.seen: list[tuple[str, str, Any]] = []
        super().__init__()

    def ids_for(self, query: Mapping[str, Any]) -> list[str]:
        package = query.get("package", {})
        key = (package.get("ecosystem"), package.get("name"))
        version = query.get("version")
        if version and (*key, version) in self.answers:
            return self.answers[(*key, version)]
        found = []
        for vid, record in self.records.items():
            for affected in record["affected"]:
                p = affected["package"]
                if (p["ecosystem"], p["name"]) != key:
                    continue
                if version is None or version in affected.get("versions", ()):
                    found.append(vid)
        return found

    def _reply(self, method: str, path: str, body: Any) -> tuple[int, dict[str, str], bytes]:
        if self.mode == "status500":
            return 500, {}, b'{"code": 13, "message": "internal error"}'
        if self.mode == "garbage":
            return 200, {}, b"<html>\x1b[31mnot json\x00"
        if self.mode == "huge":
            return 200, {}, b'{"results": [' + b'{"vulns": []},' * 400_000 + b'{"vulns": []}]}'
        if self.mode == "redirect_away":
            return 302, {"Location": "https://elsewhere.example/v1/querybatch"}, b""
        if method == "POST" and path == "/v1/querybatch":
            queries = body.get("queries", []) if isinstance(body, dict) else []
            if self.mode == "wrong_shape":
                return 200, {}, json.dumps({"results": {"vulns": "GHSA"}}).encode()
            results = []
            for q in queries:
                ids = self.ids_for(q)
                start = int(q.get("page_token") or 0)
                end = start + self.page_size if self.page_size else len(ids)
                result: dict[str, Any] = (
                    {
                        "vulns": [
                            {"id": i, "modified": "2026-11-20T08:14:03Z"} for i in ids[start:end]
                        ]
                    }
                    if ids[start:end]
                    else {}
                )
                if end < len(ids):
                    result["next_page_token"] = str(end)
                results.append(result)
            return 200, {}, json.dumps({"results": results}).encode()
        if method == "GET" and path.startswith("/v1/vulns/"):
            record = self.records.get(path.removeprefix("/v1/vulns/"))
            if record is None:
                return 404, {}, b'{"code": 5, "message": "Bug not found."}'
            return 200, {}, json.dumps(record).encode()
        return 404, {}, b'{"code": 5, "message": "Not Found"}'

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._answer(None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                self._answer(body)

            def _answer(self, body: Any) -> None:
                server.seen.append((self.command, self.path, body))
                if server.mode == "flood":  # no Content-Length: the reply just goes on
                    self._flood()
                    return
                if server.mode == "drip":  # a byte now and then: never a read time-out
                    self._drip()
                    return
                status, headers, payload = server._reply(self.command, self.path, body)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def _flood(self) -> None:
                self.close_connection = True
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(b'{"results": [')
                    for _ in range(200):  # 13 MB, far over the cap
                        self.wfile.write(b'{"vulns": []},' * 5000)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _drip(self) -> None:
                self.close_connection = True
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    for _ in range(50):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.1)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler
