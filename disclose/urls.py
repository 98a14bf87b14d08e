from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("portal/", include("disclose.portal.urls")),
    path("", include("disclose.web.urls")),
]

# The portal answers its own addresses with its own "not found" page.
handler404 = "disclose.portal.views.errors.page_not_found"
