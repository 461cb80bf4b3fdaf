"""Benchmark: the catalog's start page at 1,000 / 10,000 / 20,000 blueprints, in headless Chromium.

For each size it writes a catalog's start page with its data (the same code as
``kltransfer catalog build``: :func:`kltransfer.catalog.pages.write_listing_files`) from
generated entries, not from rendered blueprints: the entries are made directly, with texts
drawn from the shipped examples (sentences, keywords, compounds made of their words), so
that 20,000 need seconds instead of an hour of rendering pages. The blueprint pages they link
to do not exist; the start page does not load them.

Then, with the real browser (``tests/browser.py``), over a local static web server:

- **initial transfer**: the bytes of every response the page loads until its first results
  show (HTML, scripts, styles, data), as Chromium counts them (``encodedDataLength``), and
  the time to the first results;
- **keystroke latency**: three searches typed letter by letter (``Input.insertText``, the
  events a person's typing makes), from the input event to the next frame after the results
  changed; median and maximum over every letter. Focusing the search box starts loading the
  rest of the data (search index, then cards); the letters start half a second after the
  focus (a person's reaction). On a fresh page the first word is also typed at once after
  the focus: its slowest letter waited for the search index ("typed at once"). The counts of
  the filter options follow the results right after they are painted (they are not part of
  the figure). The machine's load average is printed beside: on a busy machine, single
  keystrokes wait for a CPU.

Targets at 10,000: initial transfer <= 1 MB (1,048,576 bytes) and every keystroke <= 100 ms.
The page is opened from file:// too, to show it works there without errors.

    python benchmarks/catalog_page.py [--sizes 1000,10000,20000]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kltransfer.catalog.links import link_entries  # noqa: E402
from kltransfer.catalog.pages import write_listing_files  # noqa: E402
from kltransfer.destination.tree import OutputTree  # noqa: E402
from tests.browser import Browser  # noqa: E402

WORDS_TYPED = ("parkplätze", "sensoren", "bürgerbeteiligung digital")
LIMIT_BYTES, LIMIT_MS = 1_048_576, 100.0


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@functools.cache
def _pool() -> tuple[list[str], list[str], list[str]]:
    """Sentences, words and keywords of the shipped examples."""
    import yaml

    sentences: list[str] = []
    keywords: list[str] = []
    for path in sorted((ROOT / "examples").glob("*/blueprint.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        keywords += [k for k in data.get("keywords") or [] if isinstance(k, str)]
        for text in _strings(data):
            sentences += [s.strip() for s in text.replace("\n", " ").split(". ") if len(s.split()) >= 4]
    words = sorted({w.strip(",.;:()„“\"'") for s in sentences for w in s.split() if len(w) > 4 and w[0].isalpha()})
    return sentences, words, keywords


def generate(n: int, seed: int = 14) -> list[dict[str, Any]]:
    """``n`` catalog entries as ``catalog build`` keeps them, in title order."""
    from kltransfer.catalog.entries import fold

    rng = random.Random(seed)
    sentences, words, keywords = _pool()
    states = ["DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV", "DE-NI", "DE-NW", "DE-RP"]
    states += ["DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH"]
    fields = ["mobility", "environment", "participation", "data-infrastructure", "administration", "energy"]
    fields += ["education", "health", "safety", "urban-development", "economy", "culture", "tourism", "social"]
    kinds = ["platform", "sensor-network", "digital-twin", "app", "process", "service"]
    cities = [f"{rng.choice(words)}stadt {i}" for i in range(max(10, n // 5))]
    entries = []
    for i in range(n):
        compounds = [rng.choice(words) + rng.choice(words).lower() for _ in range(5)]
        title = " ".join(rng.sample(words, 6)) + f" {i}"
        summary = " ".join(rng.sample(sentences, 2))
        body = rng.sample(sentences, 6)
        score = rng.randint(20, 100)
        adopters = [{"city": rng.choice(cities), "status": "operating"} for _ in range(rng.choice([0] * 9 + [1, 2, 3]))]
        entries.append(
            {
                "id": f"blueprint-{i:05d}",
                "version": "1.0.0",
                "title": title,
                "summary": summary,
                "city": rng.choice(cities),
                "state": rng.choice(states),
                "city_size": rng.choice(["rural", "small-town", "medium-town", "large-city"]),
                "fields_of_action": rng.sample(fields, rng.randint(1, 3)),
                "phase": rng.choice(["P1", "P2", "P3", "P4", "P5"]),
                "kind": rng.choice(kinds),
                "licence": rng.choice(["CC-BY-4.0", "CC0-1.0", "EUPL-1.2"]),
                "open_source": rng.choice([True, False, None]),
                "keywords": rng.sample(keywords, 4),
                "transfer_adopters": adopters,
                "readiness": {
                    "score": score,
                    "label": "proven" if score >= 80 else "ready" if score >= 60 else "incomplete",
                },
                "changed": f"202{rng.randint(0, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "bundle": {"file": f"blueprint-{i:05d}-1.0.0.kltransfer.zip", "size": 9000, "sha256": "0" * 64},
                "source": {"kind": "folder", "path": f"blueprint-{i:05d}/blueprint.yaml"},
                "search_text": fold(" ".join([title, summary, *body, *compounds, *rng.sample(keywords, 4)])),
            }
        )
    entries.sort(key=lambda e: (e["title"].casefold(), e["id"]))
    return entries


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _await(browser: Browser, expression: str, timeout: float = 60) -> Any:
    reply = browser.call(
        "Runtime.evaluate", session=True, expression=expression, awaitPromise=True, returnByValue=True, timeout=timeout
    )
    if "exceptionDetails" in reply:
        raise RuntimeError(reply["exceptionDetails"])
    return reply["result"].get("value")


_NEXT_RENDER = (
    "window.__kt_next = new Promise(function (resolve) {"
    " document.addEventListener('kltransfer:rendered', function () {"
    "  var info = window.__kltransfer_rendered;"
    "  requestAnimationFrame(function () { resolve([performance.now() - info.input, info.shown]); });"
    " }, {once: true}); }); 0"
)


def initial_transfer(browser: Browser, url: str) -> tuple[int, float, int]:
    """Bytes received until the first results show, the time to them (ms), and the number of files."""
    browser.open("about:blank")
    browser.events.clear()
    started = time.perf_counter()
    browser.call("Page.navigate", session=True, url=url)
    _await(
        browser,
        "new Promise(function (resolve) { (function wait() {"
        " if (window.__kltransfer_rendered && document.querySelector('#results > li')) { resolve(1); }"
        " else { setTimeout(wait, 5); } }()); })",
    )
    elapsed = (time.perf_counter() - started) * 1000
    time.sleep(0.2)  # let the last loadingFinished events arrive
    browser.call("Runtime.evaluate", session=True, expression="1")
    sizes: dict[str, int] = {}
    urls = {}
    for event in browser.events:
        params = event.get("params", {})
        if event["method"] == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif event["method"] == "Network.loadingFinished":
            sizes[params["requestId"]] = int(params["encodedDataLength"])
    return sum(sizes.values()), elapsed, len(sizes)


def keystrokes(browser: Browser, pause: float) -> tuple[list[float], list[int]]:
    """The latency of every keystroke (ms), and the result counts after each word.

    ``pause``: seconds between focusing the search box and the first letter.
    """
    browser.evaluate("document.getElementById('q').focus()")
    time.sleep(pause)
    latencies: list[float] = []
    shown: list[int] = []
    for word in WORDS_TYPED:
        browser.evaluate(_NEXT_RENDER)
        browser.evaluate("var q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input'))")
        _await(browser, "window.__kt_next")
        for letter in word:
            browser.evaluate(_NEXT_RENDER)
            browser.call("Input.insertText", session=True, text=letter)
            latency, count = _await(browser, "window.__kt_next")
            latencies.append(latency)
        shown.append(count)
    return latencies, shown


def measure(n: int, workdir: Path) -> dict[str, Any]:
    site = workdir / f"site-{n}"
    started = time.perf_counter()
    entries = generate(n)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    with OutputTree(site, command="catalog build", manifest=".kltransfer-catalog.json").staged() as stage:
        write_listing_files(stage, link_entries(entries, None), "de", status=False)
        stage.commit({})
    written = time.perf_counter() - started
    data = sum(p.stat().st_size for p in (site / "data").iterdir())
    server, url = _serve(site)
    try:
        with Browser(width=1280, height=900) as browser:
            # headless, the page has no focus of its own: without this, focusing the search box fires no event
            browser.call("Emulation.setFocusEmulationEnabled", session=True, enabled=True)
            transfer, first_results, files = initial_transfer(browser, url + "index.html")
            cold, _shown = keystrokes(browser, 0.0)
            initial_transfer(browser, url + "index.html")
            keys, shown = keystrokes(browser, 0.5)
            browser.requests.clear()
            browser.console_errors.clear()
            browser.open((site / "index.html").as_uri())
            _await(browser, "new Promise(function (r) { setTimeout(r, 100); })")
            file_errors = list(browser.console_errors)
            outside = [u for u in browser.requests if not u.startswith(("file://", "data:", "about:"))]
    finally:
        server.shutdown()
    return {
        "n": n,
        "generate_s": generated,
        "write_s": written,
        "data_bytes": data,
        "initial_bytes": transfer,
        "initial_files": files,
        "first_results_ms": first_results,
        "cold_word_ms": max(cold[: len(WORDS_TYPED[0])]),
        "median_key_ms": statistics.median(keys),
        "p95_key_ms": sorted(keys)[round(0.95 * (len(keys) - 1))],
        "max_key_ms": max(keys),
        "load": os.getloadavg()[0],
        "keys": len(keys),
        "shown": shown,
        "file_errors": file_errors,
        "outside": outside,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,20000", help="numbers of blueprints, comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            row = measure(n, Path(tmp))
            rows.append(row)
            print(
                f"{n:>6} blueprints: initial transfer {row['initial_bytes']:>9,} bytes in {row['initial_files']} files"
                f" ({row['initial_bytes'] / LIMIT_BYTES:.2f} of 1 MB),"
                f" first results after {row['first_results_ms']:.0f} ms;"
                f" keystroke: median {row['median_key_ms']:.0f} ms, 95% within {row['p95_key_ms']:.0f} ms,"
                f" max {row['max_key_ms']:.0f} ms"
                f" ({row['keys']} keys; results {row['shown']}),"
                f" slowest letter of a word typed at once after focusing {row['cold_word_ms']:.0f} ms;"
                f" all data files {row['data_bytes']:,} bytes (written in {row['write_s']:.1f} s);"
                f" file:// errors {len(row['file_errors'])}, requests off the site {len(row['outside'])};"
                f" load average {row['load']:.1f} on {os.cpu_count()} CPUs",
                flush=True,
            )
    verdict = 0
    for row in rows:
        if row["n"] == 10_000:
            worst, typical = row["max_key_ms"], row["p95_key_ms"]
            bytes_ok, keys_ok = row["initial_bytes"] <= LIMIT_BYTES, worst <= LIMIT_MS
            print(
                f"at 10,000: initial transfer <= 1 MB: {'met' if bytes_ok else 'NOT met'};"
                f" every keystroke <= 100 ms: {'met' if keys_ok else 'NOT met'} (worst {worst:.0f} ms,"
                f" 95% within {typical:.0f} ms)"
            )
            verdict = 0 if bytes_ok and keys_ok else 1
    print(json.dumps(rows, ensure_ascii=False), file=sys.stderr)
    return verdict


if __name__ == "__main__":
    sys.exit(main())
