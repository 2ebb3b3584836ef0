package io.iamcore.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An overlay rendered by {@code kubectl kustomize} and read into fabric8's typed Kubernetes model.
 * Kinds the model knows (Deployment, Service, HPA, …) become their classes; custom resources
 * (ServiceMonitor, CloudNativePG Cluster) become {@link GenericKubernetesResource}.
 *
 * <p>Schema check: the model keeps every field it does not know in {@code additionalProperties}
 * (and a value of the wrong type too), so a typo such as {@code readinesProbe} or a string where an
 * integer belongs shows up there. {@link #unknownFields()} lists them for the typed kinds.
 */
final class RenderedManifests {

  private final String overlay;
  private final List<HasMetadata> resources;

  private RenderedManifests(String overlay, List<HasMetadata> resources) {
    this.overlay = overlay;
    this.resources = List.copyOf(resources);
  }

  /** Renders {@code k8s/overlays/<overlay>} (relative to the project directory, Maven's cwd). */
  static RenderedManifests render(String overlay) {
    String yaml = kustomize(Path.of("k8s", "overlays", overlay));
    Object parsed = new KubernetesSerialization().unmarshal(yaml);
    List<HasMetadata> resources = new ArrayList<>();
    if (parsed instanceof Collection<?> documents) {
      documents.forEach(d -> resources.add((HasMetadata) d));
    } else {
      resources.add((HasMetadata) parsed);
    }
    return new RenderedManifests(overlay, resources);
  }

  private static String kustomize(Path dir) {
    try {
      Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
          .redirectErrorStream(false).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("kubectl kustomize " + dir + " failed (k8s/ needs the kustomize of kubectl"
            + " 1.27 or later): " + err);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("kubectl is needed to render k8s/ (.ci/run installs kubernetes-client): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  List<HasMetadata> all() {
    return resources;
  }

  /** The one resource of this class (a typed kind). */
  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = resources.stream().filter(type::isInstance).map(type::cast).toList();
    if (found.size() != 1) {
      throw new AssertionError(overlay + ": expected one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  /** The one custom resource of {@code apiVersion} and {@code kind}. */
  GenericKubernetesResource custom(String apiVersion, String kind) {
    List<GenericKubernetesResource> found = resources.stream()
        .filter(r -> r instanceof GenericKubernetesResource && apiVersion.equals(r.getApiVersion())
            && kind.equals(r.getKind()))
        .map(GenericKubernetesResource.class::cast).toList();
    if (found.size() != 1) {
      throw new AssertionError(overlay + ": expected one " + kind + " (" + apiVersion + "), found " + found.size());
    }
    return found.get(0);
  }

  /** "Kind/name: field" for every field of a typed resource that its schema does not have. */
  List<String> unknownFields() {
    List<String> unknown = new ArrayList<>();
    for (HasMetadata resource : resources) {
      if (!(resource instanceof GenericKubernetesResource)) {
        collectUnknown(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown,
            java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
      }
    }
    return unknown;
  }

  private static void collectUnknown(Object node, String path, List<String> unknown, Set<Object> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknown(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown, seen));
      return;
    }
    if (!(node instanceof KubernetesResource)) {
      return;  // strings, numbers, IntOrString, Quantity
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value = invoke(getter, node);
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
      } else {
        collectUnknown(value, path + "." + decapitalize(getter.getName().substring(3)), unknown, seen);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError("cannot read " + getter, e);
    }
  }

  private static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
