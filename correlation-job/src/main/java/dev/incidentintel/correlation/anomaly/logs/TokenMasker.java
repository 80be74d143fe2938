package dev.incidentintel.correlation.anomaly.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a log message into tokens and masks the ones that are variables by shape: anything holding
 * a digit (numbers, ids, hex, IPs, timestamps, sizes), paths and URLs. Masking is by character
 * class rather than regular expressions so that the miner reaches hundreds of thousands of lines
 * per second; the rules are the same for every system (no per-source tuning).
 */
public final class TokenMasker {
    /** The wildcard written in templates, as in the Loghub ground truth. */
    public static final String WILDCARD = "<*>";

    private TokenMasker() {}

    /** Whitespace tokens of {@code message}, each variable token replaced by {@link #WILDCARD}. */
    public static String[] maskedTokens(String message) {
        List<String> out = new ArrayList<>(16);
        int n = message.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(message.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !isSpace(message.charAt(i))) {
                i++;
            }
            out.add(mask(message, start, i));
        }
        return out.toArray(new String[0]);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * The token {@code s[start, end)} with its variable parts masked: a path or URL, a month or
     * weekday name becomes one wildcard; otherwise each run between punctuation that holds a digit
     * is replaced, so {@code uid=0} becomes {@code uid=<*>} and keeps its key.
     */
    static String mask(String s, int start, int end) {
        char first = s.charAt(start);
        if ((first == '/' && end - start > 1)
                || contains(s, start, end, "://")
                || isCalendarWord(s, start, end)) {
            return WILDCARD;
        }
        StringBuilder out = null;
        int segStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || isDelimiter(s.charAt(i))) {
                if (hasDigit(s, segStart, i)) {
                    if (out == null) {
                        out = new StringBuilder(end - start + 4);
                        out.append(s, start, segStart);
                    }
                    out.append(WILDCARD);
                } else if (out != null) {
                    out.append(s, segStart, i);
                }
                if (i < end && out != null) {
                    out.append(s.charAt(i));
                }
                segStart = i + 1;
            }
        }
        if (out == null) {
            return s.substring(start, end);
        }
        String masked = out.toString();
        // Wildcards joined only by punctuation ("<*>:<*>", "<*>,<*>") are one variable of another
        // shape.
        return onlyWildcardsAndPunctuation(masked) ? WILDCARD : masked;
    }

    private static boolean onlyWildcardsAndPunctuation(String masked) {
        for (int i = 0; i < masked.length(); i++) {
            if (masked.startsWith(WILDCARD, i)) {
                i += WILDCARD.length() - 1;
            } else if (Character.isLetterOrDigit(masked.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDelimiter(char c) {
        return c == '=' || c == ':' || c == ',' || c == '(' || c == ')' || c == '[' || c == ']'
                || c == '{' || c == '}' || c == '"' || c == '\'' || c == ';' || c == '<'
                || c == '>';
    }

    private static boolean hasDigit(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String s, int start, int end, String needle) {
        int at = s.indexOf(needle, start);
        return at >= 0 && at + needle.length() <= end;
    }

    private static final String CALENDAR =
            "|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|";

    /** Three-letter month and weekday names: dates spelled out inside messages are variables. */
    private static boolean isCalendarWord(String s, int start, int end) {
        if (end - start != 3) {
            return false;
        }
        int at = CALENDAR.indexOf(s.substring(start, end));
        return at > 0 && CALENDAR.charAt(at - 1) == '|' && CALENDAR.charAt(at + 3) == '|';
    }
}
