"""Cooperation between the voluntary sector and the municipality: the municipal units
(districts, agencies, NAV offices, schools), partnerships (samarbeidsavtaler) with what each
side contributes per year, their stories (the cookbook's six questions, consented and approved
before they are public, and a booklet PDF), municipal support per project, organisations' own
reported yearly figures and the centre's entry in the national register of volunteer centres.

May import: `activities`, `organisations`, `core`. The figures engine (`figures`) reads its
rows; the pages that show figures over the years live in `reports`.
"""
