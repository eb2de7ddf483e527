from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Monitor Sociaal Domein – beheer"
admin.site.site_title = "Monitor Sociaal Domein"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("config.api_urls")),
    path("", include("work.urls")),
    path("", include("organisations.urls")),
    path("meldingen/", include("notifications.urls")),
    path("", include("indicators.urls")),
    path("", include("reports.urls")),
    path("begroting/", include("budgets.urls")),
    path("beleid/", include("beleidskader.urls")),
    path("gezondheid/", include("core.urls")),
    path("", include("core.urls_pages")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
