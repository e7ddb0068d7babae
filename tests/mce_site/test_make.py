"""`make run` needs nothing but Python 3 with venv, and says in one line what is missing;
`make test` installs Chromium only where it may (as root)."""

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

PROJECT_DIR = Path(__file__).resolve().parents[2]


def make(*args, env=None):
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        env=env,
    )


def test_translations_compile_with_python_alone(tmp_path, settings):
    catalogue = tmp_path / "de" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    shutil.copy(PROJECT_DIR / "locale/de/LC_MESSAGES/django.po", catalogue)
    settings.LOCALE_PATHS = [tmp_path]
    call_command("compile_translations")
    with open(catalogue / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    entries = polib.pofile(str(catalogue / "django.po")).translated_entries()
    assert entries
    for entry in entries:
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr
    assert compiled.gettext("Hosted by") == "Gastgeber"


def test_make_run_does_not_call_gnu_gettext_or_apt():
    commands = make("-n", "run").stdout
    assert "compile_translations" in commands
    assert "msgfmt" not in commands and ".ci/apt-install" not in commands


def test_a_python_without_venv_is_explained_in_one_line(tmp_path):
    # What Debian's python3 does without python3-venv: venv fails for want of ensurepip.
    python = tmp_path / "python3"
    python.write_text(
        "#!/bin/sh\necho 'The virtual environment was not created successfully because "
        'ensurepip is not available.\' >&2\nmkdir -p "$3"\nexit 1\n'
    )
    python.chmod(0o755)
    venv = tmp_path / "venv"
    result = make("install", f"PYTHON={python}", f"VENV={venv}")
    assert result.returncode != 0
    message = [line for line in result.stderr.splitlines() if line.startswith("make: Python")]
    assert message == [
        "make: Python 3 with venv is needed: install it (Debian/Ubuntu: apt-get install "
        "python3-venv) and run make again."
    ]
    assert not venv.exists()  # no half-made environment left for the next run to trip over


@pytest.fixture
def path_without_chromium_as_a_user(tmp_path):
    """PATH with make and a shell but no chromium, and an `id` that answers as a user."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("make", "sh", "bash", "cat", "cksum", "cut"):
        if found := shutil.which(tool):
            (bin_dir / tool).symlink_to(found)
    fake_id = bin_dir / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n")
    fake_id.chmod(0o755)
    return {**os.environ, "PATH": str(bin_dir)}


def test_missing_chromium_is_one_line_and_no_install_without_root(
    path_without_chromium_as_a_user,
):
    result = make("chromium", env=path_without_chromium_as_a_user)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "make: Chromium is missing, so the browser tests are skipped "
        "(as root: apt-get install chromium)."
    ]
    assert result.stdout == ""
