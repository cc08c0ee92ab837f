"""Every page of the demo, as every role, in Dutch and English, has zero axe-core violations.

The test loads the demo data, logs in as each demo role and crawls the portal from the start page,
following same-site links in the page's content and navigation. Pages of the same shape (the same
path with other ids) are checked once per role and language, so the crawl stays bounded.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = {
    "anonymous": None,
    "citizen": "inwoner@example.org",
    "civil servant": "ambtenaar@example.org",
    "council member": "raadslid1@example.org",
    "administrator": "beheer@example.org",
}
SKIP = re.compile(
    r"^/(en/)?(accounts/(logout|password-reset|reset|verify)|admin/|api/v1/(?!docs)|static/|my-data/download)"
    r"|\.(csv|json|jsonld|pdf)$|/attachments?/|/documents?/\d+/$|/download"
)
MAX_PAGES = 60


def shape(path):
    """/grants/applications/12/ and /grants/applications/13/ are the same kind of page."""
    return re.sub(r"\d+", "N", path)


def crawl(page, base_url, start, axe):
    seen_shapes, queue, visited = set(), [start], []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        if shape(path) in seen_shapes:
            continue
        seen_shapes.add(shape(path))
        response = page.goto(base_url + path)
        assert response.status < 500, f"{path} answered {response.status}"
        if response.status >= 400 or not response.headers.get("content-type", "").startswith("text/html"):
            continue
        visited.append(path)
        axe(page, f"({path})")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            url = urlsplit(urljoin(base_url + path, href))
            if url.scheme not in ("http", "https") or url.netloc != urlsplit(base_url).netloc:
                continue
            target = url.path + (f"?{url.query}" if url.query and "page=" not in url.query else "")
            if not SKIP.search(url.path) and shape(target) not in seen_shapes:
                queue.append(target)
    return visited


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_a_role_can_reach_is_accessible_in_both_languages(page, base_url, axe, login, role):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    email = ROLES[role]
    if email:
        login(page, email, "velsen-demo")
    dutch = crawl(page, base_url, "/start/" if email else "/", axe)
    english = crawl(page, base_url, "/en/start/" if email else "/en/", axe)
    print(f"{role}: {len(dutch)} Dutch and {len(english)} English pages checked")
    assert len(dutch) >= 10 and len(english) >= 10
