"""The real pages in real Chromium: search a gene, open the figure, every box on its word.

Runs the real pipeline (OCR and recognition) on the bundled sample, serves it with uvicorn on a
free port, and drives Debian's Chromium through Playwright (never a downloaded browser).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"no Chromium at {CHROMIUM}: `apt-get install chromium` to run the browser tests",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn
    from web_helpers import SAMPLE

    from pathfig.pipeline import Pipeline
    from pathfig.store import open_store
    from pathfig.web import create_app

    db = str(tmp_path_factory.mktemp("browser") / "sample.sqlite")
    summary = Pipeline(open_store(db)).run([SAMPLE])
    assert summary.done == 3, summary.failures
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", open_store(db)
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("width", [1400, 760])
def test_search_a_gene_open_the_figure_and_every_box_sits_on_its_word(
    server, browser, width, tmp_path
):
    base, store = server
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(base + "/")
    page.fill("form.search input[name=gene]", "MMP9")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/search?**")
    cards = page.locator(".results .card")
    assert cards.count() == 1
    cards.first.locator("h3 a").click()
    page.wait_for_url("**/figures/WP1434?highlight=MMP9")
    page.wait_for_function("document.getElementById('figure-image').complete")

    stored = store.image("WP1434")
    mentions = [m for m in store.mentions("WP1434") if m.box]
    img = page.locator("#figure-image").bounding_box()
    assert 0 < img["width"] <= width
    assert abs(img["height"] / img["width"] - stored.height / stored.width) < 0.01
    sx, sy = img["width"] / stored.width, img["height"] / stored.height
    boxes = page.locator(".frame .box")
    assert boxes.count() == len(mentions) > 0
    for i, m in enumerate(mentions):
        rect = boxes.nth(i).bounding_box()
        x0, y0, x1, y1 = m.box
        want = (img["x"] + x0 * sx, img["y"] + y0 * sy, (x1 - x0) * sx, (y1 - y0) * sy)
        got = (rect["x"], rect["y"], rect["width"], rect["height"])
        assert all(abs(a - b) <= 2 for a, b in zip(got, want, strict=True)), (m, got, want)

    # The searched gene is highlighted; hover and keyboard focus both name the gene.
    highlighted = page.locator(".frame .box.hl")
    assert highlighted.count() >= 1
    assert {
        highlighted.nth(i).get_attribute("data-symbol") for i in range(highlighted.count())
    } == {"MMP9"}
    label = highlighted.first.get_attribute("aria-label")
    assert label.startswith("MMP9 (NCBI Gene 4318)") and "OCR word" in label
    highlighted.first.focus()
    assert highlighted.first.locator(".tip").is_visible()

    shot = tmp_path / f"figure-{width}.png"
    page.screenshot(path=str(shot))
    if target := os.environ.get("PATHFIG_SCREENSHOTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / shot.name)

    # Unticking "Genes" hides every gene box.
    page.uncheck("#show-gene")
    assert page.locator(".frame .box-gene").first.is_hidden()
    page.check("#show-gene")
    assert page.locator(".frame .box-gene").first.is_visible()
    page.close()


def test_pages_have_no_console_errors(server, browser):
    base, _ = server
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    for url in ("/", "/search?q=signaling", "/browse", "/figures/WP2113", "/search?year_from=x"):
        response = page.goto(base + url)
        assert response.status == (422 if "year_from" in url else 200), url
    assert [e for e in errors if "422" not in e] == []
    page.close()


def test_api_docs_render_with_no_other_host(server, browser):
    base, _ = server
    page = browser.new_page()
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    def only_ours(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    assert page.goto(base + "/api/docs").status == 200
    # Swagger UI has read /openapi.json and drawn an operation for each endpoint.
    page.wait_for_selector("#swagger-ui .opblock-summary-path")
    paths = page.locator("#swagger-ui .opblock-summary-path").all_inner_texts()
    assert any("/api/search" in p for p in paths), paths
    assert elsewhere == [] and errors == []
    page.close()
