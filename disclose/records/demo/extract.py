"""`generate_extract`: a synthetic council's records as an SSD-shaped extract.

It streams: each family is written as it is made and then forgotten, so the
memory used does not grow with the number of people.
"""

import sys
from datetime import date
from pathlib import Path
from random import Random

from tqdm import tqdm

from .county import County, build_county
from .names import Names
from .output import ExtractWriter
from .people import FamilyMaker


def generate_extract(
    folder: Path | str,
    persons: int,
    *,
    seed: int = 1,
    as_of: date | None = None,
    show_progress: bool | None = False,
) -> dict[str, int]:
    """Write an extract of `persons` people into `folder`; returns rows written per file.

    The same seed and as_of date give the same files, byte for byte.
    """
    as_of = as_of or date.today()
    rng = Random(seed)
    out = ExtractWriter(Path(folder))
    try:
        county = build_county(rng, Names(rng))
        write_county(out, county)
        maker = FamilyMaker(rng, county, out, as_of)
        with tqdm(
            total=persons,
            desc="People",
            unit=" people",
            file=sys.stderr,
            disable=(None if show_progress is None else not show_progress),
        ) as bar:
            written = 0
            while written < persons:
                added = maker.family(persons - written)
                written += added
                bar.update(added)
    finally:
        out.close()
    return out.rows


def write_county(out: ExtractWriter, county: County) -> None:
    for team in county.teams.values():
        parent = "" if team.team_id == "CSC" else "CSC"
        out.write("ssd_department.csv", team.team_id, team.name, parent)
        if team.team_id != "CSC":
            out.write(
                "disclose_teams.csv",
                team.team_id,
                team.kind,
                team.locality,
                "false" if team.closed_on else "true",
                team.closed_on,
                team.csm,
                team.team_manager,
            )
    for person in county.staff:
        out.write(
            "ssd_professionals.csv",
            person.professional_id,
            person.staff_id,
            person.name,
            person.job_title,
            person.team_id,
        )
