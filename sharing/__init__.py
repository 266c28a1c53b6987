"""Sharing: learning that leaves the organisation, and only in its cleared, shareable form.

A report's text has three states (ROADMAP): the original (sealed, in `protection`), the de-identified
text a reviewer confirmed (in `reporting`), and the shareable copy kept here: the de-identified text
after a second, stricter pass, cleared by a reviewer. Partner agencies under a sharing agreement,
safeguarding partnerships, the national hub, open data and the library of learning read only this
copy. No sealed byte, reporter identity, exact time or internal id is ever put in it.
"""
