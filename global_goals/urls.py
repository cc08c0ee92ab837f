app_name = "global_goals"

urlpatterns = []
