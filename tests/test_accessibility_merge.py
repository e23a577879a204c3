"""Static and axe findings of one problem merge into one; the supported level ignores techniques."""

from checks.a11y.axe_map import UNRENDERED_CHECK
from checks.accessibility import merge_static_and_axe, supported_level
from checks.finding import Finding

URL = "http://127.0.0.1:8000/"


def finding(source, locator, wcag=("1.1.1",), rule="img-alt", level="A", check=None):
    return Finding(check or ("a11y.axe." + rule if source == "axe" else "a11y." + rule), "error", "2.1.2", URL,
                   "m", evidence={"source": source, "locator": locator, "wcag": list(wcag), "rule": rule,
                                  "level": level})


def test_same_element_and_container_merge_but_other_elements_do_not():
    static = finding("static", "/html/body/table/tr[2]/td", ("1.3.1",), "td-headers")
    axe_container = finding("axe", "/html/body/table/tbody/tr[2]/td", ("1.3.1",), "td-headers-attr")
    other = finding("axe", "/html/body/div/img", ("1.1.1",), "image-alt")
    merged = merge_static_and_axe([static, axe_container, other])
    assert len(merged) == 2
    assert merged[0].evidence["source"] == "static+axe" and merged[0].evidence["axe_rules"] == ["td-headers-attr"]
    assert merged[1].evidence["source"] == "axe"


def test_ancestor_locator_merges_only_for_the_same_criterion():
    static = finding("static", "/html/body/div[2]/a", ("4.1.2",), "aria-hidden-focus")
    axe_parent = finding("axe", "/html/body/div[2]", ("4.1.2",), "aria-hidden-focus")
    axe_other_sc = finding("axe", "/html/body/div[2]", ("1.4.3",), "color-contrast", "AA")
    merged = merge_static_and_axe([static, axe_parent, axe_other_sc])
    assert [f.evidence["source"] for f in merged] == ["static+axe", "axe"]


def test_supported_level():
    assert supported_level([]) == "AA"
    assert supported_level([finding("static", "/x", level="AA", rule="meta-viewport")]) == "A"
    assert supported_level([finding("static", "/x")]) == "none"
    assert supported_level([finding("static", "/x", rule="label-title")]) == "AA"  # a Freego technique only


def unrendered(*roots: str) -> Finding:
    return Finding(UNRENDERED_CHECK, "info", "2.1.2", URL, "m", evidence={"source": "browser", "hidden": list(roots)})


def test_static_findings_the_browser_did_not_render_are_unconfirmed():
    in_menu = finding("static", "/html/body/nav/ul/li[2]/a/img")
    in_table = finding("static", "/html/body/table/tr[2]/td/img")  # the browser's path has the <tbody>
    shown = finding("static", "/html/body/nav2/img")  # a sibling whose name merely starts alike
    axe = finding("axe", "/html/body/main/img", rule="image-alt")
    merged = merge_static_and_axe([in_menu, in_table, shown, axe,
                                   unrendered("/html/body/nav/ul/li[2]", "/html/body/table/tbody/tr[2]")])
    assert [f.check for f in merged] == ["a11y.img-alt"] * 3 + ["a11y.axe.image-alt"]  # the record is consumed
    assert [f.severity for f in merged] == ["info", "info", "error", "error"]
    assert merged[0].evidence["rendered"] is False and merged[0].evidence["hidden_root"] == "/html/body/nav/ul/li[2]"
    assert "未確認" in merged[1].message
    assert supported_level(merged) == "none"  # the rendered ones still fail level A
    assert supported_level(merged[:2]) == "AA"


def test_hidden_subtrees_of_another_page_change_nothing():
    static = finding("static", "/html/body/nav/img")
    other_page = Finding(UNRENDERED_CHECK, "info", "2.1.2", URL + "other", "m",
                         evidence={"source": "browser", "hidden": ["/html/body/nav"]})
    assert merge_static_and_axe([static, other_page])[0].severity == "error"
