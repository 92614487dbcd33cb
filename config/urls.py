from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tracker import views as tracker_views
from tracker.forms import ThrottledPasswordResetForm

urlpatterns = [
    path("", tracker_views.home, name="home"),
    path("foods/", include("foods.urls")),
    path("", include("tracker.urls")),
    path("accounts/signup/", tracker_views.signup, name="signup"),
    path("accounts/signup/sent/", tracker_views.signup_sent, name="signup_sent"),
    path("accounts/activate/<str:token>/", tracker_views.activate, name="activate"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=ThrottledPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
