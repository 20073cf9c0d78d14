"""Template filters that ask the forum's rules (`forum.rules`) what a page may offer, so a
template never re-derives a rule: `{% if post|editable_by:user %}`."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from wagtail import hooks

from forum import fragments, rules

register = template.Library()


@register.filter
def editable_by(post, user) -> bool:
    return rules.can_edit(user, post)


@register.filter
def deletable_by(post, user) -> bool:
    return rules.offers_delete(user, post)


@register.filter
def restorable_by(post, user) -> bool:
    return rules.can_restore(user, post)


@register.filter
def acceptable_by(answer, user) -> bool:
    return rules.can_accept_answer(user, answer)


@register.filter
def officially_markable_by(answer, user) -> bool:
    return rules.can_mark_official(user, answer)


@register.filter
def flaggable_by(post, user) -> bool:
    return rules.offers_flag(user, post)


@register.filter
def votable_by(post, user) -> bool:
    return rules.can_vote(user, post)


@register.filter
def commentable_by(post, user) -> bool:
    return rules.can_comment(user, post)


@register.tag
def post_fragment(parser, token):
    """``{% post_fragment post kind %}…{% endpost_fragment %}``: a post's block on the thread
    page, shared between viewers in the same relation to the post (see forum/fragments.py)."""
    try:
        _tag, post, kind = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("post_fragment takes a post and its kind") from None
    nodelist = parser.parse(("endpost_fragment",))
    parser.delete_first_token()
    return PostFragmentNode(nodelist, parser.compile_filter(post), parser.compile_filter(kind))


class PostFragmentNode(template.Node):
    def __init__(self, nodelist, post, kind):
        self.nodelist, self.post, self.kind = nodelist, post, kind

    def render(self, context):
        post, kind = self.post.resolve(context), self.kind.resolve(context)
        return fragments.render_post(context, post, kind, lambda: self.nodelist.render(context))


@register.simple_tag(takes_context=True)
def ask_panels(context):
    """What other apps add under the ask form through the `dalil_ask_panels(request)` hook (the
    support desk's response times), rendered like `thread_panels`."""
    request = context["request"]
    parts = []
    for panel_for in hooks.get_hooks("dalil_ask_panels"):
        panel = panel_for(request)
        if panel:
            parts.append(render_to_string(panel["template"], panel, request=request))
    return format_html_join("", "{}", ((part,) for part in parts))


@register.simple_tag(takes_context=True)
def thread_panels(context, question):
    """What other apps add to a thread page through the `dalil_thread_panels(request, question)`
    hook (each returns `{"template": ..., **context}` or None); the forum knows none of them."""
    request = context["request"]
    parts = []
    for panel_for in hooks.get_hooks("dalil_thread_panels"):
        panel = panel_for(request, question)
        if panel:
            parts.append(render_to_string(panel["template"], panel, request=request))
    return format_html_join("", "{}", ((part,) for part in parts))
