"""`pip install ./adapters/flask` works: the package installs into a fresh virtualenv (Debian's
python3, its python3-* packages visible, nothing downloaded) and a Flask app outside the
repository gets the debug header from it."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

from conftest import ADAPTER

APP = textwrap.dedent(
    """
    from flask import Flask, session
    from sessionscope_flask import Sessionscope, generate_key
    import sessionscope_flask

    key = generate_key()
    app = Flask("installed")
    app.secret_key = "s"
    app.testing = True
    Sessionscope(app, keys=[key.pairing], logger=lambda m: None)

    @app.get("/")
    def home():
        session["v"] = 1
        return "ok"

    r = app.test_client().get("/", headers={"X-Sessionscope-Kid": key.kid})
    print(sessionscope_flask.__file__)
    print(r.headers["X-Sessionscope"][:9])
    """
)


def test_pip_install_into_a_fresh_virtualenv(tmp_path: Path):
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ADAPTER / name, source / name)
    shutil.copytree(ADAPTER / "sessionscope_flask", source / "sessionscope_flask", ignore=shutil.ignore_patterns("__pycache__"))
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)], check=True)
    install = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--no-build-isolation", "--no-index", str(source)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    run = subprocess.run([str(venv / "bin" / "python"), "-c", APP], capture_output=True, text=True, cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr
    installed_at, header = run.stdout.splitlines()
    assert installed_at.startswith(str(venv))
    assert header == "v=1; jwe="
    keygen = subprocess.run([str(venv / "bin" / "python"), "-m", "sessionscope_flask", "keygen"], capture_output=True, text=True)
    assert keygen.stdout.startswith("sessionscope1:") and "key id:" in keygen.stderr
