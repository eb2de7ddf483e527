from .access import Access


def roles(request):
    user = getattr(request, "user", None)
    return {"access": Access.for_user(user) if user is not None else None}
