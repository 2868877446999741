"""The image, built from deploy/docker/Dockerfile with podman and run.

  - The bases: deploy/docker/debian_base.sh makes Debian 12 and Debian 12
    slim from Debian's archive (debootstrap + podman import; no registry
    needed), cached in ~/.cache/newswire/image and in podman's storage.
  - The build: `podman build` of the Dockerfile, the runtime stage on that
    base, with the binaries Bazel already built for the suite
    (--build-arg BINARIES=prebuilt --build-context bin=...), so nothing is
    compiled twice. NEWSWIRE_IMAGE_BUILD=full builds the `build` stage
    instead (tools/setup.sh and bazel -c opt inside the image; slow when cold).
  - Inside the built image: ldd finds every library of both binaries, and
    dpkg -S says the runtime stage's package list is exactly the packages
    owning them (plus ca-certificates and tzdata).
  - Run as Kubernetes runs the pods: the kustomize output's ConfigMap files
    mounted read-only where the pods mount them, the pod's args, a read-only
    root, a volume for the store, capabilities dropped, each container in a
    network namespace of its own with its ports published. First the trial
    overlay's all-in-one pod, then the base's ingest and view pods side by
    side (the split the production overlay scales). Both take the suite's
    broker (NEWSWIRE_KAFKA_BROKERS on the host's loopback, reached through
    tests/deploy/netns_forward.py) and topics of their own.
  - Checked: /readyz and /healthz answer on the published ports; stories
    published on the host (wirectl) reach a subscriber (the image's own
    wirectl) with the headlines of the files; the process runs as uid 10001
    on a root mounted read-only; the store is on the volume; `podman stop`
    (SIGTERM) drains and the container exits 0.

podman needs `--runtime runc` and explicit ulimits in some sandboxes
(NEWSWIRE_PODMAN_FLAGS replaces those defaults). The test skips, saying why,
where podman is missing, not root, or cannot run a container; with
NEWSWIRE_REQUIRE_IMAGE=1 those fail instead. Prints the build time and the
image size.
"""
import json
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import deploylib as d
import test_image

PODMAN_FLAGS = shlex.split(os.environ.get(
    "NEWSWIRE_PODMAN_FLAGS", "--runtime runc --ulimit nofile=1024:1024 --ulimit nproc=4096:4096"))
BASE_SCRIPT = os.path.join(d.DEPLOY, "docker", "debian_base.sh")
IMAGE_TAG = "localhost/newswire-ingestd:image-test"
FORWARDER = os.path.join(d.HERE, "netns_forward.py")
STORIES = sorted(os.path.join(d.ROOT, "testdata", "stories", f)
                 for f in os.listdir(os.path.join(d.ROOT, "testdata", "stories")) if f.endswith(".txt"))[:4]


def log(message):
    sys.stderr.write("image: %s\n" % message)
    sys.stderr.flush()


def podman(*args, timeout=300, check=True):
    result = d.run(["podman"] + list(args), timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError("podman %s failed (%d):\n%s%s" % (
            " ".join(args[:3]), result.returncode, result.stdout[-3000:], result.stderr[-3000:]))
    return result


def headline(path):
    """A plain-text story's headline: its first non-empty line
    (services/ingest/normalize/plain_text.h)."""
    with open(path, encoding="utf-8") as f:
        return next(line.strip() for line in f if line.strip())


def unavailable():
    """Why podman cannot run this test here, or None."""
    if not shutil.which("podman"):
        return "podman is not installed (tools/setup.sh installs podman, runc, debootstrap)"
    if os.geteuid() != 0:
        return "needs root: rootful podman, debootstrap, and setns into the containers' network namespaces"
    if not os.environ.get("NEWSWIRE_KAFKA_BROKERS"):
        return "NEWSWIRE_KAFKA_BROKERS is not set (tests/deploy/run.sh from tools/test.sh sets it)"
    return None


class ImageTest(unittest.TestCase):
    """One image per run; each test starts and stops its own containers."""

    @classmethod
    def setUpClass(cls):
        reason = unavailable()
        if reason:
            cls.skip_or_fail(reason)
        try:
            cls.set_up()
        except BaseException:
            cls.tearDownClass()  # unittest skips it when setUpClass fails
            raise

    @classmethod
    def set_up(cls):
        cls.tmp = tempfile.mkdtemp(prefix="newswire-image-")
        cls.suffix = "imagetest-%d-%04d" % (os.getpid(), random.randrange(10000))
        cls.containers, cls.volumes, cls.topics, cls.forwarders = [], [], [], []
        cls.brokers = os.environ["NEWSWIRE_KAFKA_BROKERS"]
        start = time.time()
        result = d.run([BASE_SCRIPT], timeout=1200)
        if result.returncode != 0:
            cls.skip_or_fail("no base image (deploy/docker/debian_base.sh):\n" + result.stderr[-2000:])
        cls.build_base, cls.base = result.stdout.split()[-2:]
        base_seconds = time.time() - start
        probe = podman("run", "--rm", *PODMAN_FLAGS, "--network", "none", cls.base, "true", check=False)
        if probe.returncode != 0:
            cls.skip_or_fail("podman cannot run a container here: " + (probe.stderr or probe.stdout)[-1000:])
        cls.build_image()
        cls.image_size = int(podman("image", "inspect", "--format", "{{.Size}}", cls.image).stdout)
        log("base %.0f s, build %.0f s, image %.1f MB (%s)" % (
            base_seconds, cls.build_seconds, cls.image_size / 1e6, cls.build_mode))

    @classmethod
    def skip_or_fail(cls, reason):
        if os.environ.get("NEWSWIRE_REQUIRE_IMAGE") == "1":
            raise AssertionError(reason)
        raise unittest.SkipTest(reason)

    @classmethod
    def build_image(cls):
        cls.build_mode = os.environ.get("NEWSWIRE_IMAGE_BUILD", "prebuilt")
        # The tag keeps the last image, and so podman's layer cache, for the
        # next run; the tests use the image id, so parallel runs do not mix.
        iidfile = os.path.join(cls.tmp, "image-id")
        # Docker's image format: the build stage's SHELL is kept (OCI has none).
        argv = ["build", *PODMAN_FLAGS, "--format", "docker", "--network", "host", "-f", d.DOCKERFILE,
                "-t", IMAGE_TAG,
                "--iidfile", iidfile, "--ignorefile", d.DOCKERFILE + ".dockerignore",
                "--build-arg", "DEBIAN_BUILD_IMAGE=" + cls.build_base,
                "--build-arg", "DEBIAN_RUNTIME_IMAGE=" + cls.base,
                "--build-arg", "VERSION=image-test"]
        if cls.build_mode == "full":
            argv += ["--build-arg", "BINARIES=build"]
        else:
            # A copy: other builds in this workspace may replace bazel-bin meanwhile.
            binaries = os.path.join(cls.tmp, "bin")
            os.makedirs(binaries)
            for name in ("ingestd", "wirectl"):
                shutil.copy2(d.binary(name), os.path.join(binaries, name))
            argv += ["--build-arg", "BINARIES=prebuilt", "--build-context", "bin=" + binaries]
        cls.dangling_before = cls.dangling_images()
        start = time.time()
        result = podman(*argv, d.ROOT, timeout=7200, check=False)
        cls.build_seconds = time.time() - start
        if result.returncode != 0:
            raise AssertionError("podman build failed:\n%s%s" % (result.stdout[-4000:], result.stderr[-2000:]))
        with open(iidfile) as f:
            cls.image = f.read().strip()

    @classmethod
    def tearDownClass(cls):
        for proc in getattr(cls, "forwarders", []):
            proc.kill()
            proc.wait()
        for name in getattr(cls, "containers", []):
            podman("rm", "-f", "-t", "0", name, check=False)
        for name in getattr(cls, "volumes", []):
            podman("volume", "rm", "-f", name, check=False)
        if hasattr(cls, "dangling_before"):
            # What this run's build left untagged (the previous image, stages
            # of new binaries); images that were dangling before stay.
            for image in cls.dangling_images() - cls.dangling_before:
                podman("rmi", image, check=False)
        if getattr(cls, "topics", None):
            cls.kafka_topics("--delete", cls.topics)
        if hasattr(cls, "tmp"):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    # ---- helpers
    @staticmethod
    def dangling_images():
        return set(podman("images", "--quiet", "--no-trunc", "--filter", "dangling=true").stdout.split())

    @classmethod
    def kafka_topics(cls, action, topics):
        """Creates (with its partition count) or deletes topics, in parallel."""
        procs = []
        for topic in topics:
            argv = [os.path.join(d.ROOT, "tools", "kafka.sh"), "run-class", "org.apache.kafka.tools.TopicCommand",
                    "--bootstrap-server", cls.brokers.split(",")[0], action, "--topic", topic]
            if action == "--create":
                argv += ["--partitions", "3" if topic.endswith(".raw") else "1", "--replication-factor", "1"]
            procs.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                          universal_newlines=True))
        for proc in procs:
            out, _ = proc.communicate(timeout=180)
            if proc.returncode != 0 and action == "--create":
                raise AssertionError("creating a topic failed:\n" + out)

    def new_topics(self, name):
        prefix = "%s-%s" % (self.suffix, name)
        topics = ["%s.%s" % (prefix, kind) for kind in ("raw", "stories", "dlq")]
        self.kafka_topics("--create", topics)
        self.topics.extend(topics)
        return ["--raw_topic=" + topics[0], "--stories_topic=" + topics[1], "--dlq_topic=" + topics[2],
                "--group=" + prefix], topics[0]

    def start_pod(self, name, objects, workload, overrides):
        """Runs the image as the workload's pod: its ConfigMap files mounted
        read-only, its args, then the test's overrides. Returns the host
        ports of (ops, gRPC) and the container name."""
        container = "%s-%s" % (self.suffix, name)
        volume = container + "-store"
        podman("volume", "create", volume)
        self.volumes.append(volume)
        mounts = []
        for path, content in d.mounted_files(objects, workload).items():
            local = os.path.join(self.tmp, name, path.lstrip("/"))
            os.makedirs(os.path.dirname(local), exist_ok=True)
            with open(local, "w", encoding="utf-8") as f:
                f.write(content)
            os.chmod(local, 0o644)
            mounts += ["-v", "%s:%s:ro" % (local, path)]
        ops, grpc = d.free_port(), d.free_port()
        args = d.pod_args(workload, pod_name=container)
        podman("create", *PODMAN_FLAGS, "--name", container, "--read-only", "--cap-drop=ALL",
               "--security-opt=no-new-privileges", "--network", "slirp4netns:port_handler=slirp4netns",
               "-p", "127.0.0.1:%d:9464" % ops, "-p", "127.0.0.1:%d:7070" % grpc,
               "-v", volume + ":/var/lib/newswire", *mounts, self.image, *args,
               "--brokers=" + self.brokers, *overrides)
        self.containers.append(container)
        # The network namespace exists once the container is initialised:
        # open the broker's address in it before ingestd starts.
        podman("init", container)
        pid = self.pid(container)
        forwarder = subprocess.Popen([sys.executable, FORWARDER, self.brokers.split(",")[0], str(pid)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        self.forwarders.append(forwarder)
        self.assertEqual(forwarder.stdout.readline().strip(), "ready", "netns_forward.py did not start")
        podman("start", container)
        log("%s: ops on 127.0.0.1:%d, gRPC on 127.0.0.1:%d, args %s" % (container, ops, grpc, " ".join(args)))
        return ops, grpc, container

    def pid(self, container):
        return int(podman("inspect", "--format", "{{.State.Pid}}", container).stdout)

    def wait_ready(self, container, ops):
        deadline = time.time() + 120
        while True:
            state = json.loads(podman("inspect", container).stdout)[0]["State"]
            if not state["Running"]:
                self.fail("%s exited with %s:\n%s" % (container, state["ExitCode"], self.logs(container)))
            try:
                if d.http_get("http://127.0.0.1:%d/readyz" % ops)[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                self.fail("%s: /readyz not 200 on its published port within 120 s:\n%s"
                          % (container, self.logs(container)))
            time.sleep(0.5)
        self.assertEqual(d.http_get("http://127.0.0.1:%d/healthz" % ops)[0], 200, container + " /healthz")

    def logs(self, container, lines=30):
        result = podman("logs", "--tail", str(lines), container, check=False)
        return result.stdout + result.stderr

    def assert_non_root_on_read_only_root(self, container):
        pid = self.pid(container)
        with open("/proc/%d/status" % pid) as f:
            ids = {line.split(":")[0]: line.split()[1:] for line in f if line.startswith(("Uid:", "Gid:"))}
        self.assertEqual(ids["Uid"], ["10001"] * 4, container + ": ingestd's user ids")
        self.assertEqual(ids["Gid"], ["10001"] * 4, container + ": ingestd's group ids")
        with open("/proc/%d/mountinfo" % pid) as f:
            root = [line.split() for line in f if line.split()[4] == "/"]
        self.assertEqual(len(root), 1, "one root mount")
        self.assertIn("ro", root[0][5].split(","), container + ": root mount options")

    def publish(self, raw_topic):
        wirectl = os.path.join(self.tmp, "host-wirectl")
        if not os.path.exists(wirectl):
            shutil.copy2(d.binary("wirectl"), wirectl)
        result = d.run([wirectl, "publish", "--brokers=" + self.brokers, "--topic=" + raw_topic] + STORIES,
                       timeout=60)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def subscribe_inside(self, view_container):
        """The image's wirectl, in the view container's network namespace."""
        result = podman("run", "--rm", *PODMAN_FLAGS, "--read-only", "--network", "container:" + view_container,
                        "--entrypoint", "/usr/local/bin/wirectl", self.image, "subscribe",
                        "--server=127.0.0.1:7070", "--from_beginning", "--output=json",
                        "--max_events=%d" % len(STORIES), "--idle_exit_seconds=60", timeout=180, check=False)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        self.assertEqual(sorted(e["story"]["headline"] for e in events), sorted(headline(p) for p in STORIES))
        self.assertEqual({e["kind"] for e in events}, {"EVENT_KIND_NEW_STORY"})

    def stop_and_expect_exit_0(self, container):
        start = time.time()
        podman("stop", "-t", "90", container, timeout=150)
        state = json.loads(podman("inspect", container).stdout)[0]["State"]
        log("%s: stopped in %.1f s" % (container, time.time() - start))
        self.assertEqual(state["ExitCode"], 0, "%s after SIGTERM:\n%s" % (container, self.logs(container)))
        self.assertIn('"msg":"stopped"', self.logs(container, 5), container + ": drained and stopped")

    def store_written(self, container):
        volume = container + "-store"
        mountpoint = podman("volume", "inspect", "--format", "{{.Mountpoint}}", volume).stdout.strip()
        self.assertTrue(os.path.isfile(os.path.join(mountpoint, "store", "CURRENT")),
                        "RocksDB store on the volume " + volume)

    # ---- tests
    def test_image_libraries_are_exactly_the_runtime_packages(self):
        in_image = ["podman", "run", "--rm", *PODMAN_FLAGS, "--network", "none", "--entrypoint"]
        libraries = set()
        for binary in ("/usr/local/bin/ingestd", "/usr/local/bin/wirectl"):
            libraries.update(test_image.ldd_libraries(binary, in_image + ["/usr/bin/ldd", self.image]))
        owners = test_image.debian_packages(sorted(libraries), in_image + ["/usr/bin/dpkg", self.image])
        test_image.assert_packages_match(self, set(test_image.runtime_packages()), owners)
        installed = podman("run", "--rm", *PODMAN_FLAGS, "--network", "none", "--entrypoint",
                           "/usr/bin/dpkg-query", self.image, "-W", "-f", "${Package} ${Status}\\n",
                           *sorted(test_image.DATA_PACKAGES)).stdout.splitlines()
        self.assertEqual(sorted(installed), ["%s install ok installed" % p for p in sorted(test_image.DATA_PACKAGES)])

    def test_image_user_and_size(self):
        config = json.loads(podman("image", "inspect", self.image).stdout)[0]["Config"]
        self.assertEqual(config.get("User"), "10001:10001")
        print("image size: %.1f MB (podman image inspect), build %.0f s (%s)" % (
            self.image_size / 1e6, self.build_seconds, self.build_mode))
        # Liveness bound only: the runtime stage alone is about 200 MB.
        self.assertLess(self.image_size, 1_000_000_000)

    def test_all_in_one_pod(self):
        objects = d.render("trial")
        workload = d.workloads(objects)[0]
        overrides, raw = self.new_topics("all")
        ops, _, container = self.start_pod("all", objects, workload, overrides)
        self.wait_ready(container, ops)
        self.assert_non_root_on_read_only_root(container)
        self.publish(raw)
        self.subscribe_inside(container)
        self.store_written(container)
        self.stop_and_expect_exit_0(container)

    def test_ingest_and_view_pods_side_by_side(self):
        objects = d.render("base")
        pods = {w["kind"]: w for w in d.workloads(objects)}
        overrides, raw = self.new_topics("split")
        ingest_ops, _, ingest = self.start_pod("ingest", objects, pods["Deployment"], overrides)
        view_ops, _, view = self.start_pod("view", objects, pods["StatefulSet"], overrides)
        self.wait_ready(ingest, ingest_ops)
        self.wait_ready(view, view_ops)
        for container in (ingest, view):
            self.assert_non_root_on_read_only_root(container)
        self.publish(raw)
        self.subscribe_inside(view)
        self.store_written(view)
        self.stop_and_expect_exit_0(ingest)
        self.stop_and_expect_exit_0(view)


if __name__ == "__main__":
    unittest.main()
