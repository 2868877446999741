"""The checked-in stubs in newswire/v1 are what regenerate.sh makes from
proto/newswire/v1 now: a proto change without regenerating fails here."""
import os
import subprocess
from pathlib import Path

from conftest import env


def test_checked_in_stubs_match_the_protos(tmp_path):
    root = Path(env("NEWSWIRE_SOURCE_ROOT"))
    package = root / "clients/python"
    subprocess.run([str(package / "regenerate.sh"), str(tmp_path)], check=True, timeout=120,
                   env={**os.environ, "NEWSWIRE_PROTO_ROOT": str(root / "proto")})
    made = sorted(p.name for p in (tmp_path / "newswire/v1").iterdir())
    kept = sorted(p.name for p in (package / "newswire/v1").iterdir() if p.name != "__init__.py")
    assert made == kept
    stale = [name for name in made
             if (tmp_path / "newswire/v1" / name).read_bytes() != (package / "newswire/v1" / name).read_bytes()]
    assert not stale, f"out of date: {stale}; run clients/python/regenerate.sh"
