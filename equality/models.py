"""The equality app keeps no rows of its own.

An equality profile is sealed in `protection` (equality.profiles), encrypted with the organisation's
data key and bound to its member: there is no table here with a group in the clear, and nothing
a query could join to reports.
"""
