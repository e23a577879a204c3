"""English text of the accessibility rule tables: every rule has it, and `--lang en` reports print it.

Finding messages stay Chinese data; only the tables' titles and fixes, and the check titles, are translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.a11y.axe_map import AXE_RULES
from checks.a11y.rules import RULES
from checks.finding import Finding
from crawler.store import Store
from reports.i18n import CHECK_TITLES, catalogue
from tests.test_report_ui import ROOT, a11y, render, section_rows, stored_run

# CJK ideographs and punctuation, and full-width forms such as ；（）: any of them means untranslated text.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
TAIWAN = Path(__file__).resolve().parent.parent / "checks" / "a11y" / "taiwan.py"

TABLES = [(f"static {rule_id}", rule.title, rule.fix, rule.title_en, rule.fix_en)
          for rule_id, rule in RULES.items()]
TABLES += [(f"axe {rule_id}", info.title_zh, info.fix_zh, info.title_en, info.fix_en)
           for rule_id, info in AXE_RULES.items()]


@pytest.mark.parametrize("name, title, fix, title_en, fix_en", TABLES, ids=[row[0] for row in TABLES])
def test_every_rule_has_english_title_and_fix(name, title, fix, title_en, fix_en):
    assert title_en.strip() and fix_en.strip()
    assert not CJK.search(title_en) and not CJK.search(fix_en), (title_en, fix_en)
    # A title is a heading (no full stop); a fix is one or two sentences.
    assert not title_en.endswith(".") and fix_en.endswith(".")
    assert CJK.search(title) and CJK.search(fix), "the Chinese text stays as it was"


def test_every_convention_check_has_an_english_title():
    # The tw.* checks have no rule table: their titles live in the report catalogue, their messages stay Chinese.
    checks = set(re.findall(r'"(tw\.[a-z-]+)"', TAIWAN.read_text(encoding="utf-8")))
    assert checks and checks <= set(CHECK_TITLES), sorted(checks - set(CHECK_TITLES))
    assert all(not CJK.search(CHECK_TITLES[check][1]) for check in checks)


def axe_label(page: str) -> Finding:
    return Finding("a11y.axe.label", "error", "2.1.2", ROOT + page, "表單控制項沒有對應的標籤（Form element has no label）",
                   evidence={"code": "HM1130104C", "level": "A", "wcag": ["4.1.2"], "rule": "label",
                             "snippet": '<input name="q">', "locator": "/html/body/form/input", "source": "axe",
                             "fix": AXE_RULES["label"].fix_zh})


def a11y_section(root) -> tuple[list[str], list[str], str]:
    """Rule headings, how-to-fix lines and the whole text of the accessibility section."""
    heading = root.get_element_by_id("a11y")
    titles, fixes, text = [], [], []
    for element in heading.itersiblings():
        if element.tag == "h2":
            break
        text.append(element.text_content())
        titles += [h3.text_content() for h3 in element.iter("h3")]
        fixes += [p.text_content() for p in element.iter("p") if p.getparent() is element]
    return titles, fixes, "\n".join(text)


def test_english_report_prints_the_rule_tables_english(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    run = stored_run(store, [a11y("about.html", "/html/body/main/img", '<img src="chart.png">'),
                             axe_label("search.html")])
    html, root = render(tmp_path, store, run, "en")
    titles, fixes, text = a11y_section(root)
    assert sorted(titles) == sorted([f"HM1110100C {RULES['img-alt'].title_en}",
                                     f"HM1130104C {AXE_RULES['label'].title_en}"])
    assert f"How to fix: {RULES['img-alt'].fix_en}" in fixes
    assert f"How to fix: {AXE_RULES['label'].fix_en}" in fixes
    assert RULES["img-alt"].title not in text and AXE_RULES["label"].fix_zh not in text
    assert catalogue("en")["a11y_english_note"] in text
    # The fix-first list names the element's rule in English too.
    fix_first = section_rows(root, "fix-first")
    assert any(f"HM1110100C {RULES['img-alt'].title_en}" in row for row in fix_first), fix_first
    assert not any(RULES["img-alt"].title in row for row in fix_first)

    _, root_zh = render(tmp_path, store, run, "zh-TW")
    titles_zh, fixes_zh, text_zh = a11y_section(root_zh)
    assert sorted(titles_zh) == sorted([f"HM1110100C {RULES['img-alt'].title}",
                                        f"HM1130104C {AXE_RULES['label'].title_zh}"])
    assert f"修正方式：{RULES['img-alt'].fix}" in fixes_zh
    assert RULES["img-alt"].title_en not in text_zh and catalogue("en")["a11y_english_note"] not in text_zh
