"""Naming why a request failed, in the words a webmaster reads: dns, timeout, tls, refused…

Scrapy and Twisted raise many exception types for the same citizen-visible failure; this folds them."""

from __future__ import annotations

from OpenSSL import SSL
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from twisted.internet import error as twisted_error
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

ERROR_REASONS = {
    "dns": "無法解析網域名稱 (DNS)",
    "timeout": "連線逾時",
    "tls": "TLS/SSL 憑證或加密連線錯誤",
    "too-many-redirects": "重新導向次數過多",
    "connection-refused": "連線被拒",
    "connection-lost": "連線中斷",
    "robots": "robots.txt 禁止存取",
    "invalid-url": "網址格式錯誤",
    "other": "無法取得",
}

_BY_TYPE: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((CannotResolveHostError, twisted_error.DNSLookupError), "dns"),
    ((DownloadTimeoutError, twisted_error.TimeoutError, twisted_error.TCPTimedOutError), "timeout"),
    ((DownloadConnectionRefusedError, twisted_error.ConnectionRefusedError), "connection-refused"),
    ((SSL.Error,), "tls"),
    ((ResponseDataLossError, twisted_error.ConnectionLost, twisted_error.ConnectionDone), "connection-lost"),
    ((twisted_error.ConnectError,), "connection-refused"),
)


def classify_failure(failure: Failure) -> tuple[str, str]:
    """(reason code, detail) for a failed request."""
    exception = failure.value
    detail = f"{type(exception).__name__}: {exception}"[:300]
    if isinstance(exception, IgnoreRequest):
        text = str(exception).lower()
        if "redirect" in text:
            return "too-many-redirects", detail
        if "robots" in text or "forbidden by robots" in text:
            return "robots", detail
        return "other", detail
    if isinstance(exception, (ResponseFailed, ResponseNeverReceived)):
        inner = [r.value for r in getattr(exception, "reasons", []) if isinstance(r, Failure)]
        for reason in inner:
            if isinstance(reason, SSL.Error):
                return "tls", detail
        return "connection-lost", detail
    for types, code in _BY_TYPE:
        if isinstance(exception, types):
            return code, detail
    if isinstance(exception, ValueError):
        return "invalid-url", detail
    return "other", detail
