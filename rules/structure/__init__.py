"""Structure rules: one module per rule code.

``RULES`` is the family's list, read by ``rules.registry``: a new rule's module is added
here by hand (tests/test_rules_registry.py fails on a module left out).
"""

from __future__ import annotations

from rules.structure import S001, S002, S003

RULES = (S001.RULE, S002.RULE, S003.RULE,)
