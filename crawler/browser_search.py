"""Script-driven site-search boxes run in headless Chromium, after the crawl and outside the Scrapy reactor.

Types each probe query into the box, submits it as a reader would (click, else Enter), waits for the navigation or
DOM change, reads the rendered page with checks.search.results_facts, then tries page 2 and one sorted variant."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import lxml.html
from lxml import etree
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    JavascriptException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.timeouts import Timeouts
from selenium.webdriver.remote.webelement import WebElement

from checks.html import host_of, url_key
from checks.search import SearchProbe, results_facts, vocab
from crawler.agencies import host_variants
from crawler.browser import BrowserOptions, BrowserSession, browser_available, browser_binaries, first_line, is_crash

REACT_S = 3.0           # a submit that changes nothing within this long did not work; the other way is tried
QUIET_MS = 500          # the page counts as settled after this long without DOM mutations
SETTLE_MAX_S = 5.0      # results rendered by script after load get at most this long
_POLL_S = 0.1
_QUERY_KINDS = ("word", "empty", "no-hit", "browser")

# Marks the current document and counts DOM mutations from now on; a navigation replaces the window's globals.
_ARM = """
window.__govaudit = {start: performance.now(), first: 0, last: performance.now(), count: 0};
new MutationObserver(function (records) {
  var g = window.__govaudit, now = performance.now();
  g.count += records.length; g.last = now; if (!g.first) g.first = now;
}).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
"""
_STATE = """
var g = window.__govaudit;
return g ? [true, document.readyState, g.count, performance.now() - g.last, g.first - g.start]
         : [false, document.readyState, 0, 0, 0];
"""
# The navigation's own timing and HTTP status (Chromium ≥ 109 reports responseStatus).
_NAVIGATION = """
var n = performance.getEntriesByType('navigation')[0];
return n ? [Math.round(n.responseEnd - n.startTime), n.responseStatus || 0] : [0, 0];
"""
# A pager control that is a script (postback or onclick), found by its page number or its 下一頁 label.
_PAGE2_CONTROL = """
var labels = arguments[0], all = document.querySelectorAll('a, button, input[type=button], span[onclick], li[onclick]');
var byNumber = null, byNext = null;
for (var i = 0; i < all.length; i++) {
  var el = all[i], text = (el.innerText || el.value || '').trim().toLowerCase();
  var href = el.getAttribute('href') || '';
  if (/Page\\$2['"]/.test(href)) return el;
  if (!byNumber && (text === '2' || text === '[2]' || text === '第2頁')) byNumber = el;
  if (!byNext && labels.indexOf(text) >= 0) byNext = el;
}
return byNumber || byNext;
"""
_SET_VALUE = """
var el = arguments[0]; el.focus(); el.value = arguments[1];
el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true}));
"""
_PRESS_ENTER = """
var el = arguments[0];
['keydown', 'keypress', 'keyup'].forEach(function (type) {
  el.dispatchEvent(new KeyboardEvent(type, {key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true}));
});
if (el.form) { if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.submit(); }
"""
_SELECT_OPTION = """
var select = arguments[0];
for (var i = 0; i < select.options.length; i++) {
  if (select.options[i].value === arguments[1]) { select.selectedIndex = i; break; }
}
select.dispatchEvent(new Event('change', {bubbles: true}));
"""


@dataclass(slots=True)
class SearchJob:
    """One agency's script-driven box: where it is, the queries the crawl chose, and the agency's own hosts."""

    agency_id: str
    page_url: str
    form: dict
    queries: list[str]
    hosts: frozenset[str]


def search_job(agency_id: str, hosts: Sequence[str], probes: list[dict]) -> SearchJob | None:
    """The browser's work for one agency: its chosen box needs a browser and nothing has queried it yet."""
    for probe in probes:
        facts = probe.get("facts") or {}
        chosen = facts.get("chosen") if probe["kind"] == "discover" else None
        if not chosen:
            continue
        if not chosen.get("needs_browser") or chosen.get("engine") != "site":
            return None
        if any(p["kind"] in _QUERY_KINDS for p in probes):
            return None
        return SearchJob(agency_id=agency_id, page_url=chosen.get("page") or probe["url"], form=chosen,
                         queries=list(facts.get("queries") or []), hosts=host_variants(hosts))
    return None


def not_run(job: SearchJob, error: str, detail: str) -> SearchProbe:
    """The record that says why the box was not run: error browser-disabled | browser-unavailable."""
    return SearchProbe(agency_id=job.agency_id, kind="browser", url=job.page_url, error=error, fetched_at=_now(),
                       facts={"detail": detail, "locator": job.form.get("locator", "")})


def run_searches(jobs: Sequence[SearchJob], options: BrowserOptions) -> Iterator[tuple[SearchJob, list[SearchProbe]]]:
    """Each job's probe records, one job after another in one browser (restarted after a crash)."""
    if not jobs:
        return
    available, detail = browser_available()
    if not available:
        for job in jobs:
            yield job, [not_run(job, "browser-unavailable", detail)]
        return
    chromium, chromedriver = browser_binaries()
    assert chromium and chromedriver  # browser_available() checked both
    session: BrowserSession | None = None
    try:
        for job in jobs:
            if session is None:
                try:
                    session = BrowserSession(options, chromium, chromedriver)
                except Exception as exc:  # noqa: BLE001 - reported for this agency; the next one tries again
                    yield job, [not_run(job, "browser-unavailable", f"browser did not start: {first_line(exc)}")]
                    continue
            driver = _Driver(session, job, options.page_timeout)
            records = driver.run()
            if driver.crashed:
                session.close()
                session = None
            yield job, records
    finally:
        if session is not None:
            session.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class _BoxFailed(Exception):
    """The box could not be operated: not found, or submitting it changed nothing."""


@dataclass(slots=True)
class _Step:
    url: str
    changed: str            # "navigation" | "dom"
    response_ms: float | None
    status: int | None
    facts: dict


class _Driver:
    """Runs one job's queries in one session; every WebDriver call is bounded by a watchdog that kills the
    browser if chromedriver itself stops answering."""

    def __init__(self, session: BrowserSession, job: SearchJob, page_timeout: float):
        self.session = session
        self.driver = session.driver
        self.job = job
        self.timeout = page_timeout
        self.crashed = False
        self.field = job.form.get("field")

    def run(self) -> list[SearchProbe]:
        records: list[SearchProbe] = []
        followed = False
        for q in self.job.queries:
            kind = "empty" if q == "" else "no-hit" if q == vocab().no_hit_query else "word"
            step, record = self._guarded(kind, q, self.job.page_url, lambda q=q: self._query(q))
            records.append(record)
            if self.crashed or (step is None and record.error == "script-box" and len(records) == 1):
                break  # a box that cannot be operated on the first query will not work for the others
            if step is not None and step.facts.get("external_url"):
                break  # an outside engine: one query is the evidence; its pages are not ours to probe further
            if step is not None and kind == "word" and not followed and (step.facts.get("listed") or 0) > 0:
                followed = True
                records += self._follow(q, step)
        return records

    # ------------------------------------------------------------ one step, guarded
    def _guarded(self, kind: str, q: str | None, url: str, action: Callable[[], _Step | None]
                 ) -> tuple[_Step | None, SearchProbe | None]:
        started = time.monotonic()
        fired = threading.Event()

        def watchdog() -> None:
            fired.set()
            self.session.kill()

        timer = threading.Timer(self.timeout * 3 + 20, watchdog)
        timer.daemon = True
        timer.start()
        error, detail, step = None, "", None
        try:
            self.driver.timeouts = Timeouts(page_load=self.timeout, script=self.timeout)
            step = action()
        except _BoxFailed as exc:
            error, detail = "script-box", str(exc)
        except TimeoutException as exc:
            error, detail = "timeout", f"no answer within {self.timeout:g} s: {first_line(exc)}"
        except Exception as exc:  # noqa: BLE001 - whatever the page did, the other agencies go on
            self.crashed = fired.is_set() or is_crash(exc) or not self.session.healthy()
            error, detail = "script-box", ("browser unresponsive; restarted" if fired.is_set()
                                          else f"browser error: {first_line(exc)}")
        finally:
            timer.cancel()
        if step is None and error is None:
            return None, None
        elapsed = round((time.monotonic() - started) * 1000, 1)
        if step is None:
            return None, SearchProbe(agency_id=self.job.agency_id, kind=kind, url=url, method="GET", q=q,
                                     error=error, fetched_at=_now(),
                                     facts={"via": "browser", "error_detail": detail, "elapsed_ms": elapsed})
        return step, SearchProbe(agency_id=self.job.agency_id, kind=kind, url=step.url, method="GET", q=q,
                                 status=step.status, response_ms=step.response_ms, final_url=step.url,
                                 fetched_at=_now(), facts=step.facts)

    # ------------------------------------------------------------ the query
    def _query(self, q: str) -> _Step:
        driver = self.driver
        driver.get(self.job.page_url)
        self._settle()
        box = self._find_box()
        if box is None:
            raise _BoxFailed("找不到搜尋框（search input not found on the rendered page）")
        visible = box.is_displayed() and box.is_enabled()
        if visible:
            box.clear()
            if q:
                box.send_keys(q)
        else:  # a collapsed box (opened by a toggle on small screens): set it the way its scripts would see
            driver.execute_script(_SET_VALUE, box, q)
        button = self._find(By.XPATH, self.job.form.get("submit_locator"))
        ways = [("click", button), ("enter", box)] if button is not None else [("enter", box)]
        for how, element in ways:
            step = self._act(lambda how=how, element=element: self._submit(how, element), REACT_S)
            if step is not None:
                step.facts["submitted_by"] = how
                return step
        raise _BoxFailed("送出後頁面無任何變化（neither click nor Enter changed the page）")

    def _submit(self, how: str, element: WebElement) -> None:
        if how == "click":
            try:
                element.click()
            except (ElementClickInterceptedException, ElementNotInteractableException):
                # hidden, or covered by a banner or overlay: the button's own handlers still run on a DOM click
                self.driver.execute_script("arguments[0].click();", element)
        elif element.is_displayed():
            element.send_keys(Keys.ENTER)
        else:
            self.driver.execute_script(_PRESS_ENTER, element)

    def _find_box(self) -> WebElement | None:
        form = self.job.form
        for by, value in ((By.ID, form.get("field_id")), (By.NAME, form.get("field")),
                          (By.XPATH, form.get("field_locator"))):
            found = self._find(by, value)
            if found is not None:
                return found
        container = self._find(By.XPATH, form.get("locator"))
        if container is None:
            return None
        inputs = container.find_elements(By.CSS_SELECTOR, "input[type=search], input[type=text], input:not([type])")
        return inputs[0] if inputs else None

    def _find(self, by: str, value: str | None) -> WebElement | None:
        if not value:
            return None
        try:
            found = self.driver.find_elements(by, value)
        except WebDriverException:
            return None  # an XPath from the parsed source that the rendered DOM does not accept
        shown = [element for element in found if element.is_displayed()]
        return (shown or found or [None])[0]

    # ------------------------------------------------------------ page 2 and a sorted variant
    def _follow(self, q: str, page1: _Step) -> list[SearchProbe]:
        records = []
        first = {url_key(u) for u in page1.facts.get("result_links", [])}
        if page1.facts.get("paginated"):
            step, record = self._guarded("page2", q, page1.url, lambda: self._page2(page1))
            if record is not None:
                if step is not None:
                    links = step.facts.get("result_links", [])
                    record.facts["differs"] = bool(links) and {url_key(u) for u in links} != first
                    record.facts["page1_url"] = page1.url
                records.append(record)
        if self.crashed:
            return records
        option = _sort_option(page1.facts, self.job.hosts)
        if option is not None:
            step, record = self._guarded("sort", q, page1.url, lambda: self._sorted(q, page1, option))
            if record is not None:
                record.facts.update(sort_key=option["key"], page1_url=page1.url)
                records.append(record)
        return records

    def _page2(self, page1: _Step) -> _Step | None:
        target = page1.facts.get("page2_url")
        if target and self._own(target):
            return self._act(lambda: self.driver.get(target), self.timeout)
        if target:
            return None
        control = self.driver.execute_script(_PAGE2_CONTROL, sorted(vocab().next_labels))
        if control is None:
            return None
        step = self._act(lambda: self.driver.execute_script("arguments[0].click();", control), REACT_S)
        if step is None:
            raise _BoxFailed("點選第 2 頁後頁面無變化（the page-2 control changed nothing）")
        return step

    def _sorted(self, q: str, page1: _Step, option: dict) -> _Step | None:
        if option.get("url"):
            return self._act(lambda: self.driver.get(option["url"]), self.timeout)
        if self.driver.current_url != page1.url or page1.changed == "dom":
            self._query(q)  # back to page 1's state: page 2 moved away from it
        if option["control"] == "select" and option.get("param"):
            select = self._find(By.NAME, option["param"])
            if select is None:
                return None
            return self._act(lambda: self.driver.execute_script(_SELECT_OPTION, select, option["value"]), REACT_S)
        control = self.driver.execute_script(
            "var t = arguments[0]; return Array.prototype.find.call(document.querySelectorAll("
            "'a, button, input[type=button], input[type=radio]'), function (el) {"
            " return (el.innerText || el.value || '').trim() === t; }) || null;", option["label"])
        if control is None:
            return None
        return self._act(lambda: self.driver.execute_script("arguments[0].click();", control), REACT_S)

    def _own(self, url: str) -> bool:
        return host_of(url) in self.job.hosts

    # ------------------------------------------------------------ acting and waiting
    def _act(self, action: Callable[[], None], react_s: float) -> _Step | None:
        """Do something on the page and read what it led to; None when nothing changed within react_s."""
        driver = self.driver
        driver.execute_script(_ARM)
        before = driver.current_url
        action()
        deadline = time.monotonic() + react_s
        while True:
            try:
                armed, ready, count, quiet_ms, first_ms = driver.execute_script(_STATE)
            except JavascriptException:
                armed, ready, count, quiet_ms, first_ms = False, "loading", 0, 0, 0  # between documents
            if not armed and ready == "complete":
                return self._read("navigation", *driver.execute_script(_NAVIGATION))
            if armed and count and quiet_ms >= QUIET_MS:
                return self._read("dom", round(first_ms, 1), 0)
            if armed and driver.current_url != before and quiet_ms >= QUIET_MS:
                return self._read("dom", 0, 0)  # history.pushState with no visible change
            if time.monotonic() > deadline:
                return None
            time.sleep(_POLL_S)

    def _settle(self) -> None:
        """Results a script renders after load: wait until the DOM has been quiet for QUIET_MS."""
        driver = self.driver
        driver.execute_script(_ARM)
        deadline = time.monotonic() + SETTLE_MAX_S
        while time.monotonic() < deadline:
            time.sleep(_POLL_S)
            try:
                armed, ready, _, quiet_ms, _ = driver.execute_script(_STATE)
            except JavascriptException:
                continue
            if armed and ready == "complete" and quiet_ms >= QUIET_MS:
                return

    def _read(self, changed: str, response_ms: float, status: int) -> _Step:
        if changed == "navigation":
            self._settle()
        if not status:
            status = self.driver.execute_script(_NAVIGATION)[1]  # the document showing the results
        url = self.driver.current_url
        facts = _rendered_facts(self.driver.page_source, url, self.field)
        facts.update(via="browser", changed=changed)
        if url.startswith(("http://", "https://")) and not self._own(url):
            facts["external_url"] = url
        return _Step(url=url, changed=changed, response_ms=float(response_ms) if response_ms else None,
                     status=status or None, facts=facts)


def _rendered_facts(html: str, url: str, field: str | None) -> dict:
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return {}
    return results_facts(root, url, field)


def _sort_option(facts: dict, hosts: frozenset[str]) -> dict | None:
    """One sort control to confirm it answers: an own-host sort link first, else a select, link or button."""
    options = sorted(facts.get("sort_options", []), key=lambda o: (o["key"] != "time", not o.get("url")))
    for option in options:
        if option.get("url"):
            if host_of(option["url"]) in hosts:
                return option
            continue
        if option["control"] in ("select", "link", "button", "radio"):
            return option
    return None
