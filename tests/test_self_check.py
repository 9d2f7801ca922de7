"""A plan checked against itself is refused (issue 15 item 4), on the command line and the web.

"Itself" is the same bytes, or the same issuer and number (an earlier or later
version of the plan; rules.identity).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from rules.identity import Identity, same_number_and_issuer
from tests.conftest import PLANS
from tests.web.support import add_account, csrf_token, make_settings, signed_in_client, upload

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
WARD_OPTION = f"corpus:{WARD.name}"
TOWN_OPTION = "corpus:thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"


def _second_version() -> bytes:
    """The ward plan as amended: one task's wording changed, same number and title."""
    text = WARD.read_text(encoding="utf-8")
    words = "Nâng cao hiệu quả Cuộc vận động"
    amended = text.replace(words, f"Tiếp tục {words.lower()}", 1)
    assert amended != text
    return amended.encode("utf-8")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")


def test_cli_refuses_the_same_file_with_exit_2(tmp_path: Path) -> None:
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(WARD.read_bytes())
    result = CliRunner().invoke(app, ["check", str(WARD), "--against", str(copy)])
    assert result.exit_code == 2
    assert "chính là kế hoạch này" in result.stderr
    assert "a plan is not checked against itself" in result.stderr
    assert "SHA-256" in result.stderr
    assert result.stdout == ""


def test_cli_refuses_an_earlier_version_of_the_same_plan(tmp_path: Path) -> None:
    amended = tmp_path / "48-sua-doi.txt"
    amended.write_bytes(_second_version())
    result = CliRunner().invoke(app, ["check", str(amended), "--against", str(WARD)])
    assert result.exit_code == 2
    assert "same issuer and number 48-KH/ĐU" in result.stderr


def test_same_number_alone_is_not_the_same_plan() -> None:
    ward = Identity("a", "Đảng ủy phường Nguyễn Nghiêm", "48-KH/ĐU", "Kế hoạch thực hiện Đề án")
    other_ward = Identity("b", "Đảng ủy phường Trương Quang Trọng", "48 -KH/ĐU", ward.title)
    same_issuer = Identity("c", "ĐẢNG ỦY PHƯỜNG NGUYỄN NGHIÊM", "48 -KH/ĐU", None)
    assert not same_number_and_issuer(ward, other_ward)
    assert same_number_and_issuer(ward, same_issuer)


@pytest.fixture
def client(tmp_path):
    settings = make_settings(tmp_path)
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    with signed_in_client(settings, "an") as client:
        yield client


def _options(page: str) -> list[str]:
    return re.findall(r'<option value="([^"]+)"', page)


def test_web_refuses_the_plan_chosen_as_its_own_parent(client) -> None:
    status, location = upload(client, "48.txt", WARD.read_bytes(), parent=WARD_OPTION)
    assert status == 303 and location.startswith("/ho-so/")
    page = client.get(location)
    assert page.status_code == 422
    assert "Không rà soát được" in page.text
    assert "chính là kế hoạch này" in page.text


def test_web_parent_list_leaves_out_the_plan_and_its_earlier_uploads(client) -> None:
    _, first = upload(client, "48.txt", WARD.read_bytes())
    _, second = upload(client, "48 sửa đổi.txt", _second_version())
    options = _options(client.get(second).text)
    assert TOWN_OPTION in options
    assert WARD_OPTION not in options  # the bundled copy of the same plan
    assert "upload:1" not in options and "upload:2" not in options
    token = csrf_token(client.get(second).text)
    refused = client.post("/ho-so/2/ra-soat-lai", data={"csrf_token": token, "parent": "upload:1"})
    assert refused.status_code == 422
    assert "same issuer and number 48-KH/ĐU" in refused.text
    assert first != second
