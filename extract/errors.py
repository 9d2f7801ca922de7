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
