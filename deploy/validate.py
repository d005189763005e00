#!/usr/bin/env python3
"""Offline checks of the deployment files (no cluster or Docker engine needed).

    python3 deploy/validate.py

- docker-compose.yml: `docker-compose config -q` when docker-compose (v1) or `docker compose` is installed.
- deploy/k8s/*.yaml: parses (PyYAML), every object has apiVersion/kind/metadata.name, the kustomization lists files
  that exist, workload selectors match their pod labels, probes name declared container ports, every secretKeyRef
  names a key of a Secret defined here, Services select some workload's pods, GPU workloads request nvidia.com/gpu.
Exits non-zero on the first kind of problem found, printing all problems.
"""
import glob, os, shutil, subprocess, sys

try:
    import yaml
except ImportError:
    sys.exit("PyYAML is needed: pip install pyyaml (or apt-get install python3-yaml)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
problems = []


def check_compose():
    compose = os.path.join(ROOT, "docker-compose.yml")
    command = ["docker-compose"] if shutil.which("docker-compose") else None
    if command is None and shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        command = ["docker", "compose"] if probe.returncode == 0 else None
    if command is None:
        yaml.safe_load(open(compose))
        print("compose: parsed (no docker-compose here to validate it fully)")
        return
    for profile in ([], ["--profile", "gpu"]):
        result = subprocess.run(command + ["-f", compose] + profile + ["config", "-q"], capture_output=True, text=True, cwd=ROOT)
        if result.returncode != 0:
            problems.append(f"compose {' '.join(profile)}: {result.stderr.strip()}")
    print(f"compose: {' '.join(command)} config ok" if not problems else "compose: FAILED")


def pod_spec(obj):
    kind = obj["kind"]
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"):
        return obj["spec"]["template"]
    if kind == "Job":
        return obj["spec"]["template"]
    return None


def check_k8s():
    folder = os.path.join(ROOT, "deploy", "k8s")
    objects = []
    for path in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
        for doc in yaml.safe_load_all(open(path)):
            if doc:
                objects.append((os.path.basename(path), doc))

    kustomization = next((d for f, d in objects if d.get("kind") == "Kustomization"), None)
    if kustomization:
        for resource in kustomization.get("resources", []):
            if not os.path.exists(os.path.join(folder, resource)):
                problems.append(f"kustomization lists missing {resource}")
    objects = [(f, d) for f, d in objects if d.get("kind") != "Kustomization"]

    secrets = {}
    for f, d in objects:
        for field in ("apiVersion", "kind"):
            if field not in d:
                problems.append(f"{f}: an object without {field}")
        if not d.get("metadata", {}).get("name"):
            problems.append(f"{f}: {d.get('kind')} without metadata.name")
        if d.get("kind") == "Secret":
            secrets[d["metadata"]["name"]] = set((d.get("stringData") or {}).keys()) | set((d.get("data") or {}).keys())

    pod_labels = []
    for f, d in objects:
        template = pod_spec(d)
        if template is None:
            continue
        name = f"{f}: {d['kind']} {d['metadata']['name']}"
        labels = template.get("metadata", {}).get("labels", {})
        pod_labels.append(labels)
        selector = d["spec"].get("selector", {}).get("matchLabels")
        if d["kind"] != "Job":
            if not selector:
                problems.append(f"{name}: no selector.matchLabels")
            elif any(labels.get(k) != v for k, v in selector.items()):
                problems.append(f"{name}: selector {selector} does not match pod labels {labels}")
        spec = template["spec"]
        for container in spec.get("initContainers", []) + spec.get("containers", []):
            if not container.get("image"):
                problems.append(f"{name}: container {container.get('name')} has no image")
            ports = {p.get("name") for p in container.get("ports", [])}
            for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                port = container.get(probe, {}).get("httpGet", {}).get("port")
                if isinstance(port, str) and port not in ports:
                    problems.append(f"{name}: {probe} uses port '{port}' that the container does not declare")
            for env in container.get("env", []):
                ref = env.get("valueFrom", {}).get("secretKeyRef")
                if ref and ref.get("key") not in secrets.get(ref.get("name"), set()):
                    problems.append(f"{name}: env {env['name']} needs key '{ref.get('key')}' of secret '{ref.get('name')}', not defined here")
            for source in container.get("envFrom", []):
                secret = source.get("secretRef", {}).get("name")
                if secret and secret not in secrets:
                    problems.append(f"{name}: envFrom secret '{secret}' is not defined here")
            role = next((e.get("value") for e in container.get("env", []) if e.get("name") == "ContentGrains__Role"), None)
            if role == "gpu" and "nvidia.com/gpu" not in container.get("resources", {}).get("limits", {}):
                problems.append(f"{name}: a gpu silo without a nvidia.com/gpu limit")

    for f, d in objects:
        if d["kind"] == "Service" and d["spec"].get("selector"):
            selector = d["spec"]["selector"]
            if not any(all(labels.get(k) == v for k, v in selector.items()) for labels in pod_labels):
                problems.append(f"{f}: Service {d['metadata']['name']} selects no pods defined here ({selector})")
    print(f"k8s: {len(objects)} objects checked")


check_compose()
check_k8s()
for p in problems:
    print("PROBLEM:", p)
sys.exit(1 if problems else 0)
