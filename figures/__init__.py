"""The figures engine: every number Frivillig shows is defined once and computed once here.

- `catalogue`: what each figure is (key, label, how it is counted, unit, decimals, period kind,
  scopes, counted or reported, which target it may be compared with).
- `engine`: computes the figures of a scope (a centre, several, a project, an association, a
  volunteer) for one year or many, in a fixed number of queries.
- `targets`: compares a figure with the target that belongs to it (like with like).
- `templatetags/figures.py`: the template side (a builtin library): numbers marked with their
  key (`{% fig %}`), the catalogue's words, through the one formatter, `core.formatting`
  (half-up rounding, Norwegian and English number formats, a real minus sign).
- `views`, `startpage`: the pages that present figures (the target dashboard and the project's
  page, in the `activities` URL namespace) and the start page's figures (every card that names
  a `figure_key`, in one engine call).

Pages, exports, the API and the PDFs only ask and format; no other module sums activities,
participants or hours (`figures/tests/test_no_other_sums.py` keeps it so).
May import: `volunteers`, `activities`, `organisations`, `core`.
"""
