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
