from django.urls import path

from .views import act, ask, documents, home, sign_in

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("ask/", ask.ask, name="ask"),
    path("ask/sent/<int:pk>/", ask.asked, name="asked"),
    path("requests/<str:reference>/", home.request_page, name="request"),
    path(
        "requests/<str:reference>/documents/<int:item>/",
        documents.download,
        name="download",
    ),
    path("requests/<str:reference>/<slug:slug>/", act.act, name="act"),
    path("sign-in/", sign_in.sign_in, name="sign_in"),
    path("sign-in/check-your-email/", sign_in.check_email, name="check_email"),
    path("sign-in/link/<str:token>/", sign_in.sign_in_link, name="sign_in_link"),
    path("sign-in/code/", sign_in.enter_code, name="enter_code"),
    path("sign-out/", sign_in.sign_out, name="sign_out"),
    path("signed-out/", sign_in.signed_out, name="signed_out"),
]
