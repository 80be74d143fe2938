package dev.incidentintel.correlation.anomaly.eval;

import dev.incidentintel.correlation.anomaly.logs.LogFormat;
import java.util.Map;

/**
 * Header layouts of the Loghub 2k systems, as documented by the logparser benchmark ({@code
 * logparser/Drain/benchmark.py}, {@code log_format} of each dataset). These describe how each
 * system writes its header (timestamp, level, component) and are a property of the data set; the
 * miner's own settings are the same for every system. Unknown systems are read whole-line.
 */
public final class LoghubLayout {
    private static final Map<String, String> FORMATS =
            Map.ofEntries(
                    Map.entry("HDFS", "<Date> <Time> <Pid> <Level> <Component>: <Content>"),
                    Map.entry(
                            "Hadoop",
                            "<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>"),
                    Map.entry("Spark", "<Date> <Time> <Level> <Component>: <Content>"),
                    Map.entry(
                            "Zookeeper",
                            "<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>"),
                    Map.entry(
                            "BGL",
                            "<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>"),
                    Map.entry("HPC", "<LogId> <Node> <Component> <State> <Time> <Flag> <Content>"),
                    Map.entry(
                            "Thunderbird",
                            "<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>(\\[<PID>\\])?: <Content>"),
                    Map.entry(
                            "Windows",
                            "<Date> <Time>, <Level>                  <Component>    <Content>"),
                    Map.entry(
                            "Linux",
                            "<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>"),
                    Map.entry(
                            "Android",
                            "<Date> <Time>  <Pid>  <Tid> <Level> <Component>: <Content>"),
                    Map.entry("HealthApp", "<Time>\\|<Component>\\|<Pid>\\|<Content>"),
                    Map.entry("Apache", "\\[<Time>\\] \\[<Level>\\] <Content>"),
                    Map.entry("Proxifier", "\\[<Time>\\] <Program> - <Content>"),
                    Map.entry(
                            "OpenSSH",
                            "<Date> <Day> <Time> <Component> sshd\\[<Pid>\\]: <Content>"),
                    Map.entry(
                            "OpenStack",
                            "<Logrecord> <Date> <Time> <Pid> <Level> <Component> \\[<ADDR>\\] <Content>"),
                    Map.entry(
                            "Mac",
                            "<Month>  <Date> <Time> <User> <Component>\\[<PID>\\]( \\(<Address>\\))?: <Content>"));

    private LoghubLayout() {}

    /** The header layout of {@code system} (a Loghub folder name), or whole-line when unknown. */
    public static LogFormat formatOf(String system) {
        String f = FORMATS.get(system);
        return f == null ? LogFormat.wholeLine() : LogFormat.of(f);
    }

    /** Drain's published grouping accuracy on loghub_2k (DRAIN_BENCHMARK_README.md), or NaN. */
    public static double publishedDrainAccuracy(String system) {
        return switch (system) {
            case "HDFS" -> 0.9975;
            case "Hadoop" -> 0.9475;
            case "Spark" -> 0.92;
            case "Zookeeper" -> 0.9665;
            case "BGL" -> 0.9625;
            case "HPC" -> 0.887;
            case "Thunderbird" -> 0.955;
            case "Windows" -> 0.997;
            case "Linux" -> 0.69;
            case "Android" -> 0.911;
            case "HealthApp" -> 0.78;
            case "Apache" -> 1.0;
            case "Proxifier" -> 0.5265;
            case "OpenSSH" -> 0.7875;
            case "OpenStack" -> 0.7325;
            case "Mac" -> 0.7865;
            default -> Double.NaN;
        };
    }
}
