"""Input errors: one exception type, one bilingual message, never a traceback.

A problem *in* a document (an impossible date, a weak target) is a finding, not
an exception. An exception here means we could not read the file at all.
"""

from __future__ import annotations

from pathlib import Path

# Why a file could not be read, with the Vietnamese and English wording.
# The keys are stable: the batch audit and the web store them.
REASONS: dict[str, tuple[str, str]] = {
    "missing": ("không tìm thấy tệp", "file not found"),
    "not-a-file": ("không phải là tệp", "not a regular file"),
    "unsupported": (
        "định dạng không được hỗ trợ (chỉ nhận .txt, .md, .docx, .pdf, .png, .jpg, .tif)",
        "unsupported format (only .txt, .md, .docx, .pdf, .png, .jpg, .tif)",
    ),
    "empty": ("tệp rỗng", "file is empty"),
    "too-large": ("tệp vượt quá giới hạn kích thước", "file exceeds the size limit"),
    "encoding": ("không xác định được bảng mã văn bản", "cannot determine the text encoding"),
    "not-docx": (
        "tệp .docx bị hỏng hoặc không phải tệp Word (không phải tệp zip)",
        "the .docx is damaged or not a Word file (not a zip)",
    ),
    "zip-bomb": (
        "tệp .docx có tỷ lệ nén bất thường, từ chối giải nén",
        "the .docx has an abnormal compression ratio; refused",
    ),
    "corrupt-pdf": ("tệp PDF bị hỏng hoặc bị cắt cụt", "the PDF is damaged or truncated"),
    "encrypted-pdf": ("tệp PDF được mã hóa (có mật khẩu)", "the PDF is encrypted"),
    "too-many-pages": ("tệp PDF có quá nhiều trang", "the PDF has too many pages"),
    "over-limit": (
        "tệp có lượng văn bản vượt quá giới hạn xử lý (một kế hoạch dài khoảng 100 trang)",
        "the file holds more text than the processing limits allow (a long plan is 100 pages)",
    ),
    "no-text": (
        "tệp không có lớp văn bản (bản quét): cần nhận dạng ký tự (OCR) trước",
        "the file has no text layer (scanned): OCR is needed first",
    ),
    "ocr-missing": (
        "tệp là bản quét nhưng máy chưa cài bộ nhận dạng ký tự (OCR): cần các gói Debian "
        "tesseract-ocr và tesseract-ocr-vie",
        "the file is a scan but the OCR engine is not installed: the Debian packages "
        "tesseract-ocr and tesseract-ocr-vie are needed",
    ),
    "image-bomb": (
        "ảnh có kích thước điểm ảnh quá lớn, từ chối giải mã",
        "the image's pixel dimensions are too large; refused before decoding",
    ),
    "bad-image": ("không giải mã được ảnh (hỏng hoặc sai định dạng)", "cannot decode the image"),
    "unreadable-scan": (
        "không đọc được chữ trên bản quét (ảnh trống, quá nhỏ hoặc quá mờ)",
        "no text could be read from the scan (blank, too small or too blurred)",
    ),
    "no-content": ("tệp không có nội dung văn bản", "the file has no text content"),
    "unreadable": ("không đọc được tệp", "cannot read the file"),
    "self-parent": (
        "kế hoạch cấp trên được chọn chính là kế hoạch này hoặc một bản trước của nó: "
        "không rà soát một kế hoạch với chính nó",
        "the parent chosen is this plan itself or an earlier version of it: a plan is "
        "not checked against itself",
    ),
    "bad-config": (
        "tệp cấu hình plancheck.toml không hợp lệ",
        "the plancheck.toml configuration is invalid",
    ),
}


# What a library's exception means, in Vietnamese, by class name (the nearest class
# in the exception's ancestry wins). The class name itself is never shown: a reviewer
# reads "tệp nén (zip) bị hỏng / File is not a zip file", not "BadZipFile: ...".
CAUSES: dict[str, tuple[str, str]] = {
    "BadZipFile": ("tệp nén (zip) bị hỏng", "damaged zip archive"),
    "XMLSyntaxError": ("nội dung XML sai cú pháp", "malformed XML"),
    "ParseError": ("nội dung XML sai cú pháp", "malformed XML"),
    "UnicodeError": ("sai bảng mã ký tự", "wrong character encoding"),
    "PSException": ("cấu trúc PDF sai", "malformed PDF structure"),
    "PDFException": ("cấu trúc PDF sai", "malformed PDF structure"),
    "PdfminerException": ("cấu trúc PDF sai", "malformed PDF structure"),
    "UnidentifiedImageError": ("không nhận ra định dạng ảnh", "unknown image format"),
    "DecompressionBombError": ("ảnh quá lớn", "image too large"),
    "MemoryError": ("không đủ bộ nhớ", "out of memory"),
    "KeyError": ("thiếu một phần bắt buộc", "a required part is missing"),
    "EOFError": ("tệp bị cắt cụt", "truncated file"),
    "PermissionError": ("không có quyền đọc, ghi", "permission denied"),
    "FileNotFoundError": ("không tìm thấy tệp, thư mục", "file or folder not found"),
    "OSError": ("lỗi đọc, ghi tệp", "input/output error"),
    "SyntaxError": ("dữ liệu sai cú pháp", "malformed data"),
    "ValueError": ("giá trị không hợp lệ trong tệp", "invalid value in the file"),
    "SQLAlchemyError": ("lỗi cơ sở dữ liệu", "database error"),
}
DEFAULT_CAUSE = ("lỗi của thư viện đọc tệp", "reader library error")


def explain(error: BaseException, limit: int = 120) -> str:
    """An exception as a reviewer reads it: the cause in Vietnamese, then the library's words.

    "tệp nén (zip) bị hỏng / File is not a zip file": Vietnamese first, the
    library's own (English) message after, its class name never.
    """
    vietnamese, english = next(
        (CAUSES[kind.__name__] for kind in type(error).__mro__ if kind.__name__ in CAUSES),
        DEFAULT_CAUSE,
    )
    lines = str(error).strip().splitlines()
    message = lines[0][:limit].strip() if lines else ""
    if not message or message == repr(type(error).__name__):
        message = english
    return f"{vietnamese} / {message}"


class PlanInputError(Exception):
    """A file that cannot be read as a plan.

    Attributes:
        path: The file the user gave.
        reason: A key of ``REASONS``.
        detail: Extra facts (a limit, a library's message), shown after the reason.

    """

    exit_code = 2

    def __init__(self, path: str | Path, reason: str, detail: str = "") -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown input-error reason {reason!r}")
        self.path = str(path)
        self.reason = reason
        self.detail = detail
        super().__init__(self.message)

    @property
    def message_vi(self) -> str:
        """The Vietnamese sentence naming the file and the cause."""
        return self._compose(REASONS[self.reason][0])

    @property
    def message_en(self) -> str:
        """The English sentence naming the file and the cause."""
        return self._compose(REASONS[self.reason][1])

    @property
    def message(self) -> str:
        """One line, Vietnamese first then English, as printed by the CLI."""
        vietnamese, english = REASONS[self.reason]
        suffix = f" ({self.detail})" if self.detail else ""
        return f"{self.path}: {vietnamese} / {english}{suffix}"

    def _compose(self, cause: str) -> str:
        suffix = f" ({self.detail})" if self.detail else ""
        return f"{self.path}: {cause}{suffix}"
