from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

# Views that may open sign-up (an association invitation, the volunteer sign-up) put this key
# in the session; anybody else cannot create an account on their own.
SIGNUP_GRANT_SESSION_KEY = "frivillig_signup_grant"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(request.session.get(SIGNUP_GRANT_SESSION_KEY))
