"""Backups encrypted and authenticated as they are written (issue 15, item 5).

AES-256-GCM from `cryptography`, in chunks of 1 MiB so a backup of any size
streams through without being held in memory. Each chunk's nonce holds its
number and whether it is the last, so a chunk changed, swapped, dropped, or
the file cut short all fail to decrypt (the "STREAM" construction). The key
comes from DISCLOSE_BACKUP_KEY through HKDF with a random salt per backup; a
short check value in the header tells a wrong key apart from a changed file.

File layout: MAGIC, salt (16 bytes), nonce prefix (7), key check (16), then
chunks, each a 4-byte length and the sealed chunk.
"""

import hashlib
import hmac
import io
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

MAGIC = b"DISCLOSE-BACKUP\x00v2\n"
CHUNK = 1024 * 1024
_SALT, _PREFIX, _CHECK, _TAG = 16, 7, 16, 16
_LENGTH = struct.Struct(">I")


class CryptoError(Exception):
    """The archive cannot be read: the message says why and what to do."""


def _key(salt: bytes) -> bytes:
    secret = settings.DISCLOSE_BACKUP_KEY
    if not secret:
        raise CryptoError(
            "Set DISCLOSE_BACKUP_KEY (or DISCLOSE_BACKUP_KEY_FILE) to the key for backups."
        )
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"disclose backup v2")
    return kdf.derive(secret.encode("utf-8"))


def _check(key: bytes) -> bytes:
    return hmac.new(key, b"disclose backup key check", hashlib.sha256).digest()[:_CHECK]


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + number.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter(io.RawIOBase):
    """A write-only stream: what is written goes out encrypted to `raw`."""

    def __init__(self, raw: BinaryIO):
        salt, self._prefix = os.urandom(_SALT), os.urandom(_PREFIX)
        key = _key(salt)
        self._aead, self._raw = AESGCM(key), raw
        self._header = MAGIC + salt + self._prefix + _check(key)
        raw.write(self._header)
        self._buffer, self._number = bytearray(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, chunk: bytes, last: bool) -> None:
        if self._number >= 2**32 - 1:
            raise CryptoError("The backup is too large for one archive.")
        nonce = _nonce(self._prefix, self._number, last)
        sealed = self._aead.encrypt(nonce, chunk, self._header)
        self._raw.write(_LENGTH.pack(len(sealed)) + sealed)
        self._number += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)  # always one last chunk, maybe empty
            self._buffer.clear()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A read-only stream of what an EncryptingWriter wrote, checked chunk by chunk."""

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        header = raw.read(len(MAGIC) + _SALT + _PREFIX + _CHECK)
        if not header.startswith(MAGIC):
            if header[:2] == b"\x1f\x8b":
                raise CryptoError(
                    "This is an unencrypted backup from an earlier version of Disclose. "
                    "Restore it with that version, or make a new backup with this one."
                )
            raise CryptoError("This file is not a Disclose backup archive. Check the file name.")
        salt = header[len(MAGIC) : len(MAGIC) + _SALT]
        self._prefix = header[len(MAGIC) + _SALT : len(MAGIC) + _SALT + _PREFIX]
        key = _key(salt)
        if not hmac.compare_digest(header[-_CHECK:], _check(key)):
            raise CryptoError(
                "This backup was made with a different key. Set DISCLOSE_BACKUP_KEY "
                "(or DISCLOSE_BACKUP_KEY_FILE) to the key it was made with. Nothing has been changed."
            )
        self._aead, self._header = AESGCM(key), header
        self._plain, self._number, self._done = b"", 0, False

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._plain and not self._done:
            self._plain = self._open_next()
        size = min(len(target), len(self._plain))
        target[:size] = self._plain[:size]
        self._plain = self._plain[size:]
        return size

    def _open_next(self) -> bytes:
        length = self._raw.read(_LENGTH.size)
        if len(length) < _LENGTH.size:
            raise CryptoError(_changed("it ends too soon: it has been cut short"))
        (size,) = _LENGTH.unpack(length)
        sealed = self._raw.read(size)
        if size > CHUNK + _TAG or len(sealed) != size:
            raise CryptoError(_changed(f"part {self._number + 1} is damaged"))
        for last in (False, True):
            try:
                plain = self._aead.decrypt(
                    _nonce(self._prefix, self._number, last), sealed, self._header
                )
            except InvalidTag:
                continue
            self._number += 1
            if last:
                if self._raw.read(1):
                    raise CryptoError(_changed("there is more after its end"))
                self._done = True
            return plain
        raise CryptoError(_changed(f"part {self._number + 1} does not match its seal"))


def _changed(how: str) -> str:
    return (
        f"This backup has been changed or damaged since it was made ({how}). It cannot be "
        "trusted: nothing has been changed here. Use another copy of the backup."
    )
