from django.urls import path

from grants.views import applicant, public, staff

app_name = "grants"

urlpatterns = [
    path("budget/", public.budget, name="budget"),
    # The applicant
    path("my-applications/", applicant.my_applications, name="my_applications"),
    path("apply/", applicant.apply, name="apply"),
    path("applications/<int:pk>/", applicant.detail, name="detail"),
    path("applications/<int:pk>/edit/", applicant.edit, name="edit"),
    path("applications/<int:pk>/received/", applicant.submitted, name="submitted"),
    path("applications/<int:pk>/withdraw/", applicant.withdraw, name="withdraw"),
    path("applications/<int:pk>/answer/", applicant.answer, name="answer"),
    path("applications/<int:pk>/account/", applicant.account, name="account"),
    path("applications/<int:pk>/letter/", applicant.letter, name="letter"),
    path("applications/<int:pk>/files/<int:attachment_pk>/", applicant.attachment, name="attachment"),
    path(
        "applications/<int:pk>/files/<int:attachment_pk>/remove/",
        applicant.remove_attachment,
        name="remove_attachment",
    ),
    # The civil servant
    path("queue/", staff.queue, name="queue"),
    path("queue.csv", staff.queue_csv, name="queue_csv"),
    path("queue/<int:pk>/", staff.detail, name="staff_detail"),
    path("queue/<int:pk>/<slug:name>/", staff.action, name="staff_action"),
    path("decisions/", staff.decision_overview, name="decision_overview"),
    path("ceiling/", staff.ceiling, name="ceiling"),
]
