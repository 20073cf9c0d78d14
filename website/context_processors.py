from .sections import site_links
from .staff_mfa import acts_as_customer


def links(request):
    """Named links for the site frame (ask, search, questions, knowledge base), and whether to
    ask a staff member to set up two-factor authentication (evaluated only if the frame asks,
    so an anonymous page never touches the session for it)."""
    return {
        "site_links": site_links(request),
        "staff_mfa_prompt": lambda: _staff_mfa_prompt(request),
    }


def _staff_mfa_prompt(request) -> bool:
    match = getattr(request, "resolver_match", None)
    name = (match.url_name or "") if match else ""
    on_the_way_to_setup = name.startswith("mfa_") or name == "account_reauthenticate"
    return not on_the_way_to_setup and acts_as_customer(request.user)
