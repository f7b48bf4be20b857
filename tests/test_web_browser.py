"""The newsroom page in a real browser (Debian's chromium driven by Playwright) against a live
gunicorn: read an article with its events highlighted, open the event, correct it and undo,
browse the list, a person and the graph; no console errors; screenshots under test-output/."""
import csv
import io
import os
from pathlib import Path

import pytest
import requests

from test_integration_server import gunicorn

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-output" / "screenshots"
KEY = "newsroom-key-3f9d"
ARTICLE = ("التقى رئيس المجلس الرئاسي محمد المنفي، اليوم الأحد، وزير الخارجية المصري سامح شكري في طرابلس، "
           "وبحث الجانبان سبل دعم الاستقرار في ليبيا.")
SECOND = ("استقبل وزير الخارجية المصري سامح شكري، أمس، رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة بمقر الوزارة "
          "في القاهرة.")


@pytest.fixture(scope="module")
def web_server(database_url, tmp_path_factory):
    """gunicorn with keys named for the audit trail."""
    with gunicorn(database_url, tmp_path_factory.mktemp("web") / "server.log", API_KEYS=KEY,
                  API_KEY_NAMES="desk-editor", API_KEYS_FOR_READS="0") as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium (as .ci/run does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that records console errors and uncaught exceptions; the test fails on any."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield page
    context.close()
    assert errors == []


def shot(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def api_event(server, event_id):
    return requests.get(f"{server.url}/events/{event_id}", timeout=10).json()


def csv_rows(server):
    body = requests.get(f"{server.url}/events/export.csv", timeout=10).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_read_open_correct_and_undo(web_server, empty_database, page):
    page.goto(web_server.url + "/")
    assert page.url.endswith("/ui/")
    page.fill("#api-key", KEY)
    page.click("#key-form button")

    page.fill("#article-text", ARTICLE)
    page.fill("#article-date", "2021-03-21")
    page.fill("#article-url", "https://www.example.com/news/menfi-shoukry")
    page.click("button[value=store]")
    page.wait_for_selector("#article-view mark.k-trigger")
    marks = {kind: page.locator(f"#article-view mark.k-{kind}").all_inner_texts()
             for kind in ("trigger", "participant", "place", "time", "agenda")}
    assert marks == {"trigger": ["التقى"], "participant": ["محمد المنفي", "سامح شكري"], "place": ["طرابلس"],
                     "time": ["اليوم الأحد"], "agenda": ["سبل دعم الاستقرار في ليبيا"]}
    assert page.eval_on_selector("#article-view", "node => getComputedStyle(node).direction") == "rtl"
    card = page.locator("#event-cards .card").first
    card.hover()
    assert page.locator("#article-view mark.lit").count() == 6  # two participants
    assert "محمد المنفي" in card.inner_text() and "2021-03-21" in card.inner_text()
    shot(page, "read")

    card.locator("h3 a").click()
    page.wait_for_selector("#reports .report")
    event_id = int(page.url.rsplit("/", 1)[1])
    assert page.locator("#reports .report").count() == 1
    shot(page, "event")

    page.fill("#c-note", "الخبر يذكر الدبيبة أيضًا")
    page.fill("#c-person-name", "عبد الحميد الدبيبة")
    page.fill("#c-person-country", "LBY")
    page.click("#c-add-person button")
    page.wait_for_selector("#audit li")
    assert "desk-editor" in page.locator("#audit li").first.inner_text()
    assert "عبد الحميد الدبيبة" in page.locator("#event-summary").inner_text()
    corrected = api_event(web_server, event_id)
    assert [p["name"] for p in corrected["participants"]][-1] == "عبد الحميد الدبيبة"
    (row,) = csv_rows(web_server)
    assert "عبد الحميد الدبيبة" in row["participants"]
    shot(page, "event-corrected")

    page.locator("#audit li button").first.click()
    page.wait_for_selector("#audit li.undone")
    assert "عبد الحميد الدبيبة" not in page.locator("#event-summary").inner_text()
    assert "عبد الحميد الدبيبة" not in [p["name"] for p in api_event(web_server, event_id)["participants"]]
    assert "عبد الحميد الدبيبة" not in csv_rows(web_server)[0]["participants"]


def test_browse_the_list_a_person_and_the_graph(web_server, empty_database, page):
    for text, day in ((ARTICLE, "2021-03-21"), (SECOND, "2021-04-12")):
        stored = requests.post(f"{web_server.url}/events", json={"text": text, "published_at": day},
                               headers={"X-API-Key": KEY}, timeout=60)
        assert stored.status_code == 201

    page.goto(web_server.url + "/ui/events?participant=" + "شكري")
    page.wait_for_selector("#events-list > li")
    assert page.locator("#events-list > li").count() == 2
    assert page.locator("#f-participant").input_value() == "شكري"
    shot(page, "events")

    page.goto(web_server.url + "/ui/graph")
    page.wait_for_selector("#graph circle")
    assert page.locator("#graph circle").count() == 3
    assert page.locator("#graph line").count() == 2
    positions = page.eval_on_selector_all("#graph circle", "cs => cs.map(c => [c.cx.baseVal.value, c.cy.baseVal.value])")
    assert len(set(map(tuple, positions))) == 3
    assert sorted(page.locator("#edges li a").all_inner_texts()) == ["لقاء 2021-03-21", "لقاء 2021-04-11"]
    shot(page, "graph")

    page.locator("#graph a.node").filter(has_text="سامح شكري").click()
    page.wait_for_selector("#timeline li")
    assert page.locator("#person-heading").inner_text() == "سامح شكري"
    assert page.locator("#timeline li").count() == 2
    shot(page, "person")


def test_usable_on_a_phone_and_by_keyboard(web_server, empty_database, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar", is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(web_server.url + "/ui/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.fill("#article-text", ARTICLE)
    page.fill("#article-date", "2021-03-21")
    page.click("button[value=extract]")
    page.wait_for_selector("#event-cards .card")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "read-phone")

    page.focus("#article-text")
    page.keyboard.press("Tab")  # the title field follows the text
    assert page.evaluate("document.activeElement.id") == "article-title"
    page.locator("#event-cards .card").first.focus()
    assert page.locator("#article-view mark.lit").count() == 6
    context.close()
    assert errors == []


def test_merge_and_split_from_the_event_page(web_server, empty_database, page):
    ids = []
    for text, day in ((ARTICLE, "2021-03-21"), (SECOND, "2021-04-12")):
        stored = requests.post(f"{web_server.url}/events", json={"text": text, "published_at": day},
                               headers={"X-API-Key": KEY}, timeout=60).json()
        ids.append(stored["events"][0]["id"])
    page.goto(f"{web_server.url}/ui/events/{ids[0]}")
    page.fill("#api-key", KEY)
    page.click("#key-form button")
    page.wait_for_selector("#reports .report")
    page.fill("#c-merge-id", str(ids[1]))
    page.click("#c-merge button")
    page.wait_for_function("document.querySelectorAll('#reports .report').length === 2")
    assert requests.get(f"{web_server.url}/events/{ids[1]}", timeout=10).status_code == 404
    assert "دمج" in page.locator("#audit li").first.inner_text()

    page.locator("#reports .report").nth(1).get_by_role("button").click()
    page.wait_for_function("document.querySelectorAll('#reports .report').length === 1")
    assert requests.get(f"{web_server.url}/events", timeout=10).json()["total"] == 2
