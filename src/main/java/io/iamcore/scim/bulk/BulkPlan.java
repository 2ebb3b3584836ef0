package io.iamcore.scim.bulk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The order dependencies impose on a Bulk request: an operation that refers to {@code bulkId:x}
 * runs after the POST defining {@code x}, wherever that POST sits in the request (forward
 * references, RFC 7644 §3.7.2). Operations whose references form a cycle (RFC 7644 §3.7.1) are
 * found here (strongly connected components, Tarjan's algorithm without recursion) and fail with
 * 409; they never wait, so processing can never get stuck.
 */
final class BulkPlan {

  private final List<BulkOperation> operations;
  private final Map<String, Integer> definers = new HashMap<>();
  private final int[][] dependencies;
  private final String[] cycles;

  BulkPlan(List<BulkOperation> operations) {
    this.operations = List.copyOf(operations);
    for (BulkOperation operation : operations) {
      if (operation.defines()) {
        definers.put(operation.bulkId(), operation.index());
      }
    }
    this.dependencies = new int[operations.size()][];
    for (BulkOperation operation : operations) {
      Set<Integer> on = new LinkedHashSet<>();
      operation.references().forEach(bulkId -> {
        Integer definer = definers.get(bulkId);
        if (definer != null) {
          on.add(definer);
        }
      });
      dependencies[operation.index()] = on.stream().mapToInt(Integer::intValue).toArray();
    }
    this.cycles = cycles();
  }

  /** The index of the POST defining {@code bulkId}, or null when no POST in the request does. */
  Integer definer(String bulkId) {
    return definers.get(bulkId);
  }

  /** The operations {@code index} must wait for (distinct, none of them itself). */
  int[] dependencies(int index) {
    return cyclic(index) ? new int[0] : dependencies[index];
  }

  /** Whether the operation's references lead back to it. */
  boolean cyclic(int index) {
    return cycles[index] != null;
  }

  /** The bulkIds of the cycle holding {@code index} (for the error detail), or null. */
  String cycle(int index) {
    return cycles[index];
  }

  /** For each operation on a cycle, the bulkIds of its strongly connected component; else null. */
  private String[] cycles() {
    int n = dependencies.length;
    int[] order = new int[n];
    Arrays.fill(order, -1);
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int[] callVertex = new int[n];
    int[] callEdge = new int[n];
    String[] result = new String[n];
    int counter = 0;
    int top = 0;
    for (int root = 0; root < n; root++) {
      if (order[root] >= 0) {
        continue;
      }
      int depth = 0;
      callVertex[depth] = root;
      callEdge[depth++] = 0;
      order[root] = low[root] = counter++;
      stack[top++] = root;
      onStack[root] = true;
      while (depth > 0) {
        int v = callVertex[depth - 1];
        if (callEdge[depth - 1] < dependencies[v].length) {
          int w = dependencies[v][callEdge[depth - 1]++];
          if (order[w] < 0) {
            order[w] = low[w] = counter++;
            stack[top++] = w;
            onStack[w] = true;
            callVertex[depth] = w;
            callEdge[depth++] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], order[w]);
          }
          continue;
        }
        depth--;
        if (depth > 0) {
          int parent = callVertex[depth - 1];
          low[parent] = Math.min(low[parent], low[v]);
        }
        if (low[v] == order[v]) {
          int start = top;
          do {
            start--;
          } while (stack[start] != v);
          markComponent(stack, start, top, onStack, result);
          top = start;
        }
      }
    }
    return result;
  }

  /** Marks the component {@code stack[from, to)} as a cycle if it is one (2+ members or a self-reference). */
  private void markComponent(int[] stack, int from, int to, boolean[] onStack, String[] result) {
    List<Integer> members = new ArrayList<>();
    for (int k = from; k < to; k++) {
      onStack[stack[k]] = false;
      members.add(stack[k]);
    }
    int single = members.get(0);
    boolean cycle = members.size() > 1 || Arrays.stream(dependencies[single]).anyMatch(d -> d == single);
    if (!cycle) {
      return;
    }
    members.sort(Integer::compare);
    StringJoiner names = new StringJoiner(", ");
    members.forEach(m -> names.add(operations.get(m).bulkId() == null
        ? "Operations[" + m + "]" : BulkOperation.echo(operations.get(m).bulkId())));
    String description = names.toString();
    members.forEach(m -> result[m] = description);
  }
}
