"""Link checks over a whole site: broken references, soft 404s, malformed mailto:/tel: links.

One finding per (page, target): a target broken on 40 pages is 40 findings, grouped by the report."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from checks.finding import Finding
from checks.indicators import CONTENT_VALIDITY
from checks.records import FetchRecord, Reference
from checks.site import Site

_ERROR_TEXT = {
    "dns": "無法解析網域名稱 (DNS)",
    "timeout": "連線逾時",
    "tls": "TLS/SSL 加密連線錯誤",
    "too-many-redirects": "重新導向次數過多",
    "connection-refused": "連線被拒",
    "connection-lost": "連線中斷",
    "invalid-url": "網址格式錯誤",
    "other": "無法取得",
}
_NOT_BROKEN_ERRORS = {"robots"}
_KIND_TEXT = {"link": "連結", "image": "圖片", "iframe": "內嵌框架", "stylesheet": "樣式表",
              "script": "程式檔", "media": "影音", "object": "嵌入物件", "other": "資源"}

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")
_PHONE = re.compile(r"^\+?[0-9()#*.\- ]{3,}(?:;(?:ext|isub|phone-context)=[0-9A-Za-z.+\-]+)*$")


def failure_reason(outcome: FetchRecord) -> str | None:
    """'http-404', 'timeout', … when the outcome is a failure a citizen would meet; else None."""
    if outcome.error is not None:
        return None if outcome.error in _NOT_BROKEN_ERRORS else outcome.error
    if outcome.status is not None and outcome.status >= 400:
        return f"http-{outcome.status}"
    return None


def describe_reason(reason: str) -> str:
    if reason.startswith("http-"):
        return f"HTTP {reason[5:]}"
    return _ERROR_TEXT.get(reason, reason)


def _evidence(reference: Reference, outcome: FetchRecord, **extra) -> dict:
    evidence = {
        "text": reference.text,
        "locator": reference.locator,
        "region": reference.region,
        "kind": reference.kind,
        "href": reference.raw,
        "checked_at": outcome.fetched_at,
        "method": outcome.method,
        "final_url": outcome.final_url,
        "redirects": outcome.redirects,
        "response_ms": outcome.response_ms,
    }
    evidence.update(extra)
    return evidence


def _unique_pairs(site: Site, kinds: frozenset[str] | None = None) -> Iterator[tuple[str, Reference]]:
    seen: set[tuple[str, str]] = set()
    for source, reference in site.references:
        if kinds is not None and reference.kind not in kinds:
            continue
        pair = (source, reference.target_key)
        if pair not in seen:
            seen.add(pair)
            yield source, reference


_FETCHED_KINDS = frozenset(("link", "image", "iframe", "stylesheet", "script", "media", "object", "other"))


def check_broken_links(site: Site) -> Iterator[Finding]:
    for source, reference in _unique_pairs(site, _FETCHED_KINDS):
        outcome = site.outcome(reference.target_key)
        if outcome is None:
            continue
        reason = failure_reason(outcome)
        if reason is None:
            continue
        evidence = _evidence(reference, outcome, reason=reason)
        if outcome.status is not None:
            evidence["status"] = outcome.status
        else:
            evidence["error"] = outcome.error
            evidence["error_detail"] = outcome.error_detail
        kind = _KIND_TEXT.get(reference.kind, "連結")
        yield Finding(
            check="link.broken", severity="error", indicator=CONTENT_VALIDITY, url=source,
            target=reference.target, evidence=evidence,
            message=f"失效{kind}：{describe_reason(reason)}（連結文字「{reference.text or '無'}」）",
        )


def _soft_404_phrase(site: Site, target_key: str, outcome: FetchRecord) -> str | None:
    if outcome.status != 200:
        return None
    page = site.pages_by_key.get(target_key) or site.pages_by_key.get(
        _final_key(site, outcome))
    phrase = outcome.not_found_text or (page.not_found_text if page else None)
    if phrase:
        return phrase
    probe = site.probe
    # A site that answers 200 to a random URL: pages that look like that answer are missing pages.
    if probe is not None and probe.status == 200 and probe.title and outcome.title == probe.title:
        return f"與不存在網址的回應相同（{probe.title}）"
    return None


def _final_key(site: Site, outcome: FetchRecord) -> str:
    from checks.html import url_key
    return url_key(outcome.final_url) if outcome.final_url else outcome.url_key


def check_soft_404(site: Site) -> Iterator[Finding]:
    for source, reference in _unique_pairs(site, _FETCHED_KINDS):
        outcome = site.outcome(reference.target_key)
        if outcome is None or reference.target == source:
            continue  # an error page linking to itself (print, share, breadcrumb) leads nowhere new
        phrase = _soft_404_phrase(site, reference.target_key, outcome)
        if phrase is None:
            continue
        yield Finding(
            check="link.soft-404", severity="error", indicator=CONTENT_VALIDITY, url=source,
            target=reference.target,
            evidence=_evidence(reference, outcome, status=outcome.status, phrase=phrase, reason="soft-404"),
            message=f"連結目標回應 200 但內容為錯誤頁（「{phrase}」），連結文字「{reference.text or '無'}」",
        )


def malformed_reason(reference: Reference) -> str | None:
    """Why a mailto:/tel: link cannot work, or None when its syntax is sound."""
    scheme, _, rest = reference.target.partition(":")
    scheme = scheme.lower()
    if scheme == "mailto":
        addresses = unquote(rest.split("?", 1)[0])
        if not addresses.strip():
            return None if "?" in rest else "mailto 連結沒有電子郵件地址"
        for address in addresses.split(","):
            if not _EMAIL.match(address.strip()):
                return f"電子郵件地址格式錯誤：{address.strip()}"
        return None
    if scheme == "tel":
        number = unquote(rest).strip()
        if not _PHONE.match(number) or sum(ch.isdigit() for ch in number) < 3:
            return f"電話號碼格式錯誤：{number}"
    return None


def check_malformed_links(site: Site) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for source, reference in site.references:
        if reference.kind not in ("mailto", "tel") or (source, reference.target) in seen:
            continue
        seen.add((source, reference.target))
        problem = malformed_reason(reference)
        if problem:
            yield Finding(
                check="link.malformed", severity="error", indicator=CONTENT_VALIDITY, url=source,
                target=reference.target,
                evidence={"text": reference.text, "locator": reference.locator, "region": reference.region,
                          "href": reference.raw, "kind": reference.kind, "reason": "malformed"},
                message=f"{problem}（連結文字「{reference.text or '無'}」）",
            )
