"""Send the issue's hostile requests to a running server and print, per request, the status, the
wall time, the growth of the web worker's peak memory and the start of the answer.

    gunicorn config.wsgi -w 1 -b 127.0.0.1:8765 &      # with the demo loaded
    python -m tests.hostile.measure_server --url http://127.0.0.1:8765 --pid <worker pid>

Uploads go through the web form as the demo's ``leverancier`` (the open Orionis concept), the
API requests with that user's token. ``--pid`` is the gunicorn *worker* (not the master); its
VmHWM is reset before each request (our own process: /proc/<pid>/clear_refs).
"""

import argparse
import html
import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from .corpus import CASES

PASSWORD = "Walcheren-2018!"
DEEP = "[" * 1000 + "]" * 1000


def memory_kb(pid: int | None, field: str) -> int:
    if not pid:
        return 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class Session:
    def __init__(self, url: str, pid: int | None):
        self.url, self.pid = url.rstrip("/"), pid
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, method, path, body=None, headers=None):
        request = urllib.request.Request(
            self.url + path, data=body, method=method, headers=headers or {}
        )
        try:
            with self.opener.open(request, timeout=300) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def measured(self, label, method, path, body=None, headers=None):
        if self.pid:
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        before = memory_kb(self.pid, "VmRSS")
        started = time.monotonic()
        status, content = self.request(method, path, body, headers)
        seconds = time.monotonic() - started
        extra = max(memory_kb(self.pid, "VmHWM") - before, 0) / 1024
        print(f"{label:44} {status:>4} {seconds:>7.2f} s {extra:>7.1f} MB  {answer(content)[:80]}")
        return status, content


def answer(content: bytes) -> str:
    text = content.decode("utf-8", "replace")
    if text.startswith("{"):
        try:
            return str(json.loads(text).get("detail", text))
        except ValueError:
            return text
    errors = re.findall(
        r'(?:class="(?:error|notice)[^"]*"|id="bestand-fout")[^>]*>(.*?)</p>', text, re.S
    )
    if errors:
        return html.unescape(re.sub(r"<[^>]+>", "", errors[0])).strip()
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    return html.unescape(title.group(1).strip()) if title else text[:80]


def multipart(fields: dict, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--pid", type=int, default=None)
    args = parser.parse_args()
    web = Session(args.url, args.pid)
    web.request("GET", "/inloggen/")
    login = urllib.parse.urlencode(
        {"username": "leverancier", "password": PASSWORD, "csrfmiddlewaretoken": web.csrf()}
    ).encode()
    web.request(
        "POST",
        "/inloggen/",
        login,
        {"Content-Type": "application/x-www-form-urlencoded", "Referer": args.url},
    )
    api = Session(args.url, args.pid)
    _status, token = api.request(
        "POST",
        "/api/v1/token/",
        json.dumps({"username": "leverancier", "password": PASSWORD}).encode(),
        {"Content-Type": "application/json"},
    )
    auth = {
        "Authorization": "Token " + json.loads(token)["token"],
        "Content-Type": "application/json",
    }
    _status, listing = api.request("GET", "/api/v1/aanleveringen/?status=concept", headers=auth)
    submission = json.loads(listing)["results"][0]["id"]

    print(f"{'verzoek':44} {'code':>4} {'tijd':>9} {'+geheugen':>10}  antwoord")
    upload_path = f"/aanleveringen/{submission}/importeren/"
    for case in CASES:
        web.request("GET", upload_path)
        body, content_type = multipart(
            {"csrfmiddlewaretoken": web.csrf()}, case.filename, case.build()
        )
        web.measured(
            f"upload {case.name}",
            "POST",
            upload_path,
            body,
            {"Content-Type": content_type, "Referer": args.url + upload_path},
        )
    web.request("GET", upload_path)
    csv_text = "Indicatorcode;Gebiedscode;Periode;Waarde\norionis-beginstand;walcheren;2018H2;12\n"
    body, content_type = multipart(
        {"csrfmiddlewaretoken": web.csrf()}, "utf16.csv", csv_text.encode("utf-16")
    )
    web.measured(
        "upload CSV in UTF-16",
        "POST",
        upload_path,
        body,
        {"Content-Type": content_type, "Referer": args.url + upload_path},
    )

    item = {
        "indicator": "orionis-beginstand",
        "gebied": "walcheren",
        "periode": "2018H2",
        "waarde": 1,
    }
    requests = [
        ("bulk: JSON 1000 diep", "POST", "/api/v1/waarden/bulk/", DEEP),
        ("waarden: JSON 1000 diep", "PUT", f"/api/v1/aanleveringen/{submission}/waarden/", DEEP),
        ("token: JSON 1000 diep (anoniem)", "POST", "/api/v1/token/", DEEP),
        ("trendoordelen: JSON 1000 diep", "POST", "/api/v1/trendoordelen/", DEEP),
        (
            "bulk: NUL in indicatorcode",
            "POST",
            "/api/v1/waarden/bulk/",
            json.dumps({"waarden": [{**item, "indicator": "a\x00b"}]}),
        ),
        (
            "bulk: NUL in toelichting",
            "POST",
            "/api/v1/waarden/bulk/",
            json.dumps({"waarden": [{**item, "toelichting": "a\x00b"}]}),
        ),
        (
            "bulk: toelichting 1.000.000 tekens",
            "POST",
            "/api/v1/waarden/bulk/",
            json.dumps({"waarden": [{**item, "toelichting": "x" * 1_000_000}]}),
        ),
        (
            "bulk: reden 1.000.000 tekens",
            "POST",
            "/api/v1/waarden/bulk/",
            json.dumps({"reden": "x" * 1_000_000, "waarden": [item]}),
        ),
        (
            "bulk: waarde 1e-400",
            "POST",
            "/api/v1/waarden/bulk/",
            json.dumps({"waarden": [{**item, "waarde": "W"}]}).replace('"W"', "1e-400"),
        ),
        (
            "overzicht: NUL in query",
            "GET",
            "/api/v1/overzicht/?gemeente=GM0718%00&periode=2018H1",
            None,
        ),
    ]
    for label, method, path, body in requests:
        headers = {"Content-Type": "application/json"} if "token" in path else auth
        api.measured(label, method, path, body.encode() if body is not None else None, headers)


if __name__ == "__main__":
    main()
