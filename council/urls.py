from django.urls import path

from council import views

app_name = "council"

urlpatterns = [
    path("", views.question_list, name="question_list"),
    path("<int:pk>/", views.question_detail, name="question_detail"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/arguments/", views.post_argument, name="post_argument"),
    path("<int:pk>/interest/", views.declare_interest, name="declare_interest"),
    path("my/", views.my_questions, name="my_questions"),
    path("manage/", views.staff_list, name="manage"),
    path("manage/new/", views.question_create, name="question_create"),
    path("manage/<int:pk>/", views.manage_question, name="manage_question"),
    path("manage/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("manage/<int:pk>/options/new/", views.option_edit, name="option_create"),
    path("manage/<int:pk>/options/<int:option_pk>/", views.option_edit, name="option_edit"),
    path("manage/<int:pk>/documents/new/", views.document_add, name="document_add"),
    path("manage/<int:pk>/publish/", views.publish, name="publish"),
    path("manage/<int:pk>/open/", views.open_voting, name="open_voting"),
    path("manage/<int:pk>/close/", views.close, name="close"),
    path("manage/<int:pk>/decide/", views.decide, name="decide"),
    path("manage/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("manage/<int:pk>/formal-decision/", views.formal_decision, name="formal_decision"),
]
