from django.urls import path

from . import views

app_name = "kwaliteit"
urlpatterns = [
    path("", views.volledigheid, name="volledigheid"),
    path("controle/", views.controle, name="controle"),
]
