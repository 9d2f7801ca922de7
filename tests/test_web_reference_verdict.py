"""Issue 21 on the web: a plan checked against Đề án 13 only is never shown as a green pass."""

from __future__ import annotations

import pytest

from tests.web.support import PLANS, add_account, make_settings, signed_in_client, upload

ETHNIC_PLAN = PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt"


@pytest.fixture
def client(tmp_path):
    settings = make_settings(tmp_path)
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    with signed_in_client(settings, "an") as client:
        yield client


def test_plan_without_its_parent_shows_the_reference_verdict_and_the_note(client):
    status, location = upload(client, "ban dan toc.txt", ETHNIC_PLAN.read_bytes(), parent="none")
    assert status == 303
    page = client.get(location).text
    assert 'class="verdict reference"' in page
    assert "Đối chiếu với Đề án (thiếu văn bản cấp trên)" in page
    assert "Không có lỗi</div>" not in page
    assert "Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận Tỉnh ủy" in page
