"""The public site without login: each centre's front page, its figures, calendar and feeds,
the embeddable list, the accessibility statement and the open API (`api`).

May import: `figures`, `volunteers`, `activities`, `organisations`, `core` (not its siblings
`reports` and `notifications`).
"""
