#!/usr/bin/python3
"""`npm run bench` (Flask part): the Flask demo without the adapter, with it unpaired and paired,
through Flask's test client (in-process WSGI, no network), and where the paired time goes.
Medians of alternating rounds, printed side by side; nothing is asserted."""

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "adapters" / "flask"), str(REPO / "demo-flask")]

from demo_app import create_app  # noqa: E402
from sessionscope_flask import generate_key  # noqa: E402
from sessionscope_flask.core.seal import seal_text  # noqa: E402
from sessionscope_flask.core.typed import encode_typed  # noqa: E402

KEY = generate_key()
N = 300


def median_us(app, headers) -> float:
    client = app.test_client()
    client.post("/login", data={"username": "ann"})
    client.post("/cart/add", data={"name": "Teapot", "qty": "2"})
    times = []
    for _ in range(N):
        start = time.perf_counter()
        client.get("/", headers=headers)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def main() -> None:
    silent = {"keys": [KEY.pairing]}
    rows = {"without": [], "unpaired": [], "paired": []}
    for _ in range(5):
        rows["without"].append(median_us(create_app("cookie", sessionscope=False), {}))
        rows["unpaired"].append(median_us(create_app("cookie", **silent), {}))
        rows["paired"].append(median_us(create_app("cookie", **silent), {"X-Sessionscope-Kid": KEY.kid}))
    base = statistics.median(rows["without"])
    print("Flask demo, GET / (signed-cookie session, ~300 B), Flask test client, median µs per request:")
    for name, values in rows.items():
        value = statistics.median(values)
        print(f"  {name:9} {value:7.0f} µs  ×{value / base:.2f}")
    session = {"visits": 3, "username": "ann", "cart": {"items": [{"name": "Teapot", "qty": 2}]}}
    start = time.perf_counter()
    for _ in range(2000):
        encode_typed(session)
    encode = (time.perf_counter() - start) / 2000 * 1e6
    text = '{"v":1,' + '"x":"' + "y" * 1500 + '"}'
    start = time.perf_counter()
    for _ in range(500):
        seal_text(text, KEY)
    seal = (time.perf_counter() - start) / 500 * 1e6
    print(f"  of which: encoding one side {encode:.0f} µs; sealing a 1.5 KB payload with jwcrypto {seal:.0f} µs")


if __name__ == "__main__":
    main()
