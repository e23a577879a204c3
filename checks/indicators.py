"""The plan's indicators (新竹市政府104年度提升服務品質實施計畫, 構面 貳、資訊流通服務) and their exact names.

Findings point at these ids; reports print the names exactly as the plan writes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    dimension: str
    item: str
    name: str
    measures: str


INDICATORS: dict[str, Indicator] = {
    indicator.id: indicator
    for indicator in (
        Indicator("2.1.1", "資訊流通服務", "一、資訊提供及檢索服務", "（一）資訊公開適切性與內容有效性",
                  "資訊公開程度及內容正確度"),
        Indicator("2.1.2", "資訊流通服務", "一、資訊提供及檢索服務", "（二）資訊檢索完整性與便捷性",
                  "資訊檢索服務妥適性及友善程度"),
        Indicator("2.2.1", "資訊流通服務", "二、線上服務及電子參與", "（一）線上服務量能擴展性",
                  "線上服務提供及使用情形"),
        Indicator("2.2.2", "資訊流通服務", "二、線上服務及電子參與", "（二）電子參與多樣性",
                  "電子參與多元程度及互動回應情形"),
        Indicator("1.1.2", "優質便民服務", "一、服務流程", "（二）服務流程透明度",
                  "案件處理流程查詢公開程度"),
        Indicator("1.3.1", "優質便民服務", "三、高齡友善環境", "建構高齡友善洽公環境的有效性",
                  "相關文件字體放大等高齡友善措施"),
    )
}

CONTENT_VALIDITY = "2.1.1"
SEARCH_AND_ACCESS = "2.1.2"
ONLINE_SERVICES = "2.2.1"
E_PARTICIPATION = "2.2.2"


def indicator_label(indicator_id: str) -> str:
    indicator = INDICATORS.get(indicator_id)
    return f"{indicator.id} {indicator.name}" if indicator else indicator_id
