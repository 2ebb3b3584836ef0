package io.iamcore.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.iamcore.Main;
import io.iamcore.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** k8s/: both overlays render with kubectl kustomize and say what the gateway needs. */
class ManifestsTest {

  private static final String CNPG = "postgresql.cnpg.io/v1";
  private static final String MONITORING = "monitoring.coreos.com/v1";
  private static RenderedManifests dev;
  private static RenderedManifests prod;

  @BeforeAll
  static void render() {
    dev = RenderedManifests.render("dev");
    prod = RenderedManifests.render("prod");
  }

  private static RenderedManifests overlay(String name) {
    return name.equals("dev") ? dev : prod;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dev", "prod"})
  @DisplayName("every document is a known kind with only fields of its schema, in the overlay's namespace")
  void everyDocument_validAgainstSchema(String name) {
    RenderedManifests rendered = overlay(name);
    assertThat(rendered.all()).extracting(HasMetadata::getKind).contains(
        "Namespace", "ServiceAccount", "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler",
        "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "Cluster");
    assertThat(rendered.all().stream().filter(r -> r instanceof GenericKubernetesResource)
        .map(HasMetadata::getKind)).as("only the custom resources are untyped")
        .isSubsetOf("ServiceMonitor", "PrometheusRule", "Cluster");
    assertThat(rendered.unknownFields()).as("fields the Kubernetes schema does not have").isEmpty();
    String namespace = name.equals("dev") ? "iamcore-dev" : "iamcore";
    rendered.all().stream().filter(r -> !r.getKind().equals("Namespace")).forEach(r ->
        assertThat(r.getMetadata().getNamespace()).as(r.getKind()).isEqualTo(namespace));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dev", "prod"})
  @DisplayName("the gateway pod: health probes, non-root, read-only root with a /tmp volume, no API token")
  void deployment_probesAndHardening(String name) {
    Deployment deployment = overlay(name).one(Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container gateway = gatewayContainer(deployment);
    assertThat(gateway.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    assertThat(gateway.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(gateway.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(gateway.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http");
      assertThat(p.getContainerPort()).isEqualTo(
          Integer.valueOf(gatewayConfig(overlay(name)).getData().get("IAMCORE_HTTP_PORT")));
    });
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(gateway.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(gateway.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(gateway.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    String tmpVolume = gateway.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
        .findFirst().orElseThrow().getName();
    assertThat(pod.getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo(tmpVolume);
      assertThat(v.getEmptyDir()).isNotNull();
    });
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(overlay(name).one(ServiceAccount.class).getMetadata().getName())
        .isEqualTo(pod.getServiceAccountName());
    assertThat(gateway.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(gateway.getResources().getLimits()).containsKey("memory");
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dev", "prod"})
  @DisplayName("termination grace covers the preStop sleep, the writer's drain and the close")
  void deployment_graceCoversDrain(String name) {
    Deployment deployment = overlay(name).one(Deployment.class);
    List<String> preStop = gatewayContainer(deployment).getLifecycle().getPreStop().getExec().getCommand();
    assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
    long preStopSeconds = Long.parseLong(preStop.get(1));
    assertThat(preStopSeconds).as("endpoints leave the Services before the gateway stops accepting").isPositive();
    assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() * 1000)
        .isGreaterThanOrEqualTo(preStopSeconds * 1000 + Main.DRAIN_MILLIS + Main.CLOSE_MILLIS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dev", "prod"})
  @DisplayName("IAMCORE_* come from the ConfigMap, which the gateway's own loader accepts; the database URL from CloudNativePG's Secret")
  void configuration_fromConfigMapAndSecret(String name) throws IOException {
    RenderedManifests rendered = overlay(name);
    ConfigMap config = gatewayConfig(rendered);
    Container gateway = gatewayContainer(rendered.one(Deployment.class));
    assertThat(gateway.getEnvFrom()).singleElement()
        .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo(config.getMetadata().getName()));
    assertThat(config.getData().keySet()).allMatch(k -> k.startsWith("IAMCORE_"))
        .doesNotContain("IAMCORE_DB_URL")
        .isSubsetOf(documentedVariables());
    Map<String, String> environment = new HashMap<>(config.getData());
    environment.put("IAMCORE_DB_URL", "postgresql://iamcore:secret@iamcore-db-rw:5432/iamcore");
    assertThat(ConfigLoader.load(environment).http().port()).isEqualTo(8080);

    EnvVar dbUrl = gateway.getEnv().stream().filter(e -> e.getName().equals("IAMCORE_DB_URL")).findFirst().orElseThrow();
    String cluster = rendered.custom(CNPG, "Cluster").getMetadata().getName();
    assertThat(dbUrl.getValue()).isNull();
    assertThat(dbUrl.getValueFrom().getSecretKeyRef().getName()).as("CloudNativePG's application Secret")
        .isEqualTo(cluster + "-app");
    assertThat(dbUrl.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("uri");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dev", "prod"})
  @DisplayName("Service, PDB, NetworkPolicy and ServiceMonitor select the gateway pods and its named port")
  void selectors_matchGatewayPods(String name) {
    RenderedManifests rendered = overlay(name);
    Map<String, String> podLabels = rendered.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    Service service = rendered.one(Service.class);
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts()).singleElement()
        .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
    assertThat(podLabels).containsAllEntriesOf(
        rendered.one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels());
    NetworkPolicy policy = rendered.one(NetworkPolicy.class);
    assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule ->
        assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http")));
    String cluster = rendered.custom(CNPG, "Cluster").getMetadata().getName();
    assertThat(policy.getSpec().getEgress()).as("PostgreSQL of the CloudNativePG cluster")
        .anySatisfy(rule -> assertDatabaseEgress(rule, cluster));

    GenericKubernetesResource monitor = rendered.custom(MONITORING, "ServiceMonitor");
    assertThat(service.getMetadata().getLabels())
        .containsAllEntriesOf(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"));
    assertThat(monitor.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/metrics");
    assertThat(monitor.<String>get("spec", "endpoints", 0, "port")).isEqualTo(service.getSpec().getPorts().get(0).getName());
  }

  @Test
  @DisplayName("HPA (autoscaling/v2) scales the Deployment on CPU; prod keeps 3+ replicas and the PDB keeps 2 up")
  void autoscalingAndDisruption_prod() {
    for (RenderedManifests rendered : List.of(dev, prod)) {
      HorizontalPodAutoscaler hpa = rendered.one(HorizontalPodAutoscaler.class);
      assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(rendered.one(Deployment.class).getMetadata().getName());
      assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
      assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> {
        assertThat(m.getResource().getName()).isEqualTo("cpu");
        assertThat(m.getResource().getTarget().getAverageUtilization()).isBetween(50, 90);
      });
    }
    HorizontalPodAutoscaler hpa = prod.one(HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
    assertThat(prod.one(Deployment.class).getSpec().getReplicas()).isEqualTo(hpa.getSpec().getMinReplicas());
    PodDisruptionBudget pdb = prod.one(PodDisruptionBudget.class);
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2).isLessThan(hpa.getSpec().getMinReplicas());
    assertThat(dev.one(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal())
        .as("a one-replica dev gateway can still be drained").isEqualTo(1);
    assertThat(prod.one(Deployment.class).getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .extracting(c -> c.getTopologyKey())
        .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
  }

  @Test
  @DisplayName("CloudNativePG: one instance in dev; in prod 3 instances with required synchronous replication")
  void postgresCluster_prodSynchronous() {
    GenericKubernetesResource devDb = dev.custom(CNPG, "Cluster");
    assertThat(devDb.<Integer>get("spec", "instances")).isEqualTo(1);
    assertThat(devDb.<String>get("spec", "bootstrap", "initdb", "database")).isEqualTo("iamcore");

    GenericKubernetesResource db = prod.custom(CNPG, "Cluster");
    assertThat(db.<Integer>get("spec", "instances")).isEqualTo(3);
    assertThat(db.<String>get("spec", "postgresql", "synchronous", "method")).isIn("any", "first");
    assertThat(db.<Integer>get("spec", "postgresql", "synchronous", "number")).isBetween(1, 2);
    assertThat(db.<String>get("spec", "postgresql", "synchronous", "dataDurability")).isEqualTo("required");
    assertThat(db.<Boolean>get("spec", "affinity", "enablePodAntiAffinity")).isTrue();
    assertThat(db.<String>get("spec", "storage", "size")).isNotBlank();
  }

  private static void assertDatabaseEgress(NetworkPolicyEgressRule rule, String cluster) {
    assertThat(rule.getTo()).singleElement().satisfies(peer ->
        assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("cnpg.io/cluster", cluster));
    assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(5432));
  }

  /** The generated iamcore-config-<hash> (other ConfigMaps, e.g. dashboards, may sit beside it). */
  private static ConfigMap gatewayConfig(RenderedManifests rendered) {
    List<ConfigMap> found = rendered.all().stream().filter(r -> r instanceof ConfigMap)
        .map(ConfigMap.class::cast).filter(m -> m.getMetadata().getName().startsWith("iamcore-config-")).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static Container gatewayContainer(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("gateway")).findFirst().orElseThrow();
  }

  /** The IAMCORE_* names of README.md's "Configuration" table. */
  private static java.util.Set<String> documentedVariables() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Configuration"));
    section = section.substring(0, section.indexOf("\n## ", 5));
    Matcher names = Pattern.compile("`(IAMCORE_[A-Z_]+)`").matcher(section);
    return names.results().map(r -> r.group(1)).collect(Collectors.toSet());
  }
}
