"""The review note's zip package, with the parts no note changes compressed once.

python-docx writes a package through ``zipfile``, which deflates every part at each
save. A note's styles, settings, fonts, theme and numbering are the same ~800 KB for
every note of a batch (``SharedPart``, held once by the note template); deflating them
again was half of a note's save, about 4 ms a note (issue 18). Here each shared part is
deflated once and its compressed bytes are written as they are; every other part is
deflated as ``zipfile`` deflates it (level 6, raw deflate), and the headers and central
directory are the ones ``zipfile`` writes for ``ZipFile.writestr`` on a seekable stream:
the package is the one python-docx writes, byte for byte, for the same time stamp.

The zip format is PKWARE's APPNOTE (4.3.7 local file header, 4.3.12 central directory
header, 4.3.16 end of central directory record); notes are far below its 4 GB and
65,535-entry limits, which are checked rather than assumed.
"""

from __future__ import annotations

import struct
import time
import zlib
from dataclasses import dataclass
from functools import cached_property
from typing import IO, cast

from docx.opc.package import OpcPackage
from docx.opc.part import Part
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter

# zipfile's own values: version 2.0 needed and made by, on Unix, with rw------- for
# a member written from bytes (ZipFile.writestr).
_VERSION = 20
_MADE_ON_UNIX = 3
_EXTERNAL_ATTRIBUTES = 0o600 << 16
_DEFLATED = 8
_UTF8_NAME = 0x800
_LIMIT = 0xFFFFFFFF
_MAX_ENTRIES = 0xFFFF
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")


@dataclass(frozen=True)
class Deflated:
    """A member's bytes as stored in the zip: deflated, with the size and CRC of the original."""

    data: bytes
    size: int
    crc: int

    @classmethod
    def of(cls, blob: bytes) -> Deflated:
        """Deflate ``blob`` as zipfile does for ZIP_DEFLATED at its default level."""
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        return cls(compressor.compress(blob) + compressor.flush(), len(blob), zlib.crc32(blob))


class SharedPart(Part):
    """A part of the note that no note changes, held by every copy of its template as is.

    Deep-copying a note copies every element of its parts, and saving it serializes
    them: styles.xml and stylesWithEffects.xml alone are 790 KB of XML, copied and
    written again for each of a batch's notes (8 of a note's 24 ms; issue 18). This
    holds the part's bytes, serialized once, and deflates them once; a copy of the note
    holds the same object.
    """

    def __deepcopy__(self, memo: dict[int, object]) -> SharedPart:
        return self

    @cached_property
    def deflated(self) -> Deflated:
        """The part's bytes as the package stores them, made at the first save."""
        return Deflated.of(self.blob)


def save_package(package: OpcPackage, stream: IO[bytes]) -> None:
    """Write ``package`` to ``stream`` as ``OpcPackage.save`` does, shared parts deflated once."""
    for part in package.parts:
        part.before_marshal()
    shared = {
        part.partname.membername: part for part in package.parts if isinstance(part, SharedPart)
    }
    zip_writer = _ZipWriter(stream, shared)
    # python-docx's ``PhysPkgWriter`` is a factory of its own zip writer: ours has the
    # interface its package writer calls (``write``, ``close``).
    writer = cast(PhysPkgWriter, zip_writer)
    # python-docx's own order of members: content types, package relationships, then
    # each part followed by its relationships.
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    zip_writer.close()


class _ZipWriter:
    """The ``PhysPkgWriter`` interface (``write``, ``close``) over a zip written here."""

    def __init__(self, stream: IO[bytes], shared: dict[str, SharedPart]) -> None:
        self.stream = stream
        self.shared = shared
        # Offsets count from the stream's start, as zipfile's do.
        self.offset = stream.tell()
        self.central: list[bytes] = []
        # zipfile stamps each member with the local time of its writing.
        self.date_time = time.localtime(time.time())[:6]

    def write(self, pack_uri: object, blob: bytes) -> None:
        """Write one member: ``pack_uri`` is a python-docx PackURI (``membername``)."""
        name = pack_uri.membername  # type: ignore[attr-defined]
        part = self.shared.get(name)
        # The shared part's own bytes only: a member of the same name with other bytes
        # (never made by this module) is deflated like any other.
        member = part.deflated if part is not None and part.blob is blob else Deflated.of(blob)
        self._add(name, member)

    def close(self) -> None:
        """Write the central directory and the end record."""
        start = self.offset
        for header in self.central:
            self._put(header)
        count = len(self.central)
        if count > _MAX_ENTRIES or start > _LIMIT or self.offset - start > _LIMIT:
            raise ValueError("phiếu rà soát quá lớn cho tệp zip không ZIP64")
        size = self.offset - start
        self._put(_END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, size, start, 0))
        self.stream.flush()

    def _add(self, name: str, member: Deflated) -> None:
        if member.size > _LIMIT or len(member.data) > _LIMIT or self.offset > _LIMIT:
            raise ValueError("phiếu rà soát quá lớn cho tệp zip không ZIP64")
        encoded, flags = _encoded_name(name)
        year, month, day, hour, minute, second = self.date_time
        dos_date = (year - 1980) << 9 | month << 5 | day
        dos_time = hour << 11 | minute << 5 | second // 2
        sizes = (member.crc, len(member.data), member.size)
        local = _LOCAL_HEADER.pack(
            b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, dos_time, dos_date,
            *sizes, len(encoded), 0,
        )
        self.central.append(
            _CENTRAL_HEADER.pack(
                b"PK\x01\x02", _VERSION, _MADE_ON_UNIX, _VERSION, 0, flags, _DEFLATED,
                dos_time, dos_date, *sizes, len(encoded), 0, 0, 0, 0,
                _EXTERNAL_ATTRIBUTES, self.offset,
            )
            + encoded
        )
        self._put(local + encoded)
        self._put(member.data)

    def _put(self, data: bytes) -> None:
        self.stream.write(data)
        self.offset += len(data)


def _encoded_name(name: str) -> tuple[bytes, int]:
    """The member name's bytes and flags: ASCII as is, else UTF-8 with its flag (as zipfile)."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME
