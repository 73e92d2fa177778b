"""The centre's year and the state grant round: each centre's figures for the grant's eight
conditions (income by source, staff, owner, advisory body, premises, the award letter's
expectations), and the municipality's yearly round that confirms its centres and makes the
application summary.

May import: `figures`, `volunteers`, `activities`, `organisations`, `core` (it is imported by
`reports`, which prints its figures, and by `notifications`, which sends its deadlines).
"""
