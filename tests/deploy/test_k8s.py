"""deploy/k8s: every kustomization renders with kustomize, every object validates
against the Kubernetes schemas (kubernetes-validate, offline, strict) or, for
the Prometheus Operator's CRDs, against schemas written from their API
reference (tests/deploy/crd/) and by strict decoding into the operator's own
Go types (tests/deploy/crdcheck), and the objects fit together: selectors,
ports, probes, pod security, drain time, flags ingestd knows."""
import fnmatch
import json
import os
import re
import subprocess
import sys
import unittest

import jsonschema
import kubernetes_validate

import deploylib as d

CRD_SCHEMAS = {
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "servicemonitor.schema.json",
    ("monitoring.coreos.com/v1", "PrometheusRule"): "prometheusrule.schema.json",
}
OVERLAYS = ("base", "trial", "production")


def load_crd_schema(filename):
    with open(os.path.join(d.HERE, "crd", filename), encoding="utf-8") as f:
        return json.load(f)


def selector_matches(selector, labels):
    match = selector.get("matchLabels", {})
    if any(labels.get(k) != v for k, v in match.items()):
        return False
    for expression in selector.get("matchExpressions", []):
        key, op, values = expression["key"], expression["operator"], expression.get("values", [])
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and labels.get(key) in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def pod_labels(workload):
    return workload["spec"]["template"]["metadata"].get("labels", {})


def container(workload):
    return workload["spec"]["template"]["spec"]["containers"][0]


def named_ports(workload):
    return {p["name"]: p["containerPort"] for c in workload["spec"]["template"]["spec"]["containers"]
            for p in c.get("ports", [])}


# ---- the restricted Pod Security Standard (Kubernetes 1.30 wording), as far
# as a pod template shows it.
ALLOWED_VOLUME_TYPES = {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
                        "persistentVolumeClaim", "projected", "secret"}


def restricted_violations(workload):
    spec = workload["spec"]["template"]["spec"]
    pod_sc = spec.get("securityContext", {})
    problems = []
    for field in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(field):
            problems.append(field)
    for volume in spec.get("volumes", []):
        kinds = set(volume) - {"name"}
        if not kinds <= ALLOWED_VOLUME_TYPES:
            problems.append("volume %s of type %s" % (volume["name"], kinds))
    if pod_sc.get("sysctls"):
        problems.append("sysctls")
    for c in spec.get("containers", []) + spec.get("initContainers", []):
        sc = c.get("securityContext", {})
        name = c["name"]
        if sc.get("privileged"):
            problems.append("%s privileged" % name)
        if sc.get("allowPrivilegeEscalation") is not False:
            problems.append("%s: allowPrivilegeEscalation must be false" % name)
        caps = sc.get("capabilities", {})
        if "ALL" not in caps.get("drop", []):
            problems.append("%s: capabilities must drop ALL" % name)
        if set(caps.get("add", [])) - {"NET_BIND_SERVICE"}:
            problems.append("%s: adds capabilities" % name)
        if not sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot")):
            problems.append("%s: runAsNonRoot" % name)
        if sc.get("runAsUser", pod_sc.get("runAsUser")) == 0:
            problems.append("%s: runAsUser 0" % name)
        seccomp = sc.get("seccompProfile", pod_sc.get("seccompProfile", {})).get("type")
        if seccomp not in ("RuntimeDefault", "Localhost"):
            problems.append("%s: seccompProfile" % name)
        if sc.get("procMount", "Default") != "Default":
            problems.append("%s: procMount" % name)
        for port in c.get("ports", []):
            if port.get("hostPort"):
                problems.append("%s: hostPort" % name)
        # Not in the standard, asked for by the issue:
        if sc.get("readOnlyRootFilesystem") is not True:
            problems.append("%s: readOnlyRootFilesystem" % name)
    return problems


class RenderTest(unittest.TestCase):
    """kustomize build of each kustomization, and schema validation."""


def _make_render_tests():
    for overlay in OVERLAYS:
        def test_render(self, overlay=overlay):
            objects = d.render(overlay)
            self.assertTrue(objects)
            kinds = {o["kind"] for o in objects}
            for kind in ("StatefulSet", "Service", "ConfigMap", "PodDisruptionBudget",
                         "NetworkPolicy", "ServiceMonitor", "PrometheusRule", "Namespace"):
                self.assertIn(kind, kinds, overlay)

        def test_validate(self, overlay=overlay):
            failures = []
            for obj in d.render(overlay):
                key = (obj["apiVersion"], obj["kind"])
                where = "%s %s/%s" % (overlay, obj["kind"], obj["metadata"]["name"])
                if key in CRD_SCHEMAS:
                    validator = jsonschema.Draft202012Validator(load_crd_schema(CRD_SCHEMAS[key]))
                    for error in validator.iter_errors(obj):
                        failures.append("%s: %s: %s" % (where, "/".join(map(str, error.path)), error.message))
                    continue
                for version in d.KUBERNETES_VERSIONS:
                    try:
                        kubernetes_validate.validate(obj, version, strict=True)
                    except kubernetes_validate.ValidationError as error:
                        failures.append("%s (k8s %s): %s: %s" % (
                            where, version, ".".join(map(str, error.path)), error.message))
                    except kubernetes_validate.SchemaNotFoundError as error:
                        failures.append("%s: %s" % (where, error.message))
            self.assertEqual(failures, [])

        def test_crdcheck(self, overlay=overlay):
            manifest = d.run([d.tool("kustomize"), "build", d.KUSTOMIZATIONS[overlay]]).stdout
            result = d.run([d.tool("newswire-crdcheck")], input=manifest)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertEqual(sorted(result.stdout.split()),
                             sorted(["ok", "PrometheusRule/newswire", "ok", "ServiceMonitor/newswire"]))

        setattr(RenderTest, "test_kustomize_build_%s" % overlay, test_render)
        setattr(RenderTest, "test_operator_go_types_%s" % overlay, test_crdcheck)
        setattr(RenderTest, "test_kubernetes_validate_%s" % overlay, test_validate)


_make_render_tests()


class SchemaSelfTest(unittest.TestCase):
    """The validators reject what they should (so a pass means something)."""

    def test_kubernetes_validate_rejects_unknown_field(self):
        obj = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"},
               "spec": {"ports": [{"port": 1, "prot": "TCP"}]}}
        with self.assertRaises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(obj, d.KUBERNETES_VERSIONS[-1], strict=True)

    def test_crd_schema_rejects_unknown_field(self):
        monitor = [o for o in d.render("base") if o["kind"] == "ServiceMonitor"][0]
        bad = json.loads(json.dumps(monitor))
        bad["spec"]["endpoints"][0]["intervall"] = "15s"
        schema = load_crd_schema(CRD_SCHEMAS[("monitoring.coreos.com/v1", "ServiceMonitor")])
        self.assertTrue(list(jsonschema.Draft202012Validator(schema).iter_errors(bad)))
        rule = [o for o in d.render("base") if o["kind"] == "PrometheusRule"][0]
        bad = json.loads(json.dumps(rule))
        bad["spec"]["groups"][0]["rules"][0]["for"] = "five minutes"
        schema = load_crd_schema(CRD_SCHEMAS[("monitoring.coreos.com/v1", "PrometheusRule")])
        self.assertTrue(list(jsonschema.Draft202012Validator(schema).iter_errors(bad)))


class ManifestTest(unittest.TestCase):
    def each(self, kinds=("StatefulSet", "Deployment")):
        for overlay in OVERLAYS:
            objects = d.render(overlay)
            for obj in objects:
                if obj["kind"] in kinds:
                    yield overlay, objects, obj

    def test_restricted_pod_security(self):
        for overlay, _, workload in self.each():
            self.assertEqual(restricted_violations(workload), [],
                             "%s %s" % (overlay, workload["metadata"]["name"]))
        for overlay in OVERLAYS:
            for ns in d.by_kind(d.render(overlay), "Namespace"):
                self.assertEqual(ns["metadata"]["labels"].get("pod-security.kubernetes.io/enforce"), "restricted")

    def test_probes_on_ops_port(self):
        for overlay, objects, workload in self.each():
            c = container(workload)
            ports = named_ports(workload)
            flags = d.effective_flags(objects, workload)
            ops_port = int(d.flag_value(flags, "ops_port", "9464"))
            self.assertEqual(ports.get("metrics"), ops_port)
            paths = {}
            for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                self.assertIn(probe, c, "%s %s" % (overlay, workload["metadata"]["name"]))
                self.assertEqual(c[probe]["httpGet"]["port"], "metrics")
                paths[probe] = c[probe]["httpGet"]["path"]
            self.assertEqual(paths, {"startupProbe": "/readyz", "readinessProbe": "/readyz",
                                     "livenessProbe": "/healthz"})
            # ops_host must not be loopback in a pod: the kubelet probes the pod IP.
            self.assertEqual(d.flag_value(flags, "ops_host"), "0.0.0.0")
            self.assertIn("requests", c["resources"])
            self.assertIn("limits", c["resources"])

    def test_view_startup_budget_covers_a_rebuild(self):
        for overlay, _, workload in self.each(("StatefulSet",)):
            probe = container(workload)["startupProbe"]
            budget = probe["periodSeconds"] * probe["failureThreshold"]
            self.assertGreaterEqual(budget, 1800, "%s: startup budget %d s" % (overlay, budget))

    def test_grace_period_covers_the_drain(self):
        for overlay, objects, workload in self.each():
            flags = d.effective_flags(objects, workload)
            drain = int(d.flag_value(flags, "drain_seconds", "10"))
            pre_stop = container(workload).get("lifecycle", {}).get("preStop", {}).get("sleep", {}).get("seconds", 0)
            grace = workload["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
            # server.cc Stop(): gRPC shutdown (drain) + in-flight drain (drain) +
            # consumer close (revoke drain 10 s + 5 s) + producer flush (5 s).
            needed = pre_stop + 2 * drain + 25
            self.assertGreaterEqual(grace, needed, "%s %s: drain %d s" % (overlay, workload["metadata"]["name"], drain))

    def test_every_flag_is_an_ingestd_flag(self):
        defined = d.ingestd_flags()
        for overlay, objects, workload in self.each():
            flags = d.effective_flags(objects, workload)
            undefok = set()
            for name, value in flags:
                if name == "undefok":
                    undefok.update(value.split(","))
            unknown = [n for n, _ in flags if n not in defined and n not in undefok]
            self.assertEqual(unknown, [], "%s %s" % (overlay, workload["metadata"]["name"]))
            if undefok - defined:
                sys.stderr.write("note: %s %s passes flags this ingestd does not define yet (undefok): %s\n"
                                 % (overlay, workload["metadata"]["name"], ", ".join(sorted(undefok - defined))))

    def test_roles(self):
        roles = {}
        for overlay, objects, workload in self.each():
            roles.setdefault(overlay, {})[workload["metadata"]["name"]] = (
                d.flag_value(d.effective_flags(objects, workload), "role"), workload["spec"].get("replicas"))
        self.assertEqual(roles["trial"], {"newswire-view": ("all", 1)})
        self.assertEqual(roles["base"]["newswire-view"][0], "view")
        self.assertEqual(roles["base"]["newswire-ingest"][0], "ingest")
        self.assertEqual(roles["production"], {"newswire-view": ("view", 3), "newswire-ingest": ("ingest", 3)})

    def test_ingest_members_are_static_under_the_pod_name(self):
        """Every workload that consumes newswire.raw (role ingest or all) joins
        the group as a static member named after its pod: unique per replica,
        the same when its container restarts."""
        checked = 0
        for overlay, objects, workload in self.each():
            flags = d.effective_flags(objects, workload)
            if d.flag_value(flags, "role", "all") not in ("ingest", "all"):
                continue
            name = "%s %s" % (overlay, workload["metadata"]["name"])
            self.assertEqual(d.flag_value(flags, "group_instance_id"), "$(POD_NAME)", name)
            env = {e["name"]: e for e in container(workload).get("env", [])}
            self.assertIn("POD_NAME", env, name)
            self.assertEqual(env["POD_NAME"].get("valueFrom", {}).get("fieldRef", {}).get("fieldPath"),
                             "metadata.name", name)
            checked += 1
        self.assertGreaterEqual(checked, 3)  # base, production ingest; trial all-in-one

    def test_store_on_a_persistent_volume(self):
        for overlay, objects, workload in self.each(("StatefulSet",)):
            templates = {t["metadata"]["name"] for t in workload["spec"]["volumeClaimTemplates"]}
            mounts = {m["mountPath"]: m["name"] for m in container(workload)["volumeMounts"]}
            self.assertEqual(mounts.get("/var/lib/newswire"), "store")
            self.assertIn("store", templates)
            store = d.flag_value(d.effective_flags(objects, workload), "store")
            self.assertTrue(store.startswith("/var/lib/newswire/"), store)
            writable = [m["mountPath"] for m in container(workload)["volumeMounts"] if not m.get("readOnly")]
            self.assertEqual(sorted(writable), ["/tmp", "/var/lib/newswire"])

    def test_services_select_pods_and_ports(self):
        for overlay in OVERLAYS:
            objects = d.render(overlay)
            pods = d.workloads(objects)
            for service in d.by_kind(objects, "Service"):
                selected = [w for w in pods if selector_matches({"matchLabels": service["spec"]["selector"]}, pod_labels(w))]
                self.assertTrue(selected, "%s: Service %s selects no pod" % (overlay, service["metadata"]["name"]))
                for port in service["spec"]["ports"]:
                    for w in selected:
                        self.assertIn(port["targetPort"], named_ports(w),
                                      "%s: %s port %s" % (overlay, service["metadata"]["name"], port["name"]))
            services = {s["metadata"]["name"]: s for s in d.by_kind(objects, "Service")}
            for sts in d.by_kind(objects, "StatefulSet"):
                self.assertEqual(services[sts["spec"]["serviceName"]]["spec"].get("clusterIP"), "None")
            for kind in ("PodDisruptionBudget", "NetworkPolicy"):
                for obj in d.by_kind(objects, kind):
                    selector = obj["spec"]["selector" if kind == "PodDisruptionBudget" else "podSelector"]
                    self.assertTrue([w for w in pods if selector_matches(selector, pod_labels(w))],
                                    "%s: %s %s selects no pod" % (overlay, kind, obj["metadata"]["name"]))
            for workload in pods:
                self.assertTrue(selector_matches(workload["spec"]["selector"], pod_labels(workload)))

    def test_service_monitor_scrapes_every_pod_once(self):
        for overlay in OVERLAYS:
            objects = d.render(overlay)
            monitor = d.by_kind(objects, "ServiceMonitor")[0]
            scraped = [s for s in d.by_kind(objects, "Service")
                       if selector_matches(monitor["spec"]["selector"], s["metadata"].get("labels", {}))]
            self.assertEqual([s["metadata"]["name"] for s in scraped], ["newswire-metrics"])
            service = scraped[0]
            self.assertEqual(service["metadata"]["labels"][monitor["spec"]["jobLabel"]], "newswire",
                             "the rules select job=\"newswire\"")
            port_names = {p["name"] for p in service["spec"]["ports"]}
            for endpoint in monitor["spec"]["endpoints"]:
                self.assertIn(endpoint["port"], port_names)
            for workload in d.workloads(objects):
                self.assertTrue(selector_matches({"matchLabels": service["spec"]["selector"]}, pod_labels(workload)))

    def test_network_policy_allows_grpc_metrics_brokers_dns(self):
        for overlay in OVERLAYS:
            policies = d.by_kind(d.render(overlay), "NetworkPolicy")
            ingress_ports = {p["port"] for pol in policies for rule in pol["spec"].get("ingress", [])
                             for p in rule.get("ports", [])}
            self.assertEqual(ingress_ports, {7070, 9464})
            egress_ports = {(p["protocol"], p["port"]) for pol in policies for rule in pol["spec"].get("egress", [])
                            for p in rule.get("ports", [])}
            self.assertIn(("UDP", 53), egress_ports)
            self.assertIn(("TCP", 9092), egress_ports)
            for pol in policies:
                if "Egress" in pol["spec"]["policyTypes"]:
                    self.assertEqual(pol["spec"]["podSelector"]["matchLabels"], {"app.kubernetes.io/name": "newswire"})

    def test_config_maps_and_secrets_referenced_exist(self):
        with open(d.README, encoding="utf-8") as f:
            readme = f.read()
        for overlay in OVERLAYS:
            objects = d.render(overlay)
            maps = d.config_maps(objects)
            for workload in d.workloads(objects):
                for volume in workload["spec"]["template"]["spec"].get("volumes", []):
                    if "configMap" in volume:
                        self.assertIn(volume["configMap"]["name"], maps)
                    if "secret" in volume:
                        self.assertIn(volume["secret"]["secretName"], readme,
                                      "README must say how to create Secret %s" % volume["secret"]["secretName"])

    def test_production_serves_tls_with_tokens(self):
        objects = d.render("production")
        view = [w for w in d.workloads(objects) if w["kind"] == "StatefulSet"][0]
        flags = dict(d.effective_flags(objects, view))
        mounts = [m["mountPath"] for m in container(view)["volumeMounts"]]
        for flag in ("tls_cert", "tls_key", "tls_client_ca", "auth_tokens_file"):
            self.assertIn(flag, flags)
            self.assertTrue(any(flags[flag].startswith(m + "/") for m in mounts), flags[flag])
        for workload in d.workloads(objects):
            self.assertNotEqual(container(workload)["image"].rsplit(":", 1)[-1], "dev")
        hpa = d.by_kind(objects, "HorizontalPodAutoscaler")[0]
        self.assertEqual(hpa["spec"]["scaleTargetRef"]["name"], "newswire-ingest")
        self.assertLessEqual(hpa["spec"]["maxReplicas"], 6, "raw topic partitions in production (README)")

    def test_prometheus_rule_matches_rule_file(self):
        result = d.run([sys.executable, os.path.join(d.HERE, "sync_prometheusrule.py"), "--check"])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


if __name__ == "__main__":
    unittest.main()
