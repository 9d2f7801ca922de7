"""Linking: a plan's level, its parent, and the pairs of its items with the parent's.

One step of the check, computed once: ``link_plans(child, parent)`` returns ``Links``,
which the rules read and whose coverage the reports show. ``find_parent`` picks the
parent among candidates before the check (the command line, the audit, the web).
"""

from rules.linking.links import Links, link_plans
from rules.linking.parent import find_parent

__all__ = ["Links", "find_parent", "link_plans"]
