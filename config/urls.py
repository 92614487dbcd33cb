from django.contrib import admin
from django.urls import include, path

from tracker import views as tracker_views

urlpatterns = [
    path("", tracker_views.home, name="home"),
    path("foods/", include("foods.urls")),
    path("", include("tracker.urls")),
    path("accounts/signup/", tracker_views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
