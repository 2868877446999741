"""Shared helpers of the deploy/ tests: paths, tools, rendering, PromQL.

Tools come from tools/deploy_tools.sh (venv + kustomize) and Debian
(prometheus, promtool). Binaries: NEWSWIRE_INGESTD / NEWSWIRE_WIRECTL, set by
tests/deploy/run.sh after `bazel build`, else bazel-bin/.
"""
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import time
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEPLOY = os.path.join(ROOT, "deploy")
HERE = os.path.join(ROOT, "tests", "deploy")
CACHE = os.environ.get("NEWSWIRE_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "newswire")
VENV_BIN = os.path.join(CACHE, "venv", "bin")

DOCKERFILE = os.path.join(DEPLOY, "docker", "Dockerfile")
RULES = os.path.join(DEPLOY, "prometheus", "newswire.rules.yml")
RULES_TEST = os.path.join(DEPLOY, "prometheus", "newswire.rules.test.yml")
DASHBOARD = os.path.join(DEPLOY, "grafana", "newswire.json")
README = os.path.join(DEPLOY, "README.md")
K8S = os.path.join(DEPLOY, "k8s")
KUSTOMIZATIONS = {
    "base": os.path.join(K8S, "base"),
    "trial": os.path.join(K8S, "overlays", "trial"),
    "production": os.path.join(K8S, "overlays", "production"),
}
SERVICE_METRICS_CC = os.path.join(ROOT, "services", "ingest", "metrics", "service_metrics.cc")
PROCESS_COLLECTOR_CC = os.path.join(ROOT, "services", "ingest", "metrics", "process_collector.cc")

# Kubernetes versions the manifests are validated against: the oldest with
# every field they use (preStop `sleep` is on by default from 1.30) and the
# newest kubernetes-validate knows.
KUBERNETES_VERSIONS = ("1.30.0", "1.37.0")

def tool(name):
    """Path of a tool: the venv first, then ~/.cache/newswire/bin, then PATH."""
    for candidate in (os.path.join(VENV_BIN, name), os.path.join(CACHE, "bin", name)):
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    if found:
        return found
    raise FileNotFoundError("%s not found: run tools/deploy_tools.sh" % name)


def run(argv, **kwargs):
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    kwargs.setdefault("universal_newlines", True)
    kwargs.setdefault("timeout", 300)
    return subprocess.run(argv, **kwargs)


def binary(name):
    """ingestd or wirectl built by Bazel."""
    env = os.environ.get("NEWSWIRE_" + name.upper())
    if env:
        return env
    sub = {"ingestd": "services/ingest/ingestd", "wirectl": "services/wirectl/wirectl"}[name]
    return os.path.join(ROOT, "bazel-bin", sub)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, timeout=5):
    """(status, body); raises on a connection error or a status >= 400."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8", "replace")


def wait_for(what, check, timeout):
    """Polls check() until it is true; its exceptions only keep it polling."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            if check():
                return
        except Exception as error:  # noqa: BLE001 - keep polling, report the last one
            last = error
        time.sleep(0.5)
    raise AssertionError("timed out after %d s waiting for %s (last error: %s)" % (timeout, what, last))


# ---------------------------------------------------------------- Kubernetes

_rendered = {}


def render(name):
    """Objects of one kustomization (base, trial, production), by kustomize."""
    if name not in _rendered:
        result = run([tool("kustomize"), "build", KUSTOMIZATIONS[name]])
        if result.returncode != 0:
            raise AssertionError("kustomize build %s failed:\n%s" % (name, result.stderr))
        _rendered[name] = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    return _rendered[name]


def workloads(objects):
    return [o for o in objects if o["kind"] in ("StatefulSet", "Deployment")]


def by_kind(objects, kind):
    return [o for o in objects if o["kind"] == kind]


def config_maps(objects):
    return {o["metadata"]["name"]: o for o in by_kind(objects, "ConfigMap")}


def parse_flagfile(text):
    """absl flagfile lines -> list of '--name=value' (comments and blanks dropped)."""
    flags = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        flags.append(line)
    return flags


def mounted_files(objects, workload):
    """{path in the container: content} for the ConfigMap volumes of a workload."""
    spec = workload["spec"]["template"]["spec"]
    maps = config_maps(objects)
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    files = {}
    for mount in spec["containers"][0].get("volumeMounts", []):
        volume = volumes.get(mount["name"])
        if not volume or "configMap" not in volume:
            continue
        data = maps[volume["configMap"]["name"]].get("data", {})
        if "subPath" in mount:
            files[mount["mountPath"]] = data[mount["subPath"]]
        else:
            for key, value in data.items():
                files[os.path.join(mount["mountPath"], key)] = value
    return files


def pod_args(workload, pod_name):
    """The container args of a workload's pod, with $(VAR) of an env var
    from the pod's name expanded as the kubelet does
    (--group_instance_id=$(POD_NAME))."""
    container = workload["spec"]["template"]["spec"]["containers"][0]
    args = []
    for arg in container.get("args", []):
        for var in container.get("env", []):
            if var.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == "metadata.name":
                arg = arg.replace("$(%s)" % var["name"], pod_name)
        args.append(arg)
    return args


def dockerfile_entrypoint():
    with open(DOCKERFILE, encoding="utf-8") as f:
        lines = f.readlines()
    for line in lines:
        if line.startswith("ENTRYPOINT "):
            return json.loads(line[len("ENTRYPOINT "):])
    raise AssertionError("no ENTRYPOINT in the Dockerfile")


def effective_flags(objects, workload):
    """The ingestd command line of a workload's container, flagfiles expanded in
    place, as (name, value) pairs in order: the image's ENTRYPOINT flags, then
    the container args. A later pair wins."""
    files = mounted_files(objects, workload)
    container = workload["spec"]["template"]["spec"]["containers"][0]
    argv = dockerfile_entrypoint()[1:] + list(container.get("command", [])[1:]) + list(container.get("args", []))
    pairs = []

    def add(arg):
        name, _, value = arg[2:].partition("=")
        if name == "flagfile":
            for path in value.split(","):
                if path not in files:
                    raise AssertionError("%s: --flagfile=%s is not a mounted ConfigMap file"
                                         % (workload["metadata"]["name"], path))
                for inner in parse_flagfile(files[path]):
                    add(inner)
        else:
            pairs.append((name, value))

    for arg in argv:
        if not arg.startswith("--"):
            raise AssertionError("unexpected argument %r" % arg)
        add(arg)
    return pairs


def flag_value(pairs, name, default=None):
    value = default
    for key, val in pairs:
        if key == name:
            value = val
    return value


_defined = None


def ingestd_flags():
    """Flag names the built ingestd defines (from --helpfull)."""
    global _defined
    if _defined is None:
        result = run([binary("ingestd"), "--helpfull"])
        names = set(re.findall(r"^\s+--([A-Za-z0-9_]+) \(", result.stdout + result.stderr, re.M))
        if "role" not in names:
            raise AssertionError("could not read ingestd --helpfull:\n%s" % (result.stdout + result.stderr)[:2000])
        _defined = names
    return _defined


# ---------------------------------------------------------------- Prometheus

def load_rules():
    with open(RULES, encoding="utf-8") as f:
        return yaml.safe_load(f)


def alerts():
    return [rule for group in load_rules()["groups"] for rule in group["rules"] if "alert" in rule]


def load_dashboard():
    with open(DASHBOARD, encoding="utf-8") as f:
        return json.load(f)


def dashboard_targets():
    """[(panel title, refId, expr)] of every query in the dashboard."""
    out = []
    for panel in load_dashboard()["panels"]:
        for target in panel.get("targets", []):
            out.append((panel["title"], target["refId"], target["expr"]))
    return out


def substitute_grafana_vars(expr, rate_interval="5m"):
    """A dashboard query as Prometheus runs it with every variable at 'All'."""
    expr = expr.replace("$__rate_interval", rate_interval).replace("$__interval", "15s")
    expr = expr.replace("${__range}", "1h").replace("$__range", "1h")
    return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", ".*", expr)


METRIC_RE = re.compile(r"\b((?:newswire|process)_[a-z0-9_]+|up)\b(?!\s*\()")


def metric_names(expr):
    """Metric names an expression reads (newswire_*, process_*, up)."""
    # Drop label matchers and strings so label names never count.
    stripped = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    stripped = re.sub(r"\{[^}]*\}", "{}", stripped)
    stripped = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", r"\1()", stripped)
    return sorted(set(METRIC_RE.findall(stripped)))


def exported_metric_names():
    """Family names ingestd exports: service_metrics.cc (newswire_*, before
    histogram suffixes) and process_collector.cc (process_*)."""
    with open(SERVICE_METRICS_CC, encoding="utf-8") as f:
        names = set(re.findall(r'"(newswire_[a-z0-9_]+)"', f.read()))
    with open(PROCESS_COLLECTOR_CC, encoding="utf-8") as f:
        names |= set(re.findall(r'"(process_[a-z0-9_]+)"', f.read()))
    return names


def histogram_families():
    with open(SERVICE_METRICS_CC, encoding="utf-8") as f:
        source = f.read()
    return set(re.findall(r'BuildHistogram\(\)\s*\.Name\("(newswire_[a-z0-9_]+)"\)', source))


# ---- splitting an alert expression into the measurements it compares

_WORD_OPS = ("and", "or", "unless")
_CMP_OPS = ("==", "!=", ">=", "<=", ">", "<")
_MODIFIER = re.compile(r"^\s*(bool\b|(?:on|ignoring|group_left|group_right)\s*\([^)]*\)|group_left\b|group_right\b)\s*")


def _top_level_split(expr, ops):
    """Splits at the first-found lowest-precedence operators of `ops` at depth 0.
    Returns [operand, operand, ...] or [expr] when none occurs."""
    depth = 0
    i = 0
    cuts = []
    in_string = None
    while i < len(expr):
        c = expr[i]
        if in_string:
            if c == "\\":
                i += 2
                continue
            if c == in_string:
                in_string = None
            i += 1
            continue
        if c in "\"'`":
            in_string = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0:
            for op in ops:
                if op.isalpha():
                    if (expr.startswith(op, i) and (i == 0 or not (expr[i - 1].isalnum() or expr[i - 1] == "_"))
                            and (i + len(op) == len(expr) or not (expr[i + len(op)].isalnum() or expr[i + len(op)] == "_"))):
                        cuts.append((i, len(op)))
                        i += len(op) - 1
                        break
                elif expr.startswith(op, i):
                    # '=' of '=~' / '!~' never occurs at depth 0; skip '==' vs '=' mixups.
                    cuts.append((i, len(op)))
                    i += len(op) - 1
                    break
        i += 1
    if not cuts:
        return [expr]
    parts = []
    start = 0
    for pos, length in cuts:
        parts.append(expr[start:pos])
        start = pos + length
    parts.append(expr[start:])
    return parts


def _strip_parens(expr):
    expr = expr.strip()
    while expr.startswith("(") and expr.endswith(")"):
        depth = 0
        for i, c in enumerate(expr):
            depth += c == "("
            depth -= c == ")"
            if depth == 0 and i < len(expr) - 1:
                return expr
        expr = expr[1:-1].strip()
    return expr


def measurements(expr):
    """The vector operands an alert expression compares and combines: for
    `(A > 1) and on (x) (B == 0)` that is [A, B]. Numbers are dropped."""
    expr = _strip_parens(expr)
    for ops in (_WORD_OPS, _CMP_OPS):
        parts = _top_level_split(expr, ops)
        if len(parts) > 1:
            out = []
            for part in parts:
                while True:
                    match = _MODIFIER.match(part)
                    if not match:
                        break
                    part = part[match.end():]
                out.extend(measurements(part))
            return out
    if re.fullmatch(r"[-+]?[0-9.eE+-]+", expr):
        return []
    return [expr]


def without_offsets(expr):
    return re.sub(r"\s+offset\s+-?[0-9]+[smhdwy]+", "", expr)


def sh(argv):
    return " ".join(shlex.quote(a) for a in argv)
