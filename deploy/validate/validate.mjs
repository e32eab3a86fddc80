// Offline checks of the deployment files, run by CI through check.sh.
//   node validate.mjs kubernetes <rendered.yaml>   every object against the Kubernetes API schemas (kubernetes-models),
//                                                  then the rules this service relies on and the references between objects
//   node validate.mjs compose <compose.yaml>       the compose file's structure, the files it refers to, and the
//                                                  OpenTelemetry collector configuration it mounts
//   node validate.mjs github-workflow <ci.yml>     the hosted-CI workflow (which cannot run here): its structure, and that
//                                                  it runs the test suite on mongo:7.0 and mongo:8.0 replica sets
// Prints one line per problem and exits with 1 if there is any.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse, parseAllDocuments } from "yaml";

const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

const [mode, file] = process.argv.slice(2);
if (mode === "kubernetes" && file) {
  await checkKubernetes(file);
} else if (mode === "compose" && file) {
  checkCompose(file);
} else if (mode === "github-workflow" && file) {
  checkGitHubWorkflow(file);
} else {
  console.error("usage: node validate.mjs kubernetes <rendered.yaml> | compose <compose.yaml> | github-workflow <ci.yml>");
  process.exit(2);
}

if (problems.length > 0) {
  problems.forEach((line) => console.error(line));
  process.exit(1);
}
console.log(`${file}: valid`);

async function checkKubernetes(path) {
  const documents = parseAllDocuments(readFileSync(path, "utf8"));
  const objects = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      document.errors.forEach((error) => problem(path, error.message));
      continue;
    }
    const object = document.toJS();
    if (object !== null) {
      objects.push(object);
    }
  }
  if (objects.length === 0) {
    problem(path, "renders no objects");
  }

  for (const object of objects) {
    await checkSchema(object);
  }
  checkRules(objects);
  checkReferences(objects);
}

function nameOf(object) {
  return `${object?.kind ?? "?"} ${object?.metadata?.name ?? "?"}`;
}

/** kubernetes-models has one module per API group and version, exporting one model class per kind. */
async function checkSchema(object) {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    problem(nameOf(object), "has no apiVersion or kind");
    return;
  }
  let models;
  try {
    models = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    problem(nameOf(object), `unknown apiVersion ${apiVersion}`);
    return;
  }
  const Model = models[kind];
  if (typeof Model !== "function") {
    problem(nameOf(object), `unknown kind ${kind} in ${apiVersion}`);
    return;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problem(nameOf(object), error.message);
  }
}

/** What the service needs from its pods: probes on its health endpoints, bounded resources, a locked-down container. */
function checkRules(objects) {
  for (const deployment of objects.filter((o) => o.kind === "Deployment")) {
    const where = nameOf(deployment);
    const pod = deployment.spec?.template?.spec ?? {};
    if (pod.securityContext?.runAsNonRoot !== true) {
      problem(where, "the pod must set securityContext.runAsNonRoot: true");
    }
    for (const container of pod.containers ?? []) {
      const at = `${where} container ${container.name}`;
      if (container.livenessProbe?.httpGet?.path !== "/health/live") {
        problem(at, "needs a liveness probe on /health/live");
      }
      if (container.readinessProbe?.httpGet?.path !== "/health/ready") {
        problem(at, "needs a readiness probe on /health/ready");
      }
      for (const kind of ["requests", "limits"]) {
        for (const resource of ["cpu", "memory"]) {
          if (container.resources?.[kind]?.[resource] === undefined) {
            problem(at, `needs resources.${kind}.${resource}`);
          }
        }
      }
      const security = container.securityContext ?? {};
      if (security.readOnlyRootFilesystem !== true) {
        problem(at, "must set securityContext.readOnlyRootFilesystem: true");
      }
      if (security.allowPrivilegeEscalation !== false) {
        problem(at, "must set securityContext.allowPrivilegeEscalation: false");
      }
      if (!(security.capabilities?.drop ?? []).includes("ALL")) {
        problem(at, "must drop ALL capabilities");
      }
      if (!(container.ports ?? []).some((port) => port.containerPort === 8080)) {
        problem(at, "must expose the service's port 8080");
      }
    }
    for (const volume of pod.volumes ?? []) {
      const sources = Object.keys(volume).filter((key) => key !== "name");
      if (sources.length !== 1) {
        problem(`${where} volume ${volume.name}`, `must have exactly one source, has ${sources.join(", ") || "none"}`);
      }
    }
  }
}

/** Every name one object uses to find another resolves among the rendered objects. */
function checkReferences(objects) {
  const named = (kind, namespace, name) =>
    objects.some((o) => o.kind === kind && o.metadata?.name === name && o.metadata?.namespace === namespace);
  const matches = (selector, labels) =>
    selector !== undefined && Object.entries(selector).every(([key, value]) => labels?.[key] === value);
  const deployments = objects.filter((o) => o.kind === "Deployment");

  for (const deployment of deployments) {
    const where = nameOf(deployment);
    const namespace = deployment.metadata?.namespace;
    const pod = deployment.spec?.template;
    if (!matches(deployment.spec?.selector?.matchLabels, pod?.metadata?.labels)) {
      problem(where, "its selector does not match its pod labels");
    }
    for (const container of pod?.spec?.containers ?? []) {
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !named("ConfigMap", namespace, source.configMapRef.name)) {
          problem(where, `envFrom refers to a missing ConfigMap ${source.configMapRef.name}`);
        }
      }
      const mounted = new Set((pod.spec.volumes ?? []).map((volume) => volume.name));
      for (const mount of container.volumeMounts ?? []) {
        if (!mounted.has(mount.name)) {
          problem(where, `mounts a volume ${mount.name} the pod does not declare`);
        }
      }
    }
    for (const volume of pod?.spec?.volumes ?? []) {
      const claim = volume.persistentVolumeClaim?.claimName;
      if (claim && !named("PersistentVolumeClaim", namespace, claim)) {
        problem(where, `volume ${volume.name} refers to a missing PersistentVolumeClaim ${claim}`);
      }
    }
  }

  const podsMatching = (selector, namespace) =>
    deployments.filter((d) => d.metadata?.namespace === namespace && matches(selector, d.spec?.template?.metadata?.labels));
  for (const service of objects.filter((o) => o.kind === "Service")) {
    const targets = podsMatching(service.spec?.selector, service.metadata?.namespace);
    if (targets.length === 0) {
      problem(nameOf(service), "its selector matches no Deployment's pods");
    }
    const portNames = new Set(targets.flatMap((d) => d.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name))));
    for (const port of service.spec?.ports ?? []) {
      if (typeof port.targetPort === "string" && !portNames.has(port.targetPort)) {
        problem(nameOf(service), `targetPort ${port.targetPort} is not a named port of its pods`);
      }
    }
  }
  for (const budget of objects.filter((o) => o.kind === "PodDisruptionBudget")) {
    if (podsMatching(budget.spec?.selector?.matchLabels, budget.metadata?.namespace).length === 0) {
      problem(nameOf(budget), "its selector matches no Deployment's pods");
    }
  }
  for (const autoscaler of objects.filter((o) => o.kind === "HorizontalPodAutoscaler")) {
    const target = autoscaler.spec?.scaleTargetRef;
    if (!named(target?.kind, autoscaler.metadata?.namespace, target?.name)) {
      problem(nameOf(autoscaler), `scales a missing ${target?.kind} ${target?.name}`);
    }
    if ((autoscaler.spec?.minReplicas ?? 1) > autoscaler.spec?.maxReplicas) {
      problem(nameOf(autoscaler), "minReplicas exceeds maxReplicas");
    }
  }
}

function checkCompose(path) {
  const directory = dirname(resolve(path));
  const compose = parse(readFileSync(path, "utf8"));
  const allowedTopLevel = new Set(["name", "services", "volumes", "networks", "configs", "secrets"]);
  for (const key of Object.keys(compose ?? {})) {
    if (!allowedTopLevel.has(key) && !key.startsWith("x-")) {
      problem(path, `unknown top-level key ${key}`);
    }
  }
  const services = compose?.services ?? {};
  if (Object.keys(services).length === 0) {
    problem(path, "defines no services");
  }
  const volumes = new Set(Object.keys(compose?.volumes ?? {}));

  for (const [name, service] of Object.entries(services)) {
    const where = `${path} service ${name}`;
    if (!service.image && !service.build) {
      problem(where, "needs an image or a build");
    }
    if (service.build) {
      const context = resolve(directory, service.build.context ?? ".");
      if (!existsSync(context)) {
        problem(where, `build context ${service.build.context} does not exist`);
      }
      if (!existsSync(resolve(context, service.build.dockerfile ?? "Dockerfile"))) {
        problem(where, `Dockerfile ${service.build.dockerfile} does not exist in the build context`);
      }
    }
    const dependencies = Array.isArray(service.depends_on) ? Object.fromEntries(service.depends_on.map((d) => [d, {}])) : (service.depends_on ?? {});
    for (const [dependency, options] of Object.entries(dependencies)) {
      if (!services[dependency]) {
        problem(where, `depends on an undefined service ${dependency}`);
      } else if (options.condition === "service_healthy" && !services[dependency].healthcheck) {
        problem(where, `waits for ${dependency} to be healthy, but it has no healthcheck`);
      } else if (options.condition && !["service_started", "service_healthy", "service_completed_successfully"].includes(options.condition)) {
        problem(where, `unknown depends_on condition ${options.condition}`);
      }
    }
    for (const port of service.ports ?? []) {
      if (!/^(\d+(\.\d+){3}:)?\d+(:\d+)?(\/(tcp|udp))?$/.test(String(port))) {
        problem(where, `port ${port} is not host:container`);
      }
    }
    for (const volume of service.volumes ?? []) {
      const [source, target = ""] = String(volume).split(":");
      if (source.startsWith(".") || source.startsWith("/")) {
        if (!existsSync(resolve(directory, source))) {
          problem(where, `bind-mounts ${source}, which does not exist`);
        } else if (target.startsWith("/etc/otelcol")) {
          checkCollectorConfig(resolve(directory, source), `${where} ${source}`);
        }
      } else if (!volumes.has(source)) {
        problem(where, `uses the volume ${source}, which is not declared`);
      }
    }
    const environment = service.environment ?? {};
    for (const [key, value] of Array.isArray(environment) ? environment.map((e) => e.split("=")) : Object.entries(environment)) {
      if (value !== undefined && typeof value === "object") {
        problem(where, `environment ${key} must be a string`);
      }
    }
  }
}

/** An OpenTelemetry collector configuration: each pipeline uses only receivers, processors and exporters it defines. */
function checkCollectorConfig(path, where) {
  const config = parse(readFileSync(path, "utf8"));
  const pipelines = config?.service?.pipelines ?? {};
  if (Object.keys(pipelines).length === 0) {
    problem(where, "defines no pipelines");
  }
  for (const [pipeline, parts] of Object.entries(pipelines)) {
    for (const section of ["receivers", "processors", "exporters"]) {
      for (const component of parts[section] ?? []) {
        if (!(component in (config[section] ?? {}))) {
          problem(where, `pipeline ${pipeline} uses ${section.slice(0, -1)} ${component}, which is not defined`);
        }
      }
    }
  }
}

/**
 * The hosted-CI workflow: GitHub's structure (jobs with runs-on and steps, each step a `uses` pinned to a version or a
 * `run`), and what it is for: a matrix over mongo 7.0 and 8.0 (as strings: YAML reads an unquoted 8.0 as the number 8),
 * each started with --replSet rs0 and initiated by a step, MONGODB_URI naming that replica set, and the test suite run.
 */
function checkGitHubWorkflow(path) {
  const workflow = parse(readFileSync(path, "utf8"));
  const root = resolve(dirname(resolve(path)), "../..");
  if (!workflow?.on) {
    problem(path, "has no `on` trigger");
  }
  const jobs = Object.entries(workflow?.jobs ?? {});
  if (jobs.length === 0) {
    problem(path, "defines no jobs");
  }

  const runs = [];
  const uris = [workflow?.env?.MONGODB_URI];
  const versions = new Set();
  for (const [name, job] of jobs) {
    const where = `${path} job ${name}`;
    if (!job["runs-on"]) {
      problem(where, "has no runs-on");
    }
    if (!Array.isArray(job.steps) || job.steps.length === 0) {
      problem(where, "has no steps");
    }
    for (const version of job.strategy?.matrix?.mongo ?? []) {
      versions.add(version);
    }
    uris.push(job.env?.MONGODB_URI);
    for (const [index, step] of (job.steps ?? []).entries()) {
      const at = `${where} step ${step?.name ?? index + 1}`;
      if (Boolean(step?.uses) === Boolean(step?.run)) {
        problem(at, "needs exactly one of uses and run");
      } else if (step.uses && !/^[\w.-]+\/[\w.\/-]+@[\w.-]+$/.test(step.uses)) {
        problem(at, `uses ${step.uses}, which is not owner/action@version`);
      }
      if (step?.with?.["global-json-file"] && !existsSync(resolve(root, step.with["global-json-file"]))) {
        problem(at, `global-json-file ${step.with["global-json-file"]} does not exist`);
      }
      if (step?.run) {
        runs.push(String(step.run));
      }
      uris.push(step?.env?.MONGODB_URI);
    }
  }

  for (const version of ["7.0", "8.0"]) {
    if (!versions.has(version)) {
      problem(path, `the matrix does not name mongo ${version} (as a string)`);
    }
  }
  const script = runs.join("\n");
  const required = [
    [/mongo:\$\{\{\s*matrix\.mongo\s*\}\}/, "start the matrix's mongo image"],
    [/--replSet\s+rs0/, "start mongod with --replSet rs0"],
    [/rs\.initiate\(/, "initiate the replica set (rs.initiate)"],
    [/(^|\s)(bash\s+)?\.ci\/run\b|dotnet test\b/m, "run the test suite (.ci/run or dotnet test)"],
  ];
  for (const [pattern, what] of required) {
    if (!pattern.test(script)) {
      problem(path, `no step does ${what}`);
    }
  }
  if (!uris.some((uri) => typeof uri === "string" && /^mongodb:\/\/.*replicaSet=rs0/.test(uri))) {
    problem(path, "sets no MONGODB_URI naming the replica set rs0");
  }
}
