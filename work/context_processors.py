def counts(request):
    """``work_counts`` (``work``, ``unread``) for the navigation when they are cached: a page
    never runs the queries of Mijn werk for them (``static/js/counts.js`` fetches them then)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .counts import cached_counts

    return {"work_counts": cached_counts(user)}
