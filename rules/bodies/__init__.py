"""Bodies rules: one module per rule code.

``RULES`` is the family's list, read by ``rules.registry``: a new rule's module is added
here by hand (tests/test_rules_registry.py fails on a module left out).
"""

from __future__ import annotations

from rules.bodies import B001

RULES = (B001.RULE,)
