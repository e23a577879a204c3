"""Retry-After parsing for the retry middleware."""

import email.utils

from crawler.middlewares import retry_after_seconds


def test_delta_seconds_and_http_date():
    assert retry_after_seconds(b"5") == 5.0
    assert retry_after_seconds("0") == 0.0
    now = 1_800_000_000.0
    stamp = email.utils.formatdate(now + 30, usegmt=True)
    assert abs(retry_after_seconds(stamp, now=now) - 30) < 1
    assert retry_after_seconds(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0.0


def test_absent_or_garbage():
    assert retry_after_seconds(None) is None
    assert retry_after_seconds(b"") is None
    assert retry_after_seconds(b"soon") is None
