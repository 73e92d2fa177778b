"""Rotas and shifts: recurring needs whose shifts volunteers sign up for themselves, the
waiting list, reminders' data, the volunteer's shift calendar, and the open shifts and tasks a
volunteer can take (matching shares `tasks`' rule).

May import: `hours` (a held shift becomes hour entries), `tasks`, `volunteers`, `projects`,
`organisations`, `core`.
"""
