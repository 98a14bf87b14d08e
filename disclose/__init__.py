"""Disclose: other agency requests for information from children's social care records."""
