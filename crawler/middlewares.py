"""Downloader middlewares govaudit adds to Scrapy's: retries that honour Retry-After.

Each middleware does one thing and is wired in settings.DOWNLOADER_MIDDLEWARES."""

from __future__ import annotations

import asyncio
import email.utils
import time

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or HTTP-date); None if absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retry, but a 429/503 that says Retry-After waits that long (capped) before retrying."""

    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("GOVAUDIT_RETRY_AFTER_MAX", 30.0)

    async def process_response(self, request: Request, response: Response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        if wait:
            # Holding the request keeps its download slot busy, which is exactly the back-off asked for.
            await asyncio.sleep(min(wait, self.max_wait))
        return retry
