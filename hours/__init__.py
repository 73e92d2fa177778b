"""Hours: what the volunteers gave, logged by them or by the coordinator (or made from a held
shift, by `rotas`), and approved by the coordinator. Totals are the figures engine's.

May import: `tasks` (hours given on a task), `volunteers`, `projects` (hours of a project's
rota count towards it), `organisations`, `core`.
"""
