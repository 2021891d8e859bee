"""The Enrich page and POST /api/enrich, on SQLite and PostgreSQL."""

from __future__ import annotations

from scipy.stats import fisher_exact


def test_api_ranks_the_figure_that_holds_the_genes_first(client):
    response = client.post(
        "/api/enrich", json={"genes": ["Il6", "STAT3", "3716", "NOTAGENE"], "min_size": 1}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    top = body["results"][0]
    assert top["figid"] == "PMC7757046__ijbsv17p0204g001"
    assert sorted(top["symbols"]) == ["IL6", "JAK1", "STAT3"]
    assert sorted(top["genes"]) == ["3569", "3716", "6774"]
    assert body["unknown"] == ["NOTAGENE"]
    # The p-value is the one-sided Fisher test in the universe of the figures' genes.
    universe, k = body["universe"], body["query_size"]
    n, x = top["set_size"], top["overlap"]
    table = [[x, n - x], [k - x, universe - n - k + x]]
    assert abs(top["p_value"] - fisher_exact(table, alternative="greater")[1]) < 1e-9


def test_api_rejects_bad_requests_with_a_clear_message(client):
    empty = client.post("/api/enrich", json={"genes": []})
    assert empty.status_code == 422 and "genes" in empty.json()["detail"]
    tier = client.post("/api/enrich", json={"genes": ["IL6"], "tier": "loose"})
    assert tier.status_code == 422 and "tier" in tier.json()["detail"]
    organism = client.post("/api/enrich", json={"genes": ["IL6"], "organism": 4932})
    assert organism.status_code == 400 and "4932" in organism.json()["detail"]


def test_enrich_page_links_each_hit_to_its_figure_with_the_genes_highlighted(client):
    page = client.get("/enrich", params={"genes": "IL6\nSTAT3, JAK1", "min_size": 1})
    assert page.status_code == 200
    html = page.text
    assert "PMC7757046__ijbsv17p0204g001?highlight=" in html
    link = html.split("PMC7757046__ijbsv17p0204g001?highlight=")[1].split('"')[0]
    figure = client.get(f"/figures/PMC7757046__ijbsv17p0204g001?highlight={link}")
    assert figure.status_code == 200
    # Exactly the three overlapping genes' boxes are highlighted on the image.
    assert figure.text.count('class="box box-gene hl"') == 3


def test_enrich_page_without_genes_shows_the_form(client):
    page = client.get("/enrich")
    assert page.status_code == 200 and "<textarea" in page.text
