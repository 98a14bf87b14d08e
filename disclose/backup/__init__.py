"""Backup and restore of the whole of Disclose: database and documents (issues 6 and 15).

One archive, encrypted and authenticated with DISCLOSE_BACKUP_KEY (crypto.py),
holds a tar.gz of `manifest.json` (counts and a hash per table, a hash per
document, the audit chain head, when and by which version), `database.jsonl`
(every row, in Django's portable JSON Lines form, so a backup from PostgreSQL
restores into SQLite and back) and `documents/` (the files under DOCUMENTS_ROOT).
"""
