from django.urls import path

from tracker import views

app_name = "tracker"
urlpatterns = [
    path("log/", views.home, name="day_today"),
    path("week/", views.home, name="week"),
    path("profile/", views.home, name="profile"),
    path("learn/", views.home, name="learn"),
]
