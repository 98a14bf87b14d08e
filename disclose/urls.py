from django.contrib import admin
from django.urls import include, path

from disclose.api.main import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("portal/", include("disclose.portal.urls")),
    path("api/v1/", api.urls),
    path("", include("disclose.web.urls")),
]

# The portal answers its own addresses with its own "not found" page.
handler404 = "disclose.portal.views.errors.page_not_found"
