from django.urls import path

app_name = "publicatie"
urlpatterns: list = []
