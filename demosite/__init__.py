"""A deterministic Hsinchu-style agency website with planted defects, served on loopback.

Used by `govaudit demo`, the tests and the benchmarks."""
