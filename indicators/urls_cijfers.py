from django.urls import path

app_name = "cijfers"
urlpatterns: list = []
