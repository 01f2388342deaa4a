import { AppsV1Api, AutoscalingV2Api, KubeConfig, PolicyV1Api } from "@kubernetes/client-node";
import type { PlatformObjects } from "./status.js";

export interface ClusterTarget {
  readonly namespace: string;
  /** The Helm release: Deployments labelled app.kubernetes.io/instance=<release>. */
  readonly release: string;
  /** A context of the kubeconfig; the current one when undefined. */
  readonly kubeContext?: string;
}

/**
 * Reads the release's Deployments and the namespace's HPAs and PDBs, with the credentials of
 * the usual kubeconfig ($KUBECONFIG, ~/.kube/config, or the in-cluster service account).
 * HPAs and PDBs are not filtered by label: KEDA creates its HPA with labels of its own, and
 * summarisePlatform matches them to Deployments by target and selector instead.
 */
export async function fetchPlatformObjects(target: ClusterTarget): Promise<PlatformObjects> {
  const config = new KubeConfig();
  config.loadFromDefault();
  if (target.kubeContext !== undefined) config.setCurrentContext(target.kubeContext);
  const apps = config.makeApiClient(AppsV1Api);
  const autoscaling = config.makeApiClient(AutoscalingV2Api);
  const policy = config.makeApiClient(PolicyV1Api);
  const { namespace } = target;
  const [deployments, autoscalers, disruptionBudgets] = await Promise.all([
    apps.listNamespacedDeployment({
      namespace,
      labelSelector: `app.kubernetes.io/part-of=orrery,app.kubernetes.io/instance=${target.release}`,
    }),
    autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace }),
    policy.listNamespacedPodDisruptionBudget({ namespace }),
  ]).catch((error: unknown) => {
    // With no kubeconfig at all the client falls back to http://localhost:8080; say which
    // cluster was tried, so "no cluster configured" is not mistaken for an API failure.
    const cluster = config.getCurrentCluster();
    throw new Error(
      `cannot read namespace ${namespace} from the Kubernetes API (context "${config.getCurrentContext()}", server ${cluster?.server ?? "none"}): ${(error as Error).message}`,
    );
  });
  return {
    deployments: deployments.items,
    autoscalers: autoscalers.items,
    disruptionBudgets: disruptionBudgets.items,
  };
}
