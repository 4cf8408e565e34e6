from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from candidates import views

app_name = "candidates"

urlpatterns = [
    path("inscription/", views.signup, name="signup"),
    path("connexion/", views.login_view, name="login"),
    path("inscription/confirmer/<uidb64>/<token>/", views.email_confirm, name="email_confirm"),
    path("profil/confirmation/renvoyer/", views.email_confirmation_resend, name="email_confirmation_resend"),
    path("deconnexion/", views.logout_view, name="logout"),
    # Django's password reset views, with French templates in templates/registration/.
    path("mot-de-passe/oublie/", views.password_reset, name="password_reset"),
    path("mot-de-passe/oublie/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("candidates:password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("mot-de-passe/modifie/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("profil/", views.profile, name="profile"),
    path("profil/suggestions/", views.suggestions, name="suggestions"),
    path("profil/cv/deposer/", views.cv_upload, name="cv_upload"),
    path("profil/jetons/", views.api_token_create, name="api_token_create"),
    path("profil/jetons/<int:token_id>/revoquer/", views.api_token_revoke, name="api_token_revoke"),
    path("profil/cv/etat/", views.cv_state, name="cv_state"),
    path("profil/cv/propositions/", views.cv_proposals, name="cv_proposals"),
    path("profil/cv/telecharger/", views.cv_download, name="cv_download"),
    path("profil/cv/retirer/", views.cv_remove, name="cv_remove"),
    path("profil/mes-donnees.json", views.export, name="export"),
    path("profil/supprimer/", views.delete_account, name="delete_account"),
    path("profil/offres-sauvegardees/<int:offer_id>/", views.saved_offer_toggle, name="saved_offer_toggle"),
    path("profil/recherches/", views.saved_search_create, name="saved_search_create"),
    path("profil/recherches/<int:search_id>/", views.saved_search_edit, name="saved_search_edit"),
    path("profil/recherches/<int:search_id>/pause/", views.saved_search_pause, name="saved_search_pause"),
    path("profil/recherches/<int:search_id>/supprimer/", views.saved_search_delete, name="saved_search_delete"),
    path("profil/alertes/profil/", views.alert_recommendations, name="alert_recommendations"),
    path("alertes/desinscription/<str:token>/", views.alerts_unsubscribe, name="alerts_unsubscribe"),
]
