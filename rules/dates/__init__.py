"""Dates rules: one module per rule code.

``RULES`` is the family's list, read by ``rules.registry``: a new rule's module is added
here by hand (tests/test_rules_registry.py fails on a module left out).
"""

from __future__ import annotations

from rules.dates import D001, D002, D003, D004, D005

RULES = (D001.RULE, D002.RULE, D003.RULE, D004.RULE, D005.RULE,)
