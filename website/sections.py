"""Pieces of site-wide pages that the apps contribute through Wagtail hooks.

Apps never import `website`; instead they register functions in their `wagtail_hooks.py`:

- ``dalil_home_sections(request, locale) -> dict | None``: a block on the home page,
  ``{"template": "...", **context}``.
- ``dalil_profile_sections(person, viewer) -> dict | None``: a block on a profile page.
- ``dalil_seed_demo(command)``: adds the app's demo content (see ``seed_demo``); order with
  ``@hooks.register("dalil_seed_demo", order=N)``.
- ``dalil_thread_panels(request, question) -> dict | None``: a block on a forum thread (the
  knowledge base shows "Promote to knowledge base" and "now a knowledge-base article" there;
  forum calls it through its `{% thread_panels %}` tag, so it never imports kb).
- ``dalil_search_providers() -> provider | list``, ``dalil_content_changed(kind, object_id)``:
  the site search (see website/search/providers.py and docs/search.md).
- ``dalil_site_links(request) -> dict``: named URLs the frame needs (``ask_url``, ``search_url``,
  ``questions_url``, ``kb_url``), so templates link to whatever app provides them.
"""

from wagtail import hooks


def collect(hook_name: str, *args, **kwargs) -> list:
    results = []
    for function in hooks.get_hooks(hook_name):
        result = function(*args, **kwargs)
        if result:
            results.append(result)
    return results


def site_links(request) -> dict:
    links = {}
    for part in collect("dalil_site_links", request):
        links.update(part)
    return links
