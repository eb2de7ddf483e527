"""Requests with characters no field may hold (a NUL in the path, a query parameter or a form
field) are answered with a 400 before any view sees them: a Dutch page for the web, the API's
error shape for ``/api/``. Without this a NUL reaches PostgreSQL and the answer is a 500."""

from django.http import JsonResponse
from django.shortcuts import render

from .text import find_bad_character


def bad_input_message(request) -> str:
    problem = find_bad_character(request.path_info)
    if problem:
        return problem
    data = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        data.append(request.POST)
    for query in data:
        for key, values in query.lists():
            for text in (key, *values):
                problem = find_bad_character(text)
                if problem:
                    return problem
    return ""


class RefuseBadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = bad_input_message(request)
        if not message:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return render(request, "400.html", {"message": message}, status=400)
