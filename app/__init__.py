"""app: the front ends (command line and web) on top of extract, rules and reports."""
