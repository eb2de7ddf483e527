from django.urls import path

from .quality import SubmissionControleView, VolledigheidView

# Included under /api/v1/ from config/api_urls.py (no namespace), after the router: the router
# has no "controle" action on aanleveringen, so this path does not collide with its routes.
urlpatterns: list = [
    path("volledigheid/", VolledigheidView.as_view(), name="api-volledigheid"),
    path(
        "aanleveringen/<int:pk>/controle/",
        SubmissionControleView.as_view(),
        name="api-aanlevering-controle",
    ),
]
