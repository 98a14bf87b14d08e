"""The records import as an upload: a zip of the extract's CSV files
(spec/records-import.md), checked whole and loaded all or nothing by the same
importer as `disclose import-records`. For administrators signed in, or a
token with `import_records`."""

import tempfile
import zipfile
from pathlib import Path

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, UploadedFile
from pydantic import Field

from disclose.records.importer import import_extract
from disclose.records.importer.reader import ExtractUnreadable
from disclose.records.importer.tables import ALL_FILES

from ..errors import COMMON, ApiError, Error
from ..schemas import example

router = Router(tags=["Records"])
KNOWN = frozenset(spec.name for spec in ALL_FILES)
UNPACKED_LIMIT = 4 * 1024**3  # what a zip may unpack to: a county's extract, not a zip bomb


class ImportOptions(Schema):
    dry_run: bool = Field(False, description="Check and count, save nothing")


class TableCount(Schema):
    created: int
    updated: int
    unchanged: int
    removed: int


class Imported(Schema):
    dry_run: bool
    rows: dict[str, int]
    tables: dict[str, TableCount]
    seconds: float

    model_config = example(
        {
            "dry_run": False,
            "rows": {"ssd_person.csv": 1200},
            "tables": {"persons": {"created": 1200, "updated": 0, "unchanged": 0, "removed": 0}},
            "seconds": 2.4,
        }
    )


def _unpack(upload: UploadedFile, into: Path) -> None:
    """The extract's own files from the zip, by name only; anything else is refused."""
    try:
        archive = zipfile.ZipFile(upload.file)
    except zipfile.BadZipFile:
        raise ApiError(
            422, "invalid_input", "Send the extract as a .zip of its CSV files."
        ) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        unknown = sorted(m.filename for m in members if m.filename not in KNOWN)
        if unknown:
            raise ApiError(
                422,
                "invalid_input",
                f"The zip holds files an extract does not have: {', '.join(unknown[:5])}. Put "
                "only the extract's CSV files in it, not in a folder.",
            )
        if sum(m.file_size for m in members) > UNPACKED_LIMIT:
            raise ApiError(422, "invalid_input", "The zip unpacks to more than 4 GB.")
        for member in members:
            (into / member.filename).write_bytes(archive.read(member))


@router.post(
    "/records/imports",
    response={200: Imported, 422: Error, **COMMON},
    operation_id="import_records",
    summary="Import a records extract",
    description="Upload the extract as a zip of its CSV files, as multipart/form-data with "
    "the zip in `extract`. Every row is checked first; if any has a problem nothing is "
    "loaded and each problem comes back as `file:line: column` with what to fix.",
)
def import_records(request: HttpRequest, extract: File[UploadedFile], options: Form[ImportOptions]):
    caller = request.auth
    caller.require("import_records", frozenset({"admin"}))
    with tempfile.TemporaryDirectory(prefix="disclose-import-") as folder:
        _unpack(extract, Path(folder))
        try:
            report = import_extract(
                folder,
                dry_run=options.dry_run,
                show_progress=False,
                actor=caller.staff,
                via="api",
            )
        except (FileNotFoundError, ExtractUnreadable) as error:
            raise ApiError(422, "invalid_input", f"{error} Nothing was imported.") from None
    if not report.ok:
        problems = [
            {"field": f"{p.file}:{p.line}: {p.column}", "message": p.message}
            for p in report.problems
        ]
        raise ApiError(
            422,
            "import_problems",
            f"The extract has {len(problems)} problems. Nothing was imported: fix them and send the "
            "extract again.",
            problems=problems[:1000],
        )
    return {
        "dry_run": report.dry_run,
        "rows": report.rows,
        "tables": {name: count.as_dict() for name, count in report.counts.items()},
        "seconds": round(report.seconds, 2),
    }
