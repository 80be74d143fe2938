package dev.incidentintel.triage.features;

import dev.incidentintel.triage.TriageInput;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import smile.util.SparseArray;

/**
 * Turns a {@link TriageInput} into hashed feature indices in {@code [0, 2^hashBits)}: stems of
 * title and description (title stems also get their own prefixed copy, since titles carry more
 * signal), adjacent stem pairs, and structured features as {@code name=value} indicators (severity,
 * source, environment, number of services, alert names, labels). Hashing bounds memory whatever the
 * vocabulary; collisions are the price and are rare at the default 2^16 width.
 */
public final class TicketFeaturizer {
    private final TextTokenizer tokenizer;
    private final int mask;
    private final boolean bigrams;
    private final int maxTokens;

    public TicketFeaturizer(TextTokenizer tokenizer, int hashBits, boolean bigrams, int maxTokens) {
        this.tokenizer = tokenizer;
        this.mask = (1 << hashBits) - 1;
        this.bigrams = bigrams;
        this.maxTokens = maxTokens;
    }

    /** Number of feature buckets. */
    public int dimension() {
        return mask + 1;
    }

    /** Sorted distinct indices of the features present (binary features). */
    public int[] binary(TriageInput in) {
        int[] all = raw(in);
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[i] != all[n - 1]) {
                all[n++] = all[i];
            }
        }
        return Arrays.copyOf(all, n);
    }

    /** Feature counts (for multinomial Naive Bayes). */
    public SparseArray counts(TriageInput in) {
        int[] all = raw(in);
        Arrays.sort(all);
        SparseArray sa = new SparseArray();
        for (int i = 0; i < all.length; ) {
            int j = i;
            while (j < all.length && all[j] == all[i]) {
                j++;
            }
            sa.append(all[i], j - i);
            i = j;
        }
        return sa;
    }

    private int[] raw(TriageInput in) {
        IntList out = new IntList();
        List<String> title = tokenizer.tokens(in.title(), maxTokens);
        addText(out, title, "");
        for (String t : title) {
            out.add(hash("t:" + t));
        }
        addText(out, tokenizer.tokens(in.description(), maxTokens), "");
        for (String a : in.alertNames()) {
            out.add(hash("alert=" + a.toLowerCase(Locale.ROOT)));
            addText(out, tokenizer.tokens(a, 16), "");
        }
        for (Map.Entry<String, String> e : in.labels().entrySet()) {
            out.add(hash("label:" + e.getKey() + "=" + e.getValue()));
        }
        structured(out, "severity", in.severity());
        structured(out, "source", in.source());
        structured(out, "environment", in.environment());
        if (!in.services().isEmpty()) {
            out.add(hash("services=" + Math.min(in.services().size(), 5)));
            for (String s : in.services()) {
                out.add(hash("service=" + s.toLowerCase(Locale.ROOT)));
            }
        }
        return out.toArray();
    }

    private void addText(IntList out, List<String> tokens, String prefix) {
        String prev = null;
        for (String t : tokens) {
            out.add(hash(prefix + t));
            if (bigrams && prev != null) {
                out.add(hash(prev + ' ' + t));
            }
            prev = t;
        }
    }

    private void structured(IntList out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.add(hash(name + "=" + value.trim().toLowerCase(Locale.ROOT)));
        }
    }

    private int hash(String s) {
        // String.hashCode is specified by the JLS, so indices are stable across JVMs and releases;
        // the murmur3 finaliser spreads its low bits before masking.
        int h = s.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & mask;
    }

    /** Growable int array: avoids boxing on the inference path. */
    private static final class IntList {
        private int[] a = new int[256];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
