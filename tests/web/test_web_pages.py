"""The HTML pages against real stores on SQLite and PostgreSQL."""

from __future__ import annotations

import re

from web_helpers import XSS, sample_image

IL6_FIG = "PMC7757046__ijbsv17p0204g001"


def test_home_shows_counts_search_and_latest_figures(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'action="/search"' in page.text
    assert re.search(r"<strong>28</strong><span>figures</span>", page.text)
    assert "PMC10846991__j-krcp-23-071f3" in page.text  # the 2024 paper is the latest


def test_search_page_lists_cards_with_thumbnail_and_matching_genes(client):
    page = client.get("/search", params={"gene": "stat3"})
    assert page.status_code == 200
    assert "2 figures" in page.text
    assert f'src="/figures/{IL6_FIG}/image"' in page.text
    assert '<a class="chip matched" href="/search?gene=STAT3"' in page.text


def test_search_page_paginates(client):
    page = client.get("/search", params={"q": "wnt", "organism": "Danio rerio"})
    assert "page 1 of 2" in page.text
    assert 'href="/search?q=wnt&amp;organism=Danio+rerio&amp;page=2"' in page.text
    assert "Previous" not in page.text


def test_capped_totals_show_a_plus(client, monkeypatch):
    from pathfig.store import search as store_search

    monkeypatch.setattr(store_search, "TOTAL_CAP", 22)
    page = client.get("/search", params={"q": "wnt"})
    assert "22+ figures · page 1</p>" in page.text
    assert 'href="/search?q=wnt&amp;page=2"' in page.text
    last = client.get("/search", params={"q": "wnt", "page": 2})
    assert 'rel="next"' not in last.text and 'rel="prev"' in last.text


def test_empty_form_fields_are_not_errors(client):
    page = client.get("/search?q=IL-6&gene=&organism=&year_from=&year_to=&tier=all")
    assert page.status_code == 200 and "2 figures" in page.text


def test_captions_and_titles_are_escaped_everywhere(client):
    for url in ("/", "/search?q=osteopontin", "/figures/PMC1__xss", "/browse"):
        page = client.get(url)
        assert page.status_code == 200
        assert "<script>" not in page.text, url
        assert "<i>Journal" not in page.text, url
    page = client.get("/figures/PMC1__xss")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert XSS in client.get("/api/figures/PMC1__xss").json()["caption"]


def test_figure_page_draws_every_box_in_percent_of_the_image(client):
    page = client.get(f"/figures/{IL6_FIG}")
    boxes = re.findall(r'<a class="box box-(\w+)[^"]*"[^>]*style="([^"]+)"', page.text)
    assert [e for e, _ in boxes] == ["gene", "gene", "gene", "chemical", "disease"]
    first = dict(p.split(":") for p in boxes[0][1].rstrip(";").split(";"))
    # IL6 at (100, 120)-(180, 150) on a 968 × 878 image
    assert first == {
        "left": f"{100 / 968 * 100:.4f}%",
        "top": f"{120 / 878 * 100:.4f}%",
        "width": f"{80 / 968 * 100:.4f}%",
        "height": f"{30 / 878 * 100:.4f}%",
    }
    assert (
        'aria-label="IL6 (NCBI Gene 3569) · ncbigene_symbol · strict · OCR word “IL6”"' in page.text
    )
    for entity in ("gene", "chemical", "disease"):
        assert f'id="show-{entity}" checked' in page.text
    assert "https://europepmc.org/article/PMC/PMC7757046" in page.text
    assert f'href="/figures/{IL6_FIG}/genes.tsv"' in page.text


def test_highlight_marks_the_named_genes(client):
    page = client.get(f"/figures/{IL6_FIG}", params={"highlight": "stat3,3569"})
    assert len(re.findall(r'class="box box-gene hl"', page.text)) == 2
    assert 'class="frame has-highlight"' in page.text
    assert 'class="row-gene hl"' in page.text


def test_image_is_served_from_the_store_with_its_media_type(client):
    response = client.get(f"/figures/{IL6_FIG}/image")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content == sample_image("WP2113").data
    # Nothing from the request becomes a path: traversal is just an unknown figure.
    assert client.get("/figures/..%2F..%2Fetc%2Fpasswd/image").status_code == 404
    assert client.get("/figures/PMC9000__f1/image").status_code == 404  # figure without image


def test_downloads(client):
    tsv = client.get(f"/figures/{IL6_FIG}/genes.tsv")
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    assert "attachment" in tsv.headers["content-disposition"]
    lines = tsv.text.splitlines()
    assert lines[0].startswith("organism_id\torganism_name") and len(lines) == 4
    md = client.get(f"/figures/{IL6_FIG}/pfocr.md")
    assert md.text.startswith("---\nfigid: PMC7757046__ijbsv17p0204g001\n")
    assert client.get("/figures/PMC0__none/genes.tsv").status_code == 404


def test_browse_facets_link_to_search(client):
    page = client.get("/browse")
    assert 'href="/search?organism=Danio%20rerio">Danio rerio</a><span>25</span>' in page.text
    assert 'href="/search?year_from=2024&amp;year_to=2024">2024</a>' in page.text
    assert "/search?journal=Kidney%20Research%20and%20Clinical%20Practice" in page.text


def test_errors_are_html_pages_outside_the_api(client):
    missing = client.get("/figures/PMC0__nothing")
    assert missing.status_code == 404 and "<h1>Not found" in missing.text
    bad = client.get("/search", params={"year_from": "soon"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("text/html")
    assert "year_from" in bad.text and "&#39;soon&#39;" in bad.text
    assert client.get("/no/such/page").status_code == 404
