"""Deterministic Hsinchu-style agency websites with planted defects, served on loopback: 新竹市示範局 (home.jsp
CMS) and 新竹市示範所 (CCMS cp.aspx style), each with its ground truth.

Used by `govaudit demo`, the tests and the benchmarks."""
