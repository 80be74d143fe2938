package dev.incidentintel.correlation.anomaly.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming log template miner after Drain (He et al., ICWS 2017): a fixed-depth parse tree routes a
 * masked line by its token count and its first {@code depth - 2} tokens to a leaf, where the most
 * similar template absorbs it (positions that differ become {@code <*>}) or a new template starts.
 * Not thread-safe: one instance per stream partition (the Flink operator keeps one per service).
 */
public final class LogTemplateMiner implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String WILDCARD = TokenMasker.WILDCARD;

  private final MinerOptions options;
  private final Map<Integer, Node> byLength = new HashMap<>();
  private final List<Cluster> clusters = new ArrayList<>();
  private long tick;

  public LogTemplateMiner(MinerOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    this.options = options;
  }

  /** Adds one log message (header already stripped) and returns its template. */
  public MinedTemplate add(String message) {
    if (message == null) {
      throw new IllegalArgumentException("message must not be null");
    }
    String[] tokens = TokenMasker.maskedTokens(message);
    tick++;
    List<Cluster> leaf = leafFor(tokens);
    Cluster best = bestMatch(leaf, tokens);
    if (best == null) {
      if (leaf.size() >= options.maxTemplatesPerLeaf()) {
        evictLeastRecentlyUsed(leaf);
      }
      Cluster c = new Cluster(clusters.size(), tokens.clone());
      clusters.add(c);
      leaf.add(c);
      c.count = 1;
      c.lastUsed = tick;
      return new MinedTemplate(c.id, c.text(), c.count, true);
    }
    best.absorb(tokens);
    best.count++;
    best.lastUsed = tick;
    return new MinedTemplate(best.id, best.text(), best.count, false);
  }

  /** The current text of template {@code clusterId}. */
  public String template(int clusterId) {
    return clusters.get(clusterId).text();
  }

  /** Number of templates created so far (evicted ones included: ids are never reused). */
  public int templateCount() {
    return clusters.size();
  }

  private List<Cluster> leafFor(String[] tokens) {
    Node node = byLength.computeIfAbsent(tokens.length, k -> new Node());
    int inner = Math.min(options.depth() - 2, tokens.length);
    for (int i = 0; i < inner; i++) {
      String key = tokens[i];
      Node next = node.children.get(key);
      if (next == null) {
        if (!WILDCARD.equals(key) && node.children.size() >= options.maxChildren() - 1) {
          // A full node sends new tokens to its shared wildcard child (Drain's maxChild rule).
          key = WILDCARD;
          next = node.children.get(key);
        }
        if (next == null) {
          next = new Node();
          node.children.put(key, next);
        }
      }
      node = next;
    }
    if (node.leaf == null) {
      node.leaf = new ArrayList<>(4);
    }
    return node.leaf;
  }

  private Cluster bestMatch(List<Cluster> leaf, String[] tokens) {
    Cluster best = null;
    double bestSim = -1;
    int bestParams = -1;
    for (Cluster c : leaf) {
      String[] t = c.tokens;
      int same = 0;
      int params = 0;
      for (int i = 0; i < t.length; i++) {
        if (t[i] == WILDCARD || WILDCARD.equals(t[i])) {
          // A wildcard position already absorbs anything (Drain3's include-params similarity): lines
          // whose variables were masked still score as similar to their template.
          params++;
          same++;
        } else if (t[i].equals(tokens[i])) {
          same++;
        }
      }
      double sim = t.length == 0 ? 1.0 : (double) same / t.length;
      if (sim > bestSim || (sim == bestSim && params > bestParams)) {
        best = c;
        bestSim = sim;
        bestParams = params;
      }
    }
    if (best == null || bestSim < options.similarityThreshold()) {
      return null;
    }
    return best;
  }

  private static void evictLeastRecentlyUsed(List<Cluster> leaf) {
    int oldest = 0;
    for (int i = 1; i < leaf.size(); i++) {
      if (leaf.get(i).lastUsed < leaf.get(oldest).lastUsed) {
        oldest = i;
      }
    }
    leaf.remove(oldest);
  }

  private static final class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<String, Node> children = new HashMap<>(4);
    List<Cluster> leaf;
  }

  private static final class Cluster implements Serializable {
    private static final long serialVersionUID = 1L;
    final int id;
    final String[] tokens;
    long count;
    long lastUsed;
    private transient String text;

    Cluster(int id, String[] tokens) {
      this.id = id;
      this.tokens = tokens;
    }

    void absorb(String[] line) {
      for (int i = 0; i < tokens.length; i++) {
        if (!WILDCARD.equals(tokens[i]) && !tokens[i].equals(line[i])) {
          tokens[i] = WILDCARD;
          text = null;
        }
      }
    }

    String text() {
      if (text == null) {
        text = String.join(" ", tokens);
      }
      return text;
    }
  }
}
