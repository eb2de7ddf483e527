from django.utils.functional import SimpleLazyObject


def counts(request):
    """``work_counts.work`` and ``work_counts.unread`` for the navigation, computed (or taken
    from the cache) only when a page shows them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .counts import counts_for

    return {"work_counts": SimpleLazyObject(lambda: counts_for(user))}
