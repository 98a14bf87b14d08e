"""The verbs of the procedure, one function each; `casework.services` is the
public face. Each runs in one transaction (see _base.begin)."""
