"""Reports: the yearly and final reports (narratives, HTML preview, PDF jobs on the job
kernel), the centre's overview for the municipality, volunteer hours per year, and the
volunteer certificate's PDF.

May import: `figures`, `volunteers`, `activities`, `organisations`, `core` (not its siblings
`publicsite` and `notifications`).
"""
