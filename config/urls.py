from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from foods import urls as foods_urls
from tracker import views as tracker_views
from tracker.api import api
from tracker.forms import LoginForm, ThrottledPasswordResetForm
from tracker.views import search as tracker_search

# The food list is the catalogue's search with the signed-in person's usual foods ranked
# first: the tracker's view, which reads their log, answers at foods:list; the catalogue
# itself (foods.urls) imports nothing of the tracker.
foods_patterns = [
    path("", tracker_search.food_list, name="list"),
    *(pattern for pattern in foods_urls.urlpatterns if pattern.name != "list"),
]

urlpatterns = [
    path("", tracker_views.home, name="home"),
    path("foods/", include((foods_patterns, foods_urls.app_name))),
    path("", include("tracker.urls")),
    path("accounts/signup/", tracker_views.signup, name="signup"),
    path("accounts/signup/sent/", tracker_views.signup_sent, name="signup_sent"),
    path("accounts/activate/<str:token>/", tracker_views.activate, name="activate"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=ThrottledPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", tracker_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
