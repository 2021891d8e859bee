"""The JSON API against real stores on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

IL6_FIG = "PMC7757046__ijbsv17p0204g001"
KIDNEY_FIG = "PMC10846991__j-krcp-23-071f3"
XSS_FIG = "PMC1__xss"


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["figid"] for r in response.json()["results"]]


def test_figure_json_has_metadata_genes_boxes_and_image(client):
    body = client.get(f"/api/figures/{IL6_FIG}").json()
    assert body["figid"] == IL6_FIG and body["year"] == "2021" and body["pmcid"] == "PMC7757046"
    assert body["image"] == {
        "url": f"/figures/{IL6_FIG}/image",
        "media_type": "image/png",
        "width": 968,
        "height": 878,
    }
    assert [g["symbol"] for g in body["genes"]] == ["IL6", "JAK1", "STAT3"]
    assert body["mentions"][0]["box"] == [100.0, 120.0, 180.0, 150.0]
    assert body["links"]["PMC article"] == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7757046/"
    assert body["links"]["Europe PMC"] == "https://europepmc.org/article/PMC/PMC7757046"
    assert body["links"]["Figure at PMC"] == (
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7757046/figure/F1/"
    )


def test_unknown_figure_is_a_json_404(client):
    response = client.get("/api/figures/PMC0__nothing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert "PMC0__nothing" in response.json()["detail"]


def test_text_search_ranks_title_matches_first_and_ands_terms(client):
    # "IL-6" is in the title of one figure and only in the caption of the other.
    assert ids(client.get("/api/search", params={"q": "IL-6"})) == [IL6_FIG, KIDNEY_FIG]
    assert ids(client.get("/api/search", params={"q": "IL-6 kidney"})) == [KIDNEY_FIG]
    assert ids(client.get("/api/search", params={"q": "IL-6 osteopontin"})) == []
    # Stemming: "fibrosis" finds the paper title and the caption; the paper title counts too.
    assert ids(client.get("/api/search", params={"q": "intestinal diseases"})) == [IL6_FIG]


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced',
        "a AND OR NOT",
        "NEAR(il6 stat3)",
        "title:il6",
        "sig*",
        "-fibrosis",
        "(()",
        "il6 OR",
        "'; DROP TABLE figures; --",
        "\x00\x1f",
        "é ß 中文",
    ],
)
def test_fts_syntax_in_user_text_is_never_an_error(client, q):
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert client.get("/api/search", params={"q": "IL-6"}).json()["total"] == 2


def test_or_and_minus_are_plain_words(client):
    # "-fibrosis" is the word fibrosis, not NOT fibrosis; "OR" is a word every figure lacks.
    assert ids(client.get("/api/search", params={"q": "kidney -fibrosis"})) == [KIDNEY_FIG]
    assert ids(client.get("/api/search", params={"q": "kidney OR osteopontin"})) == []


def test_genes_by_symbol_any_case_or_ncbi_id_all_required(client):
    assert ids(client.get("/api/search", params={"gene": "stat3"})) == [KIDNEY_FIG, IL6_FIG]
    assert ids(client.get("/api/search", params={"gene": "6774"})) == [IL6_FIG]
    assert ids(client.get("/api/search", params={"gene": "STAT3, IL6"})) == [IL6_FIG]
    assert ids(client.get("/api/search", params={"gene": "STAT3 MMP9"})) == []
    hit = client.get("/api/search", params={"gene": "IL6"}).json()["results"][0]
    assert [g["symbol"] for g in hit["genes"] if g["matched"]] == ["IL6"]


def test_tier_narrows_gene_matches(client):
    assert ids(client.get("/api/search", params={"gene": "JAK1"})) == [IL6_FIG]
    assert ids(client.get("/api/search", params={"gene": "JAK1", "tier": "synonyms"})) == [IL6_FIG]
    assert ids(client.get("/api/search", params={"gene": "JAK1", "tier": "strict"})) == []


def test_organism_and_year_filters(client):
    assert ids(client.get("/api/search", params={"q": "IL-6", "organism": "mus musculus"})) == [
        KIDNEY_FIG
    ]
    assert ids(client.get("/api/search", params={"q": "IL-6", "organism": "10090"})) == [KIDNEY_FIG]
    found = ids(client.get("/api/search", params={"q": "IL-6", "year_from": 2015, "year_to": 2021}))
    assert found == [IL6_FIG]
    assert ids(client.get("/api/search", params={"year_from": 2024})) == [KIDNEY_FIG]
    journal = "Kidney Research and Clinical Practice"
    assert ids(client.get("/api/search", params={"journal": journal})) == [KIDNEY_FIG]


def test_pagination(client):
    first = client.get("/api/search", params={"q": "wnt"}).json()
    assert (first["total"], first["pages"], len(first["results"])) == (25, 2, 20)
    second = client.get("/api/search", params={"q": "wnt", "page": 2}).json()
    assert len(second["results"]) == 5
    assert not {r["figid"] for r in first["results"]} & {r["figid"] for r in second["results"]}
    assert client.get("/api/search", params={"q": "wnt", "page": 3}).json()["results"] == []
    assert first["total_capped"] is False


def test_totals_past_the_cap_say_so(client, monkeypatch):
    from pathfig.store import search as store_search

    monkeypatch.setattr(store_search, "TOTAL_CAP", 22)
    first = client.get("/api/search", params={"q": "wnt"}).json()
    assert (first["total"], first["total_capped"], first["pages"]) == (22, True, 2)
    assert len(first["results"]) == 20
    # The pages stop where the count does.
    assert len(client.get("/api/search", params={"q": "wnt", "page": 2}).json()["results"]) == 2


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"year_from": "abc"}, "year_from"),
        ({"tier": "loose"}, "tier"),
        ({"page": 0}, "page"),
        ({"year_from": 2020, "year_to": 2010}, ""),
        ({"q": "x" * 501}, "q"),
    ],
)
def test_bad_parameters_are_422_with_a_clear_message(client, params, parameter):
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422 and body["errors"][0]["parameter"] == parameter
    assert parameter in body["detail"] and body["detail"]


def test_gene_figures_endpoint(client):
    body = client.get("/api/genes/IL6/figures").json()
    assert [r["figid"] for r in body["results"]] == [IL6_FIG]
    assert [
        r["figid"] for r in client.get("/api/genes/3716/figures?tier=strict").json()["results"]
    ] == []
    assert client.get("/api/genes/IL6/figures?tier=bogus").status_code == 422


def test_biothings_document_shape(client):
    doc = client.get(f"/api/figures/{IL6_FIG}/biothings").json()
    assert doc["_id"] == IL6_FIG
    assert doc["associatedWith"]["mentions"] == {
        "genes": {"ncbigene": ["3569", "6774", "3716"]},
        "chemicals": {"chebi": ["15422"]},
        "diseases": {"mesh": ["D003092"]},
    }
    assert doc["associatedWith"]["pmc"] == "PMC7757046"
    assert doc["associatedWith"]["figureUrl"] == (
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7757046/bin/ijbsv17p0204g001.jpg"
    )
    assert doc["associatedWith"]["pfocrUrl"].endswith(f"/figures/{IL6_FIG}.html")
    assert doc["figtitle"].startswith("Pattern of mechanisms")
    strict = client.get(f"/api/figures/{IL6_FIG}/biothings?tier=strict").json()
    assert strict["associatedWith"]["mentions"]["genes"]["ncbigene"] == ["3569", "6774"]


def test_openapi_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/search",
        "/api/figures/{figid}",
        "/api/figures/{figid}/biothings",
        "/api/genes/{gene}/figures",
    } <= set(paths)
    assert not any(p.startswith("/figures") for p in paths)


def test_api_docs_work_offline(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    # Nothing from another host: no absolute URL at all, and every asset is one of ours.
    assert "://" not in page.text and "//" not in re.sub(r"<!--.*?-->", "", page.text)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert {a.rsplit("/", 1)[-1] for a in assets} == {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "favicon.png",
    }
    for asset in assets:
        assert asset.startswith("/api/docs/assets/"), asset
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert response.content, asset
    script = client.get(next(a for a in assets if a.endswith(".js")))
    assert "javascript" in script.headers["content-type"] and b"SwaggerUIBundle" in script.content
    assert "url: '/openapi.json'" in page.text
    assert client.get("/api/docs/assets/missing.js").status_code == 404
    assert client.get("/api/docs/oauth2-redirect").status_code == 200


def test_the_index_follows_resaves_and_paper_title_changes(db_url):
    from web_helpers import FIGURES, build

    from pathfig.store import open_store
    from pathfig.store import search as store_search

    store = open_store(build(db_url))
    figure, _, mentions = FIGURES[0]
    figure.papertitle = "Entirely different zebra title"
    store.save_figure(figure, mentions=mentions)
    with store.engine.connect() as conn:
        hits = store_search.search(conn, store_search.SearchQuery(text="zebra"))
        assert [h.figid for h in hits.hits] == [IL6_FIG]
        assert (
            store_search.search(conn, store_search.SearchQuery(text="intestinal diseases")).total
            == 0
        )
        count = conn.exec_driver_sql("SELECT count(*) FROM search_docs").scalar_one()
    assert count == 3
