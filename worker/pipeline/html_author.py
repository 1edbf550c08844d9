"""trafilatura's author fallback (`trafilatura.metadata.extract_author`) in one pass over the page, without its copy.

trafilatura copies the whole tree, prunes comments, sidebars, dates and figures from the copy, then runs three
XPath expressions over every element: 6.8 ms a page on the real corpus, the most expensive metadata field.
Pruning only matters to an element it removes or whose text it changes, so here the expressions are tested on
the page as it is, and each candidate is checked against the pruning rules: removed (it or an ancestor is
pruned) -> skipped; text unchanged (nothing inside it is pruned) -> read directly; text changed -> trafilatura's
own function on its own copy (4% of real pages). Same result on all 990 real pages (tests/unit/test_html_author.py),
2.0 ms a page. The predicates are trafilatura 2.3's AUTHOR_XPATHS and AUTHOR_DISCARD_XPATHS, one for one;
EXSLT's re:test is Python's re.search, so the patterns are theirs verbatim.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_author
from trafilatura.utils import trim

# AUTHOR_XPATHS[0]: specific
SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
SPECIFIC_CLASS = re.compile("author-?name|AuthorName|authorName")
# AUTHOR_XPATHS[1]: almost generic
GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
GENERIC_ID = re.compile("author|zuozhe|bianji|xiaobian")
GENERIC_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
# AUTHOR_XPATHS[2]: last resort, any element
ANY_ID = re.compile("[Aa]uthor")
ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# AUTHOR_DISCARD_XPATHS: what trafilatura prunes before looking
PRUNED_TAGS = frozenset({"a", "div", "section", "span"})
PRUNED_ID = re.compile("^comments|comment-?list|ProductReviews")
PRUNED_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)"
    "|print|category|meta-date|meta-reviewer"
)
# A quick superset of the three expressions' class and id tests: most elements fail it and cost two lookups.
MAYBE_CLASS = re.compile(
    "[Aa]uthor|screenname|writer|[Bb]yline|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by"
    "|journalist-name|username|byl|BBL"
)
MAYBE_ID = re.compile("[Aa]uthor|zuozhe|bianji|xiaobian")
PARENTS_OF_REL_ME = XPath("//rel[.='me']/..")  # the `rel='me'` test of the first expression (a child element)
AUTHOR_MAX_CHARS = 120  # extract_author's len_limit


def page_author(tree: HtmlElement) -> str | None:
    """What `trafilatura.metadata.extract_author(tree)` returns; the tree is not changed."""
    parents_of_rel_me = set(PARENTS_OF_REL_ME(tree))
    candidates: tuple[list[HtmlElement], ...] = ([], [], [])
    for element in tree.iter():
        get = element.get
        css_class, element_id = get("class"), get("id")
        if not (
            (css_class is not None and MAYBE_CLASS.search(css_class))
            or (element_id is not None and MAYBE_ID.search(element_id))
            or get("itemprop") is not None
            or get("rel") is not None
            or get("data-testid") is not None
            or get("data-component") is not None
            or element.tag == "author"
            or element in parents_of_rel_me
        ):
            continue
        for expression, matches in enumerate(author_expressions(element, parents_of_rel_me)):
            if matches:
                candidates[expression].append(element)
    for found in candidates:  # in trafilatura's order: expression by expression, each in document order
        for element in found:
            if is_pruned(element) or any(is_pruned(ancestor) for ancestor in element.iterancestors()):
                continue
            if any(is_pruned(descendant) for descendant in element.iterdescendants()):
                # Pruning moves text inside this element (tails join their neighbours): trafilatura's own way.
                return extract_author(tree)
            content = trim(" ".join(element.itertext()))
            if content and 2 < len(content) < AUTHOR_MAX_CHARS:
                return normalize_authors(None, content)
    return None


def author_expressions(element: HtmlElement, parents_of_rel_me: set[HtmlElement]) -> tuple[bool, bool, bool]:
    """Whether each of trafilatura's three author expressions selects the element."""
    tag, get = element.tag, element.get
    css_class, element_id, itemprop = get("class"), get("id"), get("itemprop")
    specific = tag == "author" or (
        tag in SPECIFIC_TAGS
        and (
            get("rel") == "author"
            or element_id == "author"
            or css_class == "author"
            or itemprop == "author name"
            or element in parents_of_rel_me
            or get("data-testid") in ("AuthorCard", "AuthorURL")
            or (css_class is not None and SPECIFIC_CLASS.search(css_class) is not None)
        )
    )
    generic = tag in GENERIC_TAGS and (
        css_class in ("byline", "username", "byl", "BBL")
        or (itemprop is not None and "author" in itemprop)
        or (element_id is not None and GENERIC_ID.search(element_id) is not None)
        or (css_class is not None and GENERIC_CLASS.search(css_class) is not None)
    )
    component = get("data-component")
    last_resort = (
        (component is not None and "Byline" in component)
        or (itemprop is not None and "author" in itemprop)
        or (element_id is not None and ANY_ID.search(element_id) is not None)
        or (css_class is not None and ANY_CLASS.search(css_class) is not None)
    )
    return specific, generic, last_resort


def is_pruned(element: HtmlElement) -> bool:
    """Whether trafilatura's AUTHOR_DISCARD_XPATHS select the element."""
    tag = element.tag
    if tag in ("time", "figure"):
        return True
    if tag not in PRUNED_TAGS:
        return False
    get = element.get
    css_class, element_id, component = get("class"), get("id"), get("data-component")
    return (
        element_id == "comments"
        or css_class in ("comments", "title", "date")
        or (element_id is not None and PRUNED_ID.search(element_id) is not None)
        or (css_class is not None and PRUNED_CLASS.search(css_class) is not None)
        or (component is not None and "Figure" in component)
    )
