from django.urls import path

from foods import views

app_name = "foods"
urlpatterns = [
    path("", views.food_list, name="list"),
    path("<int:pk>/", views.food_detail, name="detail"),
    path("mine/", views.custom_list, name="custom_list"),
    path("mine/new/", views.custom_edit, name="custom_new"),
    path("mine/<int:pk>/edit/", views.custom_edit, name="custom_edit"),
    path("mine/<int:pk>/delete/", views.custom_delete, name="custom_delete"),
]
