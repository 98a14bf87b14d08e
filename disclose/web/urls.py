from django.urls import path

from .views import auth, home, persons

app_name = "web"

urlpatterns = [
    path("", home.my_work, name="my_work"),
    path("sign-in/", auth.SignInView.as_view(), name="sign_in"),
    path("sign-out/", auth.SignOutView.as_view(), name="sign_out"),
    path("persons/search/", persons.person_search, name="person_search"),
    path("persons/<int:pk>/", persons.person_detail, name="person_detail"),
]
