"""deploy/docker/Dockerfile: hadolint, and the runtime packages against ldd."""
import json
import os
import re
import unittest

import deploylib as d


def dockerfile_stages():
    """{stage name: [instruction lines, continuation lines joined]}."""
    stages = {}
    current = None
    logical = ""
    with open(d.DOCKERFILE, encoding="utf-8") as f:
        lines = f.readlines()
    for raw in lines:
        line = raw.rstrip("\n")
        if not logical and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.lstrip().startswith("#"):
            continue  # comment inside a continued instruction
        logical += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
        if line.endswith("\\"):
            continue
        instruction, logical = logical.strip(), ""
        match = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?", instruction, re.I)
        if match:
            current = match.group(2) or match.group(1)
            stages[current] = [instruction]
        elif current:
            stages[current].append(instruction)
    return stages


# Runtime packages no binary links to but ingestd reads: CA certificates for
# TLS to the brokers, zoneinfo for provider profiles' time zones.
DATA_PACKAGES = {"ca-certificates", "tzdata"}


def runtime_packages():
    """Packages the runtime stage installs with apt-get install."""
    packages = []
    for instruction in dockerfile_stages()["runtime"]:
        if not instruction.startswith("RUN "):
            continue
        for command in instruction[4:].split("&&"):
            words = command.split()
            if words[:2] == ["apt-get", "install"]:
                packages += [w for w in words[2:] if not w.startswith("-")]
    return packages


def ldd_libraries(path, ldd=("ldd",)):
    """Libraries a binary loads; ldd is the command (inside an image, for one)."""
    result = d.run(list(ldd) + [path])
    if result.returncode != 0:
        raise AssertionError("ldd %s failed: %s" % (path, result.stderr))
    libraries = []
    for line in result.stdout.splitlines():
        line = line.strip()
        if "not found" in line:
            raise AssertionError("%s: %s" % (path, line))
        match = re.match(r"(\S+) => (/\S+)", line) or re.match(r"(/\S+) \(", line)
        if match:
            libraries.append(match.groups()[-1])
    return libraries


def path_variants(path):
    """A library path as dpkg may have recorded it (merged /usr)."""
    variants = []
    for p in (path, os.path.realpath(path)):
        variants += [p, p[4:] if p.startswith("/usr/") else "/usr" + p]
    return variants


def debian_packages(paths, dpkg=("dpkg",)):
    """{library path: Debian package that owns it}, with one dpkg -S call."""
    candidates = sorted({v for p in paths for v in path_variants(p)})
    result = d.run(list(dpkg) + ["-S"] + candidates)
    owner = {}
    for line in result.stdout.splitlines():
        package, _, owned = line.partition(": ")
        if owned:
            owner[owned.strip()] = package.split(",")[0].split(":")[0].strip()
    out = {}
    for path in paths:
        found = [owner[v] for v in path_variants(path) if v in owner]
        if not found:
            raise AssertionError("no Debian package owns %s" % path)
        out[path] = found[0]
    return out


def assert_packages_match(test, listed, owners):
    """The listed runtime packages are exactly those owning the libraries
    ({library path: package}), plus the data packages."""
    needed = {}
    for library, package in owners.items():
        needed.setdefault(package, set()).add(os.path.basename(library))
    missing = {p: sorted(libs) for p, libs in needed.items() if p not in listed}
    test.assertEqual(missing, {}, "runtime stage lacks the packages of these libraries")
    extra = set(listed) - set(needed) - DATA_PACKAGES
    test.assertEqual(extra, set(), "runtime packages no binary links to")


class DockerfileTest(unittest.TestCase):
    def test_hadolint_clean(self):
        result = d.run([d.tool("hadolint"), "--no-color", d.DOCKERFILE])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout.strip(), "")

    def test_multi_stage_on_debian_12(self):
        stages = dockerfile_stages()
        self.assertEqual(list(stages), ["build", "prebuilt", "binaries", "runtime"])
        with open(d.DOCKERFILE, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("ARG DEBIAN_BUILD_IMAGE=debian:12\n", text)
        self.assertIn("ARG DEBIAN_RUNTIME_IMAGE=debian:12-slim\n", text)
        build = "\n".join(stages["build"])
        self.assertIn("tools/setup.sh", build)
        self.assertIn("bazel build -c opt //services/ingest:ingestd //services/wirectl:wirectl", build)

    def test_runtime_user_volume_entrypoint_labels(self):
        runtime = dockerfile_stages()["runtime"]
        users = [i.split()[1] for i in runtime if i.startswith("USER ")]
        self.assertEqual(users, ["10001:10001"], "numeric non-root user, so runAsNonRoot can check it")
        self.assertTrue(any(i.startswith("VOLUME") and "/var/lib/newswire" in i for i in runtime))
        entrypoint = d.dockerfile_entrypoint()
        self.assertEqual(entrypoint[0], "/usr/local/bin/ingestd")
        for flag in ("--ops_host=0.0.0.0", "--grpc_address=0.0.0.0:7070", "--store=/var/lib/newswire/store"):
            self.assertIn(flag, entrypoint)
        labels = " ".join(i for i in runtime if i.startswith("LABEL"))
        for key in ("title", "description", "version", "revision", "created", "documentation"):
            self.assertIn("org.opencontainers.image.%s=" % key, labels)
        self.assertFalse(any(i.startswith("SHELL") for i in runtime))
        for instruction in runtime:
            if instruction.startswith(("ENTRYPOINT", "CMD")):
                json.loads(instruction.split(None, 1)[1])  # exec form: no shell at run time

    def test_entrypoint_flags_are_ingestd_flags(self):
        defined = d.ingestd_flags()
        for arg in d.dockerfile_entrypoint()[1:]:
            self.assertIn(arg[2:].split("=")[0], defined, arg)

    def test_runtime_packages_cover_every_linked_library(self):
        listed = set(runtime_packages())
        self.assertTrue(listed, "no apt-get install in the runtime stage")
        libraries = set()
        for name in ("ingestd", "wirectl"):
            path = d.binary(name)
            self.assertTrue(os.access(path, os.X_OK), "%s not built: %s" % (name, path))
            libraries.update(ldd_libraries(path))
        assert_packages_match(self, listed, debian_packages(sorted(libraries)))

    def test_runtime_carries_tzdata(self):
        # Provider profiles load IANA zones from the system zoneinfo; without
        # tzdata every provider's local times would silently stay UTC.
        self.assertIn("tzdata", runtime_packages())

    def test_runtime_package_list_is_sorted_and_unique(self):
        packages = runtime_packages()
        self.assertEqual(packages, sorted(set(packages)))


if __name__ == "__main__":
    unittest.main()
