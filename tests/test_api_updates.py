"""Edited articles: PUT /articles/{id} and re-posting a stored url with other text replace the
article (same id) and re-merge its events exactly as DELETE + POST would."""
import requests

from tests.test_integration_server import NEW_KEY, live_server  # noqa: F401  (shared gunicorn)

SISI_HAFTAR = "التقى الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، المشير خليفة حفتر بالقاهرة."
RECEPTION = ("استقبل الرئيس عبد الفتاح السيسي في القاهرة اليوم القائد العام للجيش الليبي المشير خليفة حفتر "
             "وبحث معه الأوضاع في ليبيا.")
SHOUKRY = "التقى وزير الخارجية المصري سامح شكري، اليوم الأحد، نظيره اليوناني نيكوس دندياس في أثينا."
URL_A, URL_B = "https://www.example.com/updates/a", "https://www.example.com/updates/b"
KEY = {"X-API-Key": NEW_KEY}


def article(text, url):
    return {"text": text, "url": url, "published_at": "2020-12-27"}


def without_ids(value):
    """Events as a reader sees them, without ids and times (which DELETE + POST change)."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items()
                if k not in ("id", "article_id", "person_id", "created_at", "updated_at")}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def all_events(server) -> list:
    items = requests.get(server.url + "/events", params={"limit": 100}, timeout=10).json()["items"]
    return sorted((without_ids(e) for e in items), key=lambda e: repr(e))


def test_put_replaces_the_article_and_remerges_as_delete_and_post_would(live_server, empty_database, row_counts):
    def post(body):
        return requests.post(live_server.url + "/events", json=body, headers=KEY, timeout=60)

    first, other = post(article(SISI_HAFTAR, URL_A)), post(article(RECEPTION, URL_B))
    assert (first.status_code, other.status_code) == (201, 201)
    article_id = first.json()["article"]["id"]
    (merged,) = other.json()["events"]
    assert len(merged["reports"]) == 2

    put = requests.put(f"{live_server.url}/articles/{article_id}", json=article(SHOUKRY, URL_A), headers=KEY,
                       timeout=60)
    assert put.status_code == 200 and put.json()["changed"] is True
    stored = put.json()["article"]
    assert stored["id"] == article_id and stored["characters"] == len(SHOUKRY)
    assert stored["created_at"] == first.json()["article"]["created_at"] and stored["updated_at"] is not None
    assert stored["extractor_version"] == first.json()["article"]["extractor_version"]
    assert [sorted(p["name"] for p in e["participants"]) for e in put.json()["events"]] == [["سامح شكري",
                                                                                             "نيكوس دندياس"]]
    left = requests.get(f"{live_server.url}/events/{merged['id']}", timeout=10).json()
    assert [r["url"] for r in left["reports"]] == [URL_B]
    after_put, counts = all_events(live_server), row_counts()

    unchanged = requests.put(f"{live_server.url}/articles/{article_id}", json=article(SHOUKRY, URL_A), headers=KEY,
                             timeout=60)
    assert unchanged.status_code == 200 and unchanged.json()["changed"] is False
    assert unchanged.json()["article"] == stored and row_counts() == counts

    # The same edits as DELETE + POST, from the same start.
    for answer in (requests.delete(f"{live_server.url}/articles/{article_id}", headers=KEY, timeout=30),
                   requests.delete(f"{live_server.url}/articles/{other.json()['article']['id']}", headers=KEY,
                                   timeout=30)):
        assert answer.status_code == 204
    assert [post(article(SISI_HAFTAR, URL_A)).status_code, post(article(RECEPTION, URL_B)).status_code] == [201, 201]
    again_id = requests.get(live_server.url + "/events", params={"url": URL_A}, timeout=10).json()[
        "items"][0]["reports"][0]["article_id"]
    assert requests.delete(f"{live_server.url}/articles/{again_id}", headers=KEY, timeout=30).status_code == 204
    assert post(article(SHOUKRY, URL_A)).status_code == 201
    assert all_events(live_server) == after_put


def test_reposting_a_url_with_other_text_updates_it_and_the_same_text_does_nothing(live_server, empty_database):
    def post(body):
        return requests.post(live_server.url + "/events", json=body, headers=KEY, timeout=60)

    first = post(article(SHOUKRY, URL_A))
    merged_into = post(article(RECEPTION, URL_B)).json()["events"][0]
    edited = post(article(SISI_HAFTAR, URL_A))
    assert edited.status_code == 200 and edited.json()["changed"] is True
    assert edited.json()["article"]["id"] == first.json()["article"]["id"]
    (event,) = edited.json()["events"]
    assert event["id"] == merged_into["id"] and sorted(r["url"] for r in event["reports"]) == [URL_A, URL_B]
    assert requests.get(live_server.url + "/events", params={"participant": "دندياس"},
                        timeout=10).json()["total"] == 0

    same = post(article(SISI_HAFTAR, URL_A))
    assert same.status_code == 200 and same.json() == {**edited.json(), "changed": False}


def test_put_to_an_unknown_article_is_404_and_to_another_articles_url_is_409(make_app, row_counts):
    client = make_app().test_client()
    assert client.put("/articles/99", json=article(SHOUKRY, URL_A)).status_code == 404
    first = client.post("/events", json=article(SISI_HAFTAR, URL_A)).json["article"]
    second = client.post("/events", json=article(SHOUKRY, URL_B)).json["article"]
    before = row_counts()
    taken = client.put(f"/articles/{second['id']}", json=article(SHOUKRY, URL_A))
    assert taken.status_code == 409 and taken.mimetype == "application/problem+json"
    assert taken.json["detail"].startswith(f"Article {first['id']} has this url")
    assert row_counts() == before
    assert client.get(f"/articles/{second['id']}").json["article"]["url"] == URL_B


def test_put_needs_a_key_and_a_valid_body(make_app, row_counts):
    client = make_app(API_KEYS=("update-key-1",)).test_client()
    stored = client.post("/events", json=article(SHOUKRY, URL_A), headers={"X-API-Key": "update-key-1"})
    path = f"/articles/{stored.json['article']['id']}"
    before = row_counts()
    assert client.put(path, json=article(SISI_HAFTAR, URL_A)).status_code == 401
    assert client.put(path, json={"text": " ", "url": URL_A}, headers={"X-API-Key": "update-key-1"}).status_code == 422
    assert client.put(path, data="{", content_type="application/json",
                      headers={"X-API-Key": "update-key-1"}).status_code == 400
    assert row_counts() == before
