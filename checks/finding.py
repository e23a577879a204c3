"""The Finding record every checker returns, and the severity scale.

A finding carries everything a reader needs; renderers only format it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "notice", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    severity: str
    indicator: str
    url: str
    message: str
    target: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def finding_id(self) -> str:
        """Stable across runs: the same problem at the same place keeps its id."""
        identity = json.dumps([self.check, self.url, self.target or "",
                               self.evidence.get("locator", "")], ensure_ascii=False)
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["id"] = self.finding_id
        return data
