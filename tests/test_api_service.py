"""GET /health, GET /openapi.yaml and the offline Swagger UI at /docs."""
import re
from html.parser import HTMLParser
from pathlib import Path

from swagger_ui_bundle import swagger_ui_path

from api.migrate import head_revision

ROOT = Path(__file__).resolve().parents[1]


def test_health_reports_engine_and_database(client, database, pipeline):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["database"] == {"reachable": True, "backend": database.backend,
                                         "schema_revision": head_revision(), "expected_revision": head_revision()}
    assert response.json["engine"]["segmenter"] == pipeline.engine.info["segmenter"]


def test_health_is_503_when_the_database_is_down(make_app):
    # Nothing listens on port 1: the connection is refused at once.
    client = make_app(DATABASE_URL="postgresql+psycopg://events@127.0.0.1:1/events").test_client()
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["database"] == {"reachable": False, "backend": "postgresql", "schema_revision": None,
                                         "expected_revision": head_revision()}
    stored = client.get("/events")
    assert stored.status_code == 503 and stored.json["detail"].startswith("The database does not answer")


def test_the_committed_contract_is_served(client):
    response = client.get("/openapi.yaml")
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    assert response.data == (ROOT / "openapi.yaml").read_bytes()


class AssetLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        self.links += [value for name, value in attrs if name in ("src", "href")]


def test_swagger_ui_works_offline_from_the_installed_bundle(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    parser = AssetLinks()
    parser.feed(html)
    assert len(parser.links) >= 3
    for link in parser.links:
        assert link.startswith("/docs/assets/"), link
        asset = client.get(link)
        assert asset.status_code == 200, link
        assert asset.data == (Path(swagger_ui_path) / link.removeprefix("/docs/assets/")).read_bytes()
    assert not re.search(r"https?://", html), "the page must not load anything from the internet"
    assert 'url: "/openapi.yaml"' in html and "validatorUrl: null" in html
    assert client.get("/docs/assets/swagger-ui-bundle.js").mimetype in ("text/javascript", "application/javascript")


def test_only_files_of_the_bundle_are_served(client):
    assert client.get("/docs/assets/../../../../etc/passwd").status_code == 404
    assert client.get("/docs/assets/%2e%2e/%2e%2e/api/config.py").status_code == 404
