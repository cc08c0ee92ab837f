from django.urls import path

from global_goals import views

app_name = "global_goals"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("goals/<int:number>/", views.goal, name="goal"),
    path("kimo/", views.kimo, name="kimo"),
    path("manage/", views.manage, name="manage"),
    path("manage/contributions/new/", views.contribution_create, name="manage_contribution_create"),
    path("manage/contributions/<int:pk>/", views.contribution_detail, name="manage_contribution"),
    path("manage/contributions/<int:pk>/change/", views.contribution_edit, name="manage_contribution_edit"),
    path("manage/contributions/<int:pk>/indicators/new/", views.indicator_create, name="manage_indicator_create"),
    path("manage/indicators/<int:pk>/change/", views.indicator_edit, name="manage_indicator_edit"),
    path("manage/indicators/<int:pk>/measurements/new/", views.measurement_create, name="manage_measurement_create"),
    path("manage/meetings/", views.meeting_list, name="manage_meetings"),
    path("manage/meetings/new/", views.meeting_create, name="manage_meeting_create"),
    path("manage/meetings/<int:pk>/", views.meeting_edit, name="manage_meeting"),
    path("manage/actions/new/", views.action_create, name="manage_action_create"),
    path("manage/actions/<int:pk>/", views.action_detail, name="manage_action"),
    path("manage/actions/<int:pk>/change/", views.action_edit, name="manage_action_edit"),
    path("manage/label/", views.label_status, name="manage_label"),
]
