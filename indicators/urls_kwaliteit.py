from django.urls import path

from . import views_kwaliteit

app_name = "kwaliteit"
urlpatterns = [
    path("", views_kwaliteit.volledigheid, name="volledigheid"),
    path("controle/", views_kwaliteit.controle, name="controle"),
]
