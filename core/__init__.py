"""The shared base: centres, users and roles, the permission helpers and the scope guard
(`permissions`, `scopes`), the audit trail, the job kernel, mail, exports, formatting, the charts
of pages and PDFs (`charts`), the yearly-row base models (`models.YearPart`), and the
registries the apps fill in their `ready()` (start pages: `startpage`; a person's data:
`privacy`; what a limited role owns: `permissions.register_access_part`).

May import: no app of ours (the bottom layer; `.importlinter` keeps it so).
"""
