from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("export.<str:fmt>", views.organisation_export, name="export"),
    path("new/", views.organisation_create, name="create"),
    path("import/", views.organisation_import, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_batch_detail, name="import_batch"),
    path("import/<int:pk>/confirm/", views.import_batch_confirm, name="import_batch_confirm"),
    path("register/changes/", views.register_changes, name="register_changes"),
    path("register/changes/<int:pk>/", views.register_change_decide, name="register_change_decide"),
    path("statistics/", views.organisation_statistics, name="statistics"),
    path("directory/", views.organisation_directory, name="directory"),
    path("directory.<str:fmt>", views.directory_export, name="directory_export"),
    path("categories/", views.category_list, name="categories"),
    path("categories/new/", views.category_edit, name="category_create"),
    path("categories/<int:pk>/", views.category_edit, name="category_edit"),
    # Tokens are secrets.token_urlsafe: a slug. Anything else (a NUL, say) is a 404 here.
    path("invitations/<slug:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    path("<int:pk>/register/", views.register_lookup, name="register_lookup"),
    path("<int:pk>/archive/", views.organisation_archive, name="archive"),
    path("<int:pk>/restore/", views.organisation_restore, name="restore"),
    path("<int:pk>/confirm/", views.organisation_confirm, name="confirm"),
    path("<int:pk>/invite/", views.organisation_invite, name="invite"),
    path(
        "<int:pk>/users/<int:membership_pk>/revoke/",
        views.membership_revoke,
        name="membership_revoke",
    ),
]
