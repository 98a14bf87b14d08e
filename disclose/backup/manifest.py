"""What a backup says about itself, so a restore can prove it got everything back."""

import json
from dataclasses import asdict, dataclass, field
from importlib import metadata

# 2: encrypted (crypto.py), with a hash per table and per document (issue 15, item 5).
FORMAT = 2


def disclose_version() -> str:
    try:
        return metadata.version("disclose")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class Manifest:
    created_at: str
    disclose_version: str
    database_vendor: str
    counts: dict[str, int]
    audit_head: dict[str, object]
    migrations: list[list[str]]
    documents: dict[str, int] = field(default_factory=lambda: {"files": 0, "bytes": 0})
    # label -> SHA-256 of its rows (database.table_hashes); path -> SHA-256 of the file.
    table_hashes: dict[str, str] = field(default_factory=dict)
    document_hashes: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(
                f"This archive is in backup format {data.get('format')!r}; "
                f"this version of Disclose reads format {FORMAT}."
            )
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})

    @property
    def rows(self) -> int:
        return sum(self.counts.values())
