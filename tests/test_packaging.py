"""pyproject.toml and the requirements files the Makefile installs pin the same versions."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pins(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith(("#", "-r"))]


def test_pyproject_and_requirements_pin_the_same_versions():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert pins(ROOT / "requirements.txt") == project["dependencies"]
    assert pins(ROOT / "requirements-dev.txt") == project["optional-dependencies"]["dev"]
    assert pins(ROOT / "requirements-model.txt") == project["optional-dependencies"]["model"]
    extras = project["optional-dependencies"]
    assert all("==" in pin for pin in project["dependencies"] + extras["dev"] + extras["model"])


def test_the_http_client_is_a_development_tool_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [pin for pin in project["dependencies"] if pin.startswith("requests")]
    for source in [*(ROOT / "api").rglob("*.py"), *(ROOT / "extractors").rglob("*.py")]:
        assert "import requests" not in source.read_text(encoding="utf-8"), source
