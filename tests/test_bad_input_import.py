"""Bad input to the import (issue 6, item 6): random bytes, text and rows in
the extract's CSV files give a clear message and exit 1, never a traceback."""

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXTRACT = Path(__file__).parent / "fixtures" / "small_extract"
FILES = sorted(p.name for p in EXTRACT.glob("*.csv"))
cell = st.one_of(
    st.text(max_size=20),
    st.text(min_size=1, max_size=3).map(lambda s: s * 200),  # overlong
    st.sampled_from(["", "0", "-1", "2016-13-01", "29/02/2015", "\x00", "=1+1", "NULL"]),
)
mutation = st.one_of(
    st.tuples(st.just("bytes"), st.sampled_from(FILES), st.binary(max_size=300)),
    st.tuples(st.just("text"), st.sampled_from(FILES), st.text(max_size=300)),
    st.tuples(
        st.just("rows"),
        st.sampled_from(FILES),
        st.lists(st.lists(cell, max_size=14), min_size=1, max_size=4),
    ),
)
SLOW = settings(
    max_examples=int(os.environ.get("BAD_INPUT_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _mutate(folder: Path, kind: str, name: str, payload) -> None:
    path = folder / name
    if kind == "bytes":
        path.write_bytes(payload)
    elif kind == "text":
        path.write_text(payload, encoding="utf-8", errors="surrogatepass")
    else:
        with path.open("a", encoding="utf-8", errors="surrogatepass", newline="") as handle:
            csv.writer(handle).writerows(payload)


def import_records(folder: Path) -> tuple[int, str]:
    """(exit status, what it wrote to stderr), as the command line would see them."""
    err = io.StringIO()
    try:
        call_command("import_records", str(folder), "--dry-run", stdout=io.StringIO(), stderr=err)
    except CommandError as error:
        return error.returncode, str(error)
    except SystemExit as leaving:
        return leaving.code, err.getvalue()
    return 0, err.getvalue()


@SLOW
@given(change=mutation)
def test_a_damaged_extract_is_refused_with_a_message_never_a_traceback(change):
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "extract"
        shutil.copytree(EXTRACT, folder)
        _mutate(folder, *change)
        status, message = import_records(folder)
    assert status in (0, 1)
    if status == 1:
        assert message.strip()
        assert "Traceback" not in message


def test_a_file_that_is_not_text_names_the_file_and_says_what_to_do(tmp_path):
    folder = tmp_path / "extract"
    shutil.copytree(EXTRACT, folder)
    (folder / "ssd_person.csv").write_bytes(b"\xff\xfe\x00\x01 not utf-8 \xe7\x80")
    status, message = import_records(folder)
    assert status == 1
    assert "ssd_person.csv" in message and "UTF-8" in message


def test_a_nul_character_in_a_cell_is_a_problem_on_its_row_not_a_crash(tmp_path):
    folder = tmp_path / "extract"
    shutil.copytree(EXTRACT, folder)
    path = folder / "ssd_person.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("pers_forename")] = "Ja\x00yden"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    status, message = import_records(folder)
    assert status == 1
    assert "ssd_person.csv:2: pers_forename: this holds a NUL character" in message
