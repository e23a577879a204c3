"""Which pages the browser phase audits under a budget."""

from crawler.sampling import select_pages
from tests.test_link_checks import page

ROOT = "http://127.0.0.1:8000/"


def test_homepage_then_one_per_template_then_shallowest():
    pages = [page(ROOT + "news/1", template="news", depth=2), page(ROOT + "news/2", template="news", depth=2),
             page(ROOT + "news/3", template="news", depth=3), page(ROOT + "about", template="article", depth=1),
             page(ROOT, template="home", depth=0), page(ROOT + "gone", template="home", not_found_text="找不到網頁"),
             page(ROOT + "zone", template="news", depth=3)]
    assert select_pages(pages, ROOT, 3) == [ROOT, ROOT + "news/1", ROOT + "about"]
    assert select_pages(pages, ROOT, 3, priority_urls=[ROOT + "zone"]) == [ROOT, ROOT + "zone", ROOT + "news/1"]
    search = ROOT + "search?q=1"
    assert select_pages(pages, ROOT, 2, priority_urls=[search]) == [ROOT, search]
    everything = select_pages(pages, ROOT, None)
    assert len(everything) == 6 and ROOT + "gone" not in everything
