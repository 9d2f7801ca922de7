"""Coverage rules: parent indicators and tasks the child plan leaves out."""
