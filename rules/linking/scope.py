"""What a plan is compared with, said to the reader: the notes when not with its parent.

A plan that does not carry out Đề án 13 gets document rules only (told which document to
add when it says it carries out another one that is not at hand); one that does but
comes without its parent is compared with the Đề án 13 catalogue and told which document
to add; a parent that is unrelated or sits below the child is not compared.
"""

from __future__ import annotations

from rules.reference import Reference

NOT_DE_AN_13_NOTE = (
    "{kind} này không nêu là thực hiện {name} ({number} ngày {date} của {issuer}), nên chỉ "
    "áp dụng các quy tắc về hình thức văn bản (ngày tháng, số hiệu, cấu trúc, chính tả); "
    "không so sánh chỉ tiêu, nhiệm vụ với kế hoạch cấp trên."
)
CARRIED_OUT_NOTE = (
    "{kind} này nêu là thực hiện {carried_out}, không nêu là thực hiện {name} ({number} "
    "ngày {date} của {issuer}). Chưa có văn bản đó, nên chỉ áp dụng các quy tắc về hình "
    "thức văn bản (ngày tháng, số hiệu, cấu trúc, chính tả); cần bổ sung văn bản trên để so "
    "sánh chỉ tiêu, nhiệm vụ với nó."
)
REFERENCE_ONLY_NOTE = (
    "THIẾU VĂN BẢN CẤP TRÊN: chưa có {missing}, nên CHƯA SO SÁNH ĐƯỢC CÁC CON SỐ CHỈ "
    "TIÊU với cấp trên. Kế hoạch mới được đối chiếu với danh mục chỉ tiêu, nhiệm vụ của "
    "{name} ({number} ngày {date} của {issuer}) áp dụng cho cấp của mình, cùng thời hạn, "
    "giai đoạn và trích dẫn. Cần bổ sung văn bản trên để đối chiếu đầy đủ."
)

UNRELATED_PARENT_NOTE = (
    "Kế hoạch được chọn làm cấp trên không thực hiện Đề án {number} (cũng không phải chính "
    "Đề án hay kế hoạch triển khai của Ban Dân vận Tỉnh ủy), nên không so sánh chỉ tiêu, "
    "nhiệm vụ với nó; chỉ áp dụng các quy tắc về hình thức văn bản."
)

LOWER_PARENT_NOTE = (
    "Kế hoạch được chọn làm cấp trên thuộc cấp thấp hơn kế hoạch được kiểm tra (có thể đã "
    "chọn ngược), nên không so sánh chỉ tiêu, nhiệm vụ; chỉ áp dụng các quy tắc về hình "
    "thức văn bản."
)


def scope_note(
    *,
    implements: bool,
    has_parent: bool,
    parent_fits: bool,
    parent_below: bool,
    missing_parent: str | None,
    reference: Reference,
    document_kind: str | None = None,
    carried_out: str | None = None,
) -> str | None:
    """Why the plan is not compared with its parent's items, in Vietnamese; None when it is.

    Args:
        implements: The plan says it carries out Đề án 13.
        has_parent: A parent document was given or found.
        parent_fits: That parent belongs to Đề án 13 and does not sit below the plan.
        parent_below: That parent sits at a lower level than the plan.
        missing_parent: The document to add, when the plan is compared with the Đề án.
        reference: The Đề án 13 reference, for its name, number, date and issuer.
        document_kind: The checked document's own type ("Quyết định", "Công văn"), so that
            the note does not call a decision or a letter a plan; "Văn bản" when unread.
        carried_out: The other document the plan says it carries out, as it cites it,
            when that document is not at hand: the note names it as the one to add.
    """
    identity = reference.identity
    words = {
        "name": identity.short_names[0] if identity.short_names else identity.kind,
        "number": identity.number,
        "date": identity.date.strftime("%d/%m/%Y"),
        "issuer": identity.issuer,
    }
    if not implements and carried_out is not None and not has_parent:
        kind = document_kind or "Văn bản"
        return CARRIED_OUT_NOTE.format(kind=kind, carried_out=carried_out, **words)
    if not implements:
        return NOT_DE_AN_13_NOTE.format(kind=document_kind or "Văn bản", **words)
    if not has_parent:
        return REFERENCE_ONLY_NOTE.format(missing=missing_parent, **words)
    if not parent_fits:
        if parent_below:
            return LOWER_PARENT_NOTE
        return UNRELATED_PARENT_NOTE.format(number=identity.number)
    return None
