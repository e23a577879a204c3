"""The browser phase: loads stored URLs in headless Chromium (selenium) and runs axe-core on each page.
Runs after the crawl in plain threads, never in the Scrapy reactor; a page that kills the browser costs one page."""

from __future__ import annotations

import base64
import hashlib
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import urllib3

# Selenium Manager downloads drivers from the internet; it must never run, even if a path is wrong.
os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver  # noqa: E402 - SE_OFFLINE must be set before selenium reads it
from selenium.common.exceptions import (  # noqa: E402
    InvalidSessionIdException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.timeouts import Timeouts  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver as RemoteWebDriver  # noqa: E402

CHROME_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--no-first-run", "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--mute-audio",
)
FRAME_SEPARATOR = " >>> "
SHADOW_SEPARATOR = " >> "
SNIPPET_CHARS = 300
SCREENSHOT_MAX_HEIGHT = 4000
# Enough for a mega-menu site; a page hiding more subtrees than this keeps the rest of its static findings.
MAX_HIDDEN_ROOTS = 2000
# Documents Chromium renders as themselves; anything else (text/xml without a stylesheet) it shows through
# its own XML tree viewer, and axe would audit that viewer instead of the page.
AUDITABLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "image/svg+xml"})
_MAX_FRAME_DEPTH = 4
# Extra time a blocked WebDriver call gets beyond page_timeout before the watchdog kills the browser;
# chromedriver normally answers within page_timeout, so this only fires when it is itself stuck.
_WATCHDOG_GRACE_S = 20.0
_PROBE_TIMEOUT_S = 2.0
_CRASH_MARKERS = ("tab crashed", "session deleted", "chrome not reachable", "disconnected",
                  "no such window", "target window already closed", "invalid session id",
                  "session not created", "cannot determine loading status")
_WCAG_SC = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")
_LEVEL_TAGS = {"wcag2a": "A", "wcag21a": "A", "wcag22a": "A",
               "wcag2aa": "AA", "wcag21aa": "AA", "wcag22aa": "AA",
               "wcag2aaa": "AAA", "wcag21aaa": "AAA", "wcag22aaa": "AAA"}


@dataclass(slots=True)
class BrowserOptions:
    workers: int = 2
    page_timeout: float = 30.0      # page load + axe run, per page
    restart_after: int = 50         # fresh browser after this many pages (memory creep)
    width: int = 1280
    height: int = 900
    tags: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")   # axe runOnly tags; 115.11 adds "wcag22aa"
    screenshot_dir: Path | None = None
    disabled_rules: tuple[str, ...] = ()   # axe rules left to a more precise static rule


@dataclass(slots=True)
class AxeNode:
    selector: str
    xpath: str
    html: str
    failure_summary: str


@dataclass(slots=True)
class AxeViolation:
    rule: str
    impact: str | None
    tags: list[str]
    wcag: list[str]
    level: str
    help: str
    help_url: str
    nodes: list[AxeNode]


@dataclass(slots=True)
class PageAudit:
    url: str
    final_url: str
    status: str   # "ok" | "timeout" | "crashed" | "error" | "skipped" (not an HTML document)
    error: str
    violations: list[AxeViolation]
    elapsed_s: float
    axe_version: str
    title: str
    screenshot: str | None
    marks: list[dict] = field(default_factory=list)
    # lxml-style XPaths of the top document's subtrees the browser did not render (display:none, or
    # visibility:hidden with nothing inside made visible again): static findings there are unconfirmed.
    hidden: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- binaries

def browser_binaries() -> tuple[str | None, str | None]:
    chromium = os.environ.get("GOVAUDIT_CHROMIUM") or shutil.which("chromium")
    driver = os.environ.get("GOVAUDIT_CHROMEDRIVER") or shutil.which("chromedriver")
    return chromium, driver


def _version_of(binary: str) -> str:
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)
    # Debian's chromium wrapper script prints shell noise on stderr; the version is on stdout.
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _major(version: str) -> str:
    found = re.search(r"(\d+)\.\d+\.\d+", version)
    return found.group(1) if found else ""


def browser_available() -> tuple[bool, str]:
    """(True, "Chromium x / ChromeDriver y") when a browser session can be started, else (False, why)."""
    chromium, driver = browser_binaries()
    if not chromium or not Path(chromium).is_file():
        return False, ("找不到 Chromium（chromium not found）：請安裝 chromium 或設定 GOVAUDIT_CHROMIUM"
                       f"（got {chromium!r}）")
    if not driver or not Path(driver).is_file():
        return False, ("找不到 chromedriver（chromedriver not found）：請安裝 chromium-driver 或設定 "
                       f"GOVAUDIT_CHROMEDRIVER（got {driver!r}）")
    try:
        browser_version, driver_version = _version_of(chromium), _version_of(driver)
    except (OSError, subprocess.SubprocessError) as exc:
        return False, f"cannot run {chromium} / {driver}: {exc}"
    if not browser_version or not driver_version:
        return False, f"no version from {chromium} ({browser_version!r}) or {driver} ({driver_version!r})"
    if _major(browser_version) != _major(driver_version):
        return False, f"version mismatch: {browser_version} vs {driver_version}"
    try:
        axe_script()
    except OSError as exc:
        return False, f"axe-core script unreadable: {exc}"
    return True, f"{browser_version} / {driver_version.split(' (')[0]}"


@lru_cache(maxsize=1)
def axe_script() -> str:
    from axe_selenium_python.axe import _DEFAULT_SCRIPT
    return Path(_DEFAULT_SCRIPT).read_text(encoding="utf-8")


# ---------------------------------------------------------------- scripts run in the page

_RUN_AXE = """
var done = arguments[arguments.length - 1];
// axe's media preload waits for loadedmetadata with no error path: one broken or preload="none" <video>
// would hold the run for the whole preload timeout, so such pages skip the media preload.
var stuck = Array.prototype.some.call(document.querySelectorAll('video, audio'), function (m) {
  return m.readyState === 0 && (m.error || m.networkState !== 2);
});
var opts = {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations'],
            iframes: true, elementRef: false, frameWaitTime: arguments[1],
            preload: {assets: stuck ? ['cssom'] : ['cssom', 'media'], timeout: arguments[2]},
            rules: {}};
arguments[3].forEach(function (id) { opts.rules[id] = {enabled: false}; });
try {
  axe.run(document, opts).then(function (r) {
    done({ok: true, version: axe.version, violations: r.violations.map(function (v) {
      return {id: v.id, impact: v.impact, tags: v.tags, help: v.help, helpUrl: v.helpUrl,
              nodes: v.nodes.map(function (n) {
                return {target: n.target, html: n.html, summary: n.failureSummary || ''};
              })};
    })});
  }).catch(function (e) { done({ok: false, error: String((e && e.message) || e)}); });
} catch (e) { done({ok: false, error: String((e && e.message) || e)}); }
"""

# lxml's getpath(): the [n] index appears only when the parent has several children with that tag.
_XPATH_FN = """
function lxmlPath(el) {
  var parts = [];
  while (el && el.nodeType === 1) {
    var tag = el.localName.toLowerCase(), parent = el.parentNode, step = tag;
    if (parent && parent.nodeType === 1) {
      var same = 0, index = 0;
      for (var c = parent.firstElementChild; c; c = c.nextElementSibling) {
        if (c.localName.toLowerCase() === tag) { same++; if (c === el) index = same; }
      }
      if (same > 1) step = tag + '[' + index + ']';
    }
    parts.unshift(step);
    if (parent && parent.nodeType === 11 && parent.host) {
      return lxmlPath(parent.host) + '/#shadow-root/' + parts.join('/');
    }
    el = parent;
  }
  return '/' + parts.join('/');
}
function resolve(target) {
  if (typeof target === 'string') return document.querySelector(target);
  var root = document, el = null;
  for (var i = 0; i < target.length; i++) {
    el = root.querySelector(target[i]);
    if (!el) return null;
    root = el.shadowRoot || el;
  }
  return el;
}
"""

# Roots only: a display:none subtree is one entry. Elements the user agent never renders by design (head
# content, <area>, which the image map shows) are skipped; static rules judge those on their own terms.
_HIDDEN_ROOTS = _XPATH_FN + """
var limit = arguments[0], out = [];
var skip = /^(head|script|style|template|noscript|area|title|meta|link|base|param|source|track)$/;
function visibleInside(el) {
  var all = el.getElementsByTagName('*');
  for (var i = 0; i < all.length; i++) {
    if (getComputedStyle(all[i]).visibility === 'visible') return true;
  }
  return false;
}
function walk(el) {
  for (var c = el.firstElementChild; c && out.length < limit; c = c.nextElementSibling) {
    if (skip.test(c.localName.toLowerCase())) continue;
    var style = getComputedStyle(c);
    if (style.display === 'none' || (style.visibility !== 'visible' && !visibleInside(c))) {
      out.push(lxmlPath(c));
    } else {
      walk(c);
    }
  }
}
if (document.body) walk(document.body);
return out;
"""

_XPATHS = _XPATH_FN + """
return arguments[0].map(function (t) {
  try { var el = resolve(t); return el ? lxmlPath(el) : ''; } catch (e) { return ''; }
});
"""

_FRAME_ELEMENT = _XPATH_FN + """
var el = resolve(arguments[0]);
return el ? [el, lxmlPath(el)] : null;
"""

_MARKS = r"""
var hostRe = /^(accessibility\.moda\.gov\.tw|accessibility\.ncc\.gov\.tw|(www\.)?handicap-free\.nat\.gov\.tw)$/i;
var altRe = /通過\s*(AAA|AA|A\+?)[\s\S]*無障礙/;
function src(img) {
  if (!img) return '';
  var s = img.currentSrc || img.src || '';
  return s.lastIndexOf('data:', 0) === 0 && s.length > 80 ? s.slice(0, 80) + '…' : s;
}
var out = [], seen = [];
document.querySelectorAll('a[href]').forEach(function (a) {
  if (!hostRe.test(a.hostname || '')) return;
  var img = a.querySelector('img');
  if (img) seen.push(img);
  out.push({href: a.href, alt: img ? (img.getAttribute('alt') || '') : '',
            title: a.getAttribute('title') || (img && img.getAttribute('title')) || '', img_src: src(img)});
});
document.querySelectorAll('img[alt]').forEach(function (img) {
  if (seen.indexOf(img) >= 0 || !altRe.test(img.getAttribute('alt'))) return;
  var a = img.closest('a[href]');
  out.push({href: a ? a.href : '', alt: img.getAttribute('alt'),
            title: img.getAttribute('title') || (a && a.getAttribute('title')) || '', img_src: src(img)});
});
return out;
"""


# ---------------------------------------------------------------- parsing axe results

def wcag_criteria(tags: Sequence[str]) -> list[str]:
    """axe tags → WCAG success criteria: wcag111 → 1.1.1, wcag1410 → 1.4.10, wcag2411 → 2.4.11."""
    found = []
    for tag in tags:
        match = _WCAG_SC.match(tag)
        if match:
            sc = ".".join(match.groups())
            if sc not in found:
                found.append(sc)
    return found


def wcag_level(tags: Sequence[str]) -> str:
    """The lowest conformance level any of the tags names ("A" before "AA" before "AAA"), or ""."""
    levels = {_LEVEL_TAGS[tag] for tag in tags if tag in _LEVEL_TAGS}
    for level in ("A", "AA", "AAA"):
        if level in levels:
            return level
    return ""


def _selector_text(target: Any) -> str:
    return SHADOW_SEPARATOR.join(target) if isinstance(target, list) else str(target)


def _clip(text: str, limit: int = SNIPPET_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- one browser

class _PageFailed(Exception):
    def __init__(self, status: str, error: str):
        super().__init__(error)
        self.status = status
        self.error = error


class BrowserSession:
    """One chromedriver + Chromium pair in its own process group, so a stuck browser can be killed whole."""

    def __init__(self, options: BrowserOptions, chromium: str, chromedriver: str):
        self.options = options
        self.pages = 0
        self.profile = tempfile.mkdtemp(prefix="govaudit-chromium-")
        chrome_options = webdriver.ChromeOptions()
        chrome_options.binary_location = chromium
        for flag in CHROME_FLAGS:
            chrome_options.add_argument(flag)
        chrome_options.add_argument(f"--user-data-dir={self.profile}")
        chrome_options.add_argument(f"--window-size={options.width},{options.height}")
        # An alert() left open would make every later command fail with "unexpected alert open".
        chrome_options.unhandled_prompt_behavior = "dismiss"
        # Its own session (process group): chromedriver leads it and Chromium's processes inherit it.
        service = Service(executable_path=chromedriver, popen_kw={"start_new_session": True})
        try:
            self.driver = webdriver.Chrome(service=service, options=chrome_options)
        except BaseException:
            shutil.rmtree(self.profile, ignore_errors=True)  # selenium already stopped chromedriver
            raise
        self.pgid = self.driver.service.process.pid
        self.handle = self.driver.current_window_handle

    def kill(self) -> None:
        """SIGKILL the whole group; safe only until chromedriver is reaped (its zombie reserves the group id)."""
        try:
            os.killpg(self.pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def close(self) -> None:
        watchdog = threading.Timer(15.0, self.kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            # Ends the session (Chromium closes) but leaves chromedriver unreaped, so kill() below is still safe.
            RemoteWebDriver.quit(self.driver)
        except Exception:  # noqa: BLE001 - a dead browser cannot quit cleanly; the group kill ends it
            pass
        finally:
            watchdog.cancel()
            self.kill()
            try:
                self.driver.service.stop()  # reaps chromedriver
            except Exception:  # noqa: BLE001 - already dead is fine
                pass
            shutil.rmtree(self.profile, ignore_errors=True)

    def healthy(self) -> bool:
        try:
            self.driver.timeouts = Timeouts(page_load=_PROBE_TIMEOUT_S, script=_PROBE_TIMEOUT_S)
            return self.driver.execute_script("return 1") == 1
        except Exception:  # noqa: BLE001 - any failure means the session cannot be trusted
            return False

    # ------------------------------------------------------------ one page

    def audit(self, url: str, screenshot: bool) -> PageAudit:
        started = time.monotonic()
        timeout = self.options.page_timeout
        driver = self.driver
        self.pages += 1

        def time_left() -> float:
            # Each script gets what is left of the page's budget; a floor keeps a slow load from starving axe.
            left = max(1.0, timeout - (time.monotonic() - started))
            driver.timeouts = Timeouts(script=left)
            return left

        driver.timeouts = Timeouts(page_load=timeout, script=timeout)
        try:
            driver.get(url)
        except TimeoutException as exc:
            raise _PageFailed("timeout", f"page load exceeded {timeout:g} s: {first_line(exc)}") from exc
        time_left()
        final_url, title = driver.current_url, driver.title
        content_type = driver.execute_script("return document.contentType") or ""
        if content_type not in AUDITABLE_TYPES:
            raise _PageFailed("skipped", f"not an HTML document ({content_type}); not audited")
        marks = driver.execute_script(_MARKS) or []
        self._inject(0)
        left = time_left()
        try:
            result = driver.execute_async_script(_RUN_AXE, list(self.options.tags), int(left * 600),
                                                 int(min(left * 0.4, 10.0) * 1000),
                                                 list(self.options.disabled_rules))
        except TimeoutException as exc:
            raise _PageFailed("timeout", f"axe run exceeded {timeout:g} s: {first_line(exc)}") from exc
        if not result or not result.get("ok"):
            raise _PageFailed("error", f"axe failed: {(result or {}).get('error', 'no result')}")
        violations = self._violations(result["violations"])
        time_left()
        hidden = self._hidden_roots()
        shot = self._screenshot_or_none(url) if screenshot else None
        self._close_popups()
        return PageAudit(url=url, final_url=final_url, status="ok", error="", violations=violations,
                         elapsed_s=round(time.monotonic() - started, 3), axe_version=result.get("version", ""),
                         title=title or "", screenshot=shot, marks=marks, hidden=hidden)

    def _inject(self, depth: int) -> None:
        """axe-core in this document and, recursively, in every frame: axe.run's frame messaging needs it there."""
        driver = self.driver
        if depth == 0:
            self._inject_top()
        else:
            driver.execute_script(axe_script())
        if depth >= _MAX_FRAME_DEPTH:
            return
        for frame in driver.find_elements(By.CSS_SELECTOR, "iframe, frame"):
            try:
                driver.switch_to.frame(frame)
            except WebDriverException:
                continue  # detached or not yet attached; axe skips frames that do not answer its ping
            try:
                self._inject(depth + 1)
            except WebDriverException as exc:
                if is_crash(exc):
                    raise
            finally:
                driver.switch_to.parent_frame()

    def _inject_top(self) -> None:
        # Straight to DevTools: passing the 560 KB script through chromedriver's execute_script costs ~60 ms more.
        reply = self.driver.execute_cdp_cmd("Runtime.evaluate", {"expression": axe_script(), "silent": True})
        if reply.get("exceptionDetails"):
            self.driver.execute_script(axe_script())

    def _violations(self, raw: list[dict]) -> list[AxeViolation]:
        violations: list[AxeViolation] = []
        nodes_by_frames: dict[tuple, list[tuple[AxeNode, Any]]] = {}
        for item in raw:
            tags = list(item.get("tags") or [])
            nodes: list[AxeNode] = []
            for node in item.get("nodes") or []:
                target = node.get("target") or []
                frames, element = target[:-1], target[-1] if target else ""
                axe_node = AxeNode(
                    selector=FRAME_SEPARATOR.join(_selector_text(part) for part in target),
                    xpath="", html=_clip(node.get("html") or ""), failure_summary=node.get("summary") or "")
                nodes.append(axe_node)
                nodes_by_frames.setdefault(_hashable(frames), []).append((axe_node, element))
            violations.append(AxeViolation(
                rule=item.get("id", ""), impact=item.get("impact"), tags=tags, wcag=wcag_criteria(tags),
                level=wcag_level(tags), help=item.get("help", ""), help_url=item.get("helpUrl", ""), nodes=nodes))
        for frames, pairs in nodes_by_frames.items():
            self._locate(list(frames), pairs)
        return violations

    def _locate(self, frames: list, pairs: list[tuple[AxeNode, Any]]) -> None:
        """Browser-side XPaths for the nodes, entering the frames through WebDriver so cross-origin ones work."""
        driver = self.driver
        prefix: list[str] = []
        driver.switch_to.default_content()
        try:
            for frame in frames:
                found = driver.execute_script(_FRAME_ELEMENT, frame)
                if not found:
                    return
                element, path = found
                prefix.append(path)
                driver.switch_to.frame(element)
            paths = driver.execute_script(_XPATHS, [element for _, element in pairs]) or []
        except WebDriverException as exc:
            if is_crash(exc):
                raise
            return
        finally:
            driver.switch_to.default_content()
        for (node, _), path in zip(pairs, paths):
            if path:
                node.xpath = FRAME_SEPARATOR.join([*prefix, path])

    def _hidden_roots(self) -> list[str]:
        # Without them the static findings merely stay confirmed; the axe results must not be lost.
        try:
            return self.driver.execute_script(_HIDDEN_ROOTS, MAX_HIDDEN_ROOTS) or []
        except WebDriverException as exc:
            if is_crash(exc):
                raise
            return []

    def _screenshot_or_none(self, url: str) -> str | None:
        # A failed screenshot must not cost the page its axe results.
        try:
            return self._screenshot(url)
        except WebDriverException as exc:
            if is_crash(exc):
                raise
            return None

    def _screenshot(self, url: str) -> str | None:
        directory = self.options.screenshot_dir
        if directory is None:
            return None
        directory.mkdir(parents=True, exist_ok=True)
        driver = self.driver
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        content = metrics.get("cssContentSize") or metrics.get("contentSize") or {}
        width = int(content.get("width") or self.options.width)
        height = min(int(content.get("height") or self.options.height), SCREENSHOT_MAX_HEIGHT)
        # captureBeyondViewport renders below the fold without resizing the window (which would re-layout).
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": max(width, 1), "height": max(height, 1), "scale": 1}})
        path = directory / f"{hashlib.sha1(url.encode('utf-8')).hexdigest()[:16]}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        return str(path)

    def _close_popups(self) -> None:
        # Pages that window.open() would otherwise pile up tabs until the next restart.
        handles = self.driver.window_handles
        if len(handles) > 1:
            for handle in handles:
                if handle != self.handle:
                    self.driver.switch_to.window(handle)
                    self.driver.close()
            self.driver.switch_to.window(self.handle)


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, (list, tuple)) else value


def first_line(exc: BaseException) -> str:
    text = getattr(exc, "msg", None) or str(exc)
    return (text.strip().splitlines() or [type(exc).__name__])[0][:300]


def is_crash(exc: BaseException) -> bool:
    if isinstance(exc, InvalidSessionIdException):
        return True
    if not isinstance(exc, WebDriverException):
        # A killed chromedriver surfaces as a refused or reset HTTP connection, not as a WebDriver error.
        return isinstance(exc, (ConnectionError, urllib3.exceptions.HTTPError))
    text = (getattr(exc, "msg", None) or str(exc)).lower()
    return any(marker in text for marker in _CRASH_MARKERS)


# ---------------------------------------------------------------- workers

class _Worker(threading.Thread):
    def __init__(self, options: BrowserOptions, binaries: tuple[str, str], jobs: queue.Queue,
                 results: queue.Queue, screenshot_urls: Collection[str], stop: threading.Event):
        super().__init__(daemon=True, name="govaudit-browser")
        self.options = options
        self.binaries = binaries
        self.jobs = jobs
        self.results = results
        self.screenshot_urls = screenshot_urls
        self.stop = stop
        self.session: BrowserSession | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                try:
                    url = self.jobs.get_nowait()
                except queue.Empty:
                    break
                self.results.put(self._one(url))
        finally:
            self._drop_session()
            self.results.put(None)

    def _drop_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def _one(self, url: str) -> PageAudit:
        started = time.monotonic()
        if self.session is not None and self.session.pages >= max(1, self.options.restart_after):
            self._drop_session()
        if self.session is None:
            try:
                self.session = BrowserSession(self.options, *self.binaries)
            except Exception as exc:  # noqa: BLE001 - reported on the page; the next URL tries again
                return _failed(url, "error", f"browser did not start: {first_line(exc)}", started)
        session = self.session
        fired = threading.Event()

        def watchdog() -> None:
            fired.set()
            session.kill()

        timer = threading.Timer(self.options.page_timeout + _WATCHDOG_GRACE_S, watchdog)
        timer.daemon = True
        timer.start()
        try:
            return session.audit(url, url in self.screenshot_urls)
        except _PageFailed as failure:
            if not session.healthy():
                self._drop_session()
            return _failed(url, failure.status, failure.error, started)
        except Exception as exc:  # noqa: BLE001 - whatever the page did, the run goes on
            if fired.is_set():
                self._drop_session()
                return _failed(url, "timeout", f"browser unresponsive after {self.options.page_timeout:g} s; "
                                               "restarted", started)
            crashed = is_crash(exc)
            if crashed or not session.healthy():
                self._drop_session()
            return _failed(url, "crashed" if crashed else "error", first_line(exc), started)
        finally:
            timer.cancel()


def _failed(url: str, status: str, error: str, started: float) -> PageAudit:
    return PageAudit(url=url, final_url="", status=status, error=error, violations=[],
                     elapsed_s=round(time.monotonic() - started, 3), axe_version="", title="",
                     screenshot=None, marks=[])


def audit_pages(urls: Sequence[str], options: BrowserOptions,
                screenshot_urls: Collection[str] = ()) -> Iterator[PageAudit]:
    """Audit every URL with axe; results come as pages finish (not in input order), one per URL."""
    if not urls:
        return
    available, reason = browser_available()
    if not available:
        for url in urls:
            yield _failed(url, "error", f"browser unavailable: {reason}", time.monotonic())
        return
    chromium, chromedriver = browser_binaries()
    assert chromium and chromedriver  # browser_available() checked both
    jobs: queue.Queue[str] = queue.Queue()
    for url in urls:
        jobs.put(url)
    results: queue.Queue[PageAudit | None] = queue.Queue()
    stop = threading.Event()
    shots = frozenset(screenshot_urls)
    workers = [_Worker(options, (chromium, chromedriver), jobs, results, shots, stop)
               for _ in range(max(1, min(options.workers, len(urls))))]
    for worker in workers:
        worker.start()
    running = len(workers)
    try:
        while running:
            item = results.get()
            if item is None:
                running -= 1
            else:
                yield item
    finally:
        # A consumer that stops early still gets its browsers closed.
        stop.set()
        for worker in workers:
            worker.join(timeout=options.page_timeout + _WATCHDOG_GRACE_S + 20)
