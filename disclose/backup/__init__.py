"""Backup and restore of the whole of Disclose: database and documents (issue 6, point 7).

One tar.gz archive holds `manifest.json` (counts per table, the audit chain
head, when and by which version), `database.jsonl` (every row, in Django's
portable JSON Lines form, so a backup from PostgreSQL restores into SQLite
and back) and `documents/` (the files under DOCUMENTS_ROOT).
"""
