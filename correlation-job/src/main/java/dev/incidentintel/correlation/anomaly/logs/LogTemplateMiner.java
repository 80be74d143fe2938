package dev.incidentintel.correlation.anomaly.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming log template miner after Drain (He et al., ICWS 2017): a fixed-depth parse tree routes
 * a masked line by its token count and its first {@code depth - 2} tokens to a leaf, where the most
 * similar template absorbs it (positions that differ become {@code <*>}) or a new template starts.
 * Beyond Drain, with the same rules for every source: two different plain words at a position are
 * two events, not a variable (unless they follow a naming noun such as {@code user}); {@code key=a}
 * and {@code key=b} generalise to {@code key=<*>}, and an empty {@code key=} is another event; a
 * template's text writes a run of adjacent wildcards once, so lists of any length read the same.
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
                    // A full node sends new tokens to its shared wildcard child (Drain's maxChild
                    // rule).
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
        leaves:
        for (Cluster c : leaf) {
            String[] t = c.tokens;
            int same = 0;
            int params = 0;
            for (int i = 0; i < t.length; i++) {
                if (t[i] == WILDCARD || WILDCARD.equals(t[i])) {
                    // A wildcard position already absorbs anything (Drain3's include-params
                    // similarity): lines
                    // whose variables were masked still score as similar to their template.
                    params++;
                    same++;
                } else if (t[i].equals(tokens[i])) {
                    same++;
                } else if (isKeyedWildcard(t[i], tokens[i])) {
                    params++;
                    same++;
                } else if (conflicts(t, tokens, i)) {
                    continue leaves;
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

    /**
     * True when template token {@code t} is {@code key=<*>} and line token {@code l} gives the same
     * key a non-empty value.
     */
    private static boolean isKeyedWildcard(String t, String l) {
        int k = keyLength(t, l);
        return k > 0
                && t.length() == k + WILDCARD.length()
                && t.endsWith(WILDCARD)
                && l.length() > k;
    }

    /**
     * True when position {@code i} differs in a way that makes the line a different event, not a
     * variable: two different plain words (letters and underscores, e.g. {@code Started} vs {@code
     * Paused}, {@code NEW} vs {@code RUNNING}), unless they follow a naming noun such as {@code
     * user}; or a {@code key=} field that is empty on one side only.
     */
    private static boolean conflicts(String[] t, String[] line, int i) {
        int k = keyLength(t[i], line[i]);
        if (k > 0) {
            return (t[i].length() == k) != (line[i].length() == k);
        }
        return isWord(t[i]) && isWord(line[i]) && !(i > 0 && isNamingNoun(t[i - 1]));
    }

    /** Length of the {@code key=} prefix two tokens share (through the {@code =}), 0 when none. */
    static int keyLength(String a, String b) {
        int eq = a.indexOf('=');
        if (eq <= 0 || b.length() <= eq || b.charAt(eq) != '=' || !a.regionMatches(0, b, 0, eq)) {
            return 0;
        }
        return eq + 1;
    }

    /** A word of at least two letters or underscores, trailing {@code .,;:} ignored. */
    static boolean isWord(String s) {
        int n = s.length();
        while (n > 0 && ".,;:".indexOf(s.charAt(n - 1)) >= 0) {
            n--;
        }
        if (n < 2) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetter(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Nouns whose next word is a name (a value), not part of the event: {@code user cyrus}, {@code
     * host db1}.
     */
    private static boolean isNamingNoun(String token) {
        return token.equalsIgnoreCase("user")
                || token.equalsIgnoreCase("host")
                || token.equalsIgnoreCase("domain");
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
                    // key=a and key=b keep their key: key=<*>.
                    int k = keyLength(tokens[i], line[i]);
                    String wildcard = k > 0 ? tokens[i].substring(0, k) + WILDCARD : WILDCARD;
                    if (!wildcard.equals(tokens[i])) {
                        tokens[i] = wildcard;
                        text = null;
                    }
                }
            }
        }

        /**
         * Tokens joined by one space, a run of adjacent wildcards written once (a variable-length
         * list).
         */
        String text() {
            if (text == null) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < tokens.length; i++) {
                    if (i > 0 && WILDCARD.equals(tokens[i]) && WILDCARD.equals(tokens[i - 1])) {
                        continue;
                    }
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(tokens[i]);
                }
                text = sb.toString();
            }
            return text;
        }
    }
}
