/**
 * The Kubernetes manifests (deploy/kubernetes, decision 0028), without a cluster: every object Kustomize would apply
 * is valid against the Kubernetes API's schemas (kubernetes-models), every process has its probes, a budget and an
 * autoscaler, every subgraph its migration Job, no secret has a value in the repository, and what a Deployment
 * gives its process is what that process requires in production (its configuration loads and passes its checks).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { SERVICE_NAMES, loadGatewayConfig, loadServiceConfig, requireGatewaySecrets, requireSubgraphSecrets, type ServiceName } from '@thidua/common';

const DIR = path.resolve(__dirname, '..', 'deploy', 'kubernetes');

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[] };
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
};

/** What `kubectl apply -k` applies, for the Kustomize features our kustomization uses (resources, namespace, images). */
function build(): K8sObject[] {
  const kustomization = parseAllDocuments(readFileSync(path.join(DIR, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as {
    namespace: string;
    resources: string[];
    images?: { name: string; newName?: string; newTag?: string }[];
  };
  const objects = kustomization.resources.flatMap((file) => parseAllDocuments(readFileSync(path.join(DIR, file), 'utf8')).map((doc) => doc.toJS() as K8sObject));
  for (const object of objects) if (object.kind !== 'Namespace') object.metadata.namespace = kustomization.namespace;
  for (const template of objects.flatMap(podTemplate)) {
    for (const container of template.spec.containers) {
      const image = kustomization.images?.find((i) => i.name === (container as { image?: string }).image);
      if (image) (container as { image?: string }).image = `${image.newName ?? image.name}:${image.newTag ?? 'latest'}`;
    }
  }
  return objects;
}

function podTemplate(object: K8sObject): PodTemplate[] {
  return object.kind === 'Deployment' || object.kind === 'Job' ? [(object.spec as { template: PodTemplate }).template] : [];
}

const objects = build();
const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
const deploymentOf = (name: string) => byKind('Deployment').find((d) => d.metadata.name === `thidua-${name}`)!;
const mainContainer = (object: K8sObject) => podTemplate(object)[0]!.spec.containers[0]!;

/**
 * The environment a container's process starts with, each secret reference given a value of the kind the operator
 * would put there (the internal-token pair a real Ed25519 pair); `drop` leaves one variable out.
 */
function processEnv(container: Container, drop?: string): NodeJS.ProcessEnv {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const secretValue = (key: string): string =>
    key === 'INTERNAL_TOKEN_PRIVATE_KEY'
      ? privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
      : key === 'INTERNAL_TOKEN_PUBLIC_KEY'
        ? publicKey.export({ type: 'spki', format: 'pem' }).toString()
        : randomBytes(24).toString('base64url');
  const env: NodeJS.ProcessEnv = {};
  for (const source of container.envFrom ?? []) {
    const map = byKind('ConfigMap').find((c) => c.metadata.name === source.configMapRef?.name) as (K8sObject & { data: Record<string, string> }) | undefined;
    Object.assign(env, map?.data ?? {});
  }
  for (const variable of container.env ?? []) {
    if (variable.name === drop) continue;
    env[variable.name] = variable.value ?? (variable.valueFrom?.secretKeyRef ? secretValue(variable.valueFrom.secretKeyRef.key) : undefined);
  }
  return env;
}

describe('the Kubernetes manifests', () => {
  it('are valid Kubernetes API objects, of kinds we know', () => {
    expect(objects.length).toBeGreaterThan(20);
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect([object.kind, object.metadata.name, Model !== undefined]).toEqual([object.kind, object.metadata.name, true]);
      expect(() => new Model!(object as never).validate()).not.toThrow();
    }
  });

  it('would be refused with a field of the wrong type or a missing required one', () => {
    const deployment = structuredClone(deploymentOf('gateway')) as K8sObject & { spec: { replicas: unknown; selector?: unknown } };
    deployment.spec.replicas = 'ba';
    expect(() => new Deployment(deployment as never).validate()).toThrow(/replicas/);
    const job = structuredClone(byKind('Job')[0]!) as K8sObject & { spec: { template: { spec: { containers: unknown } } } };
    delete (job.spec.template.spec as { containers?: unknown }).containers;
    expect(() => new Job(job as never).validate()).toThrow(/containers/);
  });

  it('run the gateway and every subgraph with probes on their health routes, a disruption budget and an autoscaler', () => {
    for (const name of ['gateway', ...SERVICE_NAMES]) {
      const deployment = deploymentOf(name);
      expect(deployment).toBeDefined();
      const template = podTemplate(deployment)[0]!;
      const container = mainContainer(deployment);
      const portNames = (container.ports ?? []).map((p) => p.name);
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(portNames).toEqual(expect.arrayContaining([container.livenessProbe!.httpGet!.port, container.readinessProbe!.httpGet!.port, 'metrics']));
      expect(container.command).toEqual(['node_modules/.bin/tsx', name === 'gateway' ? 'gateway/src/main.ts' : `services/${name}/src/main.ts`]);
      expect(container.resources?.requests?.cpu).toBeDefined();
      expect(container.resources?.limits?.memory).toBeDefined();
      // the port the process listens on is the one the probes and the Service reach
      const http = container.ports!.find((p) => p.name === 'http')!.containerPort;
      expect(container.env?.find((v) => v.name === 'PORT')?.value).toBe(String(http));
      const metricsPort = container.ports!.find((p) => p.name === 'metrics')!.containerPort;
      expect(container.env?.find((v) => v.name === 'METRICS_PORT')?.value).toBe(String(metricsPort));

      const hpa = byKind('HorizontalPodAutoscaler').find((h) => (h.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === deployment.metadata.name);
      expect([name, (hpa?.spec as { minReplicas?: number } | undefined)?.minReplicas ?? 0]).toEqual([name, expect.any(Number)]);
      expect((hpa!.spec as { minReplicas: number }).minReplicas).toBeGreaterThanOrEqual(2);
      const pdb = byKind('PodDisruptionBudget').find((p) => {
        const selector = (p.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
        return Object.entries(selector).every(([k, v]) => template.metadata.labels[k] === v);
      });
      expect([name, pdb?.metadata.name]).toEqual([name, deployment.metadata.name]);
      // a budget of one pod out of the autoscaler's minimum leaves room to drain a node
      expect((pdb!.spec as { minAvailable: number }).minAvailable).toBeLessThan((hpa!.spec as { minReplicas: number }).minReplicas);
    }
  });

  it('migrate each subgraph’s database in a Job of its own, as that database’s owner, and make the topics in another', () => {
    for (const name of SERVICE_NAMES) {
      const job = byKind('Job').find((j) => j.metadata.name === `thidua-migrate-${name}`);
      expect(job).toBeDefined();
      const container = mainContainer(job!);
      expect(container.command).toEqual(['node_modules/.bin/tsx', 'infra/databases.ts', '--only', name]);
      expect(container.env?.map((v) => v.name)).toEqual(expect.arrayContaining(['POSTGRES_URL', `DATABASE_OWNER_PASSWORD_${name.toUpperCase()}`]));
      // the service itself never holds the owner's password nor the superuser's URL
      const service = mainContainer(deploymentOf(name));
      expect(service.env?.map((v) => v.name)).not.toContain(`DATABASE_OWNER_PASSWORD_${name.toUpperCase()}`);
      expect(service.env?.find((v) => v.name === 'POSTGRES_URL')).toBeUndefined();
    }
    expect(mainContainer(byKind('Job').find((j) => j.metadata.name === 'thidua-topics')!).command).toEqual(['node_modules/.bin/tsx', 'infra/topics.ts']);
  });

  it('hold no secret: no Secret object, no literal value for a password, key or passphrase, and no optional secret reference', () => {
    expect(byKind('Secret')).toEqual([]);
    const configMaps = byKind('ConfigMap') as (K8sObject & { data: Record<string, string> })[];
    const secretName = /PASSWORD|SECRET|PRIVATE_KEY|PASSPHRASE|TOKEN/;
    for (const map of configMaps) expect(Object.keys(map.data).filter((key) => secretName.test(key))).toEqual([]);
    for (const container of objects.flatMap(podTemplate).flatMap((t) => t.spec.containers)) {
      for (const variable of container.env ?? []) {
        if (secretName.test(variable.name) || variable.name === 'POSTGRES_URL') {
          expect([container.name, variable.name, variable.value, variable.valueFrom?.secretKeyRef !== undefined]).toEqual([container.name, variable.name, undefined, true]);
        }
        if (variable.valueFrom?.secretKeyRef) expect([variable.name, variable.valueFrom.secretKeyRef.optional ?? false]).toEqual([variable.name, false]);
      }
    }
  });

  it('give each process all that its production configuration requires, and it is refused without any one of them', () => {
    const check = (name: ServiceName | 'gateway', env: NodeJS.ProcessEnv): void => {
      if (name === 'gateway') requireGatewaySecrets(loadGatewayConfig(env));
      else requireSubgraphSecrets(loadServiceConfig(name, env));
    };
    for (const name of ['gateway', ...SERVICE_NAMES] as (ServiceName | 'gateway')[]) {
      const container = mainContainer(deploymentOf(name));
      const env = processEnv(container);
      expect(env.NODE_ENV).toBe('production');
      expect(() => check(name, env)).not.toThrow();
      for (const variable of (container.env ?? []).filter((v) => v.valueFrom?.secretKeyRef && !/SIGNING|KEYCLOAK_ADMIN/.test(v.name))) {
        expect([name, variable.name, (() => { try { check(name, processEnv(container, variable.name)); return 'accepted'; } catch { return 'refused'; } })()]).toEqual([name, variable.name, 'refused']);
      }
    }
  });
});
