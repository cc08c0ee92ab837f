from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    # Public pages.
    path("", views.register, name="register"),
    path("world/", views.world, name="world"),
    path("documents/<int:pk>/", views.document, name="document"),
    # Civil servants' pages.
    path("manage/", views.manage_list, name="manage"),
    path("manage/new/", views.create, name="create"),
    path("manage/partners/", views.partner_list, name="partners"),
    path("manage/partners/new/", views.partner_edit, name="partner_create"),
    path("manage/partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path("manage/<slug:slug>/", views.manage_detail, name="manage_detail"),
    path("manage/<slug:slug>/edit/", views.edit, name="edit"),
    path("manage/<slug:slug>/status/", views.change_status, name="change_status"),
    path("manage/<slug:slug>/transform/", views.transform, name="transform"),
    path("manage/<slug:slug>/phase-out/", views.phase_out, name="phase_out"),
    path("manage/<slug:slug>/phase-out/<int:step_pk>/done/", views.complete_step, name="complete_step"),
    path("manage/<slug:slug>/activities/new/", views.log_activity, name="log_activity"),
    path("manage/<slug:slug>/activities/<int:pk>/documents/new/", views.add_document, name="add_document"),
    # Last: any other segment is a partnership's slug.
    path("<slug:slug>/", views.detail, name="detail"),
]
