"""The report in a real browser (headless Chromium driven by Selenium through the
Debian chromedriver, no browser download): the page renders, the graph script
loads without console errors, the graphs show the sample corpus's bodies, a
year shows the graph as it stood then, clicking shows evidence whose links
land on the quoted paragraph, and hostile paper text stays text.

Skipped, with the reason, only where Chromium or its driver is not installed
(`.ci/run` installs both).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from papermine.graph import to_graph
from papermine.report import write_report
from papermine.store import ingest, open_store

from conftest import CORPUS

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="headless browser tests need Chromium and its driver (apt-get install chromium chromium-driver)")

#: Longest wait for anything in the page (seconds): these pages are small.
WAIT = 10
DURHAM = "Durham County Council"
CLASP = "Children Looked After Strategic Partnership"        # named so from 2022
LACP = "Looked After Children Strategic Partnership"         # its name in 2018
CPP = "Corporate Parenting Panel"
PAYLOAD = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
HOSTILE = f"""Corporate Parenting Panel

12 March 2023

Partnership {PAYLOAD} Update

Report of the Head of Children's Social Care, Durham County Council

Background

1 The Children Looked After Strategic Partnership will report quarterly into the Corporate Parenting Panel {PAYLOAD} {IMG} as agreed.

2 The group consists of representatives from police, education and housing.

3 To achieve this the partnership has 2 Priority Actions as follows:

Priority 1) Improve placement stability {IMG} for our children.

Priority 2) Develop the local offer for care leavers\u2028now 25.
"""


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--allow-file-access-from-files"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT * 3)
    driver.set_script_timeout(WAIT)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def sample_report(sample_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    with open_store(sample_db) as store:
        write_report(store, path)
    return path


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "papers").mkdir()
    (folder / "papers" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    shutil.copy(CORPUS / "durham/2024-01-26_corporate-parenting-panel_clasp-update.txt", folder / "papers")
    with open_store(folder / "t.db") as store:
        assert ingest(store, [folder / "papers"], workers=1).count("failed") == 0
        write_report(store, folder / "report.html")
    return folder / "report.html"


def _open(driver, path: Path) -> None:
    driver.get_log("browser")                                  # forget the previous page's messages
    driver.get(path.as_uri())
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _problems(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def _graph(driver, council: str) -> str:
    """Scroll the council's graph into view (as a reader would) and wait until it is built."""
    section = driver.execute_script(
        "return [...document.querySelectorAll('section.council-graph')]"
        ".find(s => s.querySelector('h3').textContent === arguments[0]).id", council)
    driver.execute_script("document.getElementById(arguments[0]).scrollIntoView()", section)
    WebDriverWait(driver, WAIT).until(
        lambda d: d.execute_script("return document.getElementById(arguments[0]).dataset.ready", section))
    return section


def _shown(driver, section: str) -> dict:
    """Labels of the bodies and relations the graph draws now (Cytoscape's own visibility)."""
    return driver.execute_script(
        "const cy = papermineGraphs[arguments[0]].cy;"
        "return {nodes: cy.nodes(':visible').map(n => n.data('label')).sort(),"
        "        edges: cy.edges(':visible').map(e => e.source().data('label') + ' | ' + e.data('label')"
        "                                       + ' | ' + e.target().data('label')).sort()};", section)


def _year(driver, section: str, year: str) -> dict:
    before = driver.find_element("css selector", f"#{section} .graph-status").text
    driver.find_element("css selector", f'#{section} button[data-year="{year}"]').click()
    WebDriverWait(driver, WAIT).until(
        lambda d: d.find_element("css selector", f"#{section} .graph-status").text != before)
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return _shown(driver, section)


def _click(driver, section: str, selector: str) -> None:
    """A real mouse click on a node or an edge's midpoint, where it is drawn."""
    canvas = driver.find_element("css selector", f"#{section} .graph-canvas")
    x, y = driver.execute_script(
        "const ele = papermineGraphs[arguments[0]].cy.$(arguments[1]);"
        "const p = ele.isNode() ? ele.renderedPosition() : ele.renderedMidpoint(); return [p.x, p.y];",
        section, selector)
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform()
    WebDriverWait(driver, WAIT).until(
        lambda d: d.find_elements("css selector", f"#{section} .graph-evidence h4"))


def _node(driver, section: str, label: str) -> str:
    return "#" + driver.execute_script(
        "return papermineGraphs[arguments[0]].cy.nodes().filter(n => n.data('label') === arguments[1])[0].id()",
        section, label)


def test_the_graphs_render_with_the_corpus_bodies(browser, sample_report, sample_db):
    _open(browser, sample_report)
    assert browser.execute_script("return typeof cytoscape") == "function"
    assert browser.execute_script("return document.documentElement.classList.contains('js')")
    section = _graph(browser, DURHAM)
    with open_store(sample_db) as store:
        expected = sorted(d["label"] for _, d in to_graph(store).nodes(data=True) if d["council"] == DURHAM)
    shown = _shown(browser, section)
    assert shown["nodes"] == expected and {CLASP, CPP} <= set(shown["nodes"])
    assert LACP not in shown["nodes"]                   # the renamed partnership is one body
    assert f"{CLASP} | reports to, six-monthly | {CPP}" in shown["edges"]
    assert browser.find_elements("css selector", f"#{section} .graph-canvas canvas")
    # the print picture of the same graph is hidden on screen, and printed in the live graph's place
    static, live = (browser.find_element("css selector", f"#{section} {part}") for part in (".graph-static", ".graph-live"))
    assert live.is_displayed() and not static.is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert static.is_displayed() and not live.is_displayed()
    assert len(static.find_elements("css selector", "circle")) == len(expected) and "Police" in static.text
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert _problems(browser) == []


def test_a_year_shows_the_graph_as_it_stood(browser, sample_report, tmp_path):
    _open(browser, sample_report)
    section = _graph(browser, DURHAM)
    every = _shown(browser, section)
    in_2018 = _year(browser, section, "2018")
    browser.find_element("css selector", f"#{section}").screenshot(str(tmp_path / "2018.png"))
    in_2024 = _year(browser, section, "2024")
    browser.find_element("css selector", f"#{section}").screenshot(str(tmp_path / "2024.png"))
    assert LACP in in_2018["nodes"] and CLASP not in in_2018["nodes"]       # before the rename
    assert CLASP in in_2024["nodes"] and LACP not in in_2024["nodes"]       # after it
    assert f"{CLASP} | reports to, six-monthly | {CPP}" in in_2024["edges"]
    assert f"{LACP} | reports to, quarterly | {CPP}" in in_2018["edges"]
    assert not any("six-monthly" in e for e in in_2018["edges"])
    assert len(in_2018["nodes"]) < len(every["nodes"]) and set(in_2024["nodes"]) < set(every["nodes"])
    status = browser.find_element("css selector", f"#{section} .graph-status").text
    assert status.startswith(f"2024: {len(in_2024['nodes'])} bodies and {len(in_2024['edges'])} relations")
    assert (tmp_path / "2018.png").read_bytes() != (tmp_path / "2024.png").read_bytes()
    assert _year(browser, section, "") == every                             # all years again
    assert _problems(browser) == []


def test_clicks_show_evidence_and_every_link_resolves(browser, sample_report):
    _open(browser, sample_report)
    section = _graph(browser, DURHAM)
    _year(browser, section, "2024")
    _click(browser, section, _node(browser, section, CLASP))
    panel = browser.find_element("css selector", f"#{section} .graph-evidence")
    assert panel.find_element("css selector", "h4").text == CLASP
    assert "2024-01-26" in panel.text
    edge = browser.execute_script(
        "return '#' + papermineGraphs[arguments[0]].cy.edges().filter(e => e.data('label') === "
        "'reports to, six-monthly')[0].id()", section)
    _click(browser, section, edge)
    assert panel.find_element("css selector", "h4").text == f"{CLASP} \u2192 reports to, six-monthly \u2192 {CPP}"
    link = panel.find_element("css selector", "a.cite")
    sentence = panel.find_element("css selector", "q").text
    assert "six-monthly" in sentence and link.text.endswith("(CLASP) Update, paragraph 4")
    link.click()
    target = browser.execute_script("return document.querySelector(':target')")
    assert target is not None and sentence[:40] in target.text                # lands on the quoted paragraph
    dangling = browser.execute_script(
        "const ids = [...document.querySelectorAll('a[href^=\"#\"]')].map(a => decodeURIComponent(a.hash.slice(1)));"
        "const data = JSON.parse(document.getElementById('papermine-graphs').textContent);"
        "ids.push(...data.evidence.map(e => e.anchor));"
        "return [ids.length, ids.filter(id => !document.getElementById(id))];")
    assert dangling[0] > 50 and dangling[1] == []
    assert _problems(browser) == []


def test_hostile_paper_text_stays_text(browser, hostile_report):
    _open(browser, hostile_report)
    with pytest.raises(TimeoutException):                                   # no alert ever opens
        WebDriverWait(browser, 1).until(expected_conditions.alert_is_present())
    assert browser.execute_script("return document.scripts.length") == 3    # the data, the library, ours
    assert browser.execute_script("return document.images.length") == 0
    body = browser.find_element("tag name", "body").text
    assert f"Partnership {PAYLOAD} Update" in body and f"stability {IMG} for" in body
    section = _graph(browser, DURHAM)
    edge = browser.execute_script(
        "return '#' + papermineGraphs[arguments[0]].cy.edges().filter(e => e.data('label') === "
        "'reports to, quarterly')[0].id()", section)
    _click(browser, section, edge)
    panel = browser.find_element("css selector", f"#{section} .graph-evidence")
    assert f"Panel {PAYLOAD} {IMG} as agreed." in panel.text and f"Partnership {PAYLOAD} Update" in panel.text
    assert panel.find_elements("css selector", "img, script") == []
    assert _problems(browser) == []
