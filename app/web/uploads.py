"""Checks on an uploaded file before it is stored: extension, size and content agree."""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

ALLOWED_EXTENSIONS = (".txt", ".md", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
# Magic bytes of the scanned-image formats (PNG, JPEG, TIFF little- and big-endian).
IMAGE_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}
# A PDF reader accepts the header anywhere in the first kilobyte (ISO 32000-1, annex H).
PDF_HEADER_WINDOW = 1024
# Text files may contain a few stray control bytes (form feeds from a word processor,
# legacy 8-bit encodings), never many: a file with more is binary under a .txt name.
MAX_CONTROL_BYTE_SHARE = 0.01
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
_UNSAFE_NAME_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class UploadRejected(Exception):
    """An upload refused before storage, with a Vietnamese message for the page."""

    def __init__(self, message: str, status_code: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


@dataclass(frozen=True)
class AcceptedFile:
    display_name: str
    extension: str
    data: bytes


def accept_upload(client_name: str, data: bytes, max_bytes: int) -> AcceptedFile:
    """Validate one upload.

    Args:
        client_name: The file name the browser sent (may hold a path; only shown, never used).
        data: The file's bytes.
        max_bytes: The size limit.

    Returns:
        The file with a display name and a lower-case extension.

    Raises:
        UploadRejected: When the extension, size or content is wrong.
    """
    display_name = display_file_name(client_name)
    extension = Path(display_name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise UploadRejected(
            "Chỉ nhận tệp .docx, .pdf, .txt, .md hoặc ảnh quét .png, .jpg, .tif (tệp đã gửi: "
            f"{extension or 'không có phần mở rộng'})."
        )
    if not data:
        raise UploadRejected("Tệp rỗng.")
    if len(data) > max_bytes:
        raise UploadRejected(
            f"Tệp lớn hơn giới hạn {max_bytes // (1024 * 1024)} MB.", status_code=413
        )
    if not content_matches(extension, data):
        raise UploadRejected(
            f"Nội dung tệp không phải là tệp {extension} (phần mở rộng và nội dung không khớp)."
        )
    return AcceptedFile(display_name, extension, data)


def content_matches(extension: str, data: bytes) -> bool:
    """True when the bytes look like the format the extension claims (magic bytes)."""
    if extension == ".pdf":
        return b"%PDF-" in data[:PDF_HEADER_WINDOW]
    if extension == ".docx":
        return data.startswith(b"PK\x03\x04")
    if extension in IMAGE_MAGIC:
        return data.startswith(IMAGE_MAGIC[extension])
    return is_text(data)


def is_text(data: bytes) -> bool:
    """Decodable text: UTF-8, UTF-16 with a byte-order mark, or 8-bit text without binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-16")
        except UnicodeDecodeError:
            return False
        return True
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return True
    # Legacy Vietnamese encodings (TCVN3, VNI) are 8-bit: accept unless it smells binary.
    controls = len(_CONTROL_BYTES.findall(data))
    return controls <= len(data) * MAX_CONTROL_BYTE_SHARE


def display_file_name(client_name: str) -> str:
    """The last path component of the client's name, without control characters."""
    name = re.split(r"[\\/]", client_name or "")[-1]
    name = _UNSAFE_NAME_CHARACTERS.sub("", name).strip()
    return name[-255:] or "tep-khong-ten"


def store_file(uploads_dir: Path, extension: str, data: bytes) -> str:
    """Write ``data`` under a new random name and flush it to disk; return the name.

    The name is generated here, never taken from the client, so no upload can
    reach outside ``uploads_dir`` or overwrite another.
    """
    uploads_dir.mkdir(parents=True, exist_ok=True)
    storage_name = secrets.token_hex(16) + extension
    descriptor = os.open(uploads_dir / storage_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return storage_name


def stored_path(uploads_dir: Path, storage_name: str) -> Path:
    """The path of a stored upload; refuses any name this module could not have made."""
    if not re.fullmatch(r"[0-9a-f]{32}\.(txt|md|docx|pdf|png|jpg|jpeg|tif|tiff)", storage_name):
        raise ValueError(f"not a storage name: {storage_name!r}")
    return uploads_dir / storage_name
