"""Volunteers: the registry of the centre's own people and their consent, the data lists
(interests, languages, background groups), the paperwork (certificates, the police certificate
letter; the certificate's PDF is the reports app's), and a person's export and erasure, which
each app above adds its part to (`core.privacy`).

May import: `organisations`, `core`.
"""
