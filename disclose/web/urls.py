from django.urls import path

from .signin import oidc_views
from .views import (
    auth,
    dashboard,
    documents,
    exports,
    governance,
    health,
    home,
    intake_drafts,
    outbox,
    persons,
    procedure_picture,
    requests_intake,
    requests_list,
    requests_match,
    requests_page,
    requests_steps,
    requests_team,
    time_limits,
)

app_name = "web"

urlpatterns = [
    path("", home.my_work, name="my_work"),
    path("health/", health.health, name="health"),
    path("sign-in/", auth.SignInView.as_view(), name="sign_in"),
    path("sign-in/two-factor/", auth.two_factor, name="two_factor"),
    path("sign-in/two-factor/set-up/", auth.two_factor_set_up, name="two_factor_set_up"),
    path("sign-in/sso/", oidc_views.start, name="sso_start"),
    path("sign-in/sso/callback/", oidc_views.callback, name="sso_callback"),
    path("sign-out/", auth.SignOutView.as_view(), name="sign_out"),
    path("persons/search/", persons.person_search, name="person_search"),
    path("persons/<int:pk>/", persons.person_detail, name="person_detail"),
    path("documents/<int:pk>/", documents.document_download, name="document_download"),
    path("requests/", requests_list.request_list, name="request_list"),
    path("requests/team/", requests_team.team_work, name="request_team"),
    path("requests/new/", requests_intake.new_request, name="request_new"),
    path("requests/by-email/", intake_drafts.email_drafts, name="email_drafts"),
    path("requests/by-email/<int:pk>/", intake_drafts.email_draft, name="email_draft"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("exports/", exports.exports, name="exports"),
    path("disclosure-log/", governance.disclosure_log, name="disclosure_log"),
    path("audit/", governance.audit, name="audit"),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", outbox.outbox_retry, name="outbox_retry"),
    path("exports/<slug:name>.<slug:fmt>", exports.export_download, name="export_download"),
    path("requests/<str:reference>/", requests_page.request_detail, name="request_detail"),
    # The request's sub-pages, and the print view (issue 13).
    *(
        path(
            f"requests/<str:reference>/{section}/",
            requests_page.request_detail,
            {"section": section},
            name=requests_page.section_url_name(section),
        )
        for section in requests_page.SUB_PAGES
    ),
    path(
        "requests/<str:reference>/procedure/",
        procedure_picture.procedure_page,
        name="request_procedure",
    ),
    path(
        "requests/<str:reference>/redirected/",
        requests_intake.request_redirected,
        name="request_redirected",
    ),
    path(
        "requests/<str:reference>/subjects/<int:number>/match/",
        requests_match.match_subject,
        name="request_match",
    ),
    path(
        "requests/<str:reference>/subjects/<int:number>/<slug:slug>/",
        requests_steps.step,
        name="request_part_step",
    ),
    path(
        "requests/<str:reference>/holdings/<int:holding>/<slug:slug>/",
        requests_steps.step,
        name="request_holding_step",
    ),
    path(
        "requests/<str:reference>/time-limits/<slug:slug>/",
        time_limits.clock_step,
        name="request_clock_step",
    ),
    path("requests/<str:reference>/<slug:slug>/", requests_steps.step, name="request_step"),
]
