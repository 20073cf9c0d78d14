import random
import re

import pytest

from forum import markdown
from forum.markdown import render_markdown


def test_markdown_renders_lists_tables_code_and_links():
    html = render_markdown(
        "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode here\n```\n\n"
        "[site](https://example.com)"
    )
    assert "<ul>" in html and "<li>one</li>" in html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<pre><code>code here" in html
    assert '<a href="https://example.com" rel="nofollow ugc noopener">site</a>' in html


def test_raw_html_is_shown_as_text_never_passed_through():
    html = render_markdown('<script>alert(1)</script>\n\nhi <img src=x onerror="alert(1)">')
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_only_http_https_and_mailto_links_keep_their_address():
    html = render_markdown(
        "[a](javascript:alert(1)) [b](data:text/html,hi) [c](mailto:help@example.com) "
        "[d](http://example.com)"
    )
    assert "javascript:" not in html
    assert "data:" not in html
    assert 'href="mailto:help@example.com"' in html
    assert 'href="http://example.com"' in html


def test_heading_ids_are_prefixed_so_they_cannot_clobber_page_ids():
    html = render_markdown("## main\n\n## الدعم الفني")
    assert 'id="user-content-main"' in html
    assert 'id="user-content-الدعم-الفني"' in html
    assert 'id="main"' not in html


def test_markdown_attribute_syntax_cannot_add_event_handlers():
    html = render_markdown('[x](https://example.com){: onclick="steal()"}')
    assert "<a onclick" not in html and " onclick=" not in html.split("</a>")[0]


def test_brackets_nested_past_the_limit_inside_a_link_text_show_as_typed():
    deep = "[" * markdown.MAX_LABEL_NESTING
    assert "<a" not in render_markdown(f"[{deep}a{']' * len(deep)}](/deep)")
    shallow = "[" * (markdown.MAX_LABEL_NESTING - 1)
    html = render_markdown(f"[{shallow}a{']' * len(shallow)}](/shallow)")
    assert '<a href="/shallow"' in html and f">{shallow}a" in html


def test_an_address_nested_past_the_parenthesis_limit_is_not_a_link():
    def address(depth):
        return "https://example.com/" + "(" * depth + "x" + ")" * depth

    limit = markdown.MAX_ADDRESS_PARENTHESES
    deepest = address(limit)
    assert f'href="{deepest}"' in render_markdown(f"[wiki]({deepest})")
    html = render_markdown(f"[wiki]({address(limit + 1)})")
    assert "<a" not in html and "[wiki]" in html


def test_emphasis_markers_past_a_post_s_budget_show_as_typed():
    pairs = markdown.MAX_EMPHASIS_MARKERS // 2
    html = render_markdown("*a* " * pairs + "*last*")
    assert html.count("<em>a</em>") == pairs
    assert "*last*" in html


@pytest.fixture(scope="module")
def commonmark_before_the_bounds():
    parser = markdown._commonmark_parser()
    return lambda body: markdown._sanitise(parser.render(body))


INLINE_PIECES = [
    "word",
    "*emphasis*",
    "**strong**",
    "_under_",
    "__strong too__",
    "~~struck~~",
    "`code [x] *y*`",
    "[a link](https://example.com/a_(b))",
    '[titled](https://example.com/t "Title")',
    "![an image](https://example.com/i.png)",
    "[![badge](https://example.com/b.svg)](https://example.com/)",
    "<https://example.com/auto>",
    "[ref]",
    "[text][ref]",
    "a [bracketed] aside",
    "items[0]",
    r"\[escaped\]",
    "*nested **strong** inside*",
    "[link with *emphasis* and `code`](/path)",
    "[a [b [c] d] e](/nested)",
    "x * y",
    "snake_case_name",
    "(in parentheses)",
    "a ] stray",
    "a [ stray",
]


def _normal_markdown(seed: int) -> str:
    """A document of the markdown people write: paragraphs, lists nested four deep, quotes,
    code, headings, a table, reference links."""
    generator = random.Random(seed)

    def inline(count):
        return " ".join(generator.choice(INLINE_PIECES) for _piece in range(count))

    blocks = ['[ref]: https://example.com/ref "Reference"']
    for _block in range(generator.randint(3, 10)):
        kind = generator.choice(["paragraph", "list", "quote", "code", "heading", "table"])
        if kind == "paragraph":
            blocks.append(inline(generator.randint(1, 12)))
        elif kind == "list":
            marker = generator.choice(["- ", "1. ", "* "])
            lines = []
            for _item in range(generator.randint(2, 8)):
                depth = generator.randint(0, 3)
                lines.append("   " * depth + marker + inline(generator.randint(1, 4)))
            blocks.append("\n".join(lines))
        elif kind == "quote":
            blocks.append("> " + inline(generator.randint(1, 6)))
        elif kind == "code":
            blocks.append("```python\nitems[0] = [x for x in (1, 2)]  # *not* [a](b)\n```")
        elif kind == "heading":
            blocks.append("#" * generator.randint(1, 3) + " " + inline(2))
        else:
            blocks.append(f"| a | b |\n|:--|--:|\n| {inline(1)} | {inline(1)} |")
    return "\n\n".join(blocks)


@pytest.mark.parametrize("seed", range(60))
def test_normal_markdown_renders_as_it_did_before_the_cost_bounds(
    seed, commonmark_before_the_bounds
):
    body = _normal_markdown(seed)
    assert render_markdown(body) == commonmark_before_the_bounds(body)


def test_the_normal_markdown_used_above_has_links_images_emphasis_lists_and_code():
    html = "".join(render_markdown(_normal_markdown(seed)) for seed in range(60))
    for tag in ("<a href", "<em>", "<strong>", "<ul>", "<ol>", "<li>", "<code>", "<pre>"):
        assert tag in html
    assert re.search(r"<li>[^\n<]*\n<(ul|ol)>", html), "no list nested in another"


def test_line_breaks_past_a_post_s_budget_render_as_before(commonmark_before_the_bounds):
    lines = "one line\n" * (markdown.MAX_SOFT_BREAKS + 10)
    body = (
        lines + "*ends*  \nhard\n\nA setext\nheading\n========\n\n[a\nlink](https://example.com/)"
    )
    html = render_markdown(body)
    assert html == commonmark_before_the_bounds(body)
    assert 'id="user-content-a-setextheading"' in html and "<br>" in html


def test_plain_text_keeps_the_words_and_drops_the_markdown_syntax():
    text = markdown.plain_text(
        "Call **800 123** now.\n\n# Opening hours\n\n- Sunday\n- Monday\n\n"
        "[our shops](https://example.com) &amp; `*#100#`"
    )
    assert text == "Call 800 123 now. Opening hours Sunday Monday our shops & *#100#"


def test_plain_text_keeps_typed_html_as_text_for_the_page_to_escape():
    assert markdown.plain_text("a <script>alert(1)</script> b < c") == (
        "a <script>alert(1)</script> b < c"
    )
