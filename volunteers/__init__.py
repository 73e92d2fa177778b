"""Volunteers: the registry and consent, tasks and matching, hours, rotas and shifts, and
the paperwork (the police certificate letter; the certificate's PDF, which reads the figures
engine, is the reports app's).

May import: `activities` (a held shift logs hours on a project), `organisations`, `core`.
"""
