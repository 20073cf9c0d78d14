"""Who may see the insights: support staff (the group has ``insights.view_insights``)."""

VIEW_INSIGHTS = "insights.view_insights"


def can_see_insights(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(VIEW_INSIGHTS))
