from .sections import site_links


def links(request):
    """Named links for the site frame (ask, search, questions, knowledge base)."""
    return {"site_links": site_links(request)}
