from django.urls import path

app_name = "kwaliteit"
urlpatterns: list = []
