"""Signing in with an electronic ID: ID-porten (volunteers, association contacts) and
Ansattporten (coordinators, municipality staff), as OpenID Connect providers of django-allauth.

Part of core (imports no app). The national identity number (`pid`) is never stored: the
account is recognised by an HMAC of it (EID_PID_HMAC_KEY), and the claims kept are scrubbed.
"""
