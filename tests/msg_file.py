"""Outlook .msg files for tests: a small writer of the Compound File Binary
format (MS-CFB, version 3) and the Outlook message layout on it (MS-OXMSG).

Only what a received email needs: its transport headers, subject, body,
sender, and attachments by value. Streams under 4,096 bytes go in the mini
stream, as the format requires; larger ones in ordinary 512-byte sectors.
"""

import struct

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5


def outlook_msg(*, headers: str, subject: str, body: str, sender: str, attachments=()) -> bytes:
    """An .msg of a received email; `attachments` are (file name, bytes, MIME type)."""
    top = {
        "__substg1.0_001A001F": _text("IPM.Note"),
        "__substg1.0_007D001F": _text(headers),
        "__substg1.0_0037001F": _text(subject),
        "__substg1.0_1000001F": _text(body),
        "__substg1.0_0C1F001F": _text(sender),
        "__substg1.0_0065001F": _text(sender),
        "__properties_version1.0": _properties(32, len(attachments), []),
        # The named-property map: present in every message, empty here.
        "__nameid_version1.0": {
            "__substg1.0_00020102": b"",
            "__substg1.0_00030102": b"",
            "__substg1.0_00040102": b"",
        },
    }
    for n, (name, data, mime) in enumerate(attachments):
        top[f"__attach_version1.0_#{n:08X}"] = {
            "__substg1.0_3707001F": _text(name),
            "__substg1.0_3704001F": _text(name[:12]),
            "__substg1.0_370E001F": _text(mime),
            "__substg1.0_37010102": data,
            # PR_ATTACH_METHOD (0x3705, a long) = 1: attached by value.
            "__properties_version1.0": _properties(8, 0, [(0x37050003, 1)]),
        }
    return compound_file(top)


def _text(value: str) -> bytes:
    return value.encode("utf-16-le")


def _properties(header: int, attachments: int, longs: list[tuple[int, int]]) -> bytes:
    if header == 32:
        head = struct.pack("<8xIIII8x", 0, attachments, 0, attachments)
    else:
        head = b"\x00" * 8
    return head + b"".join(struct.pack("<IIQ", tag, 6, value) for tag, value in longs)


def compound_file(tree: dict) -> bytes:
    """A CFB file of storages (dicts) and streams (bytes)."""
    entries = [{"name": "Root Entry", "type": ROOT, "data": b"", "children": []}]

    def add(parent: int, items: dict) -> None:
        for name, value in items.items():
            entries.append(
                {
                    "name": name,
                    "type": STORAGE if isinstance(value, dict) else STREAM,
                    "data": b"" if isinstance(value, dict) else value,
                    "children": [],
                }
            )
            index = len(entries) - 1
            entries[parent]["children"].append(index)
            if isinstance(value, dict):
                add(index, value)

    add(0, tree)
    streams = [e for e in entries if e["type"] == STREAM and e["data"]]
    small = [e for e in streams if len(e["data"]) < CUTOFF]
    big = [e for e in streams if len(e["data"]) >= CUTOFF]

    # Small streams go in the mini stream, in 64-byte mini sectors.
    mini_fat, mini = [], b""
    for entry in small:
        count = -(-len(entry["data"]) // MINI)
        entry["start"] = len(mini_fat)
        mini_fat += [*range(len(mini_fat) + 1, len(mini_fat) + count), END]
        mini += entry["data"].ljust(count * MINI, b"\x00")
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat) if mini_fat else b""
    chunks = [
        ("dir", b"".join(_entry(entries, n) for n in range(len(entries)))),
        ("minifat", mini_fat_bytes),
        ("mini", mini),
        *((id(e), e["data"]) for e in big),
    ]
    sizes = [-(-len(data) // SECTOR) for _, data in chunks]
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + sum(sizes):
        fat_sectors += 1
    assert fat_sectors <= 109, "too big for this small writer"
    fat, starts, body = [FAT_SECTOR] * fat_sectors, {}, b""
    for (key, data), count in zip(chunks, sizes, strict=True):
        starts[key] = len(fat) if count else END
        fat += [*range(len(fat) + 1, len(fat) + count), END] if count else []
        body += data.ljust(count * SECTOR, b"\x00")
    for entry in big:
        entry["start"] = starts[id(entry)]
    entries[0]["start"], entries[0]["size"] = starts["mini"], len(mini)
    # The directory was packed before the start sectors were known: pack it again.
    directory = b"".join(_entry(entries, n) for n in range(len(entries)))
    body = directory.ljust(sizes[0] * SECTOR, b"\x00") + body[sizes[0] * SECTOR :]
    fat += [FREE] * (fat_sectors * 128 - len(fat))

    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"\x00" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\x00" * 6,
        0,
        fat_sectors,
        starts["dir"],
        0,
        CUTOFF,
        starts["minifat"],
        sizes[1],
        END,
        0,
        *difat,
    )
    return header + struct.pack(f"<{len(fat)}I", *fat) + body


def _entry(entries: list[dict], n: int) -> bytes:
    entry = entries[n]
    siblings = next((e["children"] for e in entries if n in e["children"]), [])
    position = siblings.index(n) if siblings else -1
    right = siblings[position + 1] if 0 <= position < len(siblings) - 1 else NONE
    child = entry["children"][0] if entry["children"] else NONE
    name = entry["name"].encode("utf-16-le") + b"\x00\x00"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        entry["type"],
        1,  # black
        NONE,
        right,
        child,
        b"\x00" * 16,
        0,
        0,
        0,
        entry.get("start", END),
        entry.get("size", len(entry["data"])),
    )
